// Per-channel and per-group parameters: each group is quantized exactly as if it were a tensor
// of its own, outputs keep the input's shape, and the JSON arrays have one entry per group.

#include "analysis/analyze.h"
#include "support/fixtures.h"

#include <QtTest>

#include <cmath>

using namespace qs;

namespace {

Tensor weights(Shape shape)
{
    return test::generated(Distribution::StudentT, std::move(shape), 4);
}

struct Outputs
{
    Analysis analysis;
    std::vector<std::int32_t> codes;
    std::vector<float> dequant;
};

Outputs run(const Tensor& tensor, const QuantSpec& spec)
{
    Outputs out;
    out.codes.resize(tensor.values.size());
    out.dequant.resize(tensor.values.size());
    AnalysisOptions options;
    options.codesOut = out.codes;
    options.dequantOut = out.dequant;
    auto analysis = analyzeTensor(tensor.view(), spec, options);
    if (!analysis) {
        qFatal("%s", analysis.error().describe().c_str());
    }
    out.analysis = std::move(*analysis);
    return out;
}

} // namespace

class TestGranularity : public QObject
{
    Q_OBJECT

private slots:
    void eachChannelIsItsOwnTensor_data();
    void eachChannelIsItsOwnTensor();
    void groupsAlongTheLastAxis();
    void aGroupWithoutFiniteValues();
    void perChannelRescuesOutlierChannels();
    void badLayoutsAreRefused();
};

void TestGranularity::eachChannelIsItsOwnTensor_data()
{
    QTest::addColumn<int>("axis");
    QTest::newRow("axis 0") << 0;
    QTest::newRow("axis 1") << 1;
    QTest::newRow("axis 2") << 2;
    QTest::newRow("axis -1") << -1;
}

void TestGranularity::eachChannelIsItsOwnTensor()
{
    QFETCH(int, axis);
    const Tensor tensor = weights({6, 5, 7});
    QuantSpec spec;
    spec.scheme = Scheme::Asymmetric;
    spec.granularity = Granularity::Channel;
    spec.axis = axis;
    const Outputs out = run(tensor, spec);
    const int dim = axis < 0 ? axis + 3 : axis;
    const auto channels = static_cast<std::size_t>(tensor.shape[static_cast<std::size_t>(dim)]);
    QCOMPARE(out.analysis.params.size(), channels);
    QCOMPARE(out.analysis.groups.size(), channels);
    std::size_t stride = 1;
    for (int d = 2; d > dim; --d) {
        stride *= static_cast<std::size_t>(tensor.shape[static_cast<std::size_t>(d)]);
    }
    for (std::size_t c = 0; c < channels; ++c) {
        const Tensor channel = *extractGroup(tensor.view(), spec, c);
        QuantSpec alone = spec;
        alone.granularity = Granularity::Tensor;
        const Outputs single = run(channel, alone);
        QCOMPARE(out.analysis.params[c], single.analysis.params.front());
        // The channel's codes sit where its values sit in the input's shape.
        std::size_t k = 0;
        for (std::size_t i = 0; i < tensor.values.size(); ++i) {
            if ((i / stride) % channels == c) {
                QCOMPARE(out.codes[i], single.codes[k]);
                QCOMPARE(out.dequant[i], single.dequant[k]);
                ++k;
            }
        }
        QCOMPARE(k, channel.values.size());
    }
}

void TestGranularity::groupsAlongTheLastAxis()
{
    const Tensor tensor = weights({3, 70}); // 70 = 32 + 32 + a short group of 6
    QuantSpec spec;
    spec.granularity = Granularity::Group;
    spec.groupSize = 32;
    const Outputs out = run(tensor, spec);
    QCOMPARE(out.analysis.params.size(), std::size_t{9});
    QCOMPARE(out.analysis.layout.length(2), std::size_t{6});
    for (std::size_t g = 0; g < 9; ++g) {
        const std::size_t row = g / 3;
        const std::size_t from = row * 70 + (g % 3) * 32;
        const std::size_t length = g % 3 == 2 ? 6 : 32;
        float absMax = 0;
        for (std::size_t i = from; i < from + length; ++i) {
            absMax = std::max(absMax, std::fabs(tensor.values[i]));
        }
        QCOMPARE(out.analysis.params[g].scale, double(absMax) / 127.0);
    }
}

