#include "analysis/histogram.h"

#include <numeric>

namespace qs {

std::uint64_t Histogram::total() const
{
    return std::accumulate(counts.begin(), counts.end(), std::uint64_t{0});
}

Histogram makeHistogram(double lo, double hi, std::size_t bins)
{
    Histogram histogram;
    histogram.lo = lo;
    histogram.hi = hi > lo ? hi : lo + 1.0;
    histogram.counts.assign(bins == 0 ? 1 : bins, 0);
    return histogram;
}

HistogramBinner::HistogramBinner(const Histogram& histogram)
    : lo(static_cast<float>(histogram.lo)),
      invWidth(static_cast<float>(static_cast<double>(histogram.bins()) /
                                  (histogram.hi - histogram.lo))),
      lastBin(static_cast<float>(histogram.bins() - 1))
{}

} // namespace qs
