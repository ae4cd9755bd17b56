#pragma once
// A tensor quantized into a ggml block type: the blocks exactly as ggml stores them (rows along
// the last axis, row after row — what `--dump-blocks` writes and a GGUF file holds), and their
// decoding: each value's code, R′ as ggml dequantizes it, and each sub-block's grid.

#include "common/error.h"
#include "common/progress.h"
#include "ggml/block_codec.h"
#include "quant/quant_params.h"

#include <cstddef>
#include <span>
#include <vector>

namespace qs {

struct GgmlQuantization
{
    std::vector<std::byte> blocks;
    std::vector<std::int32_t> codes;
    std::vector<float> dequantized;
    std::vector<QuantParams> params; // one per sub-block (quant/ggml_formats.h)
};

// Rows of `rowLength` values (a whole number of the type's blocks), quantized on `threads`
// threads (0 = automatic) — the bytes are the same for any count. `importance`: empty, or one
// weight per value of a row; or k such slices for a tensor of k matrices (an expert tensor
// [k, rows, rowLength]: matrix m's rows use slice m). Errors: InvalidArgument (row length,
// importance size), Cancelled.
Result<GgmlQuantization> quantizeToGgml(std::span<const float> values, std::size_t rowLength,
                                        const ggml::TypeInfo& type,
                                        std::span<const float> importance = {},
                                        unsigned threads = 0, const ProgressFn& progress = {});

// Decodes stored blocks of `type` (a whole number of them) into codes, R′ and grids.
Result<GgmlQuantization> decodeGgml(std::span<const std::byte> blocks, const ggml::TypeInfo& type,
                                    unsigned threads = 0);

} // namespace qs
