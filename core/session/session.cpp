#include "session/session.h"

#include "io/atomic_file.h"
#include "io/byte_reader.h"
#include "io/json_nesting.h"
#include "io/npy_format.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <limits>
#include <utility>

namespace qs {
namespace {

using json = nlohmann::ordered_json;
namespace fs = std::filesystem;

constexpr std::uint64_t kMaxSessionBytes = 1 << 20;
constexpr const char* kVersionKey = "quantscope_session";

json shapeJson(const Shape& shape)
{
    return json(shape);
}

json sourceJson(const TensorSource& source)
{
    if (const auto* g = std::get_if<GenerateSpec>(&source)) {
        return {{"kind", "generate"},
                {"distribution", distributionName(g->distribution)},
                {"shape", shapeJson(g->shape)},
                {"seed", g->seed},
                {"mean", g->mean},
                {"std", g->std},
                {"low", g->low},
                {"high", g->high},
                {"scale", g->scale},
                {"df", g->df},
                {"mean2", g->mean2},
                {"weight", g->weight},
                {"outliers",
                 {{"count", g->outliers.count},
                  {"magnitude", g->outliers.magnitude},
                  {"unit", outlierUnitName(g->outliers.unit)},
                  {"sign", outlierSignName(g->outliers.sign)}}}};
    }
    if (const auto* p = std::get_if<PresetSpec>(&source)) {
        return {{"kind", "preset"}, {"name", p->name}};
    }
    const auto& f = std::get<FileSpec>(source);
    std::error_code ec;
    const fs::path absolute = fs::absolute(f.path, ec);
    json out{{"kind", "file"},
             {"path", ec ? f.path : absolute.lexically_normal().string()},
             {"tensor", f.tensorName}};
    if (f.raw) {
        std::string descr = npyDescr(f.raw->dtype);
        if (f.raw->order == ByteOrder::Big && descr.front() == '<') {
            descr.front() = '>';
        }
        out["raw"] = {{"dtype", descr},
                      {"shape", f.raw->shape ? shapeJson(*f.raw->shape) : json(nullptr)},
                      {"offset", f.raw->offset}};
    }
    return out;
}

// Every field, whether or not the format uses it: a session restores the panel as it was.
json numberFormatJson(const FormatSpec& f)
{
    return {{"name", numberFormatName(f.format)},
            {"no_scale", f.noScale},
            {"overflow", overflowName(f.overflow)},
            {"mx_scale", mxScaleRuleName(f.mxScale)},
            {"element_rounding", elementRoundingName(f.elementRounding)},
            {"nvfp4_flavour", nvfp4FlavourName(f.nvfp4Flavour)},
            {"block_size", f.blockSize},
            {"bnb_backend", bnbBackendName(f.bnbBackend)},
            {"scale_storage", scaleStorageName(f.scaleStorage)}};
}

json specJson(const QuantSpec& s)
{
    return {{"name", schemeName(s.scheme)},
            {"bits", s.bits},
            {"signed", s.isSigned},
            {"narrow_range", s.narrowRange ? json(*s.narrowRange) : json(nullptr)},
            {"rounding", roundingName(s.rounding)},
            {"rounding_seed", s.roundingSeed},
            {"zero_point_anchor", zeroPointAnchorName(s.zeroPointAnchor)},
            {"convention", conventionName(s.convention)},
            {"preset", s.preset},
            {"granularity", granularityName(s.granularity)},
            {"axis", s.axis},
            {"group_size", s.groupSize},
            {"calibration",
             {{"method", calibrationName(s.calibration.method)},
              {"percentile", s.calibration.percentile},
              {"kl_bins", s.calibration.klBins},
              {"kl_start_bin", s.calibration.klStartBin},
              {"kl_levels", s.calibration.klLevels},
              {"kl_variant", klVariantName(s.calibration.klVariant)},
              {"percentile_variant", percentileVariantName(s.calibration.percentileVariant)},
              {"mse_variant", mseVariantName(s.calibration.mseVariant)},
              {"clip_min", s.calibration.clipMin},
              {"clip_max", s.calibration.clipMax}}},
            {"format", numberFormatJson(s.format)}};
}

json viewJson(const ViewState& v)
{
    return {{"view", v.view},
            {"table", v.table},
            {"zoom", v.zoom ? json::array({v.zoom->first, v.zoom->second}) : json(nullptr)},
            {"outlier_sigmas", v.outlierSigmas},
            {"log_counts", v.logCounts},
            {"channel", v.channel},
            {"shootout_bits", v.shootoutBits},
            {"best_format_bits", v.bestFormatBits}};
}

// Reads the fields of one JSON object, turning every missing or mistyped field into one error
// that names the field ("scheme.bits").
class Fields
{
public:
    Fields(const json& object, std::string where, const std::string& path)
        : m_object(object), m_where(std::move(where)), m_path(path)
    {}

