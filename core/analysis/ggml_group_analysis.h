#pragma once
// One sub-block of a tensor quantized into a ggml block type, analysed as a tensor of its own
// (the Channels view's picked block). Its codes and R′ are read from the blocks, not chosen again:
// ggml's quantizer does not round R/Scale (its scale searches pick the codes with the scales),
// and the grid of a type with a stored minimum (Q4_1, the k-quants) is R′ = Scale·q + addend,
// which the rounding pass of analyzeWithParams does not evaluate.

#include "analysis/analyze.h"

#include <cstddef>
#include <span>

namespace qs {

// `group` holds the values of sub-block `index` of `blocks` (spec.format's ggml type, stored row
// after row as analysis/ggml_quantization.h describes). Errors: InvalidArgument when spec is not
// a ggml format, `group` is not one sub-block's length, or the blocks do not reach `index`.
// Defined in analyze.cpp beside the whole tensor's ggml measurement, whose warnings it shares.
Result<Analysis> analyzeGgmlGroup(TensorView group, const QuantSpec& spec,
                                  std::span<const std::byte> blocks, std::size_t index,
                                  const AnalysisOptions& options = {});

} // namespace qs
