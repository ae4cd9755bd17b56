// The shoot-out: candidate names, the bits classes, rows against independent references, the
// order, the Pareto front, rows a tensor cannot take, progress and cancel.

#include "analysis/shootout.h"
#include "generate/generator.h"
#include "support/naive_formats.h"

#include <QtTest>

#include <cmath>

using namespace qs;

namespace {

Tensor normalTensor(std::vector<std::int64_t> shape, std::uint32_t seed)
{
    GenerateSpec spec;
    spec.shape = std::move(shape);
    spec.seed = seed;
    return *generateTensor(spec);
}

// Round to the nearest float16 (ties to even), for magnitudes in float16's normal range.
double toFloat16(double v)
{
    const int e = std::ilogb(v);
    return std::ldexp(std::nearbyint(std::ldexp(v, 10 - e)), e - 10);
}

// Symmetric int4 in groups along the last axis with float16 scales, from the tutorial's rule
// alone: Scale = fp16(max|R| / 7), Q = Clip(Round(R / Scale), −7, 7), R′ = Q · Scale.
struct ReferenceError
{
    double sumE2 = 0;
    double sumX2 = 0;
};

ReferenceError int4SymmetricGroups(std::span<const float> values, std::size_t group)
{
    ReferenceError r;
    for (std::size_t start = 0; start < values.size(); start += group) {
        const auto block = values.subspan(start, std::min(group, values.size() - start));
        double amax = 0;
        for (const float x : block) {
            amax = std::max(amax, std::fabs(static_cast<double>(x)));
        }
        const double scale = toFloat16(amax / 7.0);
        for (const float x : block) {
            const double q = std::clamp(std::nearbyint(x / scale), -7.0, 7.0);
            const double e = static_cast<float>(static_cast<float>(q) * static_cast<float>(scale)) -
                             static_cast<double>(x);
            r.sumE2 += e * e;
            r.sumX2 += static_cast<double>(x) * x;
        }
    }
    return r;
}

ShootoutRow rowWith(const char* name, double bits, double sqnr)
{
    ShootoutRow row;
    row.name = name;
    row.bitsPerValue = bits;
    row.metrics.sqnrDb = sqnr;
    return row;
}

bool closeRelative(double a, double b, double tolerance)
{
    return std::fabs(a - b) <= tolerance * std::max(std::fabs(a), std::fabs(b));
}

} // namespace

class TestShootout : public QObject
{
    Q_OBJECT

private slots:
    void namesGiveTheirSpecs_data();
    void namesGiveTheirSpecs();
    void badNamesAreRefused_data();
    void badNamesAreRefused();
    void listsAreSplitAndChecked();
    void bitsClassesHoldTheIssuedRows();
    void rowsAgreeWithIndependentReferences();
    void rowsAreSortedAndTheParetoFrontMarked();
    void paretoFrontByHand();
    void perChannelRowsNeedTwoAxes();
    void progressAndCancel();
    void absErrorCurveFoldsBothHistograms();
};

void TestShootout::namesGiveTheirSpecs_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("format");
    QTest::addColumn<int>("bits");
    QTest::addColumn<int>("scheme");
    QTest::addColumn<int>("granularity");
    QTest::addColumn<int>("groupSize");
    QTest::addColumn<int>("blockSize");
    QTest::addColumn<int>("scaleStorage");
    const auto f = [](NumberFormat x) {
        return static_cast<int>(x);
    };
    const int sym = static_cast<int>(Scheme::Symmetric);
    const int asym = static_cast<int>(Scheme::Asymmetric);
    const int tensor = static_cast<int>(Granularity::Tensor);
    const int channel = static_cast<int>(Granularity::Channel);
    const int group = static_cast<int>(Granularity::Group);
    const int native = static_cast<int>(ScaleStorage::Native);
    const int fp16 = static_cast<int>(ScaleStorage::Float16);
    const int fp32 = static_cast<int>(ScaleStorage::Float32);
    QTest::newRow("int4") << "int4" << f(NumberFormat::Integer) << 4 << sym << tensor << 32 << 64
                          << native;
    QTest::newRow("int4-g64-asym-fp16") << "int4-g64-asym-fp16" << f(NumberFormat::Integer) << 4
                                        << asym << group << 64 << 64 << fp16;
    QTest::newRow("int8-channel-fp32") << "int8-channel-fp32" << f(NumberFormat::Integer) << 8
                                       << sym << channel << 32 << 64 << fp32;
    QTest::newRow("int16-g7") << "int16-g7" << f(NumberFormat::Integer) << 16 << sym << group << 7
                              << 64 << native;
    QTest::newRow("fp8-e4m3-channel") << "fp8-e4m3-channel" << f(NumberFormat::Fp8E4m3) << 8 << sym
                                      << channel << 32 << 64 << native;
    QTest::newRow("fp4-e2m1-g32") << "fp4-e2m1-g32" << f(NumberFormat::Fp4E2m1) << 8 << sym << group
                                  << 32 << 64 << native;
    // "mxfp8-e4m3" must not be read as something shorter that it starts with.
    QTest::newRow("mxfp8-e4m3") << "mxfp8-e4m3" << f(NumberFormat::Mxfp8E4m3) << 8 << sym << tensor
                                << 32 << 64 << native;
    QTest::newRow("nf4-b128") << "nf4-b128" << f(NumberFormat::Nf4) << 8 << sym << tensor << 32
                              << 128 << native;
    QTest::newRow("bnb-fp4-b4096")
        << "bnb-fp4-b4096" << f(NumberFormat::BnbFp4) << 8 << sym << tensor << 32 << 4096 << native;
    QTest::newRow("nvfp4") << "nvfp4" << f(NumberFormat::Nvfp4) << 8 << sym << tensor << 32 << 64
                           << native;
}