    std::unexpected<Error> bad(const std::string& key, const std::string& expected) const
    {
        return fail(ErrorCode::BadHeader,
                    "session field '" + m_where + key + "' must be " + expected, m_path);
    }

    Result<const json*> get(const std::string& key) const
    {
        if (!m_object.is_object() || !m_object.contains(key)) {
            return bad(key, "present");
        }
        return &m_object.at(key);
    }

    template <typename T> Result<T> number(const std::string& key) const
    {
        auto value = get(key);
        if (!value) {
            return std::unexpected(value.error());
        }
        if constexpr (std::is_floating_point_v<T>) {
            if (!(*value)->is_number()) {
                return bad(key, "a number");
            }
        } else if constexpr (std::is_unsigned_v<T>) {
            if (!(*value)->is_number_unsigned()) {
                return bad(key, "a non-negative integer");
            }
        } else if (!(*value)->is_number_integer()) {
            return bad(key, "an integer");
        }
        if constexpr (std::is_integral_v<T>) {
            // Range-checked in 64 bits before narrowing: 2^32 + 8 must not become 8.
            const json& v = **value;
            const bool fits = v.is_number_unsigned()
                                  ? v.template get<std::uint64_t>() <=
                                        static_cast<std::uint64_t>(std::numeric_limits<T>::max())
                                  : std::in_range<T>(v.template get<std::int64_t>());
            if (!fits) {
                return bad(key, "an integer from " + std::to_string(std::numeric_limits<T>::min()) +
                                    " to " + std::to_string(std::numeric_limits<T>::max()) +
                                    " (got " + v.dump() + ")");
            }
        }
        return (*value)->template get<T>();
    }

    Result<bool> boolean(const std::string& key) const
    {
        auto value = get(key);
        if (value && !(*value)->is_boolean()) {
            return bad(key, "true or false");
        }
        return value ? Result<bool>((*value)->get<bool>()) : std::unexpected(value.error());
    }

    Result<std::string> text(const std::string& key) const
    {
        auto value = get(key);
        if (value && !(*value)->is_string()) {
            return bad(key, "a string");
        }
        return value ? Result<std::string>((*value)->get<std::string>())
                     : std::unexpected(value.error());
    }

    // A name from one of core's name tables.
    template <typename Enum>
    Result<Enum> name(const std::string& key, std::optional<Enum> (*fromName)(std::string_view),
                      std::span<const char* const> names) const
    {
        auto value = text(key);
        if (!value) {
            return std::unexpected(value.error());
        }
        if (const auto parsed = fromName(*value)) {
            return *parsed;
        }
        std::string list;
        for (const char* n : names) {
            list += (list.empty() ? "" : ", ") + std::string(n);
        }
        return bad(key, "one of " + list + " (got '" + *value + "')");
    }

    Result<Shape> shape(const std::string& key) const
    {
        auto value = get(key);
        if (!value) {
            return std::unexpected(value.error());
        }
        Shape out;
        if (!(*value)->is_array() || (*value)->size() > 32) {
            return bad(key, "an array of dimensions");
        }
        for (const json& d : **value) {
            if (!d.is_number_unsigned()) {
                return bad(key, "an array of non-negative integers");
            }
            out.push_back(d.get<std::int64_t>());
        }
        return out;
    }

