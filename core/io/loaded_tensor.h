#pragma once

#include "common/warning.h"
#include "tensor/tensor.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace qs {

// A tensor a file stores in one of ggml's block types: its blocks as stored (ggml/block_codec.h),
// which the analysis of that type measures as they are instead of quantizing again.
struct StoredGgmlBlocks
{
    std::uint32_t type = 0; // ggml_type
    std::vector<std::byte> bytes;
};

// A tensor read from a file, with what the reader noticed but did not refuse.
struct LoadedTensor
{
    Tensor tensor;
    Warnings warnings;
    std::optional<StoredGgmlBlocks> storedBlocks{}; // the values are their decoding
};

} // namespace qs
