// The formats against the independent reference (support/naive_formats.h): every code of every
// element type, the tie rule at every midpoint, and analyzeTensor and the fused pass on edge-case
// blocks, awkward sizes, thread counts and both ISAs.

#include "analysis/analyze.h"
#include "quant/format_params.h"
#include "quant/minifloat.h"
#include "quant/presets.h"
#include "support/format_checks.h"
#include "support/format_helpers.h"
#include "support/naive_formats.h"

#include <QtTest>

#include <array>
#include <bit>
#include <cfloat>
#include <cmath>
#include <limits>

using namespace qs;
using namespace qs::test;

class TestFormatReference : public QObject
{
    Q_OBJECT

private slots:
    void referenceDecodesLikeCore_data();
    void referenceDecodesLikeCore();
    void everyCodeRoundTrips_data();
    void everyCodeRoundTrips();
    void midpointsFollowTheTieRule_data();
    void midpointsFollowTheTieRule();
    void edgeBlocksMatchReference_data();
    void edgeBlocksMatchReference();
    void edgeMetricsMatchReference_data();
    void edgeMetricsMatchReference();
    void awkwardSizesMatchReference_data();
    void awkwardSizesMatchReference();
    void bothIsasMatchReference_data();
    void bothIsasMatchReference();
};

void TestFormatReference::referenceDecodesLikeCore_data()
{
    QTest::addColumn<int>("type");
    for (std::size_t t = 0; t < kCoreTypes.size(); ++t) {
        QTest::newRow(kTypeNames[t]) << int(t);
    }
}

void TestFormatReference::referenceDecodesLikeCore()
{
    QFETCH(int, type);
    const MinifloatType& core = kCoreTypes[static_cast<std::size_t>(type)];
    const NaiveMinifloat& naive = kNaiveTypes[static_cast<std::size_t>(type)];
    QCOMPARE(core.codeCount(), 1 << naive.bits());
    QCOMPARE(core.maxFinite(), static_cast<float>(naiveMaxFinite(naive)));
    QCOMPARE(core.maxExponent(), std::ilogb(naiveMaxFinite(naive)));
    for (std::uint32_t code = 0; code < std::uint32_t(core.codeCount()); ++code) {
        const float got = core.decode(code);
        const auto want = static_cast<float>(naiveDecode(naive, code));
        QVERIFY2(sameFloat(got, want),
                 qPrintable(QStringLiteral("%1: %2 vs %3").arg(hex(code)).arg(got).arg(want)));
        QCOMPARE(core.isNanCode(code), std::isnan(want));
    }
}

void TestFormatReference::everyCodeRoundTrips_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<int>("overflow");
    QTest::addColumn<int>("rounding");
    for (std::size_t t = 0; t < kCoreTypes.size(); ++t) {
        for (const Overflow o : {Overflow::Saturate, Overflow::NonFinite}) {
            for (const ElementRounding r : {ElementRounding::Even, ElementRounding::Away}) {
                QTest::addRow("%s %s %s", kTypeNames[t], overflowName(o).data(),
                              elementRoundingName(r).data())
                    << int(t) << int(o) << int(r);
            }
        }
    }
}

void TestFormatReference::everyCodeRoundTrips()
{
    QFETCH(int, type);
    QFETCH(int, overflow);
    QFETCH(int, rounding);
    const MinifloatType& core = kCoreTypes[static_cast<std::size_t>(type)];
    const NaiveMinifloat& naive = kNaiveTypes[static_cast<std::size_t>(type)];
    for (std::uint32_t code = 0; code < std::uint32_t(core.codeCount()); ++code) {
        const float value = core.decode(code);
        const auto got = static_cast<std::uint32_t>(
            coreEncode(core, Overflow(overflow), ElementRounding(rounding), value));
        const auto mine =
            naiveEncode(naive, value, ElementRounding(rounding), Overflow(overflow)).code;
        const QString what =
            QStringLiteral("%1 -> %2 -> %3").arg(hex(code)).arg(value).arg(hex(got));
        QCOMPARE(hex(got), hex(mine));
        if (std::isnan(value)) {
            QVERIFY2(core.isNanCode(got), qPrintable(what)); // a NaN code gives a NaN code
        } else if (std::isinf(value) && Overflow(overflow) == Overflow::Saturate) {
            QCOMPARE(hex(got), hex(core.maxFiniteCode() | (code & core.signBit())));
        } else {
            QVERIFY2(got == code, qPrintable(what)); // −0 codes included
        }
    }
}

