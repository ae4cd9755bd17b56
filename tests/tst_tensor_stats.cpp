// computeStats against a two-pass double reference, with NaN/Inf, awkward sizes, both SIMD
// variants and any thread count.

#include "generate/generator.h"
#include "tensor/tensor_stats.h"

#include <QtTest>

#include <cmath>
#include <limits>
#include <vector>

using namespace qs;

namespace {

struct Reference
{
    std::size_t finite = 0, nan = 0, inf = 0;
    double min = INFINITY, max = -INFINITY, mean = 0, std = 0;
};

Reference reference(const std::vector<float>& v)
{
    Reference r;
    double sum = 0;
    for (const float x : v) {
        if (std::isnan(x)) {
            ++r.nan;
        } else if (std::isinf(x)) {
            ++r.inf;
        } else {
            ++r.finite;
            sum += x;
            r.min = std::min(r.min, double(x));
            r.max = std::max(r.max, double(x));
        }
    }
    r.mean = sum / double(r.finite);
    double m2 = 0;
    for (const float x : v) {
        if (std::isfinite(x)) {
            m2 += (x - r.mean) * (x - r.mean);
        }
    }
    r.std = std::sqrt(m2 / double(r.finite));
    return r;
}

std::vector<float> normalValues(std::size_t n, double mean, double std)
{
    GenerateSpec spec;
    spec.shape = {static_cast<std::int64_t>(n)};
    spec.mean = mean;
    spec.std = std;
    spec.seed = 3;
    return generateTensor(spec)->values;
}

} // namespace

class TestTensorStats : public QObject
{
    Q_OBJECT

private slots:
    void matchesReference_data();
    void matchesReference();
    void excludesNanAndInf();
    void allNonFinite();
    void empty();
    void sameResultForAnyThreadCount();
};

void TestTensorStats::matchesReference_data()
{
    QTest::addColumn<int>("size");
    QTest::addColumn<double>("mean");
    QTest::addColumn<int>("isa");
    for (const int size : {1, 2, 5, 8, 9, 16, 33, 1000, 65537, 1 << 20}) {
        for (const int isa : {int(simd::Isa::Baseline), int(simd::Isa::Auto)}) {
            QTest::addRow("n=%d isa=%d", size, isa) << size << 0.0 << isa;
        }
    }
    // A large mean against a small spread: a naive Σx² − n·mean² would lose every digit.
    QTest::newRow("mean 1e4, std 1") << 100000 << 1e4 << int(simd::Isa::Auto);
}

void TestTensorStats::matchesReference()
{
    QFETCH(int, size);
    QFETCH(double, mean);
    QFETCH(int, isa);
    const auto values = normalValues(static_cast<std::size_t>(size), mean, 1.0);
    const Reference r = reference(values);
    StatsOptions options;
    options.isa = static_cast<simd::Isa>(isa);
    const TensorStats s = computeStats(values, options);
    QCOMPARE(s.count, values.size());
    QCOMPARE(s.finiteCount, r.finite);
    QCOMPARE(s.min, r.min);
    QCOMPARE(s.max, r.max);
    QVERIFY(std::fabs(s.mean - r.mean) <= 1e-6 * std::max(1.0, std::fabs(r.mean)));
    QVERIFY2(
        std::fabs(s.std - r.std) <= 1e-5 * r.std + 1e-12,
        qPrintable(QStringLiteral("std %1 vs %2").arg(s.std, 0, 'g', 17).arg(r.std, 0, 'g', 17)));
    QCOMPARE(s.absMax, std::max(std::fabs(r.min), std::fabs(r.max)));
}

void TestTensorStats::excludesNanAndInf()
{
    std::vector<float> v = normalValues(1001, 0, 1);
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const float inf = std::numeric_limits<float>::infinity();
    v[0] = nan;
    v[17] = inf;
    v[500] = -inf;
    v[1000] = nan;
    const Reference r = reference(v);
    const TensorStats s = computeStats(v);
    QCOMPARE(s.nanCount, std::size_t{2});
    QCOMPARE(s.infCount, std::size_t{2});
    QCOMPARE(s.finiteCount, std::size_t{997});
    QCOMPARE(s.min, r.min);
    QCOMPARE(s.max, r.max);
    QVERIFY(std::isfinite(s.mean) && std::isfinite(s.std));
    QVERIFY(std::fabs(s.std - r.std) < 1e-6);
}

void TestTensorStats::allNonFinite()
{
    const std::vector<float> v{NAN, INFINITY, -INFINITY};
    const TensorStats s = computeStats(v);
    QCOMPARE(s.finiteCount, std::size_t{0});
    QCOMPARE(s.nanCount, std::size_t{1});
    QCOMPARE(s.infCount, std::size_t{2});
    QVERIFY(std::isnan(s.min) && std::isnan(s.mean));
}

void TestTensorStats::empty()
{
    const TensorStats s = computeStats({});
    QCOMPARE(s.count, std::size_t{0});
    QCOMPARE(s.finiteCount, std::size_t{0});
}

void TestTensorStats::sameResultForAnyThreadCount()
{
    const auto values = normalValues(3'000'001, 0.5, 2.0);
    const TensorStats one = computeStats(values, {1, {}});
    for (const unsigned threads : {2u, 3u, 7u}) {
        QCOMPARE(computeStats(values, {threads, {}}), one);
    }
}

QTEST_GUILESS_MAIN(TestTensorStats)
#include "tst_tensor_stats.moc"
