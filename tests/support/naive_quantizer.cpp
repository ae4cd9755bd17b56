#include "support/naive_quantizer.h"

#include "quant/element_quantizer.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace qs::test {
namespace {

// Rounding of a float by the textbook definition, evaluated exactly in double.
double roundReference(float v, Rounding rounding, std::uint64_t seed, std::uint64_t index)
{
    const double x = v;
    switch (rounding) {
    case Rounding::HalfEven:
        return std::nearbyint(x);
    case Rounding::HalfAwayFromZero:
        return std::round(x);
    case Rounding::HalfUp:
        return std::floor(x + 0.5);
    case Rounding::Floor:
        return std::floor(x);
    case Rounding::Stochastic: {
        const float u =
            stochasticUniform(stochasticKey(seed, static_cast<std::uint32_t>(index >> 32)),
                              static_cast<std::uint32_t>(index));
        const double f = std::floor(x);
        return f + (u < x - f ? 1.0 : 0.0);
    }
    }
    return x;
}

// R' of a code, (Q − Z)·float32(Scale) in float32.
float dequantizeCode(const QuantParams& p, float q)
{
    return (q - static_cast<float>(p.zeroPoint)) * static_cast<float>(p.scale);
}

// The groups as the reference sees them: a layout (one group when the options have none) and
// each group's finite extremes.
struct NaiveGroups
{
    GroupLayout layout;
    std::vector<RealRange> extremes;
};

NaiveGroups naiveGroups(std::size_t count, std::size_t groups, const PassOptions& options)
{
    NaiveGroups out;
    if (options.layout) {
        out.layout = *options.layout;
    } else {
        out.layout.rowLength = count;
        out.layout.groupSize = count;
    }
    if (options.groupExtremes.size() == groups) {
        out.extremes.assign(options.groupExtremes.begin(), options.groupExtremes.end());
    } else {
        out.extremes.assign(groups, RealRange{options.dataMin, options.dataMax});
    }
    return out;
}

// The histogram ranges, by their definition: values over the data's [min, max] (widened by 0.5
// when it is a point); one bin per code; rounding error within half the largest step (a whole
// step for floor and stochastic rounding) with a 1e-3 margin for float32's R/Scale; clipping
// error from the worst clip above (R'(top) − max < 0) to the worst clip below (R'(bottom) − min
// > 0) over all groups, widened by the same reach.
PassHistograms emptyReferenceHistograms(std::span<const QuantParams> params,
                                        const NaiveGroups& groups, const PassOptions& options)
{
    PassHistograms h;
    double lo = options.dataMin;
    double hi = options.dataMax;
    if (!(hi > lo)) {
        lo -= 0.5;
        hi += 0.5;
    }
    h.values = makeHistogram(lo, hi, options.valueBins);
    const QuantParams& first = params.front();
    const auto codes = static_cast<std::size_t>(std::int64_t{first.qmax} - first.qmin + 1);
    h.codes = makeHistogram(first.qmin, static_cast<double>(first.qmax) + 1.0, codes);

    double largestScale = 0;
    for (const QuantParams& p : params) {
        largestScale = std::max(largestScale, std::fabs(double(static_cast<float>(p.scale))));
    }
    const bool wholeStep =
        options.rounding == Rounding::Floor || options.rounding == Rounding::Stochastic;
    const double reach = largestScale * (wholeStep ? 1.0 : 0.5) * (1.0 + 1e-3);
    h.roundingError = makeHistogram(-reach, reach, options.errorBins);

    double clipLo = 0;
    double clipHi = 0;
    for (std::size_t g = 0; g < params.size(); ++g) {
        const float atMin = dequantizeCode(params[g], static_cast<float>(params[g].qmin));
        const float atMax = dequantizeCode(params[g], static_cast<float>(params[g].qmax));
        // Q4_0's negative Scale turns the grid around: the ends are whichever R' is larger.
        const double top = std::max(atMin, atMax);
        const double bottom = std::min(atMin, atMax);
        clipLo = std::min(clipLo, top - groups.extremes[g].hi);
        clipHi = std::max(clipHi, bottom - groups.extremes[g].lo);
    }
    h.clippingError = clipHi > clipLo
                          ? makeHistogram(clipLo - reach, clipHi + reach, options.errorBins)
                          : makeHistogram(-reach, reach, options.errorBins);
    return h;
}

// One element through its group's step: the code before clipping (±Inf-like beyond the grid
// for infinite v) and the clipped code as the float the kernel holds (the sign of a zero kept).
struct NaiveElement
{
    double rounded; // Round(v) (+ Z for MultiplyRoundAddZero), before clipping
    float q;        // Clip(rounded) as a float32, −0 kept
};

NaiveElement naiveElement(const QuantParams& p, float x, const PassOptions& options,
                          std::uint64_t index)
{
    const auto zero = static_cast<float>(p.zeroPoint);
    float v = 0;
    switch (p.step) {
    case QuantizeStep::DivideAddZero: {
        const float quotient = x / static_cast<float>(p.scale);
        v = p.zeroPoint != 0 ? quotient + zero : quotient; // no +0 added: −0 stays −0
        break;
    }
    case QuantizeStep::MultiplyRoundAddZero:
    case QuantizeStep::MultiplyAddOffset: {
        const float product = x * p.inverseScale;
        v = p.step == QuantizeStep::MultiplyAddOffset ? product + p.offset : product;
        break;
    }
    }
    const bool addZeroAfter = p.step == QuantizeStep::MultiplyRoundAddZero && p.zeroPoint != 0;
    double r = 0;
    if (std::isnan(v)) {
        r = p.zeroPoint; // NaN takes the zero point's code
    } else if (std::isinf(v)) {
        r = v > 0 ? p.qmax + 1.0 : p.qmin - 1.0;
    } else {
        r = roundReference(v, options.rounding, options.roundingSeed, index);
        r = addZeroAfter ? r + p.zeroPoint : r;
    }
    const double clipped = std::clamp(r, double(p.qmin), double(p.qmax));
    // In range, the rounded value itself (keeping a −0 from rint/round/floor); else the bound.
    return {r, clipped == r ? static_cast<float>(r) : static_cast<float>(clipped)};
}

// The metrics of the sums, as metrics.h defines them.
struct NaiveSums
{
    double sumX2 = 0, sumE2 = 0, sumAbsE = 0, sumXD = 0, sumD2 = 0, maxAbsE = 0, clippedE2 = 0;
    std::uint64_t finite = 0, below = 0, above = 0, atZero = 0;
};

Metrics finish(const NaiveSums& s, const PassHistograms& h, const QuantParams& first)
{
    Metrics m;
    const auto n = static_cast<double>(s.finite);
    m.mse = s.sumE2 / n;
    m.rmse = std::sqrt(m.mse);
    m.mae = s.sumAbsE / n;
    m.maxAbsError = s.maxAbsE;
    m.sqnrDb =
        s.sumE2 > 0 ? 10 * std::log10(s.sumX2 / s.sumE2) : std::numeric_limits<double>::infinity();
    const double norms = std::sqrt(s.sumX2) * std::sqrt(s.sumD2);
    m.cosineSimilarity = norms > 0 ? s.sumXD / norms : (s.sumX2 == s.sumD2 ? 1.0 : 0.0);
    m.clippedBelow = s.below;
    m.clippedAbove = s.above;
    m.clippedFraction = static_cast<double>(s.below + s.above) / n;
    m.codesTotal = std::int64_t{first.qmax} - first.qmin + 1;
    m.codesUsed = std::ranges::count_if(h.codes.counts, [](std::uint64_t c) { return c > 0; });
    m.zeroCodeFraction = static_cast<double>(s.atZero) / n;
    m.clippingMse = s.clippedE2 / n;
    return m;
}

} // namespace

