#include "calibrate/aciq.h"

#include <array>
#include <cmath>
#include <numbers>

namespace qs {
namespace {

constexpr std::array kGaussTable{1.71, 2.15, 2.56, 2.94, 3.29, 3.62, 3.92};   // bits 2..8
constexpr std::array kLaplaceTable{2.83, 3.90, 5.03, 6.20, 7.41, 8.65, 9.90}; // bits 2..8

double expectedError(CalibrationMethod method, int bits, double alpha)
{
    const double rounding = alpha * alpha / (3.0 * std::pow(4.0, bits));
    if (method == CalibrationMethod::AciqLaplace) {
        return 2.0 * std::exp(-alpha) + rounding;
    }
    const double clipping =
        (alpha * alpha + 1.0) * std::erfc(alpha / std::numbers::sqrt2) -
        std::sqrt(2.0 / std::numbers::pi) * alpha * std::exp(-alpha * alpha / 2.0);
    return clipping + rounding;
}

double tableValue(CalibrationMethod method, int bits)
{
    const auto& table = method == CalibrationMethod::AciqLaplace ? kLaplaceTable : kGaussTable;
    return table[static_cast<std::size_t>(bits - 2)];
}

} // namespace

double aciqMinimiser(CalibrationMethod method, int bits)
{
    // E is unimodal in α on (0, 40]: golden-section search to 1e-9.
    const double phi = (std::sqrt(5.0) - 1.0) / 2.0;
    double a = 1e-3;
    double b = 40.0;
    double c = b - phi * (b - a);
    double d = a + phi * (b - a);
    while (b - a > 1e-9) {
        if (expectedError(method, bits, c) < expectedError(method, bits, d)) {
            b = d;
        } else {
            a = c;
        }
        c = b - phi * (b - a);
        d = a + phi * (b - a);
    }
    return (a + b) / 2.0;
}

double aciqGaussAlpha(int bits)
{
    return bits >= 2 && bits <= 8 ? tableValue(CalibrationMethod::AciqGauss, bits)
                                  : aciqMinimiser(CalibrationMethod::AciqGauss, bits);
}

double aciqLaplaceAlpha(int bits)
{
    return bits >= 2 && bits <= 8 ? tableValue(CalibrationMethod::AciqLaplace, bits)
                                  : aciqMinimiser(CalibrationMethod::AciqLaplace, bits);
}

RealRange aciqRange(const GroupStats& stats, CalibrationMethod method, int bits)
{
    const double alpha = method == CalibrationMethod::AciqLaplace
                             ? aciqLaplaceAlpha(bits) * stats.meanAbsDeviation
                             : aciqGaussAlpha(bits) * stats.std;
    return {std::max(stats.min, stats.mean - alpha), std::min(stats.max, stats.mean + alpha)};
}

} // namespace qs