void TestShootout::namesGiveTheirSpecs()
{
    QFETCH(QString, name);
    QFETCH(int, format);
    QFETCH(int, bits);
    QFETCH(int, scheme);
    QFETCH(int, granularity);
    QFETCH(int, groupSize);
    QFETCH(int, blockSize);
    QFETCH(int, scaleStorage);
    const auto candidate = parseShootoutCandidate(name.toStdString());
    QVERIFY2(candidate, candidate ? "" : candidate.error().message.c_str());
    QCOMPARE(QString::fromStdString(candidate->name), name);
    const QuantSpec& s = candidate->spec;
    QCOMPARE(static_cast<int>(s.format.format), format);
    QCOMPARE(s.bits, bits);
    QCOMPARE(static_cast<int>(s.scheme), scheme);
    QCOMPARE(static_cast<int>(s.granularity), granularity);
    QCOMPARE(s.groupSize, groupSize);
    QCOMPARE(s.format.blockSize, blockSize);
    QCOMPARE(static_cast<int>(s.format.scaleStorage), scaleStorage);
    QCOMPARE(s.axis, 0);
    QCOMPARE(s.calibration.method, CalibrationMethod::MinMax);
}

void TestShootout::badNamesAreRefused_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("unknown base") << "fp5" << "not int<bits> or a format";
    QTest::newRow("the list of formats") << "fp5" << "nvfp4";
    QTest::newRow("int1") << "int1" << "2..16 bits";
    QTest::newRow("int17") << "int17" << "2..16 bits";
    QTest::newRow("int without bits") << "int" << "not int<bits>";
    QTest::newRow("unknown modifier") << "int4-g32-x" << "'x': unknown modifier";
    QTest::newRow("group of zero") << "int4-g0" << "at least one value";
    QTest::newRow("group not a number") << "int4-g3x" << "'g3x'";
    QTest::newRow("block too small") << "nf4-b16" << "32..4096";
    QTest::newRow("block too large") << "nf4-b8192" << "32..4096";
    QTest::newRow("block on int") << "int4-b64" << "only nf4 and bnb-fp4";
    QTest::newRow("MX groups") << "mxfp4-g32" << "blocks of its own";
    QTest::newRow("NVFP4 per channel") << "nvfp4-channel" << "blocks of its own";
    QTest::newRow("scheme on a minifloat") << "fp8-e4m3-asym" << "only the integer grid";
    QTest::newRow("fp16 on nf4") << "nf4-fp16" << "only the integer grid";
    QTest::newRow("trailing dash") << "int4-" << "''";
    QTest::newRow("name glued to a format") << "nf4x" << "not int<bits> or a format";
}

void TestShootout::badNamesAreRefused()
{
    QFETCH(QString, name);
    QFETCH(QString, mentions);
    const auto candidate = parseShootoutCandidate(name.toStdString());
    QVERIFY(!candidate);
    QCOMPARE(candidate.error().code, ErrorCode::InvalidArgument);
    const QString message = QString::fromStdString(candidate.error().message);
    QVERIFY2(message.contains(mentions), qPrintable(message));
    QVERIFY2(message.contains("'" + name + "'"), qPrintable(message));
}

