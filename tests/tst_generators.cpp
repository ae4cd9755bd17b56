// Generators: moments of each distribution, seeds, outlier injection and parameter errors.

#include "generate/data_presets.h"
#include "generate/generator.h"
#include "tensor/tensor_stats.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <set>

using namespace qs;

Q_DECLARE_METATYPE(qs::GenerateSpec)

class TestGenerators : public QObject
{
    Q_OBJECT

private slots:
    void momentsMatchTheDistribution_data();
    void momentsMatchTheDistribution();
    void sameSeedSameTensorOtherSeedOther();
    void normalIsNumpyNormalCastToFloat32();
    void numpyRandnIsTheTutorialsDraw();
    void reluHasExactZeros();
    void outliersReplaceDistinctSeededPositions_data();
    void outliersReplaceDistinctSeededPositions();
    void outliersLeaveTheOtherValuesAlone();
    void invalidParametersAreRefused_data();
    void invalidParametersAreRefused();
    void presetsExist();
    void tutorialOutlierPreset();
};

static GenerateSpec spec(Distribution d, std::int64_t count = 200000)
{
    GenerateSpec s;
    s.distribution = d;
    s.shape = {count};
    s.seed = 11;
    return s;
}

void TestGenerators::momentsMatchTheDistribution_data()
{
    QTest::addColumn<GenerateSpec>("input");
    QTest::addColumn<double>("mean");
    QTest::addColumn<double>("std");
    QTest::addColumn<double>("minimum"); // a bound no value may cross
    GenerateSpec normal = spec(Distribution::Normal);
    normal.mean = 2;
    normal.std = 3;
    QTest::newRow("normal(2, 3)") << normal << 2.0 << 3.0 << -1e9;
    GenerateSpec uniform = spec(Distribution::Uniform);
    uniform.low = -1;
    uniform.high = 3;
    QTest::newRow("uniform(-1, 3)") << uniform << 1.0 << 4.0 / std::sqrt(12.0) << -1.0;
    GenerateSpec laplace = spec(Distribution::Laplace);
    laplace.scale = 0.5;
    QTest::newRow("laplace(0, 0.5)") << laplace << 0.0 << 0.5 * std::sqrt(2.0) << -1e9;
    GenerateSpec t = spec(Distribution::StudentT);
    t.df = 5;
    QTest::newRow("student-t(5)") << t << 0.0 << std::sqrt(5.0 / 3.0) << -1e9;
    GenerateSpec lognormal = spec(Distribution::LogNormal);
    lognormal.std = 0.5;
    const double lm = std::exp(0.125);
    QTest::newRow("lognormal(0, 0.5)")
        << lognormal << lm << lm * std::sqrt(std::exp(0.25) - 1) << 0.0;
    GenerateSpec bimodal = spec(Distribution::Bimodal);
    bimodal.mean = -2;
    bimodal.mean2 = 2;
    bimodal.std = 0.5;
    QTest::newRow("bimodal(-2, 2)") << bimodal << 0.0 << std::sqrt(4.0 + 0.25) << -1e9;
    GenerateSpec relu = spec(Distribution::Relu);
    // Rectified standard normal: mean φ(0) = 1/√(2π), E[x²] = 1/2.
    const double rm = 1.0 / std::sqrt(2 * M_PI);
    QTest::newRow("relu") << relu << rm << std::sqrt(0.5 - rm * rm) << 0.0;
}

void TestGenerators::momentsMatchTheDistribution()
{
    QFETCH(GenerateSpec, input);
    QFETCH(double, mean);
    QFETCH(double, std);
    QFETCH(double, minimum);
    const auto tensor = generateTensor(input);
    QVERIFY(tensor);
    QCOMPARE(tensor->values.size(), std::size_t{200000});
    const TensorStats stats = computeStats(tensor->values);
    // 200k samples: the mean is within ~5 standard errors, the std within 3 %.
    QVERIFY2(std::fabs(stats.mean - mean) < 5 * std / std::sqrt(200000.0) + 1e-9,
             qPrintable(QStringLiteral("mean %1, expected %2").arg(stats.mean).arg(mean)));
    QVERIFY2(std::fabs(stats.std - std) < 0.03 * std,
             qPrintable(QStringLiteral("std %1, expected %2").arg(stats.std).arg(std)));
    QVERIFY(stats.min >= minimum);
}

