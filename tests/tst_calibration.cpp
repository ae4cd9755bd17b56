// Calibration methods against their references: numpy.percentile, TensorRT's published entropy
// algorithm, Banner et al.'s ACIQ tables, a brute-force MSE scan and PyTorch's HistogramObserver;
// and every method on degenerate tensors.

#include "analysis/analyze.h"
#include "calibrate/aciq.h"
#include "calibrate/kl_divergence.h"
#include "calibrate/manual_range.h"
#include "quant/quantization_error.h"
#include "support/fixtures.h"

#include <QJsonArray>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace qs;

Q_DECLARE_METATYPE(qs::QuantSpec)

namespace {

QuantSpec specOf(Scheme scheme, int bits, CalibrationMethod method, bool isSigned = true)
{
    QuantSpec spec;
    spec.scheme = scheme;
    spec.bits = bits;
    spec.isSigned = isSigned;
    spec.calibration.method = method;
    return spec;
}

Analysis analyse(const Tensor& tensor, const QuantSpec& spec)
{
    auto analysis = analyzeTensor(tensor.view(), spec);
    if (!analysis) {
        qFatal("%s", analysis.error().describe().c_str());
    }
    return std::move(*analysis);
}

double mseOf(const Tensor& tensor, const QuantSpec& spec, RealRange range)
{
    const auto params = chooseParams(range, spec)->params;
    return quantizationError(tensor.values, params, spec.rounding).mse();
}

} // namespace

class TestCalibration : public QObject
{
    Q_OBJECT

private slots:
    void percentileIsNumpys();
    void klIsTensorRtsAlgorithm();
    void aciqTablesAreTheClosedFormMinimisers();
    void aciqRangeIsMeanPlusAlpha();
    void mseIsWithinAFractionOfBruteForce_data();
    void mseIsWithinAFractionOfBruteForce();
    void mseOnSmallGroupsIsWithinAFractionOfBruteForce_data();
    void mseOnSmallGroupsIsWithinAFractionOfBruteForce();
    void mseBeatsPyTorchHistogramObserver_data();
    void mseBeatsPyTorchHistogramObserver();
    void degenerateTensors_data();
    void degenerateTensors();
    void badArgumentsAreRefused();
    void manualRangeIsTheUsers();
    void draggedGridEndGivesTheRange();
    void mseSearchReportsProgressAndCancels();
};

void TestCalibration::percentileIsNumpys()
{
    const QJsonObject expected = test::frameworkExpected()["percentile"].toObject();
    const Tensor h = test::npyFixture("pt_histogram_input.npy");
    QuantSpec spec = specOf(Scheme::Asymmetric, 8, CalibrationMethod::Percentile);
    spec.calibration.percentile = 99.9;
    const auto p999 = test::doubles(expected["p99.9"]);
    const QuantParams general = analyse(h, spec).params.front();
    QCOMPARE(general.clipMin, p999[0]);
    QCOMPARE(general.clipMax, p999[1]);

    spec = specOf(Scheme::Symmetric, 8, CalibrationMethod::Percentile);
    const double absolute = expected["p99.99_abs"].toDouble();
    QVERIFY(std::fabs(analyse(h, spec).params.front().clipMax - absolute) <=
            1e-6 * absolute); // float32 |R|

    const Tensor w = test::npyFixture("pt_weights.npy");
    spec = specOf(Scheme::General, 8, CalibrationMethod::Percentile);
    spec.calibration.percentile = 97;
    const auto p97 = test::doubles(expected["p97_weights"]);
    const QuantParams weights = analyse(w, spec).params.front();
    QCOMPARE(weights.clipMin, p97[0]);
    QCOMPARE(weights.clipMax, p97[1]);
}

void TestCalibration::klIsTensorRtsAlgorithm()
{
    const QJsonObject expected = test::frameworkExpected()["kl_laplace"].toObject();
    const Tensor h = test::npyFixture("pt_histogram_input.npy");
    const auto result = klThreshold(h.values, 40.0, {2048, 128, 128});
    QCOMPARE(result.bestBin, expected["bin"].toInt());
    QVERIFY(std::fabs(result.threshold - expected["threshold"].toDouble()) < 1e-9);
    QCOMPARE(result.divergence.size(), std::size_t{2048 - 128 + 1});
    // Through the analysis: symmetric range [−t, t].
    const QuantParams p =
        analyse(h, specOf(Scheme::Symmetric, 8, CalibrationMethod::Kl)).params.front();
    QVERIFY(std::fabs(p.clipMax - result.threshold) < 1e-5);
}

