// Sweeps: each point is the analysis it claims to be (checked against the naive quantizer and
// plain analyses), and the curves show the behaviour the tutorial describes.

#include "analysis/sweeps.h"
#include "generate/data_presets.h"
#include "generate/generator.h"
#include "quant/choose_params.h"
#include "support/fixtures.h"
#include "support/naive_quantizer.h"

#include <QtTest>

#include <cmath>

using namespace qs;

namespace {

Tensor normal(std::size_t count, std::uint32_t seed = 1)
{
    return test::generated(Distribution::Normal, {static_cast<std::int64_t>(count)}, seed);
}

Tensor studentT(Shape shape)
{
    return test::generated(Distribution::StudentT, std::move(shape), 7);
}

template <typename T> T ok(Result<T> result)
{
    if (!result) {
        qFatal("%s", result.error().describe().c_str());
    }
    return std::move(*result);
}

} // namespace

class TestSweeps : public QObject
{
    Q_OBJECT

private slots:
    void bitsFollowSixDecibelsPerBit();
    void bitsPointsAreAnalyses();
    void bitsStallWhileAnOutlierOwnsTheGrid();
    void bitsRefuseLlamaFormats();
    void bitsAndClipRefuseNumberFormats();
    void clipSplitsRoundingFromClipping();
    void clipMarksEveryCalibration();
    void clipMarksAManualRange();
    void clipOnTwoEndsStaysInsideTheData();
    void clipRefusesGroupsAndBadOptions();
    void clipOfAConstantTensorIsOnePoint();
    void outlierCollapsesTheRestOntoZero();
    void outlierHurtsOnlyItsChannel();
    void outlierIsClippedByPercentile();
    void cancelStopsASweep();
};

void TestSweeps::bitsFollowSixDecibelsPerBit()
{
    const Tensor t = normal(20000);
    const BitsSweep sweep = ok(sweepBits(t.view(), QuantSpec{}));
    QCOMPARE(sweep.points.size(), std::size_t(kMaxBits - kMinBits + 1));
    QCOMPARE(sweep.points.front().bits, kMinBits);
    QCOMPARE(sweep.points.back().bits, kMaxBits);
    for (std::size_t i = 1; i < sweep.points.size(); ++i) {
        QVERIFY(sweep.points[i].sqnrDb > sweep.points[i - 1].sqnrDb);
    }
    // A min-max grid over Gaussian data: once the step is fine against the spread (from 5 bits
    // on), every bit adds 6.02 dB.
    for (const BitsPoint& p : sweep.points) {
        if (p.bits >= 5) {
            QVERIFY2(std::fabs(p.sqnrDb - sweep.idealSqnrDb(p.bits)) < 1.0,
                     qPrintable(QStringLiteral("%1 bits: %2 dB, line %3")
                                    .arg(p.bits)
                                    .arg(p.sqnrDb)
                                    .arg(sweep.idealSqnrDb(p.bits))));
        }
    }
    QCOMPARE(sweep.idealSqnrDb(9) - sweep.idealSqnrDb(8), 6.02);
}

void TestSweeps::bitsPointsAreAnalyses()
{
    const Tensor t = studentT({64, 32});
    QuantSpec spec;
    spec.scheme = Scheme::Asymmetric;
    spec.granularity = Granularity::Channel;
    spec.calibration.method = CalibrationMethod::Percentile;
    const BitsSweep sweep = ok(sweepBits(t.view(), spec));
    for (const int bits : {3, 8, 13}) {
        spec.bits = bits;
        const Analysis a = ok(analyzeTensor(t.view(), spec));
        const BitsPoint& p = sweep.points[static_cast<std::size_t>(bits - kMinBits)];
        QCOMPARE(p.bits, bits);
        QCOMPARE(p.sqnrDb, a.metrics.sqnrDb);
        QCOMPARE(p.mse, a.metrics.mse);
        QCOMPARE(p.clippedFraction, a.metrics.clippedFraction);
    }
    QCOMPARE(sweep.referenceSqnrDb, sweep.points[8 - kMinBits].sqnrDb);
}

