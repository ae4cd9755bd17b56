#include "analysis/shootout.h"

#include "quant/format_params.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

namespace qs {
namespace {

std::vector<std::string_view> splitOn(std::string_view text, char separator)
{
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = text.find(separator, start);
        parts.push_back(text.substr(start, end == std::string_view::npos ? end : end - start));
        if (end == std::string_view::npos) {
            return parts;
        }
        start = end + 1;
    }
}

std::string_view trimmed(std::string_view text)
{
    const std::size_t first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) {
        return {};
    }
    const std::size_t last = text.find_last_not_of(" \t");
    return text.substr(first, last - first + 1);
}

// A whole decimal number after `prefix` ("g64" → 64), or nullopt.
std::optional<int> numberAfter(std::string_view part, std::string_view prefix)
{
    if (!part.starts_with(prefix) || part.size() == prefix.size()) {
        return std::nullopt;
    }
    int value = 0;
    const char* first = part.data() + prefix.size();
    const char* last = part.data() + part.size();
    const auto [end, error] = std::from_chars(first, last, value);
    if (error != std::errc{} || end != last) {
        return std::nullopt;
    }
    return value;
}

// The base of a candidate name: int<b> or the longest --format name it starts with; the rest
// are the modifiers.
struct NameBase
{
    QuantSpec spec;
    std::size_t length = 0;
};

std::optional<NameBase> parseBase(std::string_view name)
{
    NameBase base;
    for (const FormatInfo& info : formatCatalog()) {
        if (info.format == NumberFormat::Integer || !name.starts_with(info.name) ||
            info.name.size() <= base.length) {
            continue;
        }
        if (name.size() > info.name.size() && name[info.name.size()] != '-') {
            continue;
        }
        base.spec = QuantSpec{};
        base.spec.format.format = info.format;
        base.length = info.name.size();
    }
    if (base.length > 0) {
        return base;
    }
    const std::string_view first = name.substr(0, name.find('-'));
    if (const std::optional<int> bits = numberAfter(first, "int")) {
        base.spec = QuantSpec{};
        base.spec.bits = *bits;
        base.length = first.size();
        return base;
    }
    return std::nullopt;
}

// Applies one modifier; an error message names what does not fit.
std::optional<std::string> applyModifier(std::string_view part, QuantSpec& spec)
{
    const FormatFamily family = formatInfo(spec.format.format).family;
    const bool integer = family == FormatFamily::Integer;
    const bool ownGrouping = integer || family == FormatFamily::Minifloat;
    if (part == "tensor" || part == "channel") {
        if (!ownGrouping) {
            return "the format has blocks of its own";
        }
        spec.granularity = part == "tensor" ? Granularity::Tensor : Granularity::Channel;
        return std::nullopt;
    }
    if (const std::optional<int> size = numberAfter(part, "g")) {
        if (!ownGrouping) {
            return "the format has blocks of its own";
        }
        if (*size < 1) {
            return "a group needs at least one value";
        }
        spec.granularity = Granularity::Group;
        spec.groupSize = *size;
        return std::nullopt;
    }
    if (const std::optional<int> size = numberAfter(part, "b")) {
        if (family != FormatFamily::Bitsandbytes) {
            return "only nf4 and bnb-fp4 take a block size";
        }
        if (*size < kBnbMinBlockSize || *size > kBnbMaxBlockSize) {
            return "the block size must be " + std::to_string(kBnbMinBlockSize) + ".." +
                   std::to_string(kBnbMaxBlockSize);
        }
        spec.format.blockSize = *size;
        return std::nullopt;
    }
    if (part == "sym" || part == "asym" || part == "fp16" || part == "fp32") {
        if (!integer) {
            return "only the integer grid takes it";
        }
        if (part == "sym" || part == "asym") {
            spec.scheme = part == "sym" ? Scheme::Symmetric : Scheme::Asymmetric;
        } else {
            spec.format.scaleStorage =
                part == "fp16" ? ScaleStorage::Float16 : ScaleStorage::Float32;
        }
        return std::nullopt;
    }
    return "unknown modifier";
}