void TestShootout::listsAreSplitAndChecked()
{
    const auto list = parseShootoutCandidates(" int4-g32 ,nf4,  mxfp4");
    QVERIFY(list);
    QCOMPARE(list->size(), 3u);
    QCOMPARE(list->at(0).name, std::string("int4-g32"));
    QCOMPARE(list->at(2).name, std::string("mxfp4"));
    QVERIFY(!parseShootoutCandidates("nf4,,mxfp4"));
    QVERIFY(!parseShootoutCandidates(""));
    const auto twice = parseShootoutCandidates("nf4, nf4");
    QVERIFY(!twice);
    QVERIFY(QString::fromStdString(twice.error().message).contains("twice"));
    QVERIFY(!parseShootoutCandidates("nf4,fp5"));
}

void TestShootout::bitsClassesHoldTheIssuedRows()
{
    const auto names = [](int bits) {
        QStringList out;
        const auto candidates = bitsClassCandidates(bits); // kept alive for the loop
        for (const ShootoutCandidate& c : *candidates) {
            out << QString::fromStdString(c.name);
        }
        return out;
    };
    QCOMPARE(names(4), (QStringList{"int4-channel-fp16", "int4-g32-sym-fp16", "int4-g32-asym-fp16",
                                    "int4-g64-sym-fp16", "int4-g64-asym-fp16", "int4-g128-sym-fp16",
                                    "int4-g128-asym-fp16", "nf4", "bnb-fp4", "fp4-e2m1-g32",
                                    "mxfp4", "nvfp4"}));
    QCOMPARE(names(8),
             (QStringList{"int8-tensor", "int8-channel", "fp8-e4m3-tensor", "fp8-e4m3-channel",
                          "fp8-e5m2-tensor", "fp8-e5m2-channel", "mxfp8-e4m3", "mxint8"}));
    QVERIFY(!bitsClassCandidates(6));
}

void TestShootout::rowsAgreeWithIndependentReferences()
{
    const std::vector<std::int64_t> shape{16, 256};
    const Tensor t = normalTensor(shape, 11);
    const auto candidates =
        *parseShootoutCandidates("int4-g32-sym-fp16, nf4, bnb-fp4, mxfp4, nvfp4, fp8-e4m3-channel");
    const auto shootout = runShootout(t.view(), candidates, computeStats(t.values));
    QVERIFY(shootout);
    QCOMPARE(shootout->rows.size(), candidates.size());
    for (const ShootoutRow& row : shootout->rows) {
        double sqnr = 0;
        double mse = 0;
        if (row.spec.isIntegerGrid()) {
            const ReferenceError r = int4SymmetricGroups(t.values, 32);
            mse = r.sumE2 / static_cast<double>(t.values.size());
            sqnr = 10.0 * std::log10(r.sumX2 / r.sumE2);
        } else {
            const test::NaiveFormatResult naive = test::naiveFormat(t.values, shape, row.spec);
            mse = naive.metrics.mse;
            sqnr = naive.metrics.sqnrDb;
            QCOMPARE(row.saturated, naive.metrics.clippedBelow + naive.metrics.clippedAbove);
        }
        QVERIFY2(closeRelative(row.metrics.mse, mse, 1e-5),
                 qPrintable(QString::fromStdString(row.name) +
                            QString(": %1 vs %2").arg(row.metrics.mse).arg(mse)));
        QVERIFY2(std::fabs(row.metrics.sqnrDb - sqnr) < 1e-4, row.name.c_str());
    }
    // Bits per value with the scales: MX 4 + 8/32, NVFP4 4 + 8/16 + 32/count, NF4 4 + 32/64,
    // int4 in groups of 32 with float16 scales 4 + 16/32.
    const auto bits = [&](const char* name) {
        for (const ShootoutRow& row : shootout->rows) {
            if (row.name == name) {
                return row.bitsPerValue;
            }
        }
        return -1.0;
    };
    QCOMPARE(bits("mxfp4"), 4.25);
    QCOMPARE(bits("nvfp4"), 4.5 + 32.0 / 4096.0);
    QCOMPARE(bits("nf4"), 4.5);
    QCOMPARE(bits("int4-g32-sym-fp16"), 4.5);
    QCOMPARE(bits("fp8-e4m3-channel"), 8.0 + 16.0 * 32.0 / 4096.0);
}

