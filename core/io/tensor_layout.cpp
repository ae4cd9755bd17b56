#include "io/tensor_layout.h"

#include <cassert>

namespace qs {

std::vector<float> fortranToC(std::span<const float> fortran, const Shape& shape)
{
    std::vector<float> c(fortran.size());
    const std::size_t rank = shape.size();
    if (rank == 0 || c.empty()) {
        std::copy(fortran.begin(), fortran.end(), c.begin());
        return c;
    }
    // Walk the C-order output with a multi-index; the Fortran offset is Σ index[k]·stride[k] with
    // strides growing from the first axis. Advance both incrementally.
    std::vector<std::size_t> strides(rank);
    std::size_t stride = 1;
    for (std::size_t k = 0; k < rank; ++k) {
        strides[k] = stride;
        stride *= static_cast<std::size_t>(shape[k]);
    }
    assert(stride == fortran.size());
    std::vector<std::size_t> index(rank, 0);
    std::size_t offset = 0;
    for (float& out : c) {
        out = fortran[offset];
        for (std::size_t k = rank; k-- > 0;) {
            if (++index[k] < static_cast<std::size_t>(shape[k])) {
                offset += strides[k];
                break;
            }
            offset -= strides[k] * (index[k] - 1);
            index[k] = 0;
        }
    }
    return c;
}

} // namespace qs
