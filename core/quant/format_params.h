#pragma once
// The scales of the minifloat, MX, NVFP4 and bitsandbytes formats for every block: from each
// block's amax to the QuantParams of its grid, each rule as FORMATS.md fixes it (and
// quant/number_format.h sums up). All arithmetic is float32, in the order the frameworks use.

#include "common/error.h"
#include "common/warning.h"
#include "quant/quant_params.h"
#include "quant/quant_spec.h"

#include <optional>
#include <span>
#include <vector>

namespace qs {

// One block as the scale rules see it.
struct BlockAmax
{
    double amax = 0;        // max |x| of its finite values, or the calibrated threshold
    bool nonFinite = false; // it holds NaN or ±Inf (an MX scale is then NaN)
};

struct FormatChoice
{
    std::vector<QuantParams> params; // one per block
    // NVFP4: the per-tensor decode scale (Transformer Engine's S_dec = 1/S_enc, ModelOpt's
    // wsf2, torchao's per_tensor_scale) and the amax it came from.
    std::optional<double> tensorScale;
    std::optional<double> tensorAmax;
    Warnings warnings;
};

// The element type `spec`'s format stores.
ElementType elementTypeOf(const FormatSpec& format);

// `tensorAmax` is NVFP4's: max |x| of the tensor, or its calibrated threshold.
// Errors: InvalidArgument when spec is the integer grid (chooseParams computes that).
Result<FormatChoice> chooseFormatParams(const QuantSpec& spec, std::span<const BlockAmax> blocks,
                                        double tensorAmax);

// The spec as an analysis of its format applies it: for a minifloat, MX, NVFP4 or bitsandbytes
// format the integer grid's fields say what the format does (symmetric, the element's bits,
// signed, full range, ties to even or away) and the granularity is the format's own blocks
// (group, with their size; bitsandbytes' blocks run over the flattened tensor). The integer grid
// is returned as it is.
QuantSpec resolvedSpec(const QuantSpec& spec);

// Effective bits per value of `count` values in `groups` groups, scales included:
//     element bits + (groups · (scale bits [+ zero-point bits]) [+ 32 for NVFP4's tensor scale]) / count
// The integer grid's scale costs what its storage holds (the tutorial's double 64, PyTorch's
// float32 32, llama.cpp's float16 16) and an asymmetric zero point as much again.
double bitsPerValue(const QuantSpec& spec, std::size_t groups, std::size_t count);

// The scale's storage as JSON and reports name it: "float64", "float32", "float16", "e8m0",
// "e4m3+float32".
std::string_view scaleFormatName(const QuantSpec& spec);

} // namespace qs