void TestCalibration::aciqTablesAreTheClosedFormMinimisers()
{
    for (int bits = 2; bits <= 8; ++bits) {
        QVERIFY(std::fabs(aciqMinimiser(CalibrationMethod::AciqGauss, bits) -
                          aciqGaussAlpha(bits)) < 0.01);
        QVERIFY(std::fabs(aciqMinimiser(CalibrationMethod::AciqLaplace, bits) -
                          aciqLaplaceAlpha(bits)) < 0.01);
    }
    // Beyond the table the minimiser takes over, and α keeps growing with the bits.
    QVERIFY(aciqGaussAlpha(9) > aciqGaussAlpha(8));
    QVERIFY(aciqLaplaceAlpha(12) > aciqLaplaceAlpha(9));
}

void TestCalibration::aciqRangeIsMeanPlusAlpha()
{
    const Tensor h = test::npyFixture("pt_histogram_input.npy");
    const Analysis gauss = analyse(h, specOf(Scheme::Asymmetric, 4, CalibrationMethod::AciqGauss));
    QVERIFY(std::fabs(gauss.params.front().clipMax - (gauss.stats.mean + 2.56 * gauss.stats.std)) <
            1e-9);
    const Analysis laplace =
        analyse(h, specOf(Scheme::Asymmetric, 4, CalibrationMethod::AciqLaplace));
    double b = 0;
    for (const float x : h.values) {
        b += std::fabs(x - laplace.stats.mean);
    }
    b /= static_cast<double>(h.values.size());
    QVERIFY(std::fabs(laplace.params.front().clipMax - (laplace.stats.mean + 5.03 * b)) < 1e-6);
}

void TestCalibration::mseIsWithinAFractionOfBruteForce_data()
{
    QTest::addColumn<QuantSpec>("spec");
    QTest::newRow("symmetric int8") << specOf(Scheme::Symmetric, 8, CalibrationMethod::Mse);
    QTest::newRow("symmetric int4") << specOf(Scheme::Symmetric, 4, CalibrationMethod::Mse);
    QTest::newRow("asymmetric uint4")
        << specOf(Scheme::Asymmetric, 4, CalibrationMethod::Mse, false);
    QTest::newRow("general int3") << specOf(Scheme::General, 3, CalibrationMethod::Mse);
}

void TestCalibration::mseIsWithinAFractionOfBruteForce()
{
    QFETCH(QuantSpec, spec);
    const Tensor h = test::npyFixture("pt_histogram_input.npy");
    const Analysis analysis = analyse(h, spec);
    const double ours =
        mseOf(h, spec, {analysis.params.front().clipMin, analysis.params.front().clipMax});
    double best = std::numeric_limits<double>::infinity();
    const double lo = analysis.stats.min;
    const double hi = analysis.stats.max;
    if (spec.scheme == Scheme::Symmetric) {
        const double amax = std::max(-lo, hi);
        for (int k = 1; k <= 2000; ++k) {
            const double t = amax * k / 2000.0;
            best = std::min(best, mseOf(h, spec, {-t, t}));
        }
    } else {
        for (int a = 0; a < 120; ++a) {
            for (int c = 0; c < 120; ++c) {
                best = std::min(best, mseOf(h, spec, {lo * (1 - a / 120.0), hi * (1 - c / 120.0)}));
            }
        }
    }
    QVERIFY2(ours <= best * 1.002,
             qPrintable(QStringLiteral("mse %1, brute force %2").arg(ours).arg(best)));
}

void TestCalibration::mseOnSmallGroupsIsWithinAFractionOfBruteForce_data()
{
    QTest::addColumn<QuantSpec>("spec");
    QTest::addColumn<int>("groups");
    QuantSpec asymmetric = specOf(Scheme::Asymmetric, 4, CalibrationMethod::Mse, false);
    QuantSpec symmetric = specOf(Scheme::Symmetric, 4, CalibrationMethod::Mse);
    QuantSpec general = specOf(Scheme::General, 3, CalibrationMethod::Mse);
    for (const int size : {32, 1000}) {
        for (QuantSpec* spec : {&asymmetric, &symmetric, &general}) {
            spec->granularity = Granularity::Group;
            spec->groupSize = size;
        }
        const int groups = size == 32 ? 40 : 4;
        QTest::addRow("asymmetric uint4, groups of %d", size) << asymmetric << groups;
        QTest::addRow("symmetric int4, groups of %d", size) << symmetric << groups;
        QTest::addRow("general int3, groups of %d", size) << general << groups;
    }
}

