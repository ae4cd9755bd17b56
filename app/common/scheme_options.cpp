#include "common/scheme_options.h"

#include "calibrate/calibrate.h"
#include "calibrate/format_calibration.h"
#include "common/cli_support.h"
#include "quant/presets.h"

#include <charconv>
#include <string>
#include <utility>
#include <vector>

namespace qs::cli {

void addSchemeOptions(CLI::App& command, SchemeOptions& o, const std::string& formatOption)
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
            "Range estimator: minmax (default), percentile, mse, kl, aciq-gauss, aciq-laplace, "
            "manual (--clip-min/--clip-max)")
        ->check(memberOf(calibrationNames()))
        ->group(calibration);
    command.add_option("--percentile", o.percentile, "percentile: P (default 99.99)")
        ->group(calibration);
    command
        .add_option("--clip-min", o.clipMin,
                    "manual: the range's low end (with --clip-max; implies --calibration manual; "
                    "symmetric takes ±max of the two magnitudes)")
        ->group(calibration);
    command.add_option("--clip-max", o.clipMax, "manual: the range's high end")->group(calibration);
    command
        .add_option("--percentile-variant", o.percentileVariant,
                    "percentile: exact (default), pytorch-quantization or onnxruntime (read from "
                    "their 2048-bin histograms)")
        ->check(memberOf(percentileVariantNames()))
        ->group(calibration);
    command
        .add_option("--mse-variant", o.mseVariant,
                    "mse: exact (default) or pytorch-quantization (its search over bin centres)")
        ->check(memberOf(mseVariantNames()))
        ->group(calibration);
    command
        .add_option("--kl-variant", o.klVariant,
                    "kl: tensorrt-published (default), pytorch-quantization, onnxruntime or mxnet")
        ->check(memberOf(klVariantNames()))
        ->group(calibration);
    command
        .add_option(
            "--kl-bins", o.klBins,
            "kl: histogram bins (default: the variant's; 2048, onnxruntime 128, mxnet 8001)")
        ->group(calibration);
    command
        .add_option("--kl-start-bin", o.klStartBin,
                    "kl tensorrt-published, pytorch-quantization: first threshold bin tried "
                    "(default 128)")
        ->group(calibration);
    command
        .add_option("--kl-levels", o.klLevels,
                    "kl: quantized levels (default: the variant's; 2^(bits-1), "
                    "pytorch-quantization 2^(bits-1+unsigned), onnxruntime 128, mxnet 255)")
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

    const std::string format = "Number format";
    command
        .add_option(
            formatOption, o.format,
            "int (the scheme's integer grid, default; int2..int16 set the bits), "
            "fp8-e4m3, fp8-e5m2, fp6-e2m3, fp6-e3m2, fp4-e2m1, mxfp8-e4m3, mxfp8-e5m2, "
            "mxfp6-e2m3, mxfp6-e3m2, mxfp4, mxint8, nvfp4, nf4, bnb-fp4; ggml's block types "
            "q8_0, q4_0, q4_1, q5_0, q5_1, q2_k, q3_k, q4_k, q5_k, q6_k, iq4_nl, iq4_xs, "
            "mxfp4-ggml, nvfp4-ggml, tq1_0, tq2_0")
        ->group(format);
    command.add_flag("--no-scale", o.noScale, "Minifloats: a plain cast, no scale (s = 1)")
        ->group(format);
    command.add_option("--overflow", o.overflow, "FP8: saturate (default) or nan (NaN/Inf)")
        ->check(memberOf(overflowNames()))
        ->group(format);
    command
        .add_option("--mx-scale", o.mxScale, "MX: floor (the OCP rule, default) or rceil (NVIDIA)")
        ->check(memberOf(mxScaleRuleNames()))
        ->group(format);
    command
        .add_option("--element-rounding", o.elementRounding,
                    "MX and minifloats: even (ties to even, default) or away (ties away from zero)")
        ->check(memberOf(elementRoundingNames()))
        ->group(format);
    command
        .add_option("--nvfp4-flavour", o.nvfp4Flavour,
                    "NVFP4: transformer-engine (default), modelopt or torchao")
        ->check(memberOf(nvfp4FlavourNames()))
        ->group(format);
    command
        .add_option("--block-size", o.blockSize,
                    "nf4, bnb-fp4: values per block of the flattened tensor (default 64)")
        ->check(CLI::Range(kBnbMinBlockSize, kBnbMaxBlockSize))
        ->group(format);
    command
        .add_option("--bnb-backend", o.bnbBackend,
                    "nf4, bnb-fp4: whose all-zero block, cpu (code of 0.0, default) or cuda (0)")
        ->check(memberOf(bnbBackendNames()))
        ->group(format);
    command
        .add_option("--scale-format", o.scaleFormat,
                    "int: the scale as stored, native (the convention's, default), float32 or "
                    "float16")
        ->check(memberOf(scaleStorageNames()))
        ->group(format);
}