void TestSweeps::bitsStallWhileAnOutlierOwnsTheGrid()
{
    // The tutorial's outlier: until the step is small enough for the bulk to leave the zero
    // code, more bits buy nothing.
    const Tensor t = *makePresetTensor("tutorial-outlier");
    const BitsSweep sweep = ok(sweepBits(t.view(), QuantSpec{}));
    QCOMPARE(sweep.points[0].sqnrDb, sweep.points[4].sqnrDb);     // 2 and 6 bits
    QVERIFY(sweep.points[6].sqnrDb > sweep.points[4].sqnrDb + 5); // 8 bits
}

void TestSweeps::bitsRefuseLlamaFormats()
{
    const Tensor t = normal(64);
    QuantSpec spec;
    spec.convention = Convention::LlamaQ8_0;
    const auto sweep = sweepBits(t.view(), spec);
    QVERIFY(!sweep);
    QCOMPARE(sweep.error().code, ErrorCode::InvalidArgument);
    QVERIFY(sweep.error().message.find("llama-q8_0") != std::string::npos);
}

void TestSweeps::bitsAndClipRefuseNumberFormats()
{
    // A format's element fixes its width and its scales follow its own rule: the two integer
    // sweeps say so instead of sweeping the integer grid the spec does not use.
    const Tensor t = normal(256);
    for (const NumberFormat format :
         {NumberFormat::Fp8E4m3, NumberFormat::Mxfp4, NumberFormat::Nvfp4, NumberFormat::Nf4}) {
        QuantSpec spec;
        spec.format.format = format;
        const std::string name(formatInfo(format).name);
        const auto bits = sweepBits(t.view(), spec);
        QVERIFY(!bits);
        QCOMPARE(bits.error().code, ErrorCode::InvalidArgument);
        QVERIFY2(bits.error().message.find(name) != std::string::npos, name.c_str());
        const auto clip = sweepClip(t.view(), spec);
        QVERIFY(!clip);
        QVERIFY(clip.error().message.find(name) != std::string::npos);
        // The growing outlier runs under the format itself.
        const auto outlier = sweepOutlier(t.view(), spec);
        QVERIFY2(outlier, name.c_str());
        QVERIFY(!outlier->points.empty());
    }
}

void TestSweeps::clipSplitsRoundingFromClipping()
{
    const Tensor t = studentT({5000});
    QuantSpec spec;
    spec.bits = 4;
    SweepOptions options;
    options.points = 40;
    const ClipSweep sweep = ok(sweepClip(t.view(), spec, options));
    QCOMPARE(sweep.points.size(), std::size_t(40));
    const double absMax = std::max(-double(*std::ranges::min_element(t.values)),
                                   double(*std::ranges::max_element(t.values)));
    QCOMPARE(sweep.points.back().threshold, absMax);
    QCOMPARE(sweep.points.back().clippingMse, 0.0);
    QVERIFY(sweep.points.front().threshold > 0 && sweep.points.front().threshold < absMax / 500);
    for (std::size_t i = 0; i < sweep.points.size(); ++i) {
        const ClipPoint& p = sweep.points[i];
        if (i > 0) {
            QVERIFY(p.threshold > sweep.points[i - 1].threshold);
        }
        QCOMPARE(p.clipMax, double(static_cast<float>(p.threshold)));
        // The naive quantizer on the same grid: clipped values are those whose error exceeds
        // half a step.
        const QuantParams params = chooseParams({-p.threshold, p.threshold}, spec)->params;
        const test::NaiveResult naive = test::naiveQuantize(t.values, params, {});
        double clipping = 0;
        for (std::size_t k = 0; k < t.values.size(); ++k) {
            const double e = double(naive.dequant[k]) - t.values[k];
            if (std::fabs(e) > params.scale / 2 * (1 + 1e-6)) {
                clipping += e * e;
            }
        }
        clipping /= static_cast<double>(t.values.size());
        QVERIFY2(std::fabs(p.mse - naive.metrics.mse) <= 1e-6 * naive.metrics.mse,
                 qPrintable(QStringLiteral("%1 vs %2 at %3")
                                .arg(p.mse, 0, 'g', 17)
                                .arg(naive.metrics.mse, 0, 'g', 17)
                                .arg(p.threshold)));
        QVERIFY(std::fabs(p.clippingMse - clipping) <= 1e-6 * naive.metrics.mse);
        QVERIFY(std::fabs(p.roundingMse + p.clippingMse - p.mse) <= 1e-12 * p.mse);
        QCOMPARE(p.clippedFraction, naive.metrics.clippedFraction);
    }
}