void TestCalibration::mseOnSmallGroupsIsWithinAFractionOfBruteForce()
{
    // Per-group calibration searches each block on its own, scored exactly (no histogram) for
    // blocks as small as these.
    QFETCH(QuantSpec, spec);
    QFETCH(int, groups);
    const auto size = static_cast<std::ptrdiff_t>(spec.groupSize);
    const Tensor h = test::npyFixture("pt_histogram_input.npy");
    Tensor blocks;
    blocks.values.assign(h.values.begin(), h.values.begin() + groups * size);
    blocks.shape = {groups * size};
    const Analysis analysis = analyse(blocks, spec);
    QuantSpec perTensor = spec;
    perTensor.granularity = Granularity::Tensor;
    for (std::size_t g = 0; g < analysis.params.size(); ++g) {
        Tensor block;
        const auto first = blocks.values.begin() + static_cast<std::ptrdiff_t>(g) * size;
        block.values.assign(first, first + size);
        block.shape = {size};
        const double ours =
            mseOf(block, perTensor, {analysis.params[g].clipMin, analysis.params[g].clipMax});
        const auto [lo, hi] = std::ranges::minmax(block.values);
        double best = std::numeric_limits<double>::infinity();
        if (spec.scheme == Scheme::Symmetric) {
            const double amax = std::max(-double(lo), double(hi));
            for (int k = 1; k <= 2000; ++k) {
                best = std::min(best,
                                mseOf(block, perTensor, {-amax * k / 2000.0, amax * k / 2000.0}));
            }
        } else {
            for (int a = 0; a <= 120; ++a) {
                for (int c = a + 1; c <= 120; ++c) {
                    best = std::min(
                        best, mseOf(block, perTensor,
                                    {lo + (hi - lo) * a / 120.0, lo + (hi - lo) * c / 120.0}));
                }
            }
        }
        QVERIFY2(
            ours <= best * 1.002,
            qPrintable(
                QStringLiteral("group %1: mse %2, brute force %3").arg(g).arg(ours).arg(best)));
    }
}

void TestCalibration::mseBeatsPyTorchHistogramObserver_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<QuantSpec>("spec");
    QuantSpec affine = specOf(Scheme::Asymmetric, 8, CalibrationMethod::Mse, false);
    affine.convention = Convention::PyTorch;
    affine.narrowRange = false;
    QTest::newRow("quint8 affine") << "histogram_affine_quint8" << affine;
    QuantSpec symmetric = specOf(Scheme::Symmetric, 8, CalibrationMethod::Mse);
    symmetric.convention = Convention::PyTorch;
    symmetric.narrowRange = false;
    QTest::newRow("qint8 symmetric") << "histogram_symmetric_qint8" << symmetric;
}

void TestCalibration::mseBeatsPyTorchHistogramObserver()
{
    QFETCH(QString, fixture);
    QFETCH(QuantSpec, spec);
    const Tensor h = test::npyFixture("pt_histogram_input.npy");
    const QJsonObject expected = test::frameworkExpected()[fixture].toObject();
    // PyTorch's choice on the same integer grid, in PyTorch's own arithmetic.
    QuantParams theirs;
    theirs.scale = expected["scale"].toArray()[0].toDouble();
    theirs.zeroPoint = expected["zero_point"].toArray()[0].toInt();
    theirs.qmin = spec.isSigned ? -128 : 0;
    theirs.qmax = spec.isSigned ? 127 : 255;
    theirs.step = QuantizeStep::MultiplyRoundAddZero;
    theirs.inverseScale = 1.0f / static_cast<float>(theirs.scale);
    const double pytorch = quantizationError(h.values, theirs, spec.rounding).mse();
    const Analysis analysis = analyse(h, spec);
    const double ours = quantizationError(h.values, analysis.params.front(), spec.rounding).mse();
    QVERIFY2(ours <= pytorch,
             qPrintable(QStringLiteral("mse %1, HistogramObserver %2").arg(ours).arg(pytorch)));
}

