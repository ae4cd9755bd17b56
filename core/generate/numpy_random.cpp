#include "generate/numpy_random.h"

#include <cmath>

namespace qs {

NumpyRandom::NumpyRandom(std::uint32_t seed)
{
    // init_genrand: Knuth's multiplier, as in MT19937's reference code.
    m_state[0] = seed;
    for (int i = 1; i < kStateSize; ++i) {
        const std::uint32_t prev = m_state[i - 1];
        m_state[i] = 1812433253u * (prev ^ (prev >> 30)) + static_cast<std::uint32_t>(i);
    }
    m_position = kStateSize;
}

void NumpyRandom::regenerate()
{
    constexpr int kShift = 397;
    constexpr std::uint32_t kMatrixA = 0x9908b0dfu;
    constexpr std::uint32_t kUpper = 0x80000000u;
    constexpr std::uint32_t kLower = 0x7fffffffu;
    auto twist = [&](int i, int j, int k) {
        const std::uint32_t y = (m_state[i] & kUpper) | (m_state[j] & kLower);
        m_state[i] = m_state[k] ^ (y >> 1) ^ ((y & 1u) ? kMatrixA : 0u);
    };
    int i = 0;
    for (; i < kStateSize - kShift; ++i) {
        twist(i, i + 1, i + kShift);
    }
    for (; i < kStateSize - 1; ++i) {
        twist(i, i + 1, i + kShift - kStateSize);
    }
    twist(kStateSize - 1, 0, kShift - 1);
    m_position = 0;
}

std::uint32_t NumpyRandom::nextUInt32()
{
    if (m_position >= kStateSize) {
        regenerate();
    }
    std::uint32_t y = m_state[m_position++];
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680u;
    y ^= (y << 15) & 0xefc60000u;
    y ^= y >> 18;
    return y;
}

double NumpyRandom::uniform()
{
    const std::uint32_t a = nextUInt32() >> 5;
    const std::uint32_t b = nextUInt32() >> 6;
    return (a * 67108864.0 + b) / 9007199254740992.0;
}

double NumpyRandom::gauss()
{
    if (m_hasGauss) {
        m_hasGauss = false;
        return m_gauss;
    }
    double x1 = 0;
    double x2 = 0;
    double r2 = 0;
    do {
        x1 = 2.0 * uniform() - 1.0;
        x2 = 2.0 * uniform() - 1.0;
        r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1.0 || r2 == 0.0);
    // Box–Muller polar form: the first value is cached, the second returned — NumPy's order.
    const double f = std::sqrt(-2.0 * std::log(r2) / r2);
    m_gauss = f * x1;
    m_hasGauss = true;
    return f * x2;
}

double NumpyRandom::standardExponential()
{
    return -std::log(1.0 - uniform());
}

double NumpyRandom::standardGamma(double shape)
{
    if (shape == 1.0) {
        return standardExponential();
    }
    if (shape == 0.0) {
        return 0.0;
    }
    if (shape < 1.0) {
        for (;;) {
            const double u = uniform();
            const double v = standardExponential();
            if (u <= 1.0 - shape) {
                const double x = std::pow(u, 1.0 / shape);
                if (x <= v) {
                    return x;
                }
            } else {
                const double y = -std::log((1.0 - u) / shape);
                const double x = std::pow(1.0 - shape + shape * y, 1.0 / shape);
                if (x <= v + y) {
                    return x;
                }
            }
        }
    }
    const double b = shape - 1.0 / 3.0;
    const double c = 1.0 / std::sqrt(9.0 * b);
    for (;;) {
        double x = 0;
        double v = 0;
        do {
            x = gauss();
            v = 1.0 + c * x;
        } while (v <= 0.0);
        v = v * v * v;
        const double u = uniform();
        if (u < 1.0 - 0.0331 * (x * x) * (x * x)) {
            return b * v;
        }
        if (std::log(u) < 0.5 * x * x + b * (1.0 - v + std::log(v))) {
            return b * v;
        }
    }
}

double NumpyRandom::standardT(double df)
{
    const double num = gauss();
    const double denom = standardGamma(df / 2.0);
    return std::sqrt(df / 2.0) * num / std::sqrt(denom);
}

double NumpyRandom::laplace(double loc, double scale)
{
    for (;;) {
        const double u = uniform();
        if (u >= 0.5) {
            return loc - scale * std::log(2.0 - u - u);
        }
        if (u > 0.0) { // u == 0 is rejected and drawn again, as NumPy does
            return loc + scale * std::log(u + u);
        }
    }
}

} // namespace qs