Error candidateError(std::string_view name, const std::string& problem)
{
    return {ErrorCode::InvalidArgument, "format '" + std::string(name) + "': " + problem, {}, {}};
}

// A row the tensor cannot take: per channel needs a channel axis besides the values' own.
bool needsChannels(const QuantSpec& spec)
{
    return spec.granularity == Granularity::Channel &&
           (spec.isIntegerGrid() ||
            formatInfo(spec.format.format).family == FormatFamily::Minifloat);
}

void sortBySqnr(std::vector<ShootoutRow>& rows)
{
    // NaN SQNR (no finite value) cannot happen: analyzeTensor refuses such a tensor.
    std::stable_sort(rows.begin(), rows.end(), [](const ShootoutRow& a, const ShootoutRow& b) {
        if (a.metrics.sqnrDb != b.metrics.sqnrDb) {
            return a.metrics.sqnrDb > b.metrics.sqnrDb;
        }
        return a.bitsPerValue < b.bitsPerValue;
    });
}

} // namespace

Result<ShootoutCandidate> parseShootoutCandidate(std::string_view name)
{
    const std::optional<NameBase> base = parseBase(name);
    if (!base) {
        std::string known;
        for (const FormatInfo& info : formatCatalog()) {
            if (info.format != NumberFormat::Integer) {
                known += ", " + std::string(info.name);
            }
        }
        return std::unexpected(
            candidateError(name, "not int<bits> or a format (int2..int16" + known + ")"));
    }
    QuantSpec spec = base->spec;
    if (spec.isIntegerGrid() && (spec.bits < kMinBits || spec.bits > kMaxBits)) {
        return std::unexpected(candidateError(name, "the integer grid takes " +
                                                        std::to_string(kMinBits) + ".." +
                                                        std::to_string(kMaxBits) + " bits"));
    }
    if (base->length < name.size()) {
        for (const std::string_view part : splitOn(name.substr(base->length + 1), '-')) {
            if (const std::optional<std::string> problem = applyModifier(part, spec)) {
                return std::unexpected(
                    candidateError(name, "'" + std::string(part) + "': " + *problem));
            }
        }
    }
    return ShootoutCandidate{std::string(name), spec};
}

Result<std::vector<ShootoutCandidate>> parseShootoutCandidates(std::string_view list)
{
    std::vector<ShootoutCandidate> candidates;
    std::set<std::string_view> seen;
    for (const std::string_view item : splitOn(list, ',')) {
        const std::string_view name = trimmed(item);
        if (name.empty()) {
            return fail(ErrorCode::InvalidArgument, "an empty format name in the list");
        }
        if (!seen.insert(name).second) {
            return fail(ErrorCode::InvalidArgument,
                        "format '" + std::string(name) + "' is listed twice");
        }
        auto candidate = parseShootoutCandidate(name);
        if (!candidate) {
            return std::unexpected(candidate.error());
        }
        candidates.push_back(std::move(*candidate));
    }
    return candidates;
}

Result<std::vector<ShootoutCandidate>> bitsClassCandidates(int bits)
{
    if (bits == 4) {
        return parseShootoutCandidates(
            "int4-channel-fp16, int4-g32-sym-fp16, int4-g32-asym-fp16, int4-g64-sym-fp16, "
            "int4-g64-asym-fp16, int4-g128-sym-fp16, int4-g128-asym-fp16, nf4, bnb-fp4, "
            "fp4-e2m1-g32, mxfp4, nvfp4");
    }
    if (bits == 8) {
        return parseShootoutCandidates(
            "int8-tensor, int8-channel, fp8-e4m3-tensor, fp8-e4m3-channel, fp8-e5m2-tensor, "
            "fp8-e5m2-channel, mxfp8-e4m3, mxint8");
    }
    return fail(ErrorCode::InvalidArgument,
                "bits class " + std::to_string(bits) + ": the classes are 4 and 8");
}

