#include "quant/choose_params.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>

namespace qs {
namespace {

// Rmax − Rmin in float32 arithmetic (as NumPy on float32 scalars), falling back to double when
// the float32 difference overflows.
double rangeWidth(RealRange range)
{
    const float width = static_cast<float>(range.hi) - static_cast<float>(range.lo);
    return std::isfinite(width) ? static_cast<double>(width) : range.hi - range.lo;
}

bool isUsableScale(double scale)
{
    const auto asFloat = static_cast<float>(scale);
    return std::isfinite(asFloat) && asFloat >= std::numeric_limits<float>::min();
}

std::string formatDouble(double value)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.9g", value);
    return buffer;
}

} // namespace

Result<ParamsChoice> chooseParams(RealRange range, const QuantSpec& spec)
{
    if (spec.bits < kMinBits || spec.bits > kMaxBits) {
        return fail(ErrorCode::InvalidArgument, "bits must be between " + std::to_string(kMinBits) +
                                                    " and " + std::to_string(kMaxBits) + ", got " +
                                                    std::to_string(spec.bits));
    }
    if (!std::isfinite(range.lo) || !std::isfinite(range.hi) || range.lo > range.hi) {
        return fail(ErrorCode::NoFiniteValues, "no finite range to quantize");
    }

    ParamsChoice choice;
    QuantParams& p = choice.params;
    const IntegerRange codes = integerRange(spec.bits, spec.isSigned, spec.effectiveNarrowRange());
    p.qmin = codes.qmin;
    p.qmax = codes.qmax;

    double zeroPoint = 0;
    switch (spec.scheme) {
    case Scheme::General:
        p.scale = rangeWidth(range) / static_cast<double>(p.qmax - p.qmin);
        p.clipMin = range.lo;
        p.clipMax = range.hi;
        break;
    case Scheme::Symmetric: {
        const float absMax = std::max(std::fabs(static_cast<float>(range.lo)),
                                      std::fabs(static_cast<float>(range.hi)));
        zeroPoint = spec.isSigned ? 0.0 : std::ldexp(1.0, spec.bits - 1);
        p.scale = static_cast<double>(absMax) / (p.qmax - zeroPoint);
        p.clipMin = -static_cast<double>(absMax);
        p.clipMax = absMax;
        break;
    }
    case Scheme::Asymmetric:
        p.scale = rangeWidth(range) / static_cast<double>(p.qmax - p.qmin);
        p.clipMin = range.lo;
        p.clipMax = range.hi;
        break;
    }

    if (!isUsableScale(p.scale)) {
        choice.warnings.push_back({WarningCode::ScaleFloored,
                                   "the range [" + formatDouble(range.lo) + ", " +
                                       formatDouble(range.hi) + "] is (nearly) constant: scale " +
                                       formatDouble(p.scale) + " raised to float32 eps " +
                                       formatDouble(kScaleFloor)});
        p.scale = kScaleFloor;
    }

    if (spec.scheme == Scheme::Asymmetric) {
        // NumPy: float32 scalar / float64 scale -> float64, np.round -> half to even.
        const double anchored =
            spec.zeroPointAnchor == ZeroPointAnchor::Max
                ? p.qmax - std::nearbyint(static_cast<float>(range.hi) / p.scale)
                : p.qmin - std::nearbyint(static_cast<float>(range.lo) / p.scale);
        zeroPoint = anchored;
    }

    constexpr double kInt32Limit = 2147483647.0;
    if (std::fabs(zeroPoint) > kInt32Limit) {
        zeroPoint = std::copysign(kInt32Limit, zeroPoint);
    }
    p.zeroPoint = static_cast<std::int32_t>(zeroPoint);
    if (p.zeroPoint < p.qmin || p.zeroPoint > p.qmax) {
        choice.warnings.push_back({WarningCode::ZeroPointOutside,
                                   "zero point " + std::to_string(p.zeroPoint) +
                                       " lies outside the code range [" + std::to_string(p.qmin) +
                                       ", " + std::to_string(p.qmax) +
                                       "]: real 0 has no exact code"});
    }
    if (std::fabs(static_cast<double>(p.zeroPoint)) > 16777216.0) {
        choice.warnings.push_back(
            {WarningCode::ZeroPointInexact,
             "zero point " + std::to_string(p.zeroPoint) +
                 " is beyond 2^24 and not exact in float32 element arithmetic"});
    }
    return choice;
}

} // namespace qs