void TestSweeps::clipMarksEveryCalibration()
{
    const Tensor t = studentT({20000});
    QuantSpec spec;
    spec.bits = 4;
    spec.calibration.method = CalibrationMethod::Mse;
    const ClipSweep sweep = ok(sweepClip(t.view(), spec));
    // Every method with its default variant, then the frameworks' variants: percentile
    // (pytorch-quantization, onnxruntime), mse (pytorch-quantization), kl (pytorch-quantization,
    // onnxruntime, mxnet).
    const std::size_t methods = markedMethodCount(); // all but manual
    QCOMPARE(methods, calibrationNames().size() - 1);
    QCOMPARE(sweep.markers.size(), methods + 2 + 1 + 3);
    int chosen = 0;
    for (std::size_t m = 0; m < sweep.markers.size(); ++m) {
        const ClipMarker& marker = sweep.markers[m];
        if (m < methods) {
            QCOMPARE(int(marker.method), int(m));
        }
        chosen += marker.chosen ? 1 : 0;
        // Each marker is where that calibration's own analysis puts the range.
        QuantSpec asked = spec;
        asked.calibration.method = marker.method;
        if (marker.method == CalibrationMethod::Percentile) {
            asked.calibration.percentileVariant = *percentileVariantFromName(marker.variant);
        } else if (marker.method == CalibrationMethod::Mse) {
            asked.calibration.mseVariant = *mseVariantFromName(marker.variant);
        } else if (marker.method == CalibrationMethod::Kl) {
            asked.calibration.klVariant = *klVariantFromName(marker.variant);
        } else {
            QVERIFY(marker.variant.empty());
        }
        const Analysis a = ok(analyzeTensor(t.view(), asked));
        QCOMPARE(marker.point.clipMax, a.params.front().clipMax);
        QVERIFY(std::fabs(marker.point.mse - a.metrics.mse) <= 1e-6 * a.metrics.mse);
    }
    QCOMPARE(chosen, 1);
    QVERIFY(sweep.markers[int(CalibrationMethod::Mse)].chosen);
    // Min-max is the last point of the sweep; MSE calibration beats every swept threshold.
    QCOMPARE(sweep.markers[int(CalibrationMethod::MinMax)].point.mse, sweep.points.back().mse);
    const double mse = sweep.markers[int(CalibrationMethod::Mse)].point.mse;
    for (const ClipPoint& p : sweep.points) {
        QVERIFY2(mse <= p.mse * 1.002,
                 qPrintable(
                     QStringLiteral("%1 at t = %2 beats %3").arg(p.mse).arg(p.threshold).arg(mse)));
    }
}

// A dragged (manual) range is marked last, as the chosen one, where its own analysis puts it.
void TestSweeps::clipMarksAManualRange()
{
    const Tensor t = studentT({20000});
    QuantSpec spec;
    spec.calibration.method = CalibrationMethod::Manual;
    spec.calibration.clipMin = -0.8;
    spec.calibration.clipMax = 0.6;
    const ClipSweep sweep = ok(sweepClip(t.view(), spec));
    QCOMPARE(sweep.markers.size(), markedMethodCount() + 2 + 1 + 3 + 1);
    const ClipMarker& manual = sweep.markers.back();
    QCOMPARE(int(manual.method), int(CalibrationMethod::Manual));
    QVERIFY(manual.chosen);
    QCOMPARE(std::count_if(sweep.markers.begin(), sweep.markers.end(),
                           [](const ClipMarker& m) { return m.chosen; }),
             1);
    const Analysis a = ok(analyzeTensor(t.view(), spec));
    QCOMPARE(manual.point.clipMax, a.params.front().clipMax);
    QVERIFY(std::fabs(manual.point.mse - a.metrics.mse) <= 1e-6 * a.metrics.mse);
    QVERIFY(std::fabs(a.params.front().clipMax - 0.8) < 1e-6); // symmetric: ±max magnitude
}

