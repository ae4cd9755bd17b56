#include "calibrate/manual_range.h"

#include <algorithm>
#include <cmath>

namespace qs {
namespace {

// The narrowest range a drag leaves: a thousandth of the range it started from.
double hair(double width)
{
    return std::max(1e-3 * width, 1e-30);
}

} // namespace

RealRange manualRangeForGridEnd(const QuantSpec& spec, const QuantParams& params, GridEnd end,
                                double x)
{
    const double s = std::fabs(params.scale);
    const double lo = (params.qmin - params.zeroPoint) * s;
    const double hi = (params.qmax - params.zeroPoint) * s;
    const double width = std::max(hi - lo, 1e-30);
    switch (spec.scheme) {
    case Scheme::Symmetric: {
        const double t = std::max(std::fabs(x), hair(width));
        return {-t, t};
    }
    case Scheme::Asymmetric:
        return end == GridEnd::High ? RealRange{lo, std::max(x, lo + hair(width))}
                                    : RealRange{std::min(x, hi - hair(width)), hi};
    case Scheme::General: {
        // Scale = (Rmax − Rmin)/(Qmax − Qmin) and the grid is Q·Scale for Q in [Qmin, Qmax].
        const double q = end == GridEnd::High ? params.qmax : params.qmin;
        const double scale = q != 0 ? x / q : s;
        const double kept = std::max(scale, hair(s));
        return {params.qmin * kept, params.qmax * kept};
    }
    }
    return {lo, hi};
}

bool clipLinesDraggable(const QuantSpec& spec, std::size_t groups)
{
    return groups == 1 && spec.isIntegerGrid() && spec.convention != Convention::LlamaQ8_0 &&
           spec.convention != Convention::LlamaQ4_0;
}

} // namespace qs
