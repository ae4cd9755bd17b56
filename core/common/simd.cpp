#include "common/simd.h"

namespace qs::simd {

bool useAvx2(Isa requested)
{
#if defined(__x86_64__) && defined(__GNUC__)
    return requested != Isa::Baseline && __builtin_cpu_supports("avx2");
#else
    (void)requested;
    return false;
#endif
}

} // namespace qs::simd