NaiveResult naiveQuantize(std::span<const float> values, const QuantParams& params,
                          const PassOptions& options)
{
    return naiveQuantize(values, std::span(&params, 1), options);
}

NaiveResult naiveQuantize(std::span<const float> values, std::span<const QuantParams> params,
                          const PassOptions& options)
{
    NaiveResult out;
    const NaiveGroups groups = naiveGroups(values.size(), params.size(), options);
    out.histograms = emptyReferenceHistograms(params, groups, options);
    const HistogramBinner valueBinner(out.histograms.values);
    const HistogramBinner roundingBinner(out.histograms.roundingError);
    const HistogramBinner clippingBinner(out.histograms.clippingError);
    const std::int32_t firstQmin = params.front().qmin;

    NaiveSums s;
    for (std::size_t i = 0; i < values.size(); ++i) {
        const QuantParams& p = params[groups.layout.groupOf(i)];
        const float x = values[i];
        const NaiveElement element = naiveElement(p, x, options, i);
        const auto code = static_cast<std::int32_t>(element.q);
        const float d = dequantizeCode(p, element.q);
        out.codes.push_back(code);
        out.dequant.push_back(d);
        if (!std::isfinite(x)) {
            continue;
        }
        const float e = d - x;
        ++s.finite;
        s.sumX2 += double(x) * x;
        s.sumE2 += double(e) * e;
        s.sumAbsE += std::fabs(double(e));
        s.sumXD += double(x) * d;
        s.sumD2 += double(d) * d;
        s.maxAbsE = std::max(s.maxAbsE, std::fabs(double(e)));
        const bool isBelow = element.rounded < p.qmin;
        const bool isAbove = element.rounded > p.qmax;
        s.below += isBelow ? 1 : 0;
        s.above += isAbove ? 1 : 0;
        s.atZero += code == p.zeroPoint ? 1 : 0;
        ++out.histograms.values.counts[valueBinner.bin(x)];
        ++out.histograms.codes.counts[static_cast<std::size_t>(code - firstQmin)];
        if (isBelow || isAbove) {
            s.clippedE2 += double(e) * e;
            ++out.histograms.clippingError.counts[clippingBinner.bin(e)];
        } else {
            ++out.histograms.roundingError.counts[roundingBinner.bin(e)];
        }
    }
    out.metrics = finish(s, out.histograms, params.front());
    return out;
}

} // namespace qs::test
