#include "bench_timing.h"

#include <algorithm>
#include <chrono>
#include <exception>

namespace qs::bench {

Result<std::size_t> parseSize(const std::string& text)
{
    std::size_t value = 0;
    std::size_t used = 0;
    try {
        value = std::stoull(text, &used);
    } catch (const std::exception&) {
        return fail(ErrorCode::InvalidArgument,
                    "invalid size '" + text + "' (expected e.g. 1M or 65536)");
    }
    const std::string suffix = text.substr(used);
    const std::size_t multiplier = suffix.empty()  ? 1
                                   : suffix == "K" ? 1u << 10
                                   : suffix == "M" ? 1u << 20
                                                   : 0;
    if (multiplier == 0 || value == 0 || value > (std::size_t{1} << 30) / multiplier) {
        return fail(ErrorCode::InvalidArgument,
                    "invalid size '" + text + "' (1 .. 1024M, suffix K or M)");
    }
    return value * multiplier;
}

double bestNsPerElement(int repeat, std::size_t n, const std::function<void()>& work)
{
    double best = 1e300;
    for (int r = 0; r < repeat; ++r) {
        const auto start = std::chrono::steady_clock::now();
        work();
        const auto stop = std::chrono::steady_clock::now();
        best = std::min(best, std::chrono::duration<double, std::nano>(stop - start).count());
    }
    return best / static_cast<double>(n);
}

} // namespace qs::bench
