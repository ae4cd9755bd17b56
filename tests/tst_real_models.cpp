// Real model files beside the project (see data/README.md there): the Silero ONNX model's
// subgraph constants against the reference figures and the safetensors/npz exports, the upscaler
// as TF.js, safetensors and npz (identical tensors), and matplotlib's sample archives.

#include "analysis/analyze.h"
#include "analysis/model_report.h"
#include "io/archive_factory.h"
#include "io/tensor_source.h"
#include "support/model_files.h"
#include "support/test_paths.h"

#include <QtTest>

#include <cmath>

using namespace qs;

namespace {

std::string real(const char* name)
{
    return test::realData(QString::fromLatin1(name)).toStdString();
}

const char* const kSileroOnnx = "silero_vad_v5/silero_vad_v5.onnx";
// The 16 kHz branch: spox inlined its constants under this prefix.
const std::string kThenBranch = "If_0_then_branch__Inline_0__";

QuantSpec tutorialSymmetric()
{
    QuantSpec spec;
    spec.scheme = Scheme::Symmetric;
    return spec;
}

bool near(double value, double expected, double relative)
{
    return std::fabs(value - expected) <= relative * std::fabs(expected);
}

std::unique_ptr<TensorArchive> open(const std::string& path)
{
    auto archive = openTensorArchive(FileSpec{path, {}, {}});
    if (!archive) {
        qFatal("%s", archive.error().describe().c_str());
    }
    return std::move(*archive);
}

} // namespace

class TestRealModels : public QObject
{
    Q_OBJECT

private slots:
    void sileroOnnxMatchesReferenceFigures_data();
    void sileroOnnxMatchesReferenceFigures();
    void sileroOnnxEqualsItsSafetensorsAndNpz();
    void upscalerSameInThreeFormats();
    void matplotlibArchives();
    void modelReportFlagsSileroEncoders();
};

void TestRealModels::sileroOnnxMatchesReferenceFigures_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<Shape>("shape");
    QTest::addColumn<double>("min");
    QTest::addColumn<double>("max");
    QTest::addColumn<double>("mean");
    QTest::addColumn<double>("std");
    QTest::addColumn<double>("sqnr");
    // data/README.md, "Reference figures".
    QTest::newRow("encoder.0") << "encoder.0.reparam_conv.weight" << Shape{128, 129, 3} << -15.0833
                               << 3.23741 << -0.0293841 << 0.345233 << 20.34;
    QTest::newRow("encoder.2") << "encoder.2.reparam_conv.weight" << Shape{64, 64, 3} << -1.54526
                               << 9.76712 << -0.00159217 << 0.19973 << 20.13;
    QTest::newRow("encoder.3") << "encoder.3.reparam_conv.weight" << Shape{128, 64, 3} << -1.45772
                               << 7.59153 << -0.00427564 << 0.0872684 << 16.81;
    QTest::newRow("rnn.weight_ih") << "decoder.rnn.weight_ih" << Shape{512, 128} << -1.78522
                                   << 2.81692 << 0.0133835 << 0.227431 << 31.00;
}

void TestRealModels::sileroOnnxMatchesReferenceFigures()
{
    QFETCH(QString, name);
    QFETCH(Shape, shape);
    QFETCH(double, min);
    QFETCH(double, max);
    QFETCH(double, mean);
    QFETCH(double, std);
    QFETCH(double, sqnr);
    const Tensor tensor = test::loadNamed(real(kSileroOnnx), kThenBranch + name.toStdString());
    QCOMPARE(tensor.shape, shape);
    const auto analysis = analyzeTensor(tensor.view(), tutorialSymmetric());
    QVERIFY(analysis);
    QVERIFY(near(analysis->stats.min, min, 1e-5));
    QVERIFY(near(analysis->stats.max, max, 1e-5));
    QVERIFY(near(analysis->stats.mean, mean, 1e-4));
    QVERIFY(near(analysis->stats.std, std, 1e-5));
    QVERIFY2(std::fabs(analysis->metrics.sqnrDb - sqnr) < 0.005,
             qPrintable(QString::number(analysis->metrics.sqnrDb)));
}

void TestRealModels::sileroOnnxEqualsItsSafetensorsAndNpz()
{
    const auto safetensors = open(real("silero_vad_v5/silero_vad_v5_16k.safetensors"));
    const auto npz = open(real("silero_vad_v5/silero_vad_v5_16k.npz"));
    QCOMPARE(safetensors->entries().size(), std::size_t{13});
    QCOMPARE(npz->entries().size(), std::size_t{13});
    for (const TensorEntry& entry : safetensors->entries()) {
        const Tensor fromSafetensors = test::loadNamed(safetensors->path(), entry.name);
        QCOMPARE(test::loadNamed(npz->path(), entry.name), fromSafetensors);
        Tensor fromOnnx = test::loadNamed(real(kSileroOnnx), kThenBranch + entry.name);
        fromOnnx.name = entry.name;
        QCOMPARE(fromOnnx, fromSafetensors);
    }
}

