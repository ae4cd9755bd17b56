#include "analysis/error_sums.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace qs {

// When the error is small, cos is within rounding of 1 and the direct ratio keeps no digits of
// 1 − cos; with R' = R + e, b = ΣR·e/ΣR², c = Σe²/ΣR² and s = √(1 + 2b + c):
//     1 − cos = (c − b²) / (s · (s + 1 + b))
// which loses nothing as c → 0 (c − b² ≥ 0 by Cauchy–Schwarz).
double cosineSimilarity(const AgreementSums& s)
{
    if (s.sumX2 <= 0 || s.sumD2 <= 0) {
        return s.sumX2 == s.sumD2 ? 1.0 : 0.0; // both all zero: identical
    }
    const double c = s.sumE2 / s.sumX2;
    constexpr double kSmallError = 1e-2;
    if (c >= kSmallError) {
        return std::clamp(s.sumXD / (std::sqrt(s.sumX2) * std::sqrt(s.sumD2)), -1.0, 1.0);
    }
    const double b = s.sumXE / s.sumX2;
    const double root = std::sqrt(1 + 2 * b + c);
    return 1.0 - std::max(0.0, c - b * b) / (root * (root + 1 + b));
}

double sqnrDb(double signal, double noise)
{
    return noise > 0 ? 10.0 * std::log10(signal / noise) : std::numeric_limits<double>::infinity();
}

} // namespace qs
