#include "quant/choose_params.h"

#include <Eigen/Core>

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
    const auto asFloat = std::fabs(static_cast<float>(scale));
    return std::isfinite(asFloat) && asFloat >= std::numeric_limits<float>::min();
}

std::string formatDouble(double value)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.9g", value);
    return buffer;
}

// float32 → float16 (round to nearest even, as GGML_FP32_TO_FP16) → float32.
float throughFloat16(float value)
{
    return static_cast<float>(Eigen::half(value));
}

// The scale as the checkpoint stores it (--scale-format): every later step uses that value.
double stored(double scale, ScaleStorage storage)
{
    switch (storage) {
    case ScaleStorage::Float16:
        return throughFloat16(static_cast<float>(scale));
    case ScaleStorage::Float32:
        return static_cast<float>(scale);
    case ScaleStorage::Native:
        break;
    }
    return scale;
}

void tutorialParams(RealRange range, const QuantSpec& spec, QuantParams& p, double& zeroPoint)
{
    switch (spec.scheme) {
    case Scheme::General:
    case Scheme::Asymmetric:
        p.scale = stored(rangeWidth(range) / static_cast<double>(p.qmax - p.qmin),
                         spec.format.scaleStorage);
        p.clipMin = range.lo;
        p.clipMax = range.hi;
        break;
    case Scheme::Symmetric: {
        const float absMax = std::max(std::fabs(static_cast<float>(range.lo)),
                                      std::fabs(static_cast<float>(range.hi)));
        zeroPoint = spec.isSigned ? 0.0 : std::ldexp(1.0, spec.bits - 1);
        p.scale =
            stored(static_cast<double>(absMax) / (p.qmax - zeroPoint), spec.format.scaleStorage);
        p.clipMin = -static_cast<double>(absMax);
        p.clipMax = absMax;
        break;
    }
    }
}

// After the scale floor: the tutorial's zero point (double, np.round, not clamped).
void tutorialZeroPoint(RealRange range, const QuantSpec& spec, const QuantParams& p,
                       double& zeroPoint)
{
    if (spec.scheme == Scheme::Asymmetric) {
        // NumPy: float32 scalar / float64 scale -> float64, np.round -> half to even.
        zeroPoint = spec.zeroPointAnchor == ZeroPointAnchor::Max
                        ? p.qmax - std::nearbyint(static_cast<float>(range.hi) / p.scale)
                        : p.qmin - std::nearbyint(static_cast<float>(range.lo) / p.scale);
    }
}

void pytorchParams(RealRange range, const QuantSpec& spec, QuantParams& p, double& zeroPoint,
                   Warnings& warnings)
{
    const float eps = std::numeric_limits<float>::epsilon();
    const float minNeg = std::min(static_cast<float>(range.lo), 0.0f);
    const float maxPos = std::max(static_cast<float>(range.hi), 0.0f);
    float scale = 0;
    if (spec.scheme == Scheme::Symmetric) {
        const float absMax = std::max(-minNeg, maxPos);
        scale = absMax / (static_cast<float>(p.qmax - p.qmin) / 2.0f);
        zeroPoint = spec.isSigned ? 0.0 : std::ldexp(1.0, spec.bits - 1);
        p.clipMin = -absMax;
        p.clipMax = absMax;
    } else {
        scale = (maxPos - minNeg) / static_cast<float>(p.qmax - p.qmin);
        p.clipMin = minNeg;
        p.clipMax = maxPos;
    }
    if (!(scale >= eps)) {
        warnings.push_back(makeWarning(
            WarningCode::ScaleFloored,
            QS_TRANSLATABLE("Warning", "scale %1 raised to float32 eps, as PyTorch's observers do"),
            {formatDouble(scale)}));
        scale = eps;
    }
    scale = static_cast<float>(stored(scale, spec.format.scaleStorage));
    if (spec.scheme != Scheme::Symmetric) {
        // torch.round (half to even) of a float32 quotient, then clamped.
        zeroPoint = std::clamp<double>(p.qmin - std::nearbyint(minNeg / scale), p.qmin, p.qmax);
    }
    p.scale = scale;
    p.step = QuantizeStep::MultiplyRoundAddZero;
    p.inverseScale = 1.0f / scale;
}

