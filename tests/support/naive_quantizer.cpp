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

} // namespace

NaiveResult naiveQuantize(std::span<const float> values, const QuantParams& params,
                          const PassOptions& options)
{
    NaiveResult out;
    // The same empty histograms (ranges) as the kernel: run the kernel on nothing.
    PassOptions emptyOptions = options;
    emptyOptions.codesOut = {};
    emptyOptions.dequantOut = {};
    out.histograms = quantizePass({}, params, emptyOptions)->histograms;

    const float scale = static_cast<float>(params.scale);
    const auto zero = static_cast<float>(params.zeroPoint);
    double sumX2 = 0, sumE2 = 0, sumAbsE = 0, sumXD = 0, sumD2 = 0, maxAbsE = 0;
    std::uint64_t finite = 0, below = 0, above = 0, atZero = 0;
    const HistogramBinner valueBinner(out.histograms.values);
    const HistogramBinner roundingBinner(out.histograms.roundingError);
    const HistogramBinner clippingBinner(out.histograms.clippingError);

    for (std::size_t i = 0; i < values.size(); ++i) {
        const float x = values[i];
        // The tutorial's formulas: R/Scale + Z, and plain R/Scale where there is no zero point
        // (which keeps the sign of −0, as NumPy does).
        float v = params.zeroPoint != 0 ? x / scale + zero : x / scale;
        if (std::isnan(v)) {
            v = zero;
        }
        const double r = std::isinf(v)
                             ? (v > 0 ? params.qmax + 1.0 : params.qmin - 1.0)
                             : roundReference(v, options.rounding, options.roundingSeed, i);
        const double clipped =
            std::clamp(r, static_cast<double>(params.qmin), static_cast<double>(params.qmax));
        const auto code = static_cast<std::int32_t>(clipped);
        // In range, the rounded value itself (keeping a −0 from rint/round/floor); else the bound.
        const float q = clipped == r ? static_cast<float>(r) : static_cast<float>(clipped);
        const float d = (q - zero) * scale;
        out.codes.push_back(code);
        out.dequant.push_back(d);
        if (!std::isfinite(x)) {
            continue;
        }
        const float e = d - x;
        ++finite;
        sumX2 += double(x) * x;
        sumE2 += double(e) * e;
        sumAbsE += std::fabs(double(e));
        sumXD += double(x) * d;
        sumD2 += double(d) * d;
        maxAbsE = std::max(maxAbsE, std::fabs(double(e)));
        const bool isBelow = r < params.qmin;
        const bool isAbove = r > params.qmax;
        below += isBelow ? 1 : 0;
        above += isAbove ? 1 : 0;
        atZero += code == params.zeroPoint ? 1 : 0;
        ++out.histograms.values.counts[valueBinner.bin(x)];
        ++out.histograms.codes.counts[static_cast<std::size_t>(code - params.qmin)];
        if (isBelow || isAbove) {
            ++out.histograms.clippingError.counts[clippingBinner.bin(e)];
        } else {
            ++out.histograms.roundingError.counts[roundingBinner.bin(e)];
        }
    }

    Metrics& m = out.metrics;
    const auto n = static_cast<double>(finite);
    m.mse = sumE2 / n;
    m.rmse = std::sqrt(m.mse);
    m.mae = sumAbsE / n;
    m.maxAbsError = maxAbsE;
    m.sqnrDb = sumE2 > 0 ? 10 * std::log10(sumX2 / sumE2) : std::numeric_limits<double>::infinity();
    const double norms = std::sqrt(sumX2) * std::sqrt(sumD2);
    m.cosineSimilarity = norms > 0 ? sumXD / norms : (sumX2 == sumD2 ? 1.0 : 0.0);
    m.clippedBelow = below;
    m.clippedAbove = above;
    m.clippedFraction = static_cast<double>(below + above) / n;
    m.codesTotal = std::int64_t{params.qmax} - params.qmin + 1;
    m.codesUsed =
        std::ranges::count_if(out.histograms.codes.counts, [](std::uint64_t c) { return c > 0; });
    m.zeroCodeFraction = static_cast<double>(atZero) / n;
    return out;
}

} // namespace qs::test