namespace {

// "int", "int4" (the integer grid with its bits) or a format name.
Result<std::pair<NumberFormat, std::optional<int>>> parseFormat(const std::string& name)
{
    if (name.starts_with("int") && name.size() > 3) {
        const std::string digits = name.substr(3);
        if (digits.find_first_not_of("0123456789") == std::string::npos && digits.size() <= 2) {
            const int bits = std::stoi(digits);
            if (bits >= kMinBits && bits <= kMaxBits) {
                return std::pair(NumberFormat::Integer, std::optional<int>(bits));
            }
        }
    }
    if (const auto format = numberFormatFromName(name)) {
        return std::pair(*format, std::optional<int>());
    }
    std::string known;
    for (const char* n : numberFormatNames()) {
        known += (known.empty() ? "" : ", ") + std::string(n);
    }
    return fail(ErrorCode::InvalidArgument,
                "unknown format '" + name + "' (int2..int16 or one of " + known + ")");
}

// The first option given that `applies` rejects, with the formats it is for.
std::optional<Error> refuseForFormat(const SchemeOptions& o, NumberFormat format)
{
    const FormatInfo& info = formatInfo(format);
    const std::string name(info.name);
    const auto refuse = [&](const char* option, const std::string& why) {
        return Error{ErrorCode::InvalidArgument,
                     std::string(option) + " does not apply to --format " + name + ": " + why,
                     {},
                     {}};
    };
    const bool integer = info.family == FormatFamily::Integer;
    const bool minifloat = info.family == FormatFamily::Minifloat;
    const bool fp8 = minifloat && info.minifloat->hasNan();
    if (!integer) {
        const std::string grid = "it sets the integer grid, and " + name + " has its own element";
        if (!o.preset.empty()) {
            return refuse("--preset", "a preset sets the integer grid");
        }
        const std::pair<bool, const char*> gridOptions[] = {
            {o.scheme.has_value(), "--scheme"},
            {o.bits.has_value(), "--bits"},
            {o.isUnsigned, "--unsigned"},
            {o.narrowRange, "--narrow-range"},
            {o.fullRange, "--full-range"},
            {o.rounding.has_value(), "--rounding"},
            {o.roundingSeed.has_value(), "--rounding-seed"},
            {o.zeroPointAnchor.has_value(), "--zero-point-anchor"},
            {o.scaleFormat.has_value(), "--scale-format"}};
        for (const auto& [given, option] : gridOptions) {
            if (given) {
                return refuse(option, grid);
            }
        }
    }
    if (!minifloat) {
        const std::string blocks =
            info.fixedBlockSize > 0
                ? "its blocks are " + std::to_string(info.fixedBlockSize) + " along the last axis"
                : "its blocks run over the flattened tensor (--block-size)";
        if (!integer && o.granularity) {
            return refuse("--granularity", blocks);
        }
        if (!integer && o.axis) {
            return refuse("--axis", blocks);
        }
        if (!integer && o.groupSize) {
            return refuse("--group-size", blocks);
        }
        if (o.noScale) {
            return refuse("--no-scale",
                          "only the minifloats (fp8-*, fp6-*, fp4-e2m1) cast plainly");
        }
    }
    if (minifloat && o.noScale) {
        // A plain cast has no scale: nothing to calibrate and nothing to group.
        const char* why = "a plain cast has no scale to choose";
        if (o.calibration && *o.calibration != "minmax") {
            return refuse("--calibration", why);
        }
        if (o.granularity && *o.granularity != "tensor") {
            return refuse("--granularity", why);
        }
        if (o.axis) {
            return refuse("--axis", why);
        }
        if (o.groupSize) {
            return refuse("--group-size", why);
        }
    }
    if (info.family == FormatFamily::Ggml && o.calibration && *o.calibration != "minmax") {
        return refuse("--calibration", "ggml's quantizer searches each block's scale itself");
    }
    if (o.overflow && !fp8) {
        return refuse("--overflow", "only fp8-e4m3 and fp8-e5m2 have a NaN or Inf to overflow "
                                    "to; the others saturate");
    }
    if (info.family != FormatFamily::Mx && o.mxScale) {
        return refuse("--mx-scale", "it chooses MX formats' E8M0 scales");
    }
    if (info.family != FormatFamily::Mx && !minifloat && o.elementRounding) {
        return refuse("--element-rounding", "it rounds the elements of MX formats and minifloats");
    }
    if (o.nvfp4Flavour && info.family != FormatFamily::Nvfp4) {
        return refuse("--nvfp4-flavour", "it is for nvfp4");
    }
    if (info.family != FormatFamily::Bitsandbytes) {
        if (o.blockSize) {
            return refuse("--block-size", "it is for nf4 and bnb-fp4");
        }
        if (o.bnbBackend) {
            return refuse("--bnb-backend", "it is for nf4 and bnb-fp4");
        }
    }
    return std::nullopt;
}

} // namespace

