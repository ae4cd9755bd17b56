// The outlier-mitigation transforms against their definitions: the randomized Hadamard rotation
// against the Sylvester matrix built by its recursion, its orthogonality and the invariance of
// X·Wᵀ; SmoothQuant's scales against the formula worked by hand and their invariance; LLM.int8()'s
// choice of float16 channels.

#include "mitigate/hadamard.h"
#include "mitigate/smoothing.h"

#include <QtTest>

#include <cmath>
#include <random>
#include <vector>

using namespace qs;

namespace {

// H_n by its recursion H_2k = [[H_k, H_k], [H_k, −H_k]], row-major, unnormalised.
std::vector<int> sylvester(std::size_t n)
{
    std::vector<int> h{1};
    for (std::size_t k = 1; k < n; k *= 2) {
        std::vector<int> next(4 * k * k);
        for (std::size_t i = 0; i < k; ++i) {
            for (std::size_t j = 0; j < k; ++j) {
                const int v = h[i * k + j];
                next[i * 2 * k + j] = v;
                next[i * 2 * k + j + k] = v;
                next[(i + k) * 2 * k + j] = v;
                next[(i + k) * 2 * k + j + k] = -v;
            }
        }
        h = std::move(next);
    }
    return h;
}

std::vector<float> randomMatrix(std::size_t rows, std::size_t columns, unsigned seed)
{
    std::mt19937 random(seed);
    std::normal_distribution<float> normal;
    std::vector<float> m(rows * columns);
    for (float& v : m) {
        v = normal(random);
    }
    return m;
}

// A·Bᵀ in double for row-major A [m, k] and B [n, k].
std::vector<double> productTransposed(const std::vector<float>& a, const std::vector<float>& b,
                                      std::size_t k)
{
    const std::size_t m = a.size() / k;
    const std::size_t n = b.size() / k;
    std::vector<double> out(m * n, 0.0);
    for (std::size_t i = 0; i < m; ++i) {
        for (std::size_t j = 0; j < n; ++j) {
            double sum = 0;
            for (std::size_t t = 0; t < k; ++t) {
                sum += static_cast<double>(a[i * k + t]) * static_cast<double>(b[j * k + t]);
            }
            out[i * n + j] = sum;
        }
    }
    return out;
}

double largestDifference(const std::vector<double>& a, const std::vector<double>& b)
{
    double worst = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        worst = std::max(worst, std::fabs(a[i] - b[i]));
    }
    return worst;
}

} // namespace

class TestMitigation : public QObject
{
    Q_OBJECT

private slots:
    void hadamardIsTheSylvesterMatrixWithSigns_data();
    void hadamardIsTheSylvesterMatrixWithSigns();
    void hadamardIsOrthogonal_data();
    void hadamardIsOrthogonal();
    void rotationIsTheMatrixProductAtEverySize_data();
    void rotationIsTheMatrixProductAtEverySize();
    void rotationKeepsTheProduct();
    void rotationSpreadsAnOutlierChannel();
    void signsFollowTheSeed();
    void smoothingScalesAreTheFormula();
    void smoothingKeepsTheProduct();
    void int8KeepsTheOutlierChannels();
};

void TestMitigation::hadamardIsTheSylvesterMatrixWithSigns_data()
{
    QTest::addColumn<int>("n");
    for (const int n : {1, 2, 4, 8, 16}) {
        QTest::newRow(qPrintable(QString::number(n))) << n;
    }
}

// Rotating the identity's rows gives Q itself: row i of Q is d_i·H[i]/√n.
void TestMitigation::hadamardIsTheSylvesterMatrixWithSigns()
{
    QFETCH(int, n);
    const auto size = static_cast<std::size_t>(n);
    const HadamardPlan plan = hadamardPlan(size, 7);
    QCOMPARE(plan.block, size);
    std::vector<float> identity(size * size, 0.0f);
    for (std::size_t i = 0; i < size; ++i) {
        identity[i * size + i] = 1.0f;
    }
    rotateRows(identity, plan);
    const std::vector<int> h = sylvester(size);
    const std::vector<double> q = hadamardMatrix(plan);
    for (std::size_t i = 0; i < size; ++i) {
        for (std::size_t j = 0; j < size; ++j) {
            const double expected = plan.signs[i] * h[i * size + j] / std::sqrt(double(n));
            QVERIFY(std::fabs(identity[i * size + j] - expected) < 1e-7);
            QVERIFY(std::fabs(q[i * size + j] - expected) < 1e-15);
        }
    }
}

