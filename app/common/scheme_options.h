#pragma once
// --preset, --scheme, --bits, --unsigned, --narrow-range/--full-range, --rounding,
// --zero-point-anchor, --calibration (with its arguments), --granularity and --format (with its
// variant options): the QuantSpec. A preset gives the starting point; any option given
// explicitly overrides it. An option that does not apply to the format in force is refused.

#include "common/error.h"
#include "quant/quant_spec.h"

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

namespace qs::cli {

struct SchemeOptions
{
    std::string preset;
    std::optional<std::string> scheme;
    std::optional<int> bits;
    bool isUnsigned = false;
    bool narrowRange = false;
    bool fullRange = false;
    std::optional<std::string> rounding;
    std::optional<std::uint64_t> roundingSeed;
    std::optional<std::string> zeroPointAnchor;
    std::optional<std::string> calibration;
    std::optional<double> percentile;
    std::optional<double> clipMin; // manual calibration
    std::optional<double> clipMax;
    std::optional<std::string> klVariant;
    std::optional<std::string> percentileVariant;
    std::optional<std::string> mseVariant;
    std::optional<int> klBins;
    std::optional<int> klStartBin;
    std::optional<int> klLevels;
    std::optional<std::string> granularity;
    std::optional<int> axis;
    std::optional<int> groupSize;
    // The number format and its variant options (quant/number_format.h).
    std::optional<std::string> format;
    bool noScale = false;
    std::optional<std::string> overflow;
    std::optional<std::string> mxScale;
    std::optional<std::string> elementRounding;
    std::optional<std::string> nvfp4Flavour;
    std::optional<int> blockSize;
    std::optional<std::string> bnbBackend;
    std::optional<std::string> scaleFormat;
};

// `formatOption` names the number-format option: "--format,--number-format" everywhere but in
// `report`, whose --format is the document's and which takes --number-format alone.
void addSchemeOptions(CLI::App& command, SchemeOptions& options,
                      const std::string& formatOption = "--format,--number-format");
// Errors: InvalidArgument (usage) for an unknown preset.
Result<QuantSpec> makeQuantSpec(const SchemeOptions& options);
// The options that make `spec` again (makeQuantSpec of them gives it back), defaults left out:
// "--format mxfp4", "--scheme asymmetric --bits 4 --granularity group --group-size 64 ...".
std::vector<std::string> schemeArguments(const QuantSpec& spec);
// The same as one line, for a person to paste after `quantscope-cli analyze`.
std::string schemeArgumentLine(const QuantSpec& spec);
// Whether any scheme option was given (the window starts on its demo otherwise).
bool anySchemeOption(const SchemeOptions& options);

} // namespace qs::cli