void TestFormatReference::midpointsFollowTheTieRule_data()
{
    everyCodeRoundTrips_data();
}

void TestFormatReference::midpointsFollowTheTieRule()
{
    QFETCH(int, type);
    QFETCH(int, overflow);
    QFETCH(int, rounding);
    const MinifloatType& core = kCoreTypes[static_cast<std::size_t>(type)];
    const NaiveMinifloat& naive = kNaiveTypes[static_cast<std::size_t>(type)];
    const auto r = ElementRounding(rounding);
    const auto o = Overflow(overflow);
    const std::vector<double> grid = positiveGrid(naive);
    for (std::size_t k = 0; k + 1 < grid.size(); ++k) {
        const double exact = (grid[k] + grid[k + 1]) / 2;
        const auto m = static_cast<float>(exact);
        QCOMPARE(double(m), exact); // one bit more than the type: exact in float32
        // The reference's own tie rule: even code, or away from zero (the larger magnitude).
        const NaiveEncoded tie = naiveEncode(naive, m, r, o);
        const auto lower = static_cast<std::uint32_t>(k);
        const std::uint32_t upper = lower + 1;
        const std::uint32_t chosen = r == ElementRounding::Away || upper % 2 == 0 ? upper : lower;
        QVERIFY(tie.overflowed == (chosen > naive.maxFiniteCode()));
        if (!tie.overflowed) {
            QCOMPARE(hex(tie.code), hex(chosen));
        }
        for (const float x : {m, std::nextafter(m, 0.0f), std::nextafter(m, FLT_MAX)}) {
            for (const float v : {x, -x}) {
                const std::uint32_t want = naiveEncode(naive, v, r, o).code;
                QVERIFY2(std::uint32_t(coreEncode(core, o, r, v)) == want,
                         qPrintable(QStringLiteral("%1 (0x%2): core %3, reference %4")
                                        .arg(double(v), 0, 'g', 9)
                                        .arg(std::bit_cast<std::uint32_t>(v), 8, 16)
                                        .arg(hex(coreEncode(core, o, r, v)))
                                        .arg(hex(want))));
            }
        }
    }
}

void TestFormatReference::edgeBlocksMatchReference_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("variant");
    const std::vector<FormatCase> variants = formatVariants();
    for (const std::string_view kind : edgeKinds()) {
        const QString name = QString::fromLatin1(kind.data(), qsizetype(kind.size()));
        for (std::size_t v = 0; v < variants.size(); ++v) {
            QTest::addRow("%s, %s", qPrintable(name), variants[v].name.c_str()) << name << int(v);
        }
    }
}

void TestFormatReference::edgeBlocksMatchReference()
{
    QFETCH(QString, kind);
    QFETCH(int, variant);
    const QuantSpec spec = formatVariants()[static_cast<std::size_t>(variant)].spec;
    const TestTensor t = edgeTensor(kind.toStdString(), spec);
    const std::string difference =
        analysisDifference(t.values, t.shape, spec, 1, Compared::Elements);
    QVERIFY2(difference.empty(), difference.c_str());
}

void TestFormatReference::edgeMetricsMatchReference_data()
{
    edgeBlocksMatchReference_data();
}

