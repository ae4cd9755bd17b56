#pragma once
// Named schemes as frameworks ship them. Each sets the scheme, grid, rounding, granularity and
// the framework's own arithmetic (Convention), so QuantScope reproduces its numbers.

#include "quant/quant_spec.h"

#include <optional>
#include <span>
#include <string_view>

namespace qs {

struct SchemePreset
{
    std::string_view name;        // the id the CLI and sessions use
    std::string_view title;       // what the window shows, translatable
    std::string_view description; // what it sets and why
    QuantSpec spec;
};

std::span<const SchemePreset> schemePresets();
std::optional<QuantSpec> schemePreset(std::string_view name);

} // namespace qs
