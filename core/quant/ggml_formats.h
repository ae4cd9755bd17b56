#pragma once
// The ggml block types as number formats (quant/number_format.h's FormatFamily::Ggml): which
// ggml type a format is, and each decoded sub-block's grid as the QuantParams every view draws.
//
//   integer levels (Q4_0 … Q6_K, TQ1_0, TQ2_0)  R′ = (q − Z)·Scale [+ addend]
//       Z = the code of level 0 (Q4_0 8, Q6_K 32, Q8_0 0 on codes −128..127), addend = the
//       stored minimum of Q4_1/Q5_1 (m) and of the k-quants (−dmin·m)
//   table levels (IQ4_NL, IQ4_XS, MXFP4, NVFP4)   R′ = table(q)·Scale (a Codebook element)

#include "ggml/block_codec.h"
#include "quant/number_format.h"
#include "quant/quant_params.h"

#include <span>
#include <vector>

namespace qs {

bool isGgmlFormat(NumberFormat format);

// Precondition: isGgmlFormat(format).
const ggml::TypeInfo& ggmlTypeOf(NumberFormat format);

// The format of a ggml block type, if QuantScope quantizes into it.
std::optional<NumberFormat> formatOfGgmlType(const ggml::TypeInfo& type);

// The element every sub-block of `type` shares.
ElementType ggmlElementType(const ggml::TypeInfo& type);

// One QuantParams per decoded grid; clipMin/clipMax are the grid's representable ends.
std::vector<QuantParams> ggmlGridParams(const ggml::TypeInfo& type,
                                        std::span<const ggml::SubBlockGrid> grids);

} // namespace qs
