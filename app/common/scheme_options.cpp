#include "common/scheme_options.h"

#include "common/cli_support.h"

namespace qs::cli {

void addSchemeOptions(CLI::App& command, SchemeOptions& o)
{
    const std::string group = "Quantization scheme";
    command
        .add_option("--scheme", o.scheme,
                    "general (一般过程), symmetric (对称量化) or asymmetric (非对称量化)")
        ->check(memberOf(schemeNames()))
        ->capture_default_str()
        ->group(group);
    command.add_option("--bits", o.bits, "Bit width")
        ->check(CLI::Range(kMinBits, kMaxBits))
        ->capture_default_str()
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
                    "half-even (np.round), half-away (roundf), half-up, floor, stochastic")
        ->check(memberOf(roundingNames()))
        ->capture_default_str()
        ->group(group);
    command.add_option("--rounding-seed", o.roundingSeed, "Seed of stochastic rounding")
        ->group(group);
    command
        .add_option("--zero-point-anchor", o.zeroPointAnchor,
                    "Asymmetric Z from Rmax (tutorial) or Rmin (PyTorch/ONNX)")
        ->check(memberOf(zeroPointAnchorNames()))
        ->capture_default_str()
        ->group(group);
    command.add_option("--calibration", o.calibration, "Range estimator")
        ->check(memberOf(calibrationNames()))
        ->capture_default_str()
        ->group(group);
}

QuantSpec makeQuantSpec(const SchemeOptions& o)
{
    QuantSpec spec;
    spec.scheme = *schemeFromName(o.scheme); // validated by the option's check
    spec.bits = o.bits;
    spec.isSigned = !o.isUnsigned;
    if (o.narrowRange) {
        spec.narrowRange = true;
    } else if (o.fullRange) {
        spec.narrowRange = false;
    }
    spec.rounding = *roundingFromName(o.rounding);
    spec.roundingSeed = o.roundingSeed;
    spec.zeroPointAnchor = *zeroPointAnchorFromName(o.zeroPointAnchor);
    spec.calibration.method = *calibrationFromName(o.calibration);
    return spec;
}

} // namespace qs::cli
