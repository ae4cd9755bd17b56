#pragma once
// The value tables of ggml's non-linear block types, indexed by the stored 4-bit code.

#include <array>
#include <cstdint>

namespace qs::ggml {

// IQ4_NL and IQ4_XS (ggml's kvalues_iq4nl).
inline constexpr std::array<std::int8_t, 16> kIq4Levels{-127, -104, -83, -65, -49, -35, -22, -10,
                                                        1,    13,   25,  38,  53,  69,  89,  113};

// MXFP4 and NVFP4: E2M1's values doubled (ggml's kvalues_mxfp4), so that they are integers; the
// scale carries the factor ½ back.
inline constexpr std::array<std::int8_t, 16> kE2m1DoubledLevels{0, 1,  2,  3,  4,  6,  8,  12,
                                                                0, -1, -2, -3, -4, -6, -8, -12};

} // namespace qs::ggml
