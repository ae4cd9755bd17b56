#pragma once
// --scheme, --bits, --unsigned, --narrow-range/--full-range, --rounding, --zero-point-anchor,
// --calibration: the QuantSpec.

#include "common/error.h"
#include "quant/quant_spec.h"

#include <CLI/CLI.hpp>

#include <string>

namespace qs::cli {

struct SchemeOptions
{
    std::string scheme = "symmetric";
    int bits = 8;
    bool isUnsigned = false;
    bool narrowRange = false;
    bool fullRange = false;
    std::string rounding = "half-even";
    std::uint64_t roundingSeed = 0;
    std::string zeroPointAnchor = "max";
    std::string calibration = "minmax";
};

void addSchemeOptions(CLI::App& command, SchemeOptions& options);
QuantSpec makeQuantSpec(const SchemeOptions& options);

} // namespace qs::cli
