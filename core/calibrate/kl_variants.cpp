#include "calibrate/kl_variants.h"

#include "calibrate/framework_histograms.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

namespace qs {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// scipy.stats.entropy(p, q): both normalised, Σ p·log(p/q) over p > 0, infinite where q = 0.
template <typename T> double scipyEntropy(const std::vector<T>& p, const std::vector<T>& q)
{
    double pSum = 0;
    double qSum = 0;
    for (std::size_t k = 0; k < p.size(); ++k) {
        pSum += static_cast<double>(p[k]);
        qSum += static_cast<double>(q[k]);
    }
    double s = 0;
    for (std::size_t k = 0; k < p.size(); ++k) {
        const double pk = static_cast<double>(p[k]) / pSum;
        const double qk = static_cast<double>(q[k]) / qSum;
        if (pk > 0) {
            if (!(qk > 0)) {
                return kInf;
            }
            s += pk * std::log(pk / qk);
        }
    }
    return s;
}

// ONNX Runtime's smooth_distribution: float32; empty when every bin is zero (or where its
// assertion eps1 < 1 would stop the run).
std::vector<float> onnxRuntimeSmooth(const std::vector<std::int64_t>& counts)
{
    const auto zeros =
        static_cast<std::size_t>(std::count(counts.begin(), counts.end(), std::int64_t{0}));
    const std::size_t nonZeros = counts.size() - zeros;
    if (nonZeros == 0) {
        return {};
    }
    const double eps1 = 0.0001 * static_cast<double>(zeros) / static_cast<double>(nonZeros);
    if (!(eps1 < 1.0)) {
        return {};
    }
    const auto eps = static_cast<float>(0.0001);
    const auto minusEps1 = static_cast<float>(-eps1);
    std::vector<float> out(counts.size());
    for (std::size_t k = 0; k < counts.size(); ++k) {
        out[k] = counts[k] == 0 ? eps : static_cast<float>(counts[k]) + minusEps1;
    }
    return out;
}

// MXNet's SmoothDistribution: float32 throughout; empty when all zero or eps1 ≥ 1.
std::vector<float> mxnetSmooth(const std::vector<float>& p)
{
    const auto zeros = static_cast<std::size_t>(std::count(p.begin(), p.end(), 0.0f));
    const std::size_t nonZeros = p.size() - zeros;
    if (nonZeros == 0) {
        return {};
    }
    const float eps = 0.0001f;
    const float eps1 = eps * static_cast<float>(zeros) / static_cast<float>(nonZeros);
    if (eps1 >= 1.0f) {
        return {};
    }
    std::vector<float> out = p;
    for (float& v : out) {
        const float isZero = v == 0.0f ? 1.0f : 0.0f;
        v += eps * isZero - eps1 * (1.0f - isZero);
    }
    return out;
}

// MXNet's ComputeEntropy: float32 sums in order, float32 logarithms.
float mxnetEntropy(std::vector<float>& p, std::vector<float>& q)
{
    const float pSum = std::accumulate(p.begin(), p.end(), 0.0f);
    const float qSum = std::accumulate(q.begin(), q.end(), 0.0f);
    float s = 0;
    for (std::size_t k = 0; k < p.size(); ++k) {
        const float pk = p[k] / pSum;
        const float qk = q[k] / qSum;
        s += pk * std::log(pk / qk);
    }
    return s;
}

} // namespace

