#pragma once
// Names for the tensors of an unpickled torch.save object: nested state dicts
// ({"model": {"layer.weight": ...}, "optimizer": ...}) become "model.layer.weight", list items
// their index, a bare tensor "tensor"; the other leaves (epochs, names, learning rates) become
// metadata under their names.

#include "common/error.h"
#include "io/pickle/pickle_graph.h"
#include "io/tensor_archive.h"

#include <cstddef>
#include <string>
#include <vector>

namespace qs::torch_file {

struct NamedTensor
{
    std::string name;
    std::size_t tensor = 0; // TorchHost::tensors() index
};

struct StateNames
{
    std::vector<NamedTensor> tensors; // in the pickle's order; a repeated name keeps its place
    Metadata metadata;
    std::size_t metadataLeftOut = 0; // leaves beyond the cap on metadata entries
};

// Walks `root` at most 64 containers deep (deeper: BadHeader naming `file`); a container the
// pickle reaches twice (shared, or a cycle through the memo) is walked once.
Result<StateNames> nameState(const pickle::Graph& graph, pickle::NodeId root,
                             const std::string& file);

} // namespace qs::torch_file