void TestCalibration::degenerateTensors_data()
{
    QTest::addColumn<int>("method");
    QTest::addColumn<int>("scheme");
    QTest::addColumn<QList<float>>("values");
    const QList<float> constant(1000, 3.5f);
    const QList<float> single{2.0f};
    QList<float> oneBin;
    for (int i = 0; i < 500; ++i) {
        oneBin << 1.0f + 1e-7f * static_cast<float>(i % 3);
    }
    for (int method = 0; method <= int(CalibrationMethod::AciqLaplace); ++method) {
        for (const int scheme :
             {int(Scheme::General), int(Scheme::Symmetric), int(Scheme::Asymmetric)}) {
            QTest::addRow("method %d scheme %d constant", method, scheme)
                << method << scheme << constant;
            QTest::addRow("method %d scheme %d single", method, scheme)
                << method << scheme << single;
            QTest::addRow("method %d scheme %d one bin", method, scheme)
                << method << scheme << oneBin;
        }
    }
}

void TestCalibration::degenerateTensors()
{
    QFETCH(int, method);
    QFETCH(int, scheme);
    QFETCH(QList<float>, values);
    Tensor tensor;
    tensor.values.assign(values.begin(), values.end());
    tensor.shape = {static_cast<std::int64_t>(values.size())};
    const Analysis analysis = analyse(tensor, specOf(Scheme(scheme), 8, CalibrationMethod(method)));
    const QuantParams& p = analysis.params.front();
    QVERIFY(std::isfinite(p.scale) && p.scale > 0);
    QVERIFY(std::isfinite(analysis.metrics.mse));
    QVERIFY(p.clipMin <= p.clipMax);
}

void TestCalibration::badArgumentsAreRefused()
{
    Tensor tensor;
    tensor.values = {1, 2, 3};
    tensor.shape = {3};
    QuantSpec spec = specOf(Scheme::Symmetric, 8, CalibrationMethod::Percentile);
    spec.calibration.percentile = 30;
    QCOMPARE(analyzeTensor(tensor.view(), spec).error().code, ErrorCode::InvalidArgument);
    spec = specOf(Scheme::Symmetric, 8, CalibrationMethod::Kl);
    spec.calibration.klStartBin = 10; // fewer bins than the 128 levels
    QCOMPARE(analyzeTensor(tensor.view(), spec).error().code, ErrorCode::InvalidArgument);
    // A manual range must be one: finite, low below high.
    for (const auto& [lo, hi] :
         {std::pair{1.0, 1.0}, std::pair{2.0, -2.0}, std::pair{std::nan(""), 1.0},
          std::pair{0.0, std::numeric_limits<double>::infinity()}}) {
        spec = specOf(Scheme::Asymmetric, 8, CalibrationMethod::Manual);
        spec.calibration.clipMin = lo;
        spec.calibration.clipMax = hi;
        const auto refused = analyzeTensor(tensor.view(), spec);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::InvalidArgument);
        QVERIFY(refused.error().message.find("clip-min < clip-max") != std::string::npos);
    }
}

// Manual calibration uses the range as given: the tutorial's formulas on [clipMin, clipMax].
void TestCalibration::manualRangeIsTheUsers()
{
    Tensor tensor;
    tensor.values = {-2.0f, -1.0f, 0.0f, 0.5f, 3.0f};
    tensor.shape = {5};
    // Symmetric: t = max(|−1|, |0.5|) = 1, Scale = 1/127; −2 and 3 clip.
    QuantSpec spec = specOf(Scheme::Symmetric, 8, CalibrationMethod::Manual);
    spec.calibration.clipMin = -1;
    spec.calibration.clipMax = 0.5;
    Analysis a = analyse(tensor, spec);
    QVERIFY(std::fabs(a.params.front().scale - 1.0 / 127) < 1e-9);
    QCOMPARE(a.metrics.clippedBelow, std::uint64_t{1});
    QCOMPARE(a.metrics.clippedAbove, std::uint64_t{1});
    // Asymmetric on [−1, 0.5]: Scale = 1.5/255; 0.5 is representable to within a step.
    spec.scheme = Scheme::Asymmetric;
    a = analyse(tensor, spec);
    const QuantParams& p = a.params.front();
    QVERIFY(std::fabs(p.scale - 1.5 / 255) < 1e-9);
    QVERIFY(std::fabs((p.qmax - p.zeroPoint) * p.scale - 0.5) <= p.scale);
    QVERIFY(std::fabs((p.qmin - p.zeroPoint) * p.scale + 1.0) <= p.scale);
    QCOMPARE(a.metrics.clippedAbove, std::uint64_t{1});
    // Per channel, every channel takes the one range.
    Tensor rows;
    rows.values = {-1, 1, -3, 3};
    rows.shape = {2, 2};
    spec.scheme = Scheme::Symmetric;
    spec.granularity = Granularity::Channel;
    spec.calibration.clipMin = -2;
    spec.calibration.clipMax = 2;
    a = analyse(rows, spec);
    QCOMPARE(a.params.size(), std::size_t{2});
    QCOMPARE(a.params[0].scale, a.params[1].scale);
}

