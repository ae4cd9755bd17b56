#include "common/scheme_options.h"

#include "common/cli_support.h"
#include "quant/presets.h"

#include <vector>

namespace qs::cli {

void addSchemeOptions(CLI::App& command, SchemeOptions& o)
{
    const std::string group = "Quantization scheme";
    std::vector<std::string> presets;
    for (const SchemePreset& preset : schemePresets()) {
        presets.emplace_back(preset.name);
    }
    command
        .add_option("--preset", o.preset,
                    "A framework's scheme (options given as well override it)")
        ->check(CLI::IsMember(presets))
        ->group(group);
    command
        .add_option("--scheme", o.scheme,
                    "general (一般过程), symmetric (对称量化, default) or asymmetric (非对称量化)")
        ->check(memberOf(schemeNames()))
        ->group(group);
    command.add_option("--bits", o.bits, "Bit width (default 8)")
        ->check(CLI::Range(kMinBits, kMaxBits))
        ->group(group);
    command.add_flag("--unsigned", o.isUnsigned, "Unsigned codes 0..2^b-1 (default signed)")
        ->group(group);
    auto* narrow = command
                       .add_flag("--narrow-range", o.narrowRange,
                                 "Drop the lowest code (default for symmetric: -127..127)")
                       ->group(group);
    auto* full = command
                     .add_flag("--full-range", o.fullRange,
                               "Keep the lowest code (default for general and asymmetric)")
                     ->group(group);
    narrow->excludes(full);
    command
        .add_option("--rounding", o.rounding,
                    "half-even (np.round, default), half-away (roundf), half-up, floor, stochastic")
        ->check(memberOf(roundingNames()))
        ->group(group);
    command.add_option("--rounding-seed", o.roundingSeed, "Seed of stochastic rounding")
        ->group(group);
    command
        .add_option("--zero-point-anchor", o.zeroPointAnchor,
                    "Asymmetric Z from Rmax (tutorial, default) or Rmin (PyTorch/ONNX)")
        ->check(memberOf(zeroPointAnchorNames()))
        ->group(group);

    const std::string calibration = "Calibration";
    command
        .add_option(
            "--calibration", o.calibration,
            "Range estimator: minmax (default), percentile, mse, kl, aciq-gauss, aciq-laplace")
        ->check(memberOf(calibrationNames()))
        ->group(calibration);
    command.add_option("--percentile", o.percentile, "percentile: P (default 99.99)")
        ->group(calibration);
    command.add_option("--kl-bins", o.klBins, "kl: histogram bins over [0, max|R|] (default 2048)")
        ->group(calibration);
    command
        .add_option("--kl-start-bin", o.klStartBin, "kl: first threshold bin tried (default 128)")
        ->group(calibration);
    command.add_option("--kl-levels", o.klLevels, "kl: quantized levels (default 2^(bits-1))")
        ->group(calibration);

    const std::string granularity = "Granularity";
    command.add_option("--granularity", o.granularity, "tensor (default), channel or group")
        ->check(memberOf(granularityNames()))
        ->group(granularity);
    command
        .add_option("--axis", o.axis,
                    "channel: the channel axis (default 0; negative counts from the end)")
        ->group(granularity);
    command
        .add_option("--group-size", o.groupSize,
                    "group: values per group along the last axis (default 32)")
        ->check(CLI::Range(1, 1 << 24))
        ->group(granularity);
}

bool anySchemeOption(const SchemeOptions& o)
{
    return !o.preset.empty() || o.scheme || o.bits || o.isUnsigned || o.narrowRange ||
           o.fullRange || o.rounding || o.roundingSeed || o.zeroPointAnchor || o.calibration ||
           o.percentile || o.klBins || o.klStartBin || o.klLevels || o.granularity || o.axis ||
           o.groupSize;
}

Result<QuantSpec> makeQuantSpec(const SchemeOptions& o)
{
    QuantSpec spec;
    if (!o.preset.empty()) {
        const auto preset = schemePreset(o.preset);
        if (!preset) {
            return fail(ErrorCode::InvalidArgument, "unknown preset '" + o.preset + "'");
        }
        spec = *preset;
    }
    // Names were checked by the options' validators.
    if (o.scheme) {
        spec.scheme = *schemeFromName(*o.scheme);
        spec.narrowRange.reset(); // the new scheme's own default, unless asked below
    }
    if (o.bits) {
        spec.bits = *o.bits;
    }
    if (o.isUnsigned) {
        spec.isSigned = false;
    }
    if (o.narrowRange) {
        spec.narrowRange = true;
    } else if (o.fullRange) {
        spec.narrowRange = false;
    }
    if (o.rounding) {
        spec.rounding = *roundingFromName(*o.rounding);
    }
    if (o.roundingSeed) {
        spec.roundingSeed = *o.roundingSeed;
    }
    if (o.zeroPointAnchor) {
        spec.zeroPointAnchor = *zeroPointAnchorFromName(*o.zeroPointAnchor);
    }
    if (o.calibration) {
        spec.calibration.method = *calibrationFromName(*o.calibration);
    }
    spec.calibration.percentile = o.percentile.value_or(spec.calibration.percentile);
    spec.calibration.klBins = o.klBins.value_or(spec.calibration.klBins);
    spec.calibration.klStartBin = o.klStartBin.value_or(spec.calibration.klStartBin);
    spec.calibration.klLevels = o.klLevels.value_or(spec.calibration.klLevels);
    if (o.granularity) {
        spec.granularity = *granularityFromName(*o.granularity);
    }
    spec.axis = o.axis.value_or(spec.axis);
    spec.groupSize = o.groupSize.value_or(spec.groupSize);
    // An argument for another method or granularity than the one in force would be ignored;
    // say so instead.
    const auto misplaced = [](const char* option, const char* needs) {
        return fail(ErrorCode::InvalidArgument,
                    std::string(option) + " applies only with " + needs);
    };
    if (o.percentile && spec.calibration.method != CalibrationMethod::Percentile) {
        return misplaced("--percentile", "--calibration percentile");
    }
    if ((o.klBins || o.klStartBin || o.klLevels) &&
        spec.calibration.method != CalibrationMethod::Kl) {
        return misplaced(o.klBins       ? "--kl-bins"
                         : o.klStartBin ? "--kl-start-bin"
                                        : "--kl-levels",
                         "--calibration kl");
    }
    if (o.axis && spec.granularity != Granularity::Channel) {
        return misplaced("--axis", "--granularity channel");
    }
    if (o.groupSize && spec.granularity != Granularity::Group) {
        return misplaced("--group-size", "--granularity group");
    }
    return spec;
}

} // namespace qs::cli
