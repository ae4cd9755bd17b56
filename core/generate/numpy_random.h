#pragma once
// NumPy's legacy random stream (np.random.seed / RandomState), reproduced bit for bit so that
// QuantScope generates exactly the arrays a NumPy user gets:
//
//   np.random.seed(S); np.random.randn(N)          ==  NumpyRandom(S).gauss() × N
//   np.random.seed(S); np.random.uniform(a, b, N)  ==  a + (b − a)·NumpyRandom(S).uniform()
//
// The state is MT19937 seeded with init_genrand(S) (what RandomState.seed does for an integer);
// doubles take 53 bits from two 32-bit draws; gauss() is the Marsaglia polar method that caches
// the second value of each pair, exactly as NumPy's legacy_gauss.

#include <array>
#include <cstdint>

namespace qs {

class NumpyRandom
{
public:
    explicit NumpyRandom(std::uint32_t seed);

    std::uint32_t nextUInt32();
    double uniform();                         // [0, 1), NumPy's random_sample
    double gauss();                           // standard normal, NumPy's legacy_gauss (randn)
    double standardExponential();             // legacy: −log(1 − U)
    double standardGamma(double shape);       // legacy Marsaglia–Tsang / Johnk variant
    double standardT(double df);              // legacy_standard_t
    double laplace(double loc, double scale); // random_laplace

private:
    static constexpr int kStateSize = 624;
    void regenerate();

    std::array<std::uint32_t, kStateSize> m_state{};
    int m_position = kStateSize;
    bool m_hasGauss = false;
    double m_gauss = 0;
};

} // namespace qs