void TestGenerators::sameSeedSameTensorOtherSeedOther()
{
    GenerateSpec s = spec(Distribution::StudentT, 1000);
    const auto a = generateTensor(s);
    const auto b = generateTensor(s);
    s.seed += 1;
    const auto c = generateTensor(s);
    QVERIFY(a && b && c);
    QCOMPARE(a->values, b->values);
    QVERIFY(a->values != c->values);
}

void TestGenerators::normalIsNumpyNormalCastToFloat32()
{
    // np.random.seed(7); np.random.normal(2, 3, 4).astype('float32')
    GenerateSpec s = spec(Distribution::Normal, 4);
    s.seed = 7;
    s.mean = 2;
    s.std = 3;
    const auto tensor = generateTensor(s);
    QVERIFY(tensor);
    QCOMPARE(tensor->values[0], static_cast<float>(0x1.c494b82a2705fp+2));
    QCOMPARE(tensor->values[3], static_cast<float>(0x1.9c7c7b0e1612cp+1));
}

void TestGenerators::numpyRandnIsTheTutorialsDraw()
{
    // np.random.seed(8215); np.random.randn(3).astype('float32'), whatever mean and std say.
    GenerateSpec s = spec(Distribution::NumpyRandn, 3);
    s.seed = 8215;
    s.mean = 5;
    const auto tensor = generateTensor(s);
    QVERIFY(tensor);
    QCOMPARE(tensor->values, (std::vector<float>{0.21535037f, 1.2962357f, -1.0161772f}));
    QCOMPARE(distributionFromName("numpy-randn"), std::optional(Distribution::NumpyRandn));
}

void TestGenerators::reluHasExactZeros()
{
    const auto tensor = generateTensor(spec(Distribution::Relu, 10000));
    QVERIFY(tensor);
    const auto zeros = std::ranges::count(tensor->values, 0.0f);
    QVERIFY(zeros > 4500 && zeros < 5500);
}

void TestGenerators::outliersReplaceDistinctSeededPositions_data()
{
    QTest::addColumn<int>("sign");
    QTest::addColumn<int>("unit");
    QTest::newRow("positive, sigma") << int(OutlierSign::Positive) << int(OutlierUnit::Sigma);
    QTest::newRow("negative, absolute") << int(OutlierSign::Negative) << int(OutlierUnit::Absolute);
    QTest::newRow("alternate, absolute")
        << int(OutlierSign::Alternate) << int(OutlierUnit::Absolute);
    QTest::newRow("random, sigma") << int(OutlierSign::Random) << int(OutlierUnit::Sigma);
}

void TestGenerators::outliersReplaceDistinctSeededPositions()
{
    QFETCH(int, sign);
    QFETCH(int, unit);
    GenerateSpec s = spec(Distribution::Uniform, 5000);
    s.outliers = {50, 20.0, static_cast<OutlierUnit>(unit), static_cast<OutlierSign>(sign)};
    const auto tensor = generateTensor(s);
    QVERIFY(tensor);
    // Uniform(-1, 1): std 1/√3, so every outlier lies far outside [-1, 1].
    std::vector<float> outliers;
    std::copy_if(tensor->values.begin(), tensor->values.end(), std::back_inserter(outliers),
                 [](float v) { return std::fabs(v) > 1.5f; });
    QCOMPARE(outliers.size(), std::size_t{50});
    const double magnitude = unit == int(OutlierUnit::Absolute) ? 20.0 : 20.0 / std::sqrt(3.0);
    const auto positives = std::ranges::count_if(outliers, [](float v) { return v > 0; });
    for (const float v : outliers) {
        QVERIFY(std::fabs(std::fabs(v) - magnitude) < 0.05 * magnitude);
    }
    switch (static_cast<OutlierSign>(sign)) {
    case OutlierSign::Positive:
        QCOMPARE(positives, 50);
        break;
    case OutlierSign::Negative:
        QCOMPARE(positives, 0);
        break;
    case OutlierSign::Alternate:
        QCOMPARE(positives, 25);
        break;
    case OutlierSign::Random:
        QVERIFY(positives > 10 && positives < 40);
        break;
    }
}

