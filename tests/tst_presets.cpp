// Framework presets against the frameworks themselves: PyTorch 1.13's observers and quantizers
// and llama.cpp's reference block quantizers (fixtures from make_framework_fixtures.py).

#include "analysis/analyze.h"
#include "quant/presets.h"
#include "support/fixtures.h"

#include <QJsonArray>
#include <QtTest>

#include <cmath>

using namespace qs;

namespace {

struct Run
{
    Analysis analysis;
    std::vector<std::int32_t> codes;
};

Run runPreset(const Tensor& tensor, const char* preset)
{
    Run run;
    run.codes.resize(tensor.values.size());
    AnalysisOptions options;
    options.codesOut = run.codes;
    auto analysis = analyzeTensor(tensor.view(), *schemePreset(preset), options);
    if (!analysis) {
        qFatal("%s", analysis.error().describe().c_str());
    }
    run.analysis = std::move(*analysis);
    return run;
}

} // namespace

class TestPresets : public QObject
{
    Q_OBJECT

private slots:
    void everyPresetIsDocumented();
    void pytorchMatchesPyTorch_data();
    void pytorchMatchesPyTorch();
    void llamaMatchesLlamaCpp_data();
    void llamaMatchesLlamaCpp();
};

void TestPresets::everyPresetIsDocumented()
{
    QCOMPARE(schemePresets().size(), std::size_t{6});
    for (const SchemePreset& preset : schemePresets()) {
        QVERIFY(preset.description.size() > 40);
        QCOMPARE(preset.spec.preset, std::string(preset.name));
    }
    QVERIFY(!schemePreset("no-such-preset"));
}

void TestPresets::pytorchMatchesPyTorch_data()
{
    QTest::addColumn<QString>("preset");
    QTest::addColumn<QString>("fixture");
    QTest::newRow("per-tensor affine quint8") << "pytorch-per-tensor-affine-quint8"
                                              << "minmax_affine_quint8";
    QTest::newRow("per-tensor symmetric qint8") << "pytorch-per-tensor-symmetric-qint8"
                                                << "minmax_symmetric_qint8";
    QTest::newRow("per-channel symmetric qint8") << "pytorch-per-channel-symmetric-qint8"
                                                 << "perchannel_symmetric_qint8";
}

void TestPresets::pytorchMatchesPyTorch()
{
    QFETCH(QString, preset);
    QFETCH(QString, fixture);
    const Tensor weights = test::npyFixture("pt_weights.npy");
    const Run run = runPreset(weights, preset.toLatin1().constData());
    const QJsonObject expected = test::frameworkExpected()[fixture].toObject();
    const std::vector<double> scales = test::doubles(expected["scale"]);
    const QJsonArray zeroPoints = expected["zero_point"].toArray();
    QCOMPARE(run.analysis.params.size(), scales.size());
    for (std::size_t g = 0; g < scales.size(); ++g) {
        QCOMPARE(run.analysis.params[g].scale, scales[g]); // float32, bit for bit
        QCOMPARE(run.analysis.params[g].zeroPoint, zeroPoints[static_cast<qsizetype>(g)].toInt());
    }
    const Tensor codes = test::npyFixture("pt_" + fixture + "_codes.npy");
    for (std::size_t i = 0; i < codes.values.size(); ++i) {
        QCOMPARE(run.codes[i], static_cast<std::int32_t>(codes.values[i]));
    }
}

void TestPresets::llamaMatchesLlamaCpp_data()
{
    QTest::addColumn<QString>("preset");
    QTest::addColumn<QString>("fixture");
    QTest::newRow("Q8_0") << "llama-q8_0"
                          << "q8_0";
    QTest::newRow("Q4_0") << "llama-q4_0"
                          << "q4_0";
}

void TestPresets::llamaMatchesLlamaCpp()
{
    QFETCH(QString, preset);
    QFETCH(QString, fixture);
    const Tensor weights = test::npyFixture("llama_weights.npy");
    const Run run = runPreset(weights, preset.toLatin1().constData());
    const std::vector<double> d =
        test::doubles(test::frameworkExpected()["llama_" + fixture].toObject()["d"]);
    QCOMPARE(run.analysis.params.size(), d.size()); // 4 rows of 3 blocks of 32
    for (std::size_t g = 0; g < d.size(); ++g) {
        if (d[g] == 0) { // the all-zero block: llama keeps d = 0, QuantScope floors the scale
            QCOMPARE(run.analysis.params[g].scale, kScaleFloor);
        } else {
            QCOMPARE(run.analysis.params[g].scale, d[g]); // the float16 d
        }
    }
    const Tensor codes = test::npyFixture("llama_" + fixture + "_codes.npy");
    for (std::size_t i = 0; i < codes.values.size(); ++i) {
        QCOMPARE(run.codes[i], static_cast<std::int32_t>(codes.values[i]));
    }
}

QTEST_GUILESS_MAIN(TestPresets)
#include "tst_presets.moc"