void llamaParams(RealRange range, const QuantSpec& spec, float signedPeak, QuantParams& p,
                 double& zeroPoint)
{
    const float lo = static_cast<float>(range.lo);
    const float hi = static_cast<float>(range.hi);
    float d = 0;
    if (spec.convention == Convention::LlamaQ8_0) {
        d = std::max(std::fabs(lo), std::fabs(hi)) / 127.0f;
        p.step = QuantizeStep::MultiplyRoundAddZero;
    } else {
        const float peak =
            std::isnan(signedPeak) ? (std::fabs(lo) > std::fabs(hi) ? lo : hi) : signedPeak;
        d = peak / -8.0f;
        zeroPoint = 8;
        p.step = QuantizeStep::MultiplyAddOffset;
        p.offset =
            8.5f; // (int)(x·id + 8.5): Z and half a step, then truncated (floor: it is positive)
    }
    p.inverseScale = d != 0.0f ? 1.0f / d : 0.0f;
    p.scale = throughFloat16(d);
    p.clipMin = std::min(lo, -std::fabs(hi));
    p.clipMax = std::max(hi, std::fabs(lo));
}

} // namespace

Result<ParamsChoice> chooseParams(RealRange range, const QuantSpec& spec, float signedPeak)
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
    switch (spec.convention) {
    case Convention::Tutorial:
        tutorialParams(range, spec, p, zeroPoint);
        break;
    case Convention::PyTorch:
        pytorchParams(range, spec, p, zeroPoint, choice.warnings);
        break;
    case Convention::LlamaQ8_0:
    case Convention::LlamaQ4_0:
        llamaParams(range, spec, signedPeak, p, zeroPoint);
        break;
    }

    if (!isUsableScale(p.scale)) {
        choice.warnings.push_back(makeWarning(
            WarningCode::ScaleFloored,
            QS_TRANSLATABLE("Warning", "the range [%1, %2] is (nearly) constant: scale %3 raised "
                                       "to float32 eps %4"),
            {formatDouble(range.lo), formatDouble(range.hi), formatDouble(p.scale),
             formatDouble(kScaleFloor)}));
        p.scale = kScaleFloor;
        if (p.step != QuantizeStep::DivideAddZero && p.inverseScale != 0.0f) {
            p.inverseScale = static_cast<float>(1.0 / kScaleFloor);
        }
    }
    if (spec.convention == Convention::Tutorial) {
        tutorialZeroPoint(range, spec, p, zeroPoint);
    }

    constexpr double kInt32Limit = 2147483647.0;
    if (std::fabs(zeroPoint) > kInt32Limit) {
        zeroPoint = std::copysign(kInt32Limit, zeroPoint);
    }
    p.zeroPoint = static_cast<std::int32_t>(zeroPoint);
    if (p.zeroPoint < p.qmin || p.zeroPoint > p.qmax) {
        choice.warnings.push_back(makeWarning(
            WarningCode::ZeroPointOutside,
            QS_TRANSLATABLE("Warning",
                            "zero point %1 lies outside the code range [%2, %3]: real 0 has no "
                            "exact code"),
            {std::to_string(p.zeroPoint), std::to_string(p.qmin), std::to_string(p.qmax)}));
    }
    if (std::fabs(static_cast<double>(p.zeroPoint)) > 16777216.0) {
        choice.warnings.push_back(makeWarning(
            WarningCode::ZeroPointInexact,
            QS_TRANSLATABLE("Warning",
                            "zero point %1 is beyond 2^24 and not exact in float32 element "
                            "arithmetic"),
            {std::to_string(p.zeroPoint)}));
    }
    return choice;
}

} // namespace qs
