#include "support/format_checks.h"

#include "analysis/quantize_pass.h"

#include <bit>
#include <cmath>
#include <cstdio>

namespace qs::test {
namespace {

std::string describe(float v)
{
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.9g (0x%08x)", static_cast<double>(v),
                  std::bit_cast<std::uint32_t>(v));
    return buffer;
}

std::string describe(double v)
{
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.17g", v);
    return buffer;
}

// |got − want| within `relative` of |want|; infinities must agree in sign, NaN never passes.
bool closeRelative(double got, double want, double relative)
{
    if (std::isinf(want) || std::isinf(got)) {
        return got == want;
    }
    return std::fabs(got - want) <= relative * std::fabs(want);
}

std::string prefixed(const std::string& what, const std::string& difference)
{
    return difference.empty() ? difference : what + ": " + difference;
}

// Each group's finite [min, max] (0, 0 for a group without finite values).
std::vector<RealRange> groupExtremes(std::span<const float> values, const GroupLayout& layout)
{
    std::vector<RealRange> extremes;
    for (std::size_t g = 0; g < layout.groupCount(); ++g) {
        bool any = false;
        RealRange r;
        for (std::size_t i = layout.start(g); i < layout.start(g) + layout.length(g); ++i) {
            if (std::isfinite(values[i])) {
                r.lo = any ? std::min(r.lo, double(values[i])) : values[i];
                r.hi = any ? std::max(r.hi, double(values[i])) : values[i];
                any = true;
            }
        }
        extremes.push_back(r);
    }
    return extremes;
}

} // namespace

bool sameFloat(float a, float b)
{
    return std::bit_cast<std::uint32_t>(a) == std::bit_cast<std::uint32_t>(b) ||
           (std::isnan(a) && std::isnan(b));
}

std::string codeDifference(std::span<const std::int32_t> got, std::span<const std::int32_t> want)
{
    if (got.size() != want.size()) {
        return "sizes " + std::to_string(got.size()) + " vs " + std::to_string(want.size());
    }
    for (std::size_t i = 0; i < got.size(); ++i) {
        if (got[i] != want[i]) {
            return "code[" + std::to_string(i) + "] got " + std::to_string(got[i]) + " want " +
                   std::to_string(want[i]);
        }
    }
    return {};
}

std::string bitDifference(std::span<const float> got, std::span<const float> want)
{
    if (got.size() != want.size()) {
        return "sizes " + std::to_string(got.size()) + " vs " + std::to_string(want.size());
    }
    for (std::size_t i = 0; i < got.size(); ++i) {
        if (!sameFloat(got[i], want[i])) {
            return "value[" + std::to_string(i) + "] got " + describe(got[i]) + " want " +
                   describe(want[i]);
        }
    }
    return {};
}

std::string scaleDifference(const Analysis& analysis, const NaiveFormatResult& want)
{
    if (analysis.params.size() != want.scales.size()) {
        return "blocks " + std::to_string(analysis.params.size()) + " vs " +
               std::to_string(want.scales.size());
    }
    // MXINT8 runs on the integer grid of step X/64.
    const bool mxint8 = analysis.spec.format.format == NumberFormat::Mxint8;
    for (std::size_t b = 0; b < want.scales.size(); ++b) {
        const QuantParams& p = analysis.params[b];
        const std::string block = "block " + std::to_string(b) + " ";
        if (p.scaleCode != want.scaleCodes[b]) {
            return block + "scale code got " + std::to_string(p.scaleCode) + " want " +
                   std::to_string(want.scaleCodes[b]);
        }
        // R' = element · scale · outerScale: only Transformer Engine's NVFP4 has a second factor.
        const bool transformerEngine =
            analysis.spec.format.format == NumberFormat::Nvfp4 &&
            analysis.spec.format.nvfp4Flavour == Nvfp4Flavour::TransformerEngine;
        const float outer = transformerEngine ? *want.tensorScale : 1.0f;
        if (!sameFloat(p.outerScale, outer)) {
            return block + "outer scale got " + describe(p.outerScale) + " want " + describe(outer);
        }
        const float expected = mxint8 ? want.scales[b] / 64.0f : want.scales[b];
        const auto scale = static_cast<float>(p.scale);
        if (!sameFloat(scale, expected) || (!std::isnan(p.scale) && double(scale) != p.scale)) {
            return block + "scale got " + describe(p.scale) + " want " + describe(expected);
        }
    }
    if (want.tensorScale.has_value() != analysis.tensorScale.has_value()) {
        return "tensor scale present in only one of them";
    }
    if (want.tensorScale &&
        (!sameFloat(static_cast<float>(*analysis.tensorScale), *want.tensorScale) ||
         double(*want.tensorScale) != *analysis.tensorScale)) {
        return "tensor scale got " + describe(*analysis.tensorScale) + " want " +
               describe(*want.tensorScale);
    }
    return {};
}

