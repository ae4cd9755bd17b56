#pragma once
// Typed warnings: results that are valid but deserve the user's attention.

#include "common/translatable.h"

#include <string>
#include <vector>

namespace qs {

enum class WarningCode
{
    NonFiniteValues,  // NaN/Inf present: counted, excluded from ranges and metrics
    ScaleFloored,     // zero or vanishing range: scale raised to the documented floor
    ZeroPointOutside, // asymmetric zero point outside [Qmin, Qmax]: real 0 not representable
    ZeroPointInexact, // zero point too large to be exact in float32 element arithmetic
    // outliers (> 6σ) set a scale that sends ≥ 25% of non-zero values to the zero code
    CodeCollapse,
    TrailingData,     // a file holds bytes after the tensor data
    AlreadyQuantized, // the file stored integer codes and a scale: the values sit on a grid
    RowLeftOut,       // a shoot-out row the tensor cannot take (per channel on one axis)
    BeyondFloat32,    // a text number beyond float32's range, read as ±inf
    ZeroChannels,     // SmoothQuant: input channels zero in X or W, given s_j = 1
};

struct Warning
{
    WarningCode code;
    std::string message; // in English, as the command line prints it
    // The message as a pattern with %1, %2, ... for `args`, marked QS_TRANSLATABLE("Warning"),
    // so the window can show it in its language.
    std::string pattern{};
    std::vector<std::string> args{};
    std::size_t groups = 1; // how many channels or groups had it

    friend bool operator==(const Warning&, const Warning&) = default;
};

// A warning whose message is `pattern` filled with `args`.
Warning makeWarning(WarningCode code, std::string pattern, std::vector<std::string> args);

// Appended to a per-group warning's message (%1: how many groups had it).
inline constexpr const char* kInGroupsPattern = QS_TRANSLATABLE("Warning", " (in %1 groups)");

using Warnings = std::vector<Warning>;

} // namespace qs
