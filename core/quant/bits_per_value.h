#pragma once
// Bits per value as the scheme panel shows them: on the tensor being analysed, or before one is
// known in the limit of a large tensor. Both come from bitsPerValue (quant/format_params.h), so
// the panel, the JSON and the reports agree.

#include "common/error.h"
#include "quant/quant_spec.h"
#include "tensor/tensor.h"

namespace qs {

// `spec` on a tensor of `shape`: bitsPerValue over the groups makeGroupLayout makes of it.
// Errors: those of makeGroupLayout (a channel axis outside the shape, a bad block size).
Result<double> bitsPerValueOn(const QuantSpec& spec, const Shape& shape);

// As the tensor grows without bound: scales of blocks of B values (groups, MX, NVFP4 and
// bitsandbytes blocks) cost their bits / B per value; the scales of a number of groups that does
// not grow (one per tensor or channel, NVFP4's tensor scale) cost nothing.
//     INT8 per tensor 8, INT4 groups of 128 with float16 scales 4.125, MXFP4 4.25, NVFP4 4.5
double asymptoticBitsPerValue(const QuantSpec& spec);

} // namespace qs