// Where a dragged end of the grid takes the range, scheme by scheme (worked by hand).
void TestCalibration::draggedGridEndGivesTheRange()
{
    QuantSpec spec;
    QuantParams p;
    p.qmin = -127;
    p.qmax = 127;
    p.scale = 0.01;
    spec.scheme = Scheme::Symmetric; // the grid is ±1.27
    QCOMPARE(manualRangeForGridEnd(spec, p, GridEnd::High, 2.0), (RealRange{-2.0, 2.0}));
    QCOMPARE(manualRangeForGridEnd(spec, p, GridEnd::Low, -0.5), (RealRange{-0.5, 0.5}));
    QVERIFY(manualRangeForGridEnd(spec, p, GridEnd::High, 0).hi > 0); // never empty

    // Asymmetric with Z = −28: the grid is [(−128 + 28)·0.01, (127 + 28)·0.01] = [−1, 1.55].
    p.qmin = -128;
    p.zeroPoint = -28;
    spec.scheme = Scheme::Asymmetric;
    const RealRange high = manualRangeForGridEnd(spec, p, GridEnd::High, 2.0);
    QVERIFY(std::fabs(high.lo + 1.0) < 1e-12 && high.hi == 2.0); // the low end stays
    const RealRange low = manualRangeForGridEnd(spec, p, GridEnd::Low, 0.5);
    QVERIFY(low.lo == 0.5 && std::fabs(low.hi - 1.55) < 1e-12);
    const RealRange crossed = manualRangeForGridEnd(spec, p, GridEnd::Low, 3.0);
    QVERIFY(crossed.lo < crossed.hi); // dragged past the other end: stops short of it

    // General (no zero point): R′(127) dragged to 2.54 makes Scale 0.02, so R′(−128) = −2.56.
    p.zeroPoint = 0;
    spec.scheme = Scheme::General;
    const RealRange general = manualRangeForGridEnd(spec, p, GridEnd::High, 2.54);
    QVERIFY(std::fabs(general.lo + 2.56) < 1e-12 && std::fabs(general.hi - 2.54) < 1e-12);

    QVERIFY(clipLinesDraggable(QuantSpec{}, 1));
    QVERIFY(!clipLinesDraggable(QuantSpec{}, 4));
    QuantSpec q4;
    q4.convention = Convention::LlamaQ4_0;
    QVERIFY(!clipLinesDraggable(q4, 1));
}

void TestCalibration::mseSearchReportsProgressAndCancels()
{
    const Tensor h =
        test::npyFixture("pt_histogram_input.npy"); // large enough for the histogram search
    for (const Scheme scheme : {Scheme::Symmetric, Scheme::Asymmetric}) {
        QList<double> seen;
        AnalysisOptions options;
        options.progress = [&seen](double fraction) {
            seen << fraction;
            return fraction < 0.3; // the search is 0.25 .. 0.55 of the whole analysis
        };
        const auto analysis =
            analyzeTensor(h.view(), specOf(scheme, 8, CalibrationMethod::Mse), options);
        QVERIFY(!analysis);
        QCOMPARE(analysis.error().code, ErrorCode::Cancelled);
        // Cancelled inside the search, after it had reported steps of its own.
        const auto inSearch =
            std::count_if(seen.begin(), seen.end(), [](double f) { return f > 0.25; });
        QVERIFY2(inSearch >= 2, qPrintable(QString::number(inSearch)));
        QVERIFY(seen.last() >= 0.3 && seen.last() < 0.55);
    }
}

QTEST_GUILESS_MAIN(TestCalibration)
#include "tst_calibration.moc"