void TestMitigation::hadamardIsOrthogonal_data()
{
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("block");
    QTest::newRow("64") << 64 << 64;
    QTest::newRow("96 = 3 × 32") << 96 << 32;
    QTest::newRow("6 = 3 × 2") << 6 << 2;
    QTest::newRow("7: no power of two but 1") << 7 << 1;
}

void TestMitigation::hadamardIsOrthogonal()
{
    QFETCH(int, n);
    QFETCH(int, block);
    const auto size = static_cast<std::size_t>(n);
    const HadamardPlan plan = hadamardPlan(size, 20261203);
    QCOMPARE(plan.block, static_cast<std::size_t>(block));
    QCOMPARE(plan.blockDiagonal(), block < n);
    const std::vector<double> q = hadamardMatrix(plan);
    for (std::size_t i = 0; i < size; ++i) {
        for (std::size_t j = 0; j < size; ++j) {
            double dot = 0;
            for (std::size_t k = 0; k < size; ++k) {
                dot += q[i * size + k] * q[j * size + k];
            }
            QVERIFY2(std::fabs(dot - (i == j ? 1.0 : 0.0)) < 1e-12,
                     qPrintable(QString("(QQᵀ)[%1][%2] = %3").arg(i).arg(j).arg(dot)));
        }
    }
}

// (X·Q)(W·Q)ᵀ = X·Wᵀ: the rotation changes what is quantized, not what is computed.
void TestMitigation::rotationIsTheMatrixProductAtEverySize_data()
{
    QTest::addColumn<int>("n");
    QTest::addColumn<bool>("automatic");
    for (const bool automatic : {false, true}) {
        for (const int n : {2, 4, 8, 12, 24, 40, 96, 192, 1024}) {
            QTest::addRow("%d %s", n, automatic ? "auto" : "baseline") << n << automatic;
        }
    }
}

// The fast transform (vector stages, shuffles inside a vector, blocks for sizes that are not a
// power of two) against x·Q with Q written out, row by row in double.
void TestMitigation::rotationIsTheMatrixProductAtEverySize()
{
    QFETCH(int, n);
    QFETCH(bool, automatic);
    const auto size = static_cast<std::size_t>(n);
    const HadamardPlan plan = hadamardPlan(size, 11);
    std::vector<float> rows = randomMatrix(3, size, 5);
    const std::vector<float> original = rows;
    rotateRows(rows, plan, automatic ? simd::Isa::Auto : simd::Isa::Baseline);
    const std::vector<double> q = hadamardMatrix(plan);
    for (std::size_t r = 0; r < 3; ++r) {
        for (std::size_t j = 0; j < size; ++j) {
            double expected = 0;
            for (std::size_t i = 0; i < size; ++i) {
                expected += original[r * size + i] * q[i * size + j];
            }
            QVERIFY2(std::fabs(rows[r * size + j] - expected) < 1e-5,
                     qPrintable(QString("row %1, column %2: %3 vs %4")
                                    .arg(r)
                                    .arg(j)
                                    .arg(rows[r * size + j])
                                    .arg(expected)));
        }
    }
}

void TestMitigation::rotationKeepsTheProduct()
{
    for (const std::size_t in : {std::size_t{64}, std::size_t{96}}) {
        std::vector<float> x = randomMatrix(5, in, 1);
        std::vector<float> w = randomMatrix(7, in, 2);
        const std::vector<double> before = productTransposed(x, w, in);
        const HadamardPlan plan = hadamardPlan(in, 3);
        rotateRows(x, plan);
        rotateRows(w, plan);
        const std::vector<double> after = productTransposed(x, w, in);
        QVERIFY2(largestDifference(before, after) < 1e-4,
                 qPrintable(QString::number(largestDifference(before, after))));
    }
}

// One channel at 100, the rest 0: every rotated channel carries 100/√n, none more.
void TestMitigation::rotationSpreadsAnOutlierChannel()
{
    constexpr std::size_t n = 64;
    std::vector<float> row(n, 0.0f);
    row[17] = 100.0f;
    rotateRows(row, hadamardPlan(n, 11));
    for (const float v : row) {
        QVERIFY(std::fabs(std::fabs(v) - 100.0 / 8.0) < 1e-5);
    }
}

