#pragma once
// The two layouts of a torch.save file: finding and running its pickle, then finding each
// storage's bytes in the mapped file.
// - zip (torch >= 1.6): NAME/data.pkl read through libzip; the storages are the records
//   NAME/data/KEY, stored uncompressed, used in place; NAME/byteorder says "little" or "big".
// - legacy (torch < 1.6): a pickled magic number, protocol version 1001 and system info, the
//   object's pickle, a pickled list of storage keys, then each of those storages as an 8-byte
//   element count and its raw bytes.
// Rules from torch/serialization.py (_save, _legacy_save and their loaders).

#include "common/error.h"
#include "io/dtype_convert.h"
#include "io/mapped_file.h"
#include "io/pickle/pickle_graph.h"
#include "io/torch/torch_pickle.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace qs::torch_file {

struct TorchPickle
{
    Layout layout = Layout::Zip;
    pickle::Graph graph;
    pickle::NodeId root = 0;
    TorchHost host{Layout::Zip};
    ByteOrder order = ByteOrder::Little;
    std::string prefix;                  // zip: the records' folder ("archive/")
    std::uint64_t legacyDataStart = 0;   // legacy: where the storages begin
    std::vector<std::string> legacyKeys; // legacy: the storages in the order they follow
};

// Errors: BadMagic (neither layout), UnsafeContent (the pickle names code), BadHeader /
// Truncated (a malformed pickle or archive), all naming the file.
Result<TorchPickle> readTorchPickle(const MappedFile& file);

struct StorageBytes
{
    Layout layout = Layout::Zip;
    ByteOrder order = ByteOrder::Little;
    // Per storage record: its bytes in the mapped file (roots only; legacy views have none).
    std::vector<std::optional<std::span<const std::byte>>> data;
    std::vector<std::string> missing; // why data[i] is absent
    std::vector<ErrorCode> missingCode;

    // The bytes storage `index` covers (a legacy view: its part of the root), or why not.
    Result<std::span<const std::byte>> window(const std::vector<StorageRecord>& storages,
                                              std::size_t index) const;
};

// Storages whose bytes are absent or short are not an error here: the tensors on them are
// listed and refused when loaded. Errors: a malformed zip directory or legacy storage header.
Result<StorageBytes> locateStorages(const MappedFile& file, const TorchPickle& pickled);

} // namespace qs::torch_file
