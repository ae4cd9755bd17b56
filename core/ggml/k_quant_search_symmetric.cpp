#include "ggml/k_quant_search_symmetric.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstddef>

namespace qs::ggml {
namespace {

// The value of largest magnitude, the first one on a tie, with its sign: the searches scale by
// −nmax/max so that this value lands on −nmax, the end of [−nmax, nmax − 1] that has room.
// NaNs never win the comparison, as in ggml.
float signedAbsMax(std::span<const float> x)
{
    float amax = 0;
    float max = 0;
    for (const float v : x) {
        if (std::fabs(v) > amax) {
            amax = std::fabs(v);
            max = v;
        }
    }
    return max;
}

int clampedCode(float scaled, int nmax)
{
    return std::clamp(nearestIntWrapped(scaled), -nmax, nmax - 1);
}

// What ggml does when a sub-block is (nearly) all zero: codes 0, scale 0.
bool clearIfNegligible(float max, std::span<std::int8_t> codes)
{
    if (std::fabs(max) >= kNegligibleMagnitude) {
        return false;
    }
    std::ranges::fill(codes, std::int8_t{0});
    return true;
}

// The two sums every fit is judged by. ggml accumulates them in index order, one float32
// operation at a time, and forms w·x·l as (w·x)·l and w·l² as (w·l)·l.
struct FitSums
{
    float xl = 0; // Σ w·x·l
    float ll = 0; // Σ w·l²

    void add(float w, float x, int l)
    {
        xl += w * x * static_cast<float>(l);
        ll += w * static_cast<float>(l) * static_cast<float>(l);
    }
};

// One coordinate-descent sweep of make_q3_quants: each code in turn is moved to the one its value
// asks for given the other codes' sums, and kept there when the fit improves. Returns whether any
// code moved.
bool descentSweep(std::span<const float> x, int nmax, std::span<std::int8_t> codes, FitSums& sums)
{
    bool moved = false;
    for (std::size_t i = 0; i < x.size(); ++i) {
        const float w = x[i] * x[i];
        const auto current = static_cast<float>(codes[i]);
        float slx = sums.xl - w * x[i] * current;
        if (!(slx > 0)) {
            continue;
        }
        float sl2 = sums.ll - w * current * current;
        const int wanted = clampedCode(x[i] * sl2 / slx, nmax);
        if (wanted == codes[i]) {
            continue;
        }
        slx += w * x[i] * static_cast<float>(wanted);
        sl2 += w * static_cast<float>(wanted) * static_cast<float>(wanted);
        // (slx² / sl2 > sumlx² / suml2), cross-multiplied as ggml writes it
        if (sl2 > 0 && slx * slx * sums.ll > sums.xl * sums.xl * sl2) {
            codes[i] = static_cast<std::int8_t>(wanted);
            sums = {slx, sl2};
            moved = true;
        }
    }
    return moved;
}

// The sums for the codes that `iscale` gives, writing those codes (offset by nmax) when `codes`
// is not empty. The weight is x² without importance, as make_qx_quants' rmse_type 1 has it.
FitSums sweepCandidate(std::span<const float> x, int nmax, std::span<const float> weights,
                       float iscale, std::span<std::int8_t> codes)
{
    FitSums sums;
    for (std::size_t i = 0; i < x.size(); ++i) {
        const int l = clampedCode(iscale * x[i], nmax);
        if (!codes.empty()) {
            codes[i] = static_cast<std::int8_t>(l + nmax);
        }
        sums.add(weights.empty() ? x[i] * x[i] : weights[i], x[i], l);
    }
    return sums;
}

} // namespace

float symmetricScaleByDescent(std::span<const float> x, int nmax, std::span<std::int8_t> codes)
{
    assert(codes.size() == x.size());
    const float max = signedAbsMax(x);
    if (clearIfNegligible(max, codes)) {
        return 0.0f;
    }
    const float iscale = static_cast<float>(-nmax) / max;
    FitSums sums;
    for (std::size_t i = 0; i < x.size(); ++i) {
        const int l = clampedCode(iscale * x[i], nmax);
        codes[i] = static_cast<std::int8_t>(l);
        sums.add(x[i] * x[i], x[i], l);
    }
    for (int sweep = 0; sweep < 5; ++sweep) {
        if (!descentSweep(x, nmax, codes, sums)) {
            break;
        }
    }
    for (std::int8_t& code : codes) {
        code = static_cast<std::int8_t>(code + nmax);
    }
    return sums.ll > 0.0f ? sums.xl / sums.ll : 0.0f;
}

float symmetricScaleBySweep(std::span<const float> x, int nmax, std::span<const float> weights,
                            std::span<std::int8_t> codes)
{
    assert(codes.size() == x.size() && (weights.empty() || weights.size() == x.size()));
    const float max = signedAbsMax(x);
    if (clearIfNegligible(max, codes)) {
        return 0.0f;
    }
    const float nmaxF = static_cast<float>(nmax);
    const FitSums first = sweepCandidate(x, nmax, weights, -nmaxF / max, codes);
    // ggml tests suml2 for non-zero here, then for positive below
    float scale = first.ll != 0.0f ? first.xl / first.ll : 0.0f;
    float best = scale * first.xl;
    for (int step = -9; step <= 9; ++step) {
        if (step == 0) {
            continue;
        }
        const float iscale = -(nmaxF + 0.1f * static_cast<float>(step)) / max;
        const FitSums sums = sweepCandidate(x, nmax, weights, iscale, {});
        if (sums.ll > 0 && sums.xl * sums.xl > best * sums.ll) {
            sweepCandidate(x, nmax, weights, iscale, codes);
            scale = sums.xl / sums.ll;
            best = scale * sums.xl;
        }
    }
    return scale;
}

} // namespace qs::ggml