void TestSweeps::clipOnTwoEndsStaysInsideTheData()
{
    // All-positive data: a two-end grid keeps its lower end at min R; thresholds start there.
    const Tensor t = *makePresetTensor("all-positive");
    QuantSpec spec;
    spec.scheme = Scheme::Asymmetric;
    const ClipSweep sweep = ok(sweepClip(t.view(), spec));
    const double min = *std::ranges::min_element(t.values);
    for (const ClipPoint& p : sweep.points) {
        QVERIFY(p.threshold > min);
        QCOMPARE(p.clipMin, min);
        QVERIFY(p.clipMax <= p.threshold * (1 + 1e-7));
    }
}

void TestSweeps::clipRefusesGroupsAndBadOptions()
{
    const Tensor t = studentT({8, 64});
    QuantSpec spec;
    spec.granularity = Granularity::Channel;
    auto sweep = sweepClip(t.view(), spec);
    QVERIFY(!sweep);
    QCOMPARE(sweep.error().code, ErrorCode::InvalidArgument);
    QVERIFY(sweep.error().message.find("per-tensor") != std::string::npos);
    SweepOptions options;
    options.points = 1;
    QCOMPARE(sweepClip(t.view(), QuantSpec{}, options).error().code, ErrorCode::InvalidArgument);
    QCOMPARE(sweepOutlier(t.view(), QuantSpec{}, options).error().code, ErrorCode::InvalidArgument);
    const Tensor empty;
    QCOMPARE(sweepClip(empty.view(), QuantSpec{}).error().code, ErrorCode::EmptyTensor);
    Tensor nan;
    nan.values = {std::nanf(""), std::nanf("")};
    nan.shape = {2};
    QCOMPARE(sweepClip(nan.view(), QuantSpec{}).error().code, ErrorCode::NoFiniteValues);
    QCOMPARE(sweepOutlier(nan.view(), QuantSpec{}).error().code, ErrorCode::NoFiniteValues);
    QCOMPARE(sweepBits(nan.view(), QuantSpec{}).error().code, ErrorCode::NoFiniteValues);
}

void TestSweeps::clipOfAConstantTensorIsOnePoint()
{
    Tensor t;
    t.values.assign(100, 2.5f);
    t.shape = {100};
    // Symmetric grids can still clip a constant; a two-end range has nothing between its ends.
    QuantSpec spec;
    const ClipSweep symmetric = ok(sweepClip(t.view(), spec));
    QCOMPARE(symmetric.points.size(), std::size_t(kDefaultClipPoints));
    QCOMPARE(symmetric.points.back().threshold, 2.5);
    QCOMPARE(symmetric.points.back().mse, 0.0);
    spec.scheme = Scheme::Asymmetric;
    const ClipSweep asymmetric = ok(sweepClip(t.view(), spec));
    QCOMPARE(asymmetric.points.size(), std::size_t(1));
    QCOMPARE(asymmetric.points.front().threshold, 2.5);
    QVERIFY(std::isfinite(asymmetric.points.front().mse));
    QCOMPARE(asymmetric.markers.size(), markedMethodCount() + 6);
    for (const ClipMarker& m : asymmetric.markers) {
        QCOMPARE(m.point.clipMin, 2.5); // no variant's threshold empties the range
    }
}

