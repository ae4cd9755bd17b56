#pragma once
// Typed warnings: results that are valid but deserve the user's attention.

#include <string>
#include <vector>

namespace qs {

enum class WarningCode
{
    NonFiniteValues,  // NaN/Inf present: counted, excluded from ranges and metrics
    ScaleFloored,     // zero or vanishing range: scale raised to the documented floor
    ZeroPointOutside, // asymmetric zero point outside [Qmin, Qmax]: real 0 not representable
    ZeroPointInexact, // zero point too large to be exact in float32 element arithmetic
    CodeCollapse, // outliers (> 6σ) set a scale that sends ≥ 25% of non-zero values to the zero
                  // code
    TrailingData, // a file holds bytes after the tensor data
    AlreadyQuantized, // the file stored integer codes and a scale: the values sit on a grid
};

struct Warning
{
    WarningCode code;
    std::string message;

    friend bool operator==(const Warning&, const Warning&) = default;
};

using Warnings = std::vector<Warning>;

} // namespace qs