double pytorchQuantizationKlAmax(std::span<const float> values, int bins, int startBin, int levels)
{
    const FrameworkHistogram h = torchAbsHistogram(values, bins);
    std::vector<std::int64_t> counts = h.counts;
    if (counts.size() >= 2) {
        counts[0] = counts[1]; // a spike of exact zeros (a ReLU's) must not dominate P
    }
    const std::size_t n = counts.size();
    std::vector<std::int64_t> countBefore(n + 1, 0);
    std::vector<std::int64_t> filledBefore(n + 1, 0);
    std::vector<std::size_t> filled;
    for (std::size_t k = 0; k < n; ++k) {
        countBefore[k + 1] = countBefore[k] + counts[k];
        filledBefore[k + 1] = filledBefore[k] + (counts[k] != 0 ? 1 : 0);
        if (counts[k] != 0) {
            filled.push_back(k);
        }
    }
    const double total = static_cast<double>(countBefore[n]);

    std::vector<std::size_t> levelStart(static_cast<std::size_t>(levels) + 1);
    std::vector<double> levelMean(static_cast<std::size_t>(levels));
    double best = kInf;
    int bestBin = -1;
    bool bestIsNan = false;
    for (int i = startBin; i <= bins; ++i) {
        // np.digitize(range(i), linspace(0, i, levels + 1)) − 1: bin j is in the last level
        // whose edge k·(i/levels) is ≤ j, so level k starts at ⌈k·(i/levels)⌉.
        const double step = static_cast<double>(i) / levels;
        for (int k = 0; k < levels; ++k) {
            levelStart[static_cast<std::size_t>(k)] =
                static_cast<std::size_t>(std::ceil(static_cast<double>(k) * step));
        }
        levelStart[static_cast<std::size_t>(levels)] = static_cast<std::size_t>(i);
        for (std::size_t k = 0; k < levelMean.size(); ++k) {
            const std::size_t from = levelStart[k];
            const std::size_t to = std::max(from, levelStart[k + 1]);
            const auto nonEmpty = filledBefore[to] - filledBefore[from];
            levelMean[k] = nonEmpty == 0
                               ? 0.0
                               : static_cast<double>(countBefore[to] - countBefore[from]) /
                                     static_cast<double>(nonEmpty);
        }
        const auto bin = static_cast<std::size_t>(i);
        const double qTotal = static_cast<double>(countBefore[bin]);
        const double beyond = total - qTotal;
        double divergence = 0;
        if (qTotal == 0) {
            divergence = std::numeric_limits<double>::quiet_NaN(); // Q is 0/0, as in NumPy
        } else {
            std::size_t level = 0;
            for (const std::size_t j : filled) {
                if (j >= bin) {
                    break;
                }
                while (level + 1 < levelMean.size() && levelStart[level + 1] <= j) {
                    ++level;
                }
                const double pCount =
                    static_cast<double>(counts[j]) + (j == bin - 1 ? beyond : 0.0);
                const double pk = pCount / total;
                const double qk = levelMean[level] / qTotal;
                divergence += pk * std::log(pk / qk);
            }
            if (counts[bin - 1] == 0 && beyond > 0) {
                divergence = kInf; // the outliers folded into a bin Q leaves empty
            }
        }
        // np.argmin takes the first NaN if there is one; reversed, that is the last NaN.
        const bool isNan = std::isnan(divergence);
        if (isNan || (!bestIsNan && divergence <= best)) {
            best = divergence;
            bestBin = i;
            bestIsNan = bestIsNan || isNan;
        }
    }
    if (bestBin < 0) { // no candidate (start bin beyond the bins)
        bestBin = bins;
    }
    return h.edges[static_cast<std::size_t>(bestBin)];
}

RealRange onnxRuntimeEntropyRange(std::span<const float> values, int bins, int levels)
{
    const FiniteExtremes e = finiteExtremes(values);
    const FrameworkHistogram h = numpyHistogram(values, bins, -e.absMax, e.absMax);
    const std::vector<std::int64_t>& hist = h.counts;
    const int zero = bins / 2;
    const int half = levels / 2;
    double best = kInf;
    bool chosen = false;
    RealRange range{h.edges.front(), h.edges.back()};
    for (int i = half; i <= zero; ++i) {
        const auto start = static_cast<std::size_t>(zero - i);
        const auto end = static_cast<std::size_t>(std::min(zero + i + 1, bins));
        const std::size_t size = end - start;
        std::vector<std::int64_t> p(hist.begin() + static_cast<std::ptrdiff_t>(start),
                                    hist.begin() + static_cast<std::ptrdiff_t>(end));
        p.front() += std::accumulate(
            hist.begin(), hist.begin() + static_cast<std::ptrdiff_t>(start), std::int64_t{0});
        p.back() += std::accumulate(hist.begin() + static_cast<std::ptrdiff_t>(end), hist.end(),
                                    std::int64_t{0});
        const std::size_t merged = size / static_cast<std::size_t>(levels);
        const auto sliced = [&](std::size_t k) {
            return hist[start + k];
        };
        std::vector<std::int64_t> quantized(static_cast<std::size_t>(levels), 0);
        for (std::size_t level = 0; level < quantized.size(); ++level) {
            for (std::size_t k = level * merged; k < (level + 1) * merged; ++k) {
                quantized[level] += sliced(k);
            }
        }
        for (std::size_t k = quantized.size() * merged; k < size; ++k) {
            quantized.back() += sliced(k);
        }
        std::vector<std::int64_t> q(size, 0); // an int64 array: the means are truncated
        for (std::size_t level = 0; level < quantized.size(); ++level) {
            const std::size_t from = level * merged;
            const std::size_t to = from + merged;
            const auto norm = std::count_if(p.begin() + static_cast<std::ptrdiff_t>(from),
                                            p.begin() + static_cast<std::ptrdiff_t>(to),
                                            [](std::int64_t c) { return c != 0; });
            if (norm != 0) {
                const auto mean = static_cast<std::int64_t>(static_cast<double>(quantized[level]) /
                                                            static_cast<double>(norm));
                std::fill(q.begin() + static_cast<std::ptrdiff_t>(from),
                          q.begin() + static_cast<std::ptrdiff_t>(to), mean);
            }
        }
        const std::vector<float> ps = onnxRuntimeSmooth(p);
        const std::vector<float> qs = onnxRuntimeSmooth(q);
        // ORT stores each divergence as float32 before np.argmin takes the first minimum.
        const double divergence =
            ps.empty() || qs.empty()
                ? kInf
                : static_cast<double>(static_cast<float>(scipyEntropy(ps, qs)));
        if (!chosen || divergence < best) {
            best = divergence;
            chosen = true;
            range = {h.edges[start], h.edges[end]};
        }
    }
    range.lo = std::max(range.lo, static_cast<double>(e.min));
    range.hi = std::min(range.hi, static_cast<double>(e.max));
    return range;
}