std::string metricDifference(const Metrics& got, const Metrics& want, double relative)
{
    const auto check = [&](const char* name, double a, double b, bool ok) {
        return ok ? std::string{}
                  : std::string(name) + " got " + describe(a) + " want " + describe(b);
    };
    // sqnr = 10·log10(ΣR²/Σe²): a relative error r of Σe² moves it by about 4.343·r dB.
    const bool sqnrOk = (std::isinf(got.sqnrDb) || std::isinf(want.sqnrDb))
                            ? got.sqnrDb == want.sqnrDb
                            : std::fabs(got.sqnrDb - want.sqnrDb) <= 5 * relative;
    const double gotGap = 1 - got.cosineSimilarity;
    const double wantGap = 1 - want.cosineSimilarity;
    const std::string differences[] = {
        check("mse", got.mse, want.mse, closeRelative(got.mse, want.mse, relative)),
        check("rmse", got.rmse, want.rmse, closeRelative(got.rmse, want.rmse, relative)),
        check("mae", got.mae, want.mae, closeRelative(got.mae, want.mae, relative)),
        check("max_abs_error", got.maxAbsError, want.maxAbsError,
              got.maxAbsError == want.maxAbsError),
        check("sqnr_db", got.sqnrDb, want.sqnrDb, sqnrOk),
        check("1 - cosine", gotGap, wantGap,
              std::fabs(gotGap - wantGap) <= 1e-4 * std::fabs(wantGap) + 2e-7),
        check("clipped_below", double(got.clippedBelow), double(want.clippedBelow),
              got.clippedBelow == want.clippedBelow),
        check("clipped_above", double(got.clippedAbove), double(want.clippedAbove),
              got.clippedAbove == want.clippedAbove),
        check("codes_used", double(got.codesUsed), double(want.codesUsed),
              got.codesUsed == want.codesUsed),
        check("codes_total", double(got.codesTotal), double(want.codesTotal),
              got.codesTotal == want.codesTotal),
        check("zero_code_fraction", got.zeroCodeFraction, want.zeroCodeFraction,
              got.zeroCodeFraction == want.zeroCodeFraction),
    };
    for (const std::string& d : differences) {
        if (!d.empty()) {
            return d;
        }
    }
    return {};
}

std::string analysisDifference(std::span<const float> values, const Shape& shape,
                               const QuantSpec& spec, unsigned threads, Compared compared)
{
    std::vector<std::int32_t> codes(values.size());
    std::vector<float> dequant(values.size());
    AnalysisOptions options;
    options.codesOut = codes;
    options.dequantOut = dequant;
    options.threads = threads;
    const auto analysis = analyzeTensor({values, shape}, spec, options);
    if (!analysis) {
        return "analyzeTensor failed: " + analysis.error().message;
    }
    const NaiveFormatResult want = naiveFormat(values, shape, spec);
    const bool elements = compared != Compared::Metrics;
    const bool metrics = compared != Compared::Elements;
    for (const std::string& d :
         {elements ? prefixed("codes", codeDifference(codes, want.codes)) : std::string{},
          elements ? prefixed("dequantized", bitDifference(dequant, want.dequant)) : std::string{},
          elements ? prefixed("scales", scaleDifference(*analysis, want)) : std::string{},
          metrics ? prefixed("metrics", metricDifference(analysis->metrics, want.metrics))
                  : std::string{}}) {
        if (!d.empty()) {
            return d;
        }
    }
    return {};
}

std::string passDifference(std::span<const float> values, const Shape& shape, const QuantSpec& spec,
                           simd::Isa isa, unsigned threads)
{
    AnalysisOptions analysisOptions;
    analysisOptions.threads = threads;
    const auto analysis = analyzeTensor({values, shape}, spec, analysisOptions);
    if (!analysis) {
        return "analyzeTensor failed: " + analysis.error().message;
    }
    const std::vector<RealRange> extremes = groupExtremes(values, analysis->layout);
    std::vector<std::int32_t> codes(values.size());
    std::vector<float> dequant(values.size());
    PassOptions options = passOptionsFor(analysis->spec, analysis->stats);
    options.layout = analysis->layout;
    options.groupExtremes = extremes;
    options.codesOut = codes;
    options.dequantOut = dequant;
    options.isa = isa;
    options.threads = threads;
    const auto pass = quantizePass(values, analysis->params, options);
    if (!pass) {
        return "quantizePass failed: " + pass.error().message;
    }
    const NaiveFormatResult want = naiveFormat(values, shape, spec);
    for (const std::string& d :
         {prefixed("codes", codeDifference(codes, want.codes)),
          prefixed("dequantized", bitDifference(dequant, want.dequant)),
          prefixed("metrics", metricDifference(pass->metrics, want.metrics))}) {
        if (!d.empty()) {
            return d;
        }
    }
    return {};
}

} // namespace qs::test