namespace {

// The shortest text that reads back as the same double.
std::string shortest(double value)
{
    char text[32];
    const auto result = std::to_chars(text, text + sizeof text, value);
    return {text, result.ptr};
}

} // namespace

std::vector<std::string> schemeArguments(const QuantSpec& spec)
{
    std::vector<std::string> args;
    const auto add = [&args](std::string option, std::string value = {}) {
        args.push_back(std::move(option));
        if (!value.empty()) {
            args.push_back(std::move(value));
        }
    };
    if (!spec.preset.empty()) {
        if (const auto preset = schemePreset(spec.preset); preset && *preset == spec) {
            add("--preset", spec.preset);
            return args;
        }
    }
    const QuantSpec defaults;
    const FormatSpec& f = spec.format;
    const FormatInfo& info = formatInfo(f.format);
    if (spec.isIntegerGrid()) {
        add("--scheme", std::string(schemeName(spec.scheme)));
        add("--bits", std::to_string(spec.bits));
        if (!spec.isSigned) {
            add("--unsigned");
        }
        if (spec.narrowRange) {
            add(*spec.narrowRange ? "--narrow-range" : "--full-range");
        }
        if (spec.rounding != defaults.rounding) {
            add("--rounding", std::string(roundingName(spec.rounding)));
        }
        if (spec.rounding == Rounding::Stochastic && spec.roundingSeed != 0) {
            add("--rounding-seed", std::to_string(spec.roundingSeed));
        }
        if (spec.scheme != Scheme::Symmetric && spec.zeroPointAnchor != defaults.zeroPointAnchor) {
            add("--zero-point-anchor", std::string(zeroPointAnchorName(spec.zeroPointAnchor)));
        }
        if (f.scaleStorage != ScaleStorage::Native) {
            add("--scale-format", std::string(scaleStorageName(f.scaleStorage)));
        }
    } else {
        add("--format", std::string(info.name));
        if (f.noScale) {
            add("--no-scale");
        }
        if (info.family == FormatFamily::Minifloat && info.minifloat->hasNan() &&
            f.overflow != defaults.format.overflow) {
            add("--overflow", std::string(overflowName(f.overflow)));
        }
        if (info.family == FormatFamily::Mx) {
            if (f.mxScale != defaults.format.mxScale) {
                add("--mx-scale", std::string(mxScaleRuleName(f.mxScale)));
            }
        }
        if ((info.family == FormatFamily::Mx || info.family == FormatFamily::Minifloat) &&
            f.elementRounding != defaults.format.elementRounding) {
            add("--element-rounding", std::string(elementRoundingName(f.elementRounding)));
        }
        if (info.family == FormatFamily::Nvfp4 && f.nvfp4Flavour != defaults.format.nvfp4Flavour) {
            add("--nvfp4-flavour", std::string(nvfp4FlavourName(f.nvfp4Flavour)));
        }
        if (info.family == FormatFamily::Bitsandbytes) {
            if (f.blockSize != defaults.format.blockSize) {
                add("--block-size", std::to_string(f.blockSize));
            }
            if (f.bnbBackend != defaults.format.bnbBackend) {
                add("--bnb-backend", std::string(bnbBackendName(f.bnbBackend)));
            }
        }
    }
    const CalibrationSpec& c = spec.calibration;
    if (c.method != CalibrationMethod::MinMax) {
        add("--calibration", std::string(calibrationName(c.method)));
        if (c.method == CalibrationMethod::Percentile) {
            add("--percentile", shortest(c.percentile));
            if (c.percentileVariant != PercentileVariant::Exact) {
                add("--percentile-variant",
                    std::string(percentileVariantName(c.percentileVariant)));
            }
        }
        if (c.method == CalibrationMethod::Manual) {
            add("--clip-min", shortest(c.clipMin));
            add("--clip-max", shortest(c.clipMax));
        }
        if (c.method == CalibrationMethod::Mse && c.mseVariant != MseVariant::Exact) {
            add("--mse-variant", std::string(mseVariantName(c.mseVariant)));
        }
        if (c.method == CalibrationMethod::Kl) {
            if (c.klVariant != KlVariant::TensorRtPublished) {
                add("--kl-variant", std::string(klVariantName(c.klVariant)));
            }
            add("--kl-bins", std::to_string(klBins(spec)));
            if (klHasStartBin(c.klVariant)) {
                add("--kl-start-bin", std::to_string(klStartBin(spec)));
            }
            if (c.klLevels != 0) {
                add("--kl-levels", std::to_string(c.klLevels));
            }
        }
    }
    const bool ownGrouping = spec.isIntegerGrid() || info.family == FormatFamily::Minifloat;
    if (ownGrouping && spec.granularity != Granularity::Tensor) {
        add("--granularity", std::string(granularityName(spec.granularity)));
        if (spec.granularity == Granularity::Channel) {
            add("--axis", std::to_string(spec.axis));
        } else {
            add("--group-size", std::to_string(spec.groupSize));
        }
    }
    return args;
}