void TestSweeps::outlierCollapsesTheRestOntoZero()
{
    const Tensor t = normal(20000, 3);
    const OutlierSweep sweep = ok(sweepOutlier(t.view(), QuantSpec{}));
    QCOMPARE(sweep.points.size(), std::size_t(kDefaultOutlierPoints));
    // The replaced value is the one farthest from the mean.
    double mean = 0;
    for (const float x : t.values) {
        mean += x;
    }
    mean /= static_cast<double>(t.values.size());
    for (const float x : t.values) {
        QVERIFY(std::fabs(x - mean) <= std::fabs(t.values[sweep.position] - mean));
    }
    QCOMPARE(sweep.points.front().magnitudeSigma, 1.0);
    QVERIFY(std::fabs(sweep.points.back().magnitudeSigma - 1000.0) < 1e-9);
    const OutlierPoint& last = sweep.points.back();
    QCOMPARE(last.scale, static_cast<double>(static_cast<float>(last.value)) / 127.0);
    QVERIFY(last.zeroCodeFraction > 0.99);
    QVERIFY(last.sqnrDb < 1.0);
    // Past the tensor's own peak, scale grows and SQNR falls with every step.
    for (std::size_t k = 1; k < sweep.points.size(); ++k) {
        const OutlierPoint& p = sweep.points[k];
        if (p.magnitudeSigma > 10) {
            QVERIFY(p.scale > sweep.points[k - 1].scale);
            QVERIFY(p.sqnrDb < sweep.points[k - 1].sqnrDb);
            QVERIFY(p.zeroCodeFraction >= sweep.points[k - 1].zeroCodeFraction);
        }
    }
    // The SQNR of the others, recomputed from a plain analysis of the modified tensor.
    std::vector<float> modified = t.values;
    modified[sweep.position] = static_cast<float>(last.value);
    std::vector<float> dequant(modified.size());
    AnalysisOptions options;
    options.dequantOut = dequant;
    ok(analyzeTensor({modified, t.shape}, QuantSpec{}, options));
    double signal = 0;
    double noise = 0;
    for (std::size_t i = 0; i < modified.size(); ++i) {
        if (i != sweep.position) {
            signal += double(t.values[i]) * t.values[i];
            noise += (double(dequant[i]) - t.values[i]) * (double(dequant[i]) - t.values[i]);
        }
    }
    QVERIFY(std::fabs(last.sqnrDb - 10 * std::log10(signal / noise)) < 1e-9);
}

void TestSweeps::outlierHurtsOnlyItsChannel()
{
    const Tensor t = studentT({16, 256});
    QuantSpec perTensor;
    QuantSpec perChannel;
    perChannel.granularity = Granularity::Channel;
    const OutlierSweep a = ok(sweepOutlier(t.view(), perTensor));
    const OutlierSweep b = ok(sweepOutlier(t.view(), perChannel));
    QCOMPARE(a.position, b.position);
    // Per channel, only the outlier's own channel (1/16 of the values) collapses.
    QVERIFY2(
        b.points.back().sqnrDb > a.points.back().sqnrDb + 10,
        qPrintable(
            QStringLiteral("%1 vs %2").arg(b.points.back().sqnrDb).arg(a.points.back().sqnrDb)));
    QVERIFY(b.points.back().zeroCodeFraction < 0.1);
    // The outlier's own channel gets the outlier's scale.
    QCOMPARE(b.points.back().scale, a.points.back().scale);
}

void TestSweeps::outlierIsClippedByPercentile()
{
    const Tensor t = normal(20000, 5);
    QuantSpec spec;
    spec.calibration.method = CalibrationMethod::Percentile;
    spec.calibration.percentile = 99.9;
    const OutlierSweep sweep = ok(sweepOutlier(t.view(), spec));
    // One value is far beyond the 99.9th percentile: the scale no longer follows it.
    QCOMPARE(sweep.points.back().scale, sweep.points[sweep.points.size() - 2].scale);
    QVERIFY(sweep.points.back().sqnrDb > 30);
    QVERIFY(sweep.points.back().clippedFraction > 0);
}

void TestSweeps::cancelStopsASweep()
{
    const Tensor t = normal(4096);
    int calls = 0;
    SweepOptions options;
    options.progress = [&calls](double fraction) {
        ++calls;
        return fraction < 0.3;
    };
    QCOMPARE(sweepBits(t.view(), QuantSpec{}, options).error().code, ErrorCode::Cancelled);
    QCOMPARE(sweepClip(t.view(), QuantSpec{}, options).error().code, ErrorCode::Cancelled);
    QCOMPARE(sweepOutlier(t.view(), QuantSpec{}, options).error().code, ErrorCode::Cancelled);
    QVERIFY(calls > 3);
}

QTEST_GUILESS_MAIN(TestSweeps)
#include "tst_sweeps.moc"