Result<Shootout> runShootout(TensorView tensor, std::span<const ShootoutCandidate> candidates,
                             const TensorStats& stats, const ShootoutOptions& options)
{
    Shootout out;
    const std::size_t total = std::max<std::size_t>(candidates.size(), 1);
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        const ShootoutCandidate& candidate = candidates[i];
        if (needsChannels(candidate.spec) && tensor.shape.size() < 2) {
            out.warnings.push_back(makeWarning(
                WarningCode::RowLeftOut,
                QS_TRANSLATABLE("Warning",
                                "%1 is left out: per channel needs a tensor of two or more axes"),
                {candidate.name}));
            continue;
        }
        AnalysisOptions analysisOptions;
        analysisOptions.threads = options.threads;
        if (options.progress) {
            analysisOptions.progress = [&options, i, total](double fraction) {
                return options.progress((static_cast<double>(i) + fraction) /
                                        static_cast<double>(total));
            };
        }
        auto analysis = analyzeTensor(tensor, candidate.spec, analysisOptions, stats);
        if (!analysis) {
            Error error = analysis.error();
            if (error.code != ErrorCode::Cancelled) {
                error.message = "format '" + candidate.name + "': " + error.message;
            }
            return std::unexpected(std::move(error));
        }
        ShootoutRow row;
        row.name = candidate.name;
        row.spec = candidate.spec;
        row.bitsPerValue = bitsPerValue(analysis->spec, analysis->params.size(), stats.count);
        row.metrics = analysis->metrics;
        row.saturated = analysis->metrics.clippedBelow + analysis->metrics.clippedAbove;
        row.histograms = std::move(analysis->histograms);
        out.rows.push_back(std::move(row));
    }
    sortBySqnr(out.rows);
    markParetoFront(out.rows);
    return out;
}

const ShootoutRow* bestWithinBudget(const Shootout& shootout, double maxBitsPerValue)
{
    const std::vector<ShootoutRow>& rows = shootout.rows;
    const auto fits = std::find_if(rows.begin(), rows.end(), [&](const ShootoutRow& row) {
        return row.bitsPerValue <= maxBitsPerValue;
    });
    if (fits != rows.end()) {
        return &*fits;
    }
    const auto fewest =
        std::min_element(rows.begin(), rows.end(), [](const ShootoutRow& a, const ShootoutRow& b) {
            return a.bitsPerValue < b.bitsPerValue;
        });
    return fewest == rows.end() ? nullptr : &*fewest;
}

void markParetoFront(std::span<ShootoutRow> rows)
{
    for (ShootoutRow& row : rows) {
        row.pareto = std::none_of(rows.begin(), rows.end(), [&row](const ShootoutRow& other) {
            const bool noWorse = other.bitsPerValue <= row.bitsPerValue &&
                                 other.metrics.sqnrDb >= row.metrics.sqnrDb;
            const bool better =
                other.bitsPerValue < row.bitsPerValue || other.metrics.sqnrDb > row.metrics.sqnrDb;
            return noWorse && better;
        });
    }
}

std::vector<AbsErrorPoint> absErrorCurve(const PassHistograms& histograms)
{
    // Each bin counts at the larger |edge| it spans, so the curve never claims an error smaller
    // than a value may have.
    std::vector<std::pair<double, std::uint64_t>> bins;
    for (const Histogram* h : {&histograms.roundingError, &histograms.clippingError}) {
        for (std::size_t b = 0; b < h->bins(); ++b) {
            if (h->counts[b] == 0) {
                continue;
            }
            const double lo = h->binLo(b);
            const double hi = lo + h->binWidth();
            bins.emplace_back(std::max(std::fabs(lo), std::fabs(hi)), h->counts[b]);
        }
    }
    std::sort(bins.begin(), bins.end());
    std::uint64_t total = 0;
    for (const auto& bin : bins) {
        total += bin.second;
    }
    std::vector<AbsErrorPoint> curve;
    std::uint64_t below = 0;
    for (std::size_t i = 0; i < bins.size(); ++i) {
        below += bins[i].second;
        if (i + 1 < bins.size() && bins[i + 1].first == bins[i].first) {
            continue; // one point per bound
        }
        curve.push_back({bins[i].first, static_cast<double>(below) / static_cast<double>(total)});
    }
    return curve;
}

} // namespace qs