double mxnetEntropyThreshold(std::span<const float> values, int bins, int levels)
{
    const FiniteExtremes e = finiteExtremes(values);
    const FrameworkHistogram h = numpyHistogram(values, bins, -e.absMax, e.absMax);
    std::vector<float> hist(h.counts.size());
    std::transform(h.counts.begin(), h.counts.end(), hist.begin(),
                   [](std::int64_t c) { return static_cast<float>(c); });
    const int zero = bins / 2;
    const int half = levels / 2;
    float best = std::numeric_limits<float>::max();
    std::size_t bestStop = static_cast<std::size_t>(zero + half + 1);
    const auto levelCount = static_cast<std::size_t>(levels);
    for (int i = half; i <= zero; ++i) {
        const auto start = static_cast<std::size_t>(zero - i);
        const auto stop = static_cast<std::size_t>(zero + i + 1);
        const std::size_t size = stop - start;
        std::vector<std::size_t> sliced(size, 0);
        std::vector<float> p(size, 0.0f);
        for (std::size_t j = 0; j < hist.size(); ++j) {
            if (j <= start) {
                p.front() += hist[j]; // the window's first bin goes in with the outliers
            } else if (j >= stop) {
                p.back() += hist[j];
            } else {
                sliced[j - start] = static_cast<std::size_t>(hist[j]);
                p[j - start] = hist[j];
            }
        }
        const std::size_t merged = size / levelCount;
        std::vector<float> quantized(levelCount, 0.0f);
        for (std::size_t level = 0; level < levelCount; ++level) {
            std::size_t sum = 0;
            for (std::size_t k = level * merged; k < (level + 1) * merged; ++k) {
                sum += sliced[k];
            }
            quantized[level] = static_cast<float>(static_cast<int>(sum));
        }
        std::size_t rest = 0;
        for (std::size_t k = levelCount * merged; k < size; ++k) {
            rest += sliced[k];
        }
        quantized.back() += static_cast<float>(static_cast<int>(rest));
        std::vector<float> q(size, 0.0f);
        for (std::size_t level = 0; level < levelCount; ++level) {
            const std::size_t from = level * merged;
            const std::size_t to = level == levelCount - 1 ? size : (level + 1) * merged;
            const auto norm =
                static_cast<int>(std::count_if(sliced.begin() + static_cast<std::ptrdiff_t>(from),
                                               sliced.begin() + static_cast<std::ptrdiff_t>(to),
                                               [](std::size_t c) { return c != 0; }));
            if (norm != 0) {
                for (std::size_t k = from; k < to; ++k) {
                    if (p[k] != 0.0f) {
                        q[k] = quantized[level] / static_cast<float>(norm);
                    }
                }
            }
        }
        std::vector<float> ps = mxnetSmooth(p);
        std::vector<float> qs = mxnetSmooth(q);
        const float divergence = ps.empty() || qs.empty() ? std::numeric_limits<float>::infinity()
                                                          : mxnetEntropy(ps, qs);
        if (divergence < best) {
            best = divergence;
            bestStop = stop;
        }
    }
    return h.edges[std::min(bestStop, h.edges.size() - 1)];
}

} // namespace qs
