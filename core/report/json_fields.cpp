#include "report/json_fields.h"

#include "calibrate/calibrate.h"
#include "quant/format_params.h"
#include "quant/ggml_formats.h"

#include <cmath>

namespace qs {
namespace {

json calibrationArgs(const QuantSpec& spec)
{
    const CalibrationSpec& c = spec.calibration;
    switch (c.method) {
    case CalibrationMethod::Percentile:
        return {{"percentile", c.percentile}, {"variant", calibrationVariantName(c)}};
    case CalibrationMethod::Mse:
        return {{"variant", calibrationVariantName(c)}};
    case CalibrationMethod::Kl: {
        json args = {{"bins", klBins(spec)},
                     {"levels", klLevels(spec)},
                     {"variant", calibrationVariantName(c)}};
        if (klHasStartBin(c.klVariant)) {
            args["start_bin"] = klStartBin(spec);
        }
        return args;
    }
    case CalibrationMethod::Manual:
        return {{"clip_min", c.clipMin}, {"clip_max", c.clipMax}};
    default:
        return json::object();
    }
}

} // namespace

json number(double value)
{
    return std::isfinite(value) ? json(value) : json(nullptr);
}

json tensorJson(const TensorInfo& info, const TensorStats& s)
{
    return {{"name", info.name},
            {"shape", info.shape},
            {"dtype", dtypeName(info.dtype)},
            {"count", s.count},
            {"finite_count", s.finiteCount},
            {"nan_count", s.nanCount},
            {"inf_count", s.infCount},
            {"min", number(s.min)},
            {"max", number(s.max)},
            {"mean", number(s.mean)},
            {"std", number(s.std)}};
}

json schemeJson(const QuantSpec& spec)
{
    const bool channel = spec.granularity == Granularity::Channel;
    const bool group = spec.granularity == Granularity::Group;
    return {{"name", schemeName(spec.scheme)},
            {"preset", spec.preset.empty() ? json(nullptr) : json(spec.preset)},
            {"bits", spec.bits},
            {"signed", spec.isSigned},
            {"narrow_range", spec.effectiveNarrowRange()},
            {"rounding", roundingName(spec.rounding)},
            {"zero_point_anchor", zeroPointAnchorName(spec.zeroPointAnchor)},
            {"granularity", granularityName(spec.granularity)},
            {"axis", channel ? json(spec.axis) : json(nullptr)},
            {"group_size", group ? json(spec.groupSize) : json(nullptr)},
            {"calibration", calibrationName(spec.calibration.method)},
            {"calibration_args", calibrationArgs(spec)}};
}

json formatJson(const QuantSpec& spec, std::size_t groups, std::size_t count,
                std::optional<double> tensorScale)
{
    const FormatInfo& info = formatInfo(spec.format.format);
    const FormatSpec& f = spec.format;
    json out;
    out["name"] = info.family == FormatFamily::Integer ? "int" + std::to_string(spec.bits)
                                                       : std::string(info.name);
    switch (info.family) {
    case FormatFamily::Integer:
        out["scale_storage"] = scaleStorageName(f.scaleStorage);
        break;
    case FormatFamily::Minifloat:
        out["no_scale"] = f.noScale;
        if (info.minifloat->hasNan()) {
            out["overflow"] = overflowName(f.overflow);
        }
        out["element_rounding"] = elementRoundingName(f.elementRounding);
        break;
    case FormatFamily::Mx:
        out["mx_scale"] = mxScaleRuleName(f.mxScale);
        out["element_rounding"] = elementRoundingName(f.elementRounding);
        break;
    case FormatFamily::Nvfp4:
        out["nvfp4_flavour"] = nvfp4FlavourName(f.nvfp4Flavour);
        break;
    case FormatFamily::Bitsandbytes:
        out["bnb_backend"] = bnbBackendName(f.bnbBackend);
        break;
    case FormatFamily::Ggml:
        break;
    }
    if (info.family == FormatFamily::Ggml) {
        // ggml's block (what a GGUF file stores) and the sub-block that shares one scale
        const ggml::TypeInfo& type = ggmlTypeOf(f.format);
        out["ggml_type"] = type.name;
        out["ggml_type_id"] = type.id;
        out["block_size"] = type.blockValues;
        out["sub_block_size"] = type.gridValues;
    } else {
        out["block_size"] =
            spec.granularity == Granularity::Group ? json(spec.groupSize) : json(nullptr);
    }
    out["scale_format"] = scaleFormatName(spec);
    out["bits_per_value"] = number(bitsPerValue(spec, groups, count));
    if (tensorScale) {
        out["tensor_scale"] = number(*tensorScale);
    }
    return out;
}

json warningsJson(const Warnings& first, const Warnings& second)
{
    json warnings = json::array();
    for (const Warnings* list : {&first, &second}) {
        for (const Warning& w : *list) {
            warnings.push_back(w.message);
        }
    }
    return warnings;
}

std::string dumpJson(const json& value)
{
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

} // namespace qs