void TestGranularity::aGroupWithoutFiniteValues()
{
    // A group of ±Inf alone (a GGUF block that decodes to Inf) does not stop the analysis: the
    // other groups are measured as they would be without it.
    const Tensor finite = weights({1, 96});
    Tensor tensor = weights({1, 128});
    std::copy(finite.values.begin(), finite.values.begin() + 64, tensor.values.begin());
    std::fill(tensor.values.begin() + 64, tensor.values.begin() + 96,
              std::numeric_limits<float>::infinity());
    tensor.values[70] = -std::numeric_limits<float>::infinity();
    std::copy(finite.values.begin() + 64, finite.values.end(), tensor.values.begin() + 96);
    QuantSpec spec;
    spec.granularity = Granularity::Group;
    spec.groupSize = 32;
    const auto withInf = analyzeTensor(tensor.view(), spec);
    QVERIFY(withInf);
    const auto without = analyzeTensor(finite.view(), spec);
    QVERIFY(without);
    QCOMPARE(withInf->metrics.mse, without->metrics.mse);
    QCOMPARE(withInf->metrics.sqnrDb, without->metrics.sqnrDb);
    QCOMPARE(withInf->params[3].scale, without->params[2].scale);

    Tensor allInf = tensor;
    std::fill(allInf.values.begin(), allInf.values.end(), std::numeric_limits<float>::infinity());
    QCOMPARE(analyzeTensor(allInf.view(), spec).error().code, ErrorCode::NoFiniteValues);
}

void TestGranularity::perChannelRescuesOutlierChannels()
{
    // One channel a thousand times larger than the others: per tensor, the small channels fall
    // onto a handful of codes; per channel each gets the whole grid.
    Tensor tensor = weights({8, 256});
    for (std::size_t i = 0; i < 256; ++i) {
        tensor.values[i] *= 1000.0f;
    }
    QuantSpec perTensor;
    QuantSpec perChannel;
    perChannel.granularity = Granularity::Channel;
    const Outputs a = run(tensor, perTensor);
    const Outputs b = run(tensor, perChannel);
    QVERIFY(b.analysis.metrics.sqnrDb > a.analysis.metrics.sqnrDb);
    // Channel 5's own SQNR under the per-tensor grid, from the dequantized outputs.
    double signal = 0;
    double noise = 0;
    for (std::size_t i = 5 * 256; i < 6 * 256; ++i) {
        const double x = tensor.values[i];
        signal += x * x;
        noise += (a.dequant[i] - x) * (a.dequant[i] - x);
    }
    const double perTensorChannel5 = 10 * std::log10(signal / noise);
    QVERIFY2(
        b.analysis.groups[5].sqnrDb > perTensorChannel5 + 20,
        qPrintable(
            QStringLiteral("%1 vs %2 dB").arg(b.analysis.groups[5].sqnrDb).arg(perTensorChannel5)));
    QVERIFY(b.analysis.groups[5].sqnrDb > 30);
    QVERIFY(b.analysis.metrics.zeroCodeFraction < a.analysis.metrics.zeroCodeFraction);
}

void TestGranularity::badLayoutsAreRefused()
{
    const Tensor tensor = weights({4, 4});
    QuantSpec spec;
    spec.granularity = Granularity::Channel;
    spec.axis = 2;
    QCOMPARE(analyzeTensor(tensor.view(), spec).error().code, ErrorCode::InvalidArgument);
    spec.granularity = Granularity::Group;
    spec.groupSize = 0;
    QCOMPARE(analyzeTensor(tensor.view(), spec).error().code, ErrorCode::InvalidArgument);
}

QTEST_GUILESS_MAIN(TestGranularity)
#include "tst_granularity.moc"