void TestMitigation::signsFollowTheSeed()
{
    QCOMPARE(hadamardPlan(256, 5).signs, hadamardPlan(256, 5).signs);
    QVERIFY(hadamardPlan(256, 5).signs != hadamardPlan(256, 6).signs);
    const auto signs = hadamardPlan(4096, 9).signs;
    const auto positive = std::count(signs.begin(), signs.end(), std::int8_t{1});
    QVERIFY(positive > 1900 && positive < 2200); // about half each way
}

// s_j = max|X_j|^α / max|W_j|^(1−α), worked by hand for X maxima [4, 1, 0] and W maxima [1, 4, 2].
void TestMitigation::smoothingScalesAreTheFormula()
{
    const std::vector<float> x{4, -1, 0, -2, 0.5f, 0}; // [2 tokens, 3 channels]
    const std::vector<float> w{1, 4, -2, 0.5f, -3, 1}; // [2 out, 3 in]
    const std::vector<double> xMax = columnAbsMax(x, 3);
    const std::vector<double> wMax = columnAbsMax(w, 3);
    QCOMPARE(xMax, (std::vector<double>{4, 1, 0}));
    QCOMPARE(wMax, (std::vector<double>{1, 4, 2}));
    SmoothingScales half = smoothingScales(xMax, wMax, 0.5);
    QCOMPARE(half.scales[0], 2.0); // √4 / √1
    QCOMPARE(half.scales[1], 0.5); // √1 / √4
    QCOMPARE(half.scales[2], 1.0); // X is zero there: no ratio, s = 1
    QCOMPARE(half.zeroChannels, std::size_t{1});
    const SmoothingScales all = smoothingScales(xMax, wMax, 1.0); // the activations flattened
    QCOMPARE(all.scales[0], 4.0);
    QCOMPARE(all.scales[1], 1.0);
    const SmoothingScales none = smoothingScales(xMax, wMax, 0.0); // only the weights' side
    QCOMPARE(none.scales[0], 1.0);
    QCOMPARE(none.scales[1], 0.25);
}

void TestMitigation::smoothingKeepsTheProduct()
{
    constexpr std::size_t in = 48;
    std::vector<float> x = randomMatrix(6, in, 4);
    for (std::size_t t = 0; t < 6; ++t) {
        x[t * in + 5] *= 60; // an outlier channel, as LLM.int8() measured in transformers
    }
    std::vector<float> w = randomMatrix(9, in, 5);
    const std::vector<double> before = productTransposed(x, w, in);
    const std::vector<double> xBefore = columnAbsMax(x, in);
    const SmoothingScales s = smoothingScales(xBefore, columnAbsMax(w, in), 0.5);
    divideColumns(x, s.scales);
    multiplyColumns(w, s.scales);
    QVERIFY(largestDifference(before, productTransposed(x, w, in)) < 1e-3);
    // At α = 0.5 each channel's maximum is the same in X′ and W′, √(max|X_j|·max|W_j|): the
    // outlier channel's lead over the others shrinks to about its square root.
    const std::vector<double> xAfter = columnAbsMax(x, in);
    const std::vector<double> wAfter = columnAbsMax(w, in);
    for (std::size_t j = 0; j < in; ++j) {
        QVERIFY(std::fabs(xAfter[j] - wAfter[j]) <= 1e-5 * xAfter[j]);
    }
    const double lead = xBefore[5] / xBefore[4];
    QVERIFY2(xAfter[5] / xAfter[4] < lead / 3,
             qPrintable(QString("%1 → %2").arg(lead).arg(xAfter[5] / xAfter[4])));
}

void TestMitigation::int8KeepsTheOutlierChannels()
{
    // [2 tokens, 4 channels]: channel 1 reaches −7, channel 3 exactly 6, channel 0 only 5.99.
    const std::vector<float> x{5.99f, 0, 1, 6, -2, -7, 0.5f, 0};
    QCOMPARE(outlierChannels(x, 4, 6.0), (std::vector<std::size_t>{1, 3}));
    QCOMPARE(outlierChannels(x, 4, 8.0), std::vector<std::size_t>{});
}

QTEST_GUILESS_MAIN(TestMitigation)
#include "tst_mitigation.moc"
