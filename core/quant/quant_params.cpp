#include "quant/quant_params.h"

#include <cassert>

namespace qs {

IntegerRange integerRange(int bits, bool isSigned, bool narrowRange)
{
    assert(bits >= 1 && bits <= 31);
    IntegerRange range;
    if (isSigned) {
        range.qmin = -(std::int32_t{1} << (bits - 1));
        range.qmax = (std::int32_t{1} << (bits - 1)) - 1;
    } else {
        range.qmin = 0;
        range.qmax = static_cast<std::int32_t>((std::int64_t{1} << bits) - 1);
    }
    if (narrowRange) {
        range.qmin += 1;
    }
    return range;
}

} // namespace qs
