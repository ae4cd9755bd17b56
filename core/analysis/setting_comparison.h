#pragma once
// One tensor under one setting varied, everything else as the user has it: the three schemes,
// every calibration method, or the three granularities side by side. A column that does not
// apply (KL calibration of a number format, channels of a 1-D tensor) carries the reason
// instead of numbers; the others still run.

#include "analysis/analyze.h"
#include "common/progress.h"
#include "tensor/tensor.h"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace qs {

enum class CompareAcross
{
    Schemes,       // general, symmetric, asymmetric
    Calibrations,  // minmax, percentile, mse, kl, aciq-gauss, aciq-laplace (and manual if set)
    Granularities, // per tensor, per channel (axis 0), per group along the last axis
};

std::string_view compareAcrossName(CompareAcross across); // "schemes", ...
std::optional<CompareAcross> compareAcrossFromName(std::string_view name);
std::span<const char* const> compareAcrossNames();

struct SettingColumn
{
    std::string name; // "symmetric", "kl", "group of 32"
    QuantSpec spec;
    std::optional<Metrics> metrics; // nullopt: the setting does not apply, see error
    std::string error;
    bool current = false; // the spec's own setting
};

// The specs compared: `spec` with the one setting changed, in the order above. A granularity
// keeps spec's group size and axis when spec has them (else 32 and axis 0).
std::vector<SettingColumn> comparedSettings(const QuantSpec& spec, std::size_t rank,
                                            CompareAcross across);

// Every column analysed. Errors: Cancelled only; a column's own failure is its error.
Result<std::vector<SettingColumn>> compareSettings(TensorView tensor, const QuantSpec& spec,
                                                   CompareAcross across,
                                                   const ProgressFn& progress = {});

} // namespace qs