// Apart from the codes, so that a metric's failure does not hide whether the codes agree.
void TestFormatReference::edgeMetricsMatchReference()
{
    QFETCH(QString, kind);
    QFETCH(int, variant);
    const QuantSpec spec = formatVariants()[static_cast<std::size_t>(variant)].spec;
    const TestTensor t = edgeTensor(kind.toStdString(), spec);
    const std::string difference =
        analysisDifference(t.values, t.shape, spec, 1, Compared::Metrics);
    QVERIFY2(difference.empty(), difference.c_str());
}

namespace {

std::vector<Shape> awkwardShapes()
{
    std::vector<Shape> shapes;
    for (const std::int64_t n : {1, 2, 5, 8, 9, 16, 17, 31, 33, 64, 100, 1000, 4097}) {
        shapes.push_back({n});
    }
    // Last axes that are no multiple of 16, 32 or 64; the last shape spans several chunks of the
    // pass (2^16 values), cut through blocks, so that threads share the work.
    for (const Shape& s : {Shape{2, 17}, Shape{3, 33}, Shape{5, 31}, Shape{7, 100}, Shape{3, 4097},
                           Shape{300, 1001}}) {
        shapes.push_back(s);
    }
    return shapes;
}

QString shapeName(const Shape& shape)
{
    return QString::fromStdString(shapeToString(shape));
}

} // namespace

void TestFormatReference::awkwardSizesMatchReference_data()
{
    QTest::addColumn<Shape>("shape");
    QTest::addColumn<int>("format");
    QTest::addColumn<int>("threads");
    const std::vector<FormatCase> formats = formatDefaults();
    for (const Shape& shape : awkwardShapes()) {
        for (std::size_t f = 0; f < formats.size(); ++f) {
            for (const int threads : {1, 2, 5}) {
                QTest::addRow("%s %s threads %d", qPrintable(shapeName(shape)),
                              formats[f].name.c_str(), threads)
                    << shape << int(f) << threads;
            }
        }
    }
}

void TestFormatReference::awkwardSizesMatchReference()
{
    QFETCH(Shape, shape);
    QFETCH(int, format);
    QFETCH(int, threads);
    const QuantSpec spec = formatDefaults()[static_cast<std::size_t>(format)].spec;
    const TestTensor t = ordinaryTensor(shape, static_cast<std::uint32_t>(shape.back() + format));
    const std::string difference =
        analysisDifference(t.values, t.shape, spec, static_cast<unsigned>(threads));
    QVERIFY2(difference.empty(), difference.c_str());
}

void TestFormatReference::bothIsasMatchReference_data()
{
    QTest::addColumn<Shape>("shape");
    QTest::addColumn<int>("format");
    QTest::addColumn<int>("isa");
    const std::vector<FormatCase> formats = formatDefaults();
    for (const Shape& shape : awkwardShapes()) {
        for (std::size_t f = 0; f < formats.size(); ++f) {
            for (const simd::Isa isa : {simd::Isa::Baseline, simd::Isa::Auto}) {
                QTest::addRow("%s %s %s", qPrintable(shapeName(shape)), formats[f].name.c_str(),
                              isa == simd::Isa::Baseline ? "baseline" : "auto")
                    << shape << int(f) << int(isa);
            }
        }
    }
}

void TestFormatReference::bothIsasMatchReference()
{
    QFETCH(Shape, shape);
    QFETCH(int, format);
    QFETCH(int, isa);
    const QuantSpec spec = formatDefaults()[static_cast<std::size_t>(format)].spec;
    const TestTensor t = ordinaryTensor(shape, static_cast<std::uint32_t>(shape.front() + format));
    const unsigned threads = t.values.size() > 100000 ? 3 : 1;
    const std::string difference = passDifference(t.values, t.shape, spec, simd::Isa(isa), threads);
    QVERIFY2(difference.empty(), difference.c_str());
}

QTEST_GUILESS_MAIN(TestFormatReference)
#include "tst_format_reference.moc"