void TestRealModels::upscalerSameInThreeFormats()
{
    const auto tfjs = open(real("upscaler_tfjs/model.json"));
    const auto safetensors = open(real("upscaler_tfjs/upscaler_default.safetensors"));
    const auto npz = open(real("upscaler_tfjs/upscaler_default.npz"));
    QCOMPARE(tfjs->format(), ArchiveFormat::Tfjs);
    QCOMPARE(tfjs->entries().size(), std::size_t{24});
    std::uint64_t values = 0;
    for (const TensorEntry& entry : tfjs->entries()) {
        const Tensor fromTfjs = test::loadNamed(tfjs->path(), entry.name);
        QCOMPARE(test::loadNamed(safetensors->path(), entry.name), fromTfjs);
        // The .npz export spells '/' as "__" (a '/' in a zip member name is a folder).
        std::string npzName = entry.name;
        npzName.replace(npzName.find('/'), 1, "__");
        Tensor fromNpz = test::loadNamed(npz->path(), npzName);
        fromNpz.name = entry.name;
        QCOMPARE(fromNpz, fromTfjs);
        values += fromTfjs.values.size();
    }
    QCOMPARE(values, std::uint64_t{222075});
    // data/README.md: F_0/kernel min -0.1471, max 0.145515, SQNR 39.91 dB; UPN1 35.63; UPN2 35.48.
    for (const auto& [name, sqnr] :
         {std::pair{"F_0/kernel", 39.91}, std::pair{"UPN1/kernel", 35.63},
          std::pair{"UPN2/kernel", 35.48}}) {
        const auto analysis =
            analyzeTensor(test::loadNamed(tfjs->path(), name).view(), tutorialSymmetric());
        QVERIFY2(std::fabs(analysis->metrics.sqnrDb - sqnr) < 0.005, name);
    }
}

void TestRealModels::matplotlibArchives()
{
    // Stored members.
    const Tensor topo = test::loadNamed(real("matplotlib/topobathy.npz"), "topo");
    QCOMPARE(topo.shape, (Shape{91, 120}));
    QCOMPARE(topo.sourceDtype, Dtype::Float32);
    // Deflated int16 with 0-d float64 members.
    const auto dem = open(real("matplotlib/jacksboro_fault_dem.npz"));
    const Tensor elevation = test::loadNamed(dem->path(), "elevation");
    QCOMPARE(elevation.shape, (Shape{344, 403}));
    QCOMPARE(elevation.sourceDtype, Dtype::Int16);
    for (const char* scalar : {"dx", "dy", "xmin", "xmax", "ymin", "ymax"}) {
        const Tensor value = test::loadNamed(dem->path(), scalar);
        QVERIFY(value.shape.empty());
        QCOMPARE(value.values.size(), std::size_t{1});
        QCOMPARE(value.sourceDtype, Dtype::Float64);
    }
    // A structured dtype: listed, refused with the reason.
    const auto goog = loadTensorFile(FileSpec{real("matplotlib/goog.npz"), {}, {}});
    QVERIFY(!goog);
    QCOMPARE(goog.error().code, ErrorCode::UnsupportedDtype);
    QVERIFY2(goog.error().describe().find("structured dtype") != std::string::npos,
             goog.error().describe().c_str());
}

void TestRealModels::modelReportFlagsSileroEncoders()
{
    const auto archive = open(real(kSileroOnnx));
    const auto report = analyzeModel(*archive, tutorialSymmetric());
    QVERIFY(report);
    const auto row = std::ranges::find(
        report->tensors, kThenBranch + "encoder.3.reparam_conv.weight", &TensorReportRow::name);
    QVERIFY(row != report->tensors.end());
    // data/README.md: max/std ≈ 87, three quarters on code 0, per channel about 33.6 dB.
    QVERIFY(near(row->maxAbsOverStd, 87, 0.01));
    QVERIFY(row->zeroCodeFraction > 0.74 && row->zeroCodeFraction < 0.77);
    QVERIFY(std::fabs(*row->perChannelSqnrDb - 33.6) < 0.1);
    QVERIFY(row->outliers.modelReportOutlier());
    // The upscaler is the well-behaved contrast: no tensor over the ModelReport ratio there.
    const auto upscaler = open(real("upscaler_tfjs/model.json"));
    const auto calm = analyzeModel(*upscaler, tutorialSymmetric());
    QVERIFY(calm);
    QCOMPARE(calm->tensors.size(), std::size_t{24});
    QCOMPARE(calm->channelAxis, -1);
}

QTEST_GUILESS_MAIN(TestRealModels)
#include "tst_real_models.moc"