void TestGenerators::outliersLeaveTheOtherValuesAlone()
{
    GenerateSpec clean = spec(Distribution::Normal, 1000);
    GenerateSpec dirty = clean;
    dirty.outliers.count = 3;
    dirty.outliers.magnitude = 100;
    const auto a = generateTensor(clean);
    const auto b = generateTensor(dirty);
    QVERIFY(a && b);
    int differing = 0;
    for (std::size_t i = 0; i < a->values.size(); ++i) {
        differing += a->values[i] != b->values[i] ? 1 : 0;
    }
    QCOMPARE(differing, 3);
}

void TestGenerators::invalidParametersAreRefused_data()
{
    QTest::addColumn<GenerateSpec>("input");
    QTest::addColumn<int>("code");
    GenerateSpec s = spec(Distribution::Uniform, 10);
    s.low = 1;
    s.high = 1;
    QTest::newRow("uniform low == high") << s << int(ErrorCode::InvalidArgument);
    s = spec(Distribution::Normal, 10);
    s.std = -1;
    QTest::newRow("negative std") << s << int(ErrorCode::InvalidArgument);
    s = spec(Distribution::StudentT, 10);
    s.df = 0;
    QTest::newRow("student-t df 0") << s << int(ErrorCode::InvalidArgument);
    s = spec(Distribution::Normal, 10);
    s.mean = std::nan("");
    QTest::newRow("NaN mean") << s << int(ErrorCode::InvalidArgument);
    s = spec(Distribution::Normal, 10);
    s.outliers.count = 11;
    QTest::newRow("more outliers than values") << s << int(ErrorCode::InvalidArgument);
    s = spec(Distribution::Normal, 10);
    s.outliers = {1, 1e40, OutlierUnit::Absolute, OutlierSign::Positive};
    QTest::newRow("outlier beyond float32") << s << int(ErrorCode::InvalidArgument);
    s = spec(Distribution::Normal);
    s.shape = {1 << 20, 1 << 20};
    QTest::newRow("2^40 elements") << s << int(ErrorCode::TooLarge);
    s.shape = {-3};
    QTest::newRow("negative dimension") << s << int(ErrorCode::TooLarge);
}

void TestGenerators::invalidParametersAreRefused()
{
    QFETCH(GenerateSpec, input);
    QFETCH(int, code);
    const auto tensor = generateTensor(input);
    QVERIFY(!tensor);
    QCOMPARE(int(tensor.error().code), code);
    QVERIFY(!tensor.error().message.empty());
}

void TestGenerators::presetsExist()
{
    for (const DataPreset& preset : dataPresets()) {
        const auto tensor = makePresetTensor(preset.name);
        QVERIFY2(tensor, preset.name.data());
        QCOMPARE(tensor->name, std::string(preset.name));
        QVERIFY(!tensor->values.empty());
    }
    const auto unknown = makePresetTensor("no-such-preset");
    QVERIFY(!unknown);
    QVERIFY(unknown.error().message.find("tutorial-3") != std::string::npos);
}

void TestGenerators::tutorialOutlierPreset()
{
    const auto tensor = makePresetTensor("tutorial-outlier");
    QVERIFY(tensor);
    QCOMPARE(tensor->values.size(), std::size_t{1001});
    QCOMPARE(tensor->values.back(), 100.0f);
    QVERIFY(std::all_of(tensor->values.begin(), tensor->values.end() - 1,
                        [](float v) { return v >= -1.0f && v < 1.0f; }));
}

QTEST_GUILESS_MAIN(TestGenerators)
#include "tst_generators.moc"