void TestShootout::rowsAreSortedAndTheParetoFrontMarked()
{
    const Tensor t = normalTensor({32, 128}, 5);
    const auto shootout =
        runShootout(t.view(), *bitsClassCandidates(4), computeStats(t.values), {1, {}});
    QVERIFY(shootout);
    QCOMPARE(shootout->rows.size(), 12u);
    for (std::size_t i = 1; i < shootout->rows.size(); ++i) {
        QVERIFY(shootout->rows[i - 1].metrics.sqnrDb >= shootout->rows[i].metrics.sqnrDb);
    }
    // The best row is always on the front; so is the row with the fewest bits.
    QVERIFY(shootout->rows.front().pareto);
    const auto fewest = std::min_element(
        shootout->rows.begin(), shootout->rows.end(),
        [](const ShootoutRow& a, const ShootoutRow& b) { return a.bitsPerValue < b.bitsPerValue; });
    QVERIFY(fewest->pareto);
    // The row equals analyzeTensor of its spec, the same function analyze runs.
    for (const ShootoutRow& row : shootout->rows) {
        AnalysisOptions options;
        options.threads = 1;
        const auto analysis = analyzeTensor(t.view(), row.spec, options);
        QVERIFY(analysis);
        QCOMPARE(row.metrics, analysis->metrics);
    }
}

void TestShootout::paretoFrontByHand()
{
    std::vector<ShootoutRow> rows{rowWith("a", 4.5, 20), rowWith("b", 4.25, 19),
                                  rowWith("c", 4.5, 18), rowWith("d", 5.0, 20),
                                  rowWith("e", 4.0, 16), rowWith("f", 4.25, 19)};
    markParetoFront(rows);
    // a: none better; b and f tie (neither dominates the other); c is beaten by a and b; d by a
    // (same SQNR, fewer bits); e has the fewest bits.
    QCOMPARE(rows[0].pareto, true);
    QCOMPARE(rows[1].pareto, true);
    QCOMPARE(rows[2].pareto, false);
    QCOMPARE(rows[3].pareto, false);
    QCOMPARE(rows[4].pareto, true);
    QCOMPARE(rows[5].pareto, true);
}

void TestShootout::perChannelRowsNeedTwoAxes()
{
    const Tensor t = normalTensor({4096}, 2);
    const auto shootout = runShootout(t.view(), *parseShootoutCandidates("int4-channel, nf4"),
                                      computeStats(t.values));
    QVERIFY(shootout);
    QCOMPARE(shootout->rows.size(), 1u);
    QCOMPARE(shootout->rows[0].name, std::string("nf4"));
    QCOMPARE(shootout->warnings.size(), 1u);
    QCOMPARE(shootout->warnings[0].code, WarningCode::RowLeftOut);
    QVERIFY(QString::fromStdString(shootout->warnings[0].message).contains("int4-channel"));
}

void TestShootout::progressAndCancel()
{
    const Tensor t = normalTensor({64, 256}, 3);
    const auto candidates = *parseShootoutCandidates("int4-g32, nf4, mxfp4");
    double last = 0;
    bool ordered = true;
    ShootoutOptions options;
    options.progress = [&](double fraction) {
        ordered = ordered && fraction >= last - 1e-12 && fraction <= 1.0 + 1e-12;
        last = fraction;
        return true;
    };
    QVERIFY(runShootout(t.view(), candidates, computeStats(t.values), options));
    QVERIFY(ordered);
    QVERIFY(last > 0.66);

    int calls = 0;
    options.progress = [&](double) {
        return ++calls < 3;
    };
    const auto cancelled = runShootout(t.view(), candidates, computeStats(t.values), options);
    QVERIFY(!cancelled);
    QCOMPARE(cancelled.error().code, ErrorCode::Cancelled);
}

void TestShootout::absErrorCurveFoldsBothHistograms()
{
    PassHistograms h;
    h.roundingError = makeHistogram(-1, 1, 4);
    h.roundingError.counts = {1, 2, 3, 4};
    h.clippingError = makeHistogram(-3, 3, 2);
    h.clippingError.counts = {0, 5};
    const std::vector<AbsErrorPoint> curve = absErrorCurve(h);
    QCOMPARE(curve.size(), 3u);
    QCOMPARE(curve[0].bound, 0.5); // the two inner rounding bins
    QCOMPARE(curve[0].share, 5.0 / 15.0);
    QCOMPARE(curve[1].bound, 1.0);
    QCOMPARE(curve[1].share, 10.0 / 15.0);
    QCOMPARE(curve[2].bound, 3.0);
    QCOMPARE(curve[2].share, 1.0);
    QVERIFY(absErrorCurve(PassHistograms{}).empty());
}

QTEST_GUILESS_MAIN(TestShootout)
#include "tst_shootout.moc"