std::string schemeArgumentLine(const QuantSpec& spec)
{
    std::string line;
    for (const std::string& arg : schemeArguments(spec)) {
        line += (line.empty() ? "" : " ") + arg;
    }
    return line;
}

bool anySchemeOption(const SchemeOptions& o)
{
    return !o.preset.empty() || o.scheme || o.bits || o.isUnsigned || o.narrowRange ||
           o.fullRange || o.rounding || o.roundingSeed || o.zeroPointAnchor || o.calibration ||
           o.percentile || o.clipMin || o.clipMax || o.klVariant || o.percentileVariant ||
           o.mseVariant || o.klBins || o.klStartBin || o.klLevels || o.granularity || o.axis ||
           o.groupSize || o.format || o.noScale || o.overflow || o.mxScale || o.elementRounding ||
           o.nvfp4Flavour || o.blockSize || o.bnbBackend || o.scaleFormat;
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
    } else if (o.clipMin || o.clipMax) {
        spec.calibration.method = CalibrationMethod::Manual; // a range given is a manual one
    }
    spec.calibration.clipMin = o.clipMin.value_or(spec.calibration.clipMin);
    spec.calibration.clipMax = o.clipMax.value_or(spec.calibration.clipMax);
    spec.calibration.percentile = o.percentile.value_or(spec.calibration.percentile);
    if (o.klVariant) {
        spec.calibration.klVariant = *klVariantFromName(*o.klVariant);
    }
    if (o.percentileVariant) {
        spec.calibration.percentileVariant = *percentileVariantFromName(*o.percentileVariant);
    }
    if (o.mseVariant) {
        spec.calibration.mseVariant = *mseVariantFromName(*o.mseVariant);
    }
    spec.calibration.klBins = o.klBins.value_or(spec.calibration.klBins);
    spec.calibration.klStartBin = o.klStartBin.value_or(spec.calibration.klStartBin);
    spec.calibration.klLevels = o.klLevels.value_or(spec.calibration.klLevels);
    NumberFormat format = NumberFormat::Integer;
    if (o.format) {
        auto parsed = parseFormat(*o.format);
        if (!parsed) {
            return std::unexpected(parsed.error());
        }
        format = parsed->first;
        if (parsed->second) {
            if (o.bits && *o.bits != *parsed->second) {
                return fail(ErrorCode::InvalidArgument, "--bits " + std::to_string(*o.bits) +
                                                            " contradicts --format " + *o.format);
            }
            spec.bits = *parsed->second;
        }
    }
    if (auto refused = refuseForFormat(o, format)) {
        return std::unexpected(*refused);
    }
    spec.format.format = format;
    spec.format.noScale = o.noScale;
    if (o.overflow) {
        spec.format.overflow = *overflowFromName(*o.overflow);
    }
    if (o.mxScale) {
        spec.format.mxScale = *mxScaleRuleFromName(*o.mxScale);
    }
    if (o.elementRounding) {
        spec.format.elementRounding = *elementRoundingFromName(*o.elementRounding);
    }
    if (o.nvfp4Flavour) {
        spec.format.nvfp4Flavour = *nvfp4FlavourFromName(*o.nvfp4Flavour);
    }
    spec.format.blockSize = o.blockSize.value_or(spec.format.blockSize);
    if (o.bnbBackend) {
        spec.format.bnbBackend = *bnbBackendFromName(*o.bnbBackend);
    }
    if (o.scaleFormat) {
        spec.format.scaleStorage = *scaleStorageFromName(*o.scaleFormat);
    }

    if (o.granularity) {
        spec.granularity = *granularityFromName(*o.granularity);
    } else if (formatInfo(format).family == FormatFamily::Minifloat && (o.axis || o.groupSize)) {
        // A minifloat's scale per channel (--axis) or per group (--group-size).
        spec.granularity = o.axis ? Granularity::Channel : Granularity::Group;
    }
    spec.axis = o.axis.value_or(spec.axis);
    spec.groupSize = o.groupSize.value_or(spec.groupSize);
    // An argument for another method or granularity than the one in force would be ignored;
    // say so instead.
    const auto misplaced = [](std::string_view option, std::string_view needs) {
        return fail(ErrorCode::InvalidArgument,
                    std::string(option) + " applies only with " + std::string(needs));
    };
    if (o.percentile && spec.calibration.method != CalibrationMethod::Percentile) {
        return misplaced("--percentile", "--calibration percentile");
    }
    if ((o.clipMin || o.clipMax) && spec.calibration.method != CalibrationMethod::Manual) {
        return misplaced(o.clipMin ? "--clip-min" : "--clip-max", "--calibration manual");
    }
    if (spec.calibration.method == CalibrationMethod::Manual && (!o.clipMin || !o.clipMax) &&
        !(spec.calibration.clipMin < spec.calibration.clipMax)) {
        return fail(ErrorCode::InvalidArgument,
                    "--calibration manual needs both --clip-min and --clip-max");
    }
    if (o.percentileVariant && spec.calibration.method != CalibrationMethod::Percentile) {
        return misplaced("--percentile-variant", "--calibration percentile");
    }
    if (o.mseVariant && spec.calibration.method != CalibrationMethod::Mse) {
        return misplaced("--mse-variant", "--calibration mse");
    }
    if ((o.klVariant || o.klBins || o.klStartBin || o.klLevels) &&
        spec.calibration.method != CalibrationMethod::Kl) {
        return misplaced(o.klVariant    ? "--kl-variant"
                         : o.klBins     ? "--kl-bins"
                         : o.klStartBin ? "--kl-start-bin"
                                        : "--kl-levels",
                         "--calibration kl");
    }
    if (o.klStartBin && !klHasStartBin(spec.calibration.klVariant)) {
        return misplaced("--kl-start-bin",
                         "--kl-variant tensorrt-published or pytorch-quantization, not " +
                             std::string(klVariantName(spec.calibration.klVariant)) +
                             ", which tries every window");
    }
    if (o.axis && spec.granularity != Granularity::Channel) {
        return misplaced("--axis", "--granularity channel");
    }
    if (o.groupSize && spec.granularity != Granularity::Group) {
        return misplaced("--group-size", "--granularity group");
    }
    if (auto ok = checkFormatCalibration(spec); !ok) {
        return std::unexpected(ok.error());
    }
    return spec;
}

} // namespace qs::cli
