#pragma once
// How the window names the scale fields of a ggml block type (ggml/block_scales.h): the scale
// plot's title ("q4_k: fp16 d and dmin per 256 values, 6-bit scale and minimum codes per 32"),
// a sub-block code with the factor it applies, and the fields of one picked sub-block.

#include "ggml/block_scales.h"

#include <QString>

#include <cstddef>
#include <cstdint>

namespace qs::ui {

// What `type` stores besides its codes, led by its name.
QString ggmlScaleLayoutText(const ggml::TypeInfo& type);

// "37", or "37 (factor 5)" where the field is stored as factor + bias.
QString subScaleCodeText(std::int32_t code, std::int32_t bias);

// The stored fields of grid `grid` and how they make its scale (and minimum):
// "super-block 2, sub-block 5 of 8: d 0.0012 (fp16 0x1A3B) × scale code 37 = 0.0444;
// dmin 0.00031 × minimum code 12 = 0.0037, subtracted".
QString ggmlGridFieldsText(const ggml::TypeInfo& type, const ggml::GridScaleFields& fields,
                           std::size_t grid);

} // namespace qs::ui
