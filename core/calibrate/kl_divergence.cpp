#include "calibrate/kl_divergence.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace qs {
namespace {

constexpr double kSmoothing = 0.0001;

// KL(p ‖ q) of two unnormalised distributions of equal length; q is smoothed where it is zero
// and p is not.
double klDivergence(const std::vector<double>& p, std::vector<double>& q)
{
    double pTotal = 0;
    double qTotal = 0;
    for (std::size_t k = 0; k < p.size(); ++k) {
        pTotal += p[k];
        qTotal += q[k];
    }
    if (pTotal <= 0 || qTotal <= 0) {
        return std::numeric_limits<double>::infinity();
    }
    std::size_t holes = 0;
    std::size_t filled = 0;
    for (std::size_t k = 0; k < p.size(); ++k) {
        holes += (q[k] == 0 && p[k] > 0) ? 1 : 0;
        filled += q[k] > 0 ? 1 : 0;
    }
    const double give = holes > 0 ? kSmoothing : 0.0;
    const double take = filled > 0 ? give * static_cast<double>(holes) / static_cast<double>(filled) : 0.0;
    double divergence = 0;
    for (std::size_t k = 0; k < p.size(); ++k) {
        if (p[k] <= 0) {
            continue;
        }
        const double pk = p[k] / pTotal;
        const double qk = q[k] > 0 ? q[k] / qTotal - take : give;
        if (qk <= 0) {
            return std::numeric_limits<double>::infinity();
        }
        divergence += pk * std::log(pk / qk);
    }
    return divergence;
}

} // namespace

KlResult klThreshold(std::span<const float> values, double absMax, const KlOptions& options)
{
    KlResult result;
    const int bins = std::max(1, options.bins);
    const int levels = std::max(1, options.levels);
    const int start = std::clamp(options.startBin, levels, bins);
    if (!(absMax > 0)) {
        return result;
    }
    const double width = absMax / bins;
    std::vector<double> hist(static_cast<std::size_t>(bins), 0.0);
    for (const float x : values) {
        if (std::isfinite(x)) {
            const auto bin = static_cast<std::size_t>(std::min<double>(bins - 1, std::fabs(x) / width));
            hist[bin] += 1;
        }
    }

    double best = std::numeric_limits<double>::infinity();
    result.bestBin = bins;
    std::vector<double> p;
    std::vector<double> q;
    double beyond = 0; // Σ hist[i ..]
    for (int i = bins - 1; i >= start; --i) {
        beyond += hist[static_cast<std::size_t>(i)];
    }
    for (int i = start; i <= bins; ++i) {
        const auto n = static_cast<std::size_t>(i);
        p.assign(hist.begin(), hist.begin() + i);
        p[n - 1] += beyond;

        // Merge the first i bins into `levels` levels; spread each back over its non-empty bins.
        q.assign(n, 0.0);
        const std::size_t merged = n / static_cast<std::size_t>(levels);
        for (int level = 0; level < levels; ++level) {
            const std::size_t from = static_cast<std::size_t>(level) * merged;
            const std::size_t to = level == levels - 1 ? n : from + merged;
            double count = 0;
            std::size_t nonEmpty = 0;
            for (std::size_t k = from; k < to; ++k) {
                count += hist[k];
                nonEmpty += p[k] > 0 ? 1 : 0;
            }
            for (std::size_t k = from; k < to && nonEmpty > 0; ++k) {
                q[k] = p[k] > 0 ? count / static_cast<double>(nonEmpty) : 0.0;
            }
        }
        const double divergence = klDivergence(p, q);
        result.divergence.push_back(divergence);
        if (divergence < best) {
            best = divergence;
            result.bestBin = i;
        }
        if (i < bins) {
            beyond -= hist[n];
        }
    }
    result.threshold = std::min(absMax, (result.bestBin + 0.5) * width);
    return result;
}

} // namespace qs