    Fields object(const std::string& key) const
    {
        static const json empty = json::object();
        const json& child =
            m_object.is_object() && m_object.contains(key) ? m_object.at(key) : empty;
        return Fields(child, m_where + key + ".", m_path);
    }

private:
    const json& m_object;
    std::string m_where;
    const std::string& m_path;
};

// Unwraps a Result into `out`, or returns its error from the enclosing function.
#define QS_TAKE(out, expression)                                                                   \
    do {                                                                                           \
        auto taken = (expression);                                                                 \
        if (!taken) {                                                                              \
            return std::unexpected(taken.error());                                                 \
        }                                                                                          \
        (out) = std::move(*taken);                                                                 \
    } while (false)

Result<TensorSource> parseSource(const Fields& f, const std::string& folder)
{
    std::string kind;
    QS_TAKE(kind, f.text("kind"));
    if (kind == "preset") {
        PresetSpec preset;
        QS_TAKE(preset.name, f.text("name"));
        return preset;
    }
    if (kind == "file") {
        FileSpec file;
        QS_TAKE(file.path, f.text("path"));
        QS_TAKE(file.tensorName, f.text("tensor"));
        if (fs::path(file.path).is_relative()) {
            file.path = (fs::path(folder) / file.path).lexically_normal().string();
        }
        if (auto raw = f.get("raw"); raw && !(*raw)->is_null()) {
            const Fields r = f.object("raw");
            std::string descr;
            QS_TAKE(descr, r.text("dtype"));
            auto spec = rawSpecFromDtype(descr);
            if (!spec) {
                return r.bad("dtype", "a NumPy dtype such as '<f4' (got '" + descr + "')");
            }
            file.raw = *spec;
            if (auto shape = r.get("shape"); shape && !(*shape)->is_null()) {
                Shape s;
                QS_TAKE(s, r.shape("shape"));
                file.raw->shape = s;
            }
            QS_TAKE(file.raw->offset, r.number<std::uint64_t>("offset"));
        }
        return file;
    }
    if (kind != "generate") {
        return f.bad("kind", "generate, preset or file (got '" + kind + "')");
    }
    GenerateSpec g;
    QS_TAKE(g.distribution,
            f.name<Distribution>("distribution", distributionFromName, distributionNames()));
    QS_TAKE(g.shape, f.shape("shape"));
    QS_TAKE(g.seed, f.number<std::uint32_t>("seed"));
    QS_TAKE(g.mean, f.number<double>("mean"));
    QS_TAKE(g.std, f.number<double>("std"));
    QS_TAKE(g.low, f.number<double>("low"));
    QS_TAKE(g.high, f.number<double>("high"));
    QS_TAKE(g.scale, f.number<double>("scale"));
    QS_TAKE(g.df, f.number<double>("df"));
    QS_TAKE(g.mean2, f.number<double>("mean2"));
    QS_TAKE(g.weight, f.number<double>("weight"));
    const Fields o = f.object("outliers");
    QS_TAKE(g.outliers.count, o.number<std::size_t>("count"));
    QS_TAKE(g.outliers.magnitude, o.number<double>("magnitude"));
    QS_TAKE(g.outliers.unit, o.name<OutlierUnit>("unit", outlierUnitFromName, outlierUnitNames()));
    QS_TAKE(g.outliers.sign, o.name<OutlierSign>("sign", outlierSignFromName, outlierSignNames()));
    return g;
}

Result<FormatSpec> parseFormat(const Fields& f)
{
    FormatSpec format;
    QS_TAKE(format.format, f.name<NumberFormat>("name", numberFormatFromName, numberFormatNames()));
    QS_TAKE(format.noScale, f.boolean("no_scale"));
    QS_TAKE(format.overflow, f.name<Overflow>("overflow", overflowFromName, overflowNames()));
    QS_TAKE(format.mxScale,
            f.name<MxScaleRule>("mx_scale", mxScaleRuleFromName, mxScaleRuleNames()));
    QS_TAKE(format.elementRounding,
            f.name<ElementRounding>("element_rounding", elementRoundingFromName,
                                    elementRoundingNames()));
    QS_TAKE(format.nvfp4Flavour,
            f.name<Nvfp4Flavour>("nvfp4_flavour", nvfp4FlavourFromName, nvfp4FlavourNames()));
    QS_TAKE(format.blockSize, f.number<int>("block_size"));
    if (format.blockSize < kBnbMinBlockSize || format.blockSize > kBnbMaxBlockSize) {
        return f.bad("block_size", "from " + std::to_string(kBnbMinBlockSize) + " to " +
                                       std::to_string(kBnbMaxBlockSize));
    }
    QS_TAKE(format.bnbBackend,
            f.name<BnbBackend>("bnb_backend", bnbBackendFromName, bnbBackendNames()));
    QS_TAKE(format.scaleStorage,
            f.name<ScaleStorage>("scale_storage", scaleStorageFromName, scaleStorageNames()));
    return format;
}

Result<QuantSpec> parseSpec(const Fields& f)
{
    QuantSpec s;
    QS_TAKE(s.scheme, f.name<Scheme>("name", schemeFromName, schemeNames()));
    QS_TAKE(s.bits, f.number<int>("bits"));
    if (s.bits < kMinBits || s.bits > kMaxBits) {
        return f.bad("bits",
                     "from " + std::to_string(kMinBits) + " to " + std::to_string(kMaxBits));
    }
    QS_TAKE(s.isSigned, f.boolean("signed"));
    if (auto narrow = f.get("narrow_range"); narrow && !(*narrow)->is_null()) {
        bool value = false;
        QS_TAKE(value, f.boolean("narrow_range"));
        s.narrowRange = value;
    }
    QS_TAKE(s.rounding, f.name<Rounding>("rounding", roundingFromName, roundingNames()));
    QS_TAKE(s.roundingSeed, f.number<std::uint64_t>("rounding_seed"));
    QS_TAKE(s.zeroPointAnchor, f.name<ZeroPointAnchor>("zero_point_anchor", zeroPointAnchorFromName,
                                                       zeroPointAnchorNames()));
    QS_TAKE(s.convention, f.name<Convention>("convention", conventionFromName, conventionNames()));
    QS_TAKE(s.preset, f.text("preset"));
    QS_TAKE(s.granularity,
            f.name<Granularity>("granularity", granularityFromName, granularityNames()));
    QS_TAKE(s.axis, f.number<int>("axis"));
    QS_TAKE(s.groupSize, f.number<int>("group_size"));
    if (s.groupSize < 1) {
        return f.bad("group_size", "at least 1");
    }
    const Fields c = f.object("calibration");
    QS_TAKE(s.calibration.method,
            c.name<CalibrationMethod>("method", calibrationFromName, calibrationNames()));
    QS_TAKE(s.calibration.percentile, c.number<double>("percentile"));
    QS_TAKE(s.calibration.klBins, c.number<int>("kl_bins"));
    QS_TAKE(s.calibration.klStartBin, c.number<int>("kl_start_bin"));
    QS_TAKE(s.calibration.klLevels, c.number<int>("kl_levels"));
    // Sessions written before the framework variants have none: each method's default.
    if (c.get("kl_variant")) {
        QS_TAKE(s.calibration.klVariant,
                c.name<KlVariant>("kl_variant", klVariantFromName, klVariantNames()));
    }
    if (c.get("percentile_variant")) {
        QS_TAKE(s.calibration.percentileVariant,
                c.name<PercentileVariant>("percentile_variant", percentileVariantFromName,
                                          percentileVariantNames()));
    }
    if (c.get("mse_variant")) {
        QS_TAKE(s.calibration.mseVariant,
                c.name<MseVariant>("mse_variant", mseVariantFromName, mseVariantNames()));
    }
    // Sessions written before manual calibration have no clip range.
    if (c.get("clip_min")) {
        QS_TAKE(s.calibration.clipMin, c.number<double>("clip_min"));
    }
    if (c.get("clip_max")) {
        QS_TAKE(s.calibration.clipMax, c.number<double>("clip_max"));
    }
    // Sessions written before the number formats have no "format": the integer grid.
    if (auto format = f.get("format"); format) {
        QS_TAKE(s.format, parseFormat(f.object("format")));
    }
    return s;
}

Result<ViewState> parseView(const Fields& f)
{
    ViewState v;
    QS_TAKE(v.view, f.text("view"));
    QS_TAKE(v.table, f.text("table"));
    if (auto zoom = f.get("zoom"); zoom && !(*zoom)->is_null()) {
        const json& z = **zoom;
        if (!z.is_array() || z.size() != 2 || !z[0].is_number() || !z[1].is_number() ||
            !(z[0].get<double>() < z[1].get<double>())) {
            return f.bad("zoom", "null or [low, high] with low < high");
        }
        v.zoom = std::pair(z[0].get<double>(), z[1].get<double>());
    }
    QS_TAKE(v.outlierSigmas, f.number<double>("outlier_sigmas"));
    QS_TAKE(v.logCounts, f.boolean("log_counts"));
    QS_TAKE(v.channel, f.number<int>("channel"));
    // Sessions written before the shoot-out have neither: the defaults.
    if (f.get("shootout_bits")) {
        QS_TAKE(v.shootoutBits, f.number<int>("shootout_bits"));
        if (v.shootoutBits != 4 && v.shootoutBits != 8) {
            return f.bad("shootout_bits", "4 or 8");
        }
    }
    if (f.get("best_format_bits")) {
        QS_TAKE(v.bestFormatBits, f.number<int>("best_format_bits"));
        if (v.bestFormatBits != 0 && v.bestFormatBits != 4 && v.bestFormatBits != 8) {
            return f.bad("best_format_bits", "0, 4 or 8");
        }
    }
    return v;
}

} // namespace

std::string sessionJson(const Session& session)
{
    json out{{kVersionKey, kSessionVersion},
             {"source", sourceJson(session.source)},
             {"scheme", specJson(session.spec)},
             {"view", viewJson(session.view)}};
    return out.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

Result<Session> parseSession(std::string_view text, const std::string& path,
                             const std::string& folder)
{
    if (auto ok = checkJsonNesting(text, path); !ok) {
        return std::unexpected(ok.error());
    }
    const json root = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (root.is_discarded() || !root.is_object() || !root.contains(kVersionKey)) {
        return fail(ErrorCode::BadHeader,
                    "not a QuantScope session (a JSON object with \"quantscope_session\")", path);
    }
    const json& version = root.at(kVersionKey);
    // Compared as written (a 64-bit integer, or larger as unsigned), never narrowed first.
    const bool positive = version.is_number_unsigned()
                              ? version.get<std::uint64_t>() >= 1
                              : version.is_number_integer() && version.get<std::int64_t>() >= 1;
    if (!positive) {
        return fail(ErrorCode::BadHeader,
                    "the session version must be a positive integer (got " + version.dump() + ")",
                    path);
    }
    if (version.get<std::uint64_t>() > static_cast<std::uint64_t>(kSessionVersion)) {
        return fail(ErrorCode::UnsupportedFormat,
                    "written by a newer QuantScope (session version " + version.dump() +
                        "; this one reads version " + std::to_string(kSessionVersion) + ")",
                    path);
    }
    const Fields top(root, "", path);
    Session session;
    QS_TAKE(session.source, parseSource(top.object("source"), folder));
    QS_TAKE(session.spec, parseSpec(top.object("scheme")));
    QS_TAKE(session.view, parseView(top.object("view")));
    return session;
}

#undef QS_TAKE // local to this file

Result<Session> readSessionAllowingMovedFile(const std::string& path)
{
    auto text = readTextFile(path, kMaxSessionBytes);
    if (!text) {
        return std::unexpected(text.error());
    }
    return parseSession(*text, path, fs::absolute(fs::path(path)).parent_path().string());
}

Result<Session> readSession(const std::string& path)
{
    auto session = readSessionAllowingMovedFile(path);
    if (!session) {
        return session;
    }
    if (const auto* file = std::get_if<FileSpec>(&session->source)) {
        std::error_code ec;
        if (!fs::is_regular_file(file->path, ec)) {
            return fail(ErrorCode::FileNotFound,
                        "its tensor file '" + file->path +
                            "' is missing (moved or deleted since the session was saved)",
                        path);
        }
    }
    return session;
}

Result<void> writeSession(const std::string& path, const Session& session)
{
    const std::string text = sessionJson(session);
    return writeFileAtomically(path, {}, std::as_bytes(std::span(text)));
}

} // namespace qs
