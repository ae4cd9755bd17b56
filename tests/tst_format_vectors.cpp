// The minifloat, MX, NVFP4 and bitsandbytes formats against FORMATS.md's own test vectors
// (through core's codec, analyzeTensor and the independent reference of support/naive_formats.h),
// the MX scale rules and the bits per value of every format.

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

class TestFormatVectors : public QObject
{
    Q_OBJECT

private slots:
    void fp8TableVectors_data();
    void fp8TableVectors();
    void e2m1Ties_data();
    void e2m1Ties();
    void mxKnownAnswers_data();
    void mxKnownAnswers();
    void mxint8Example_data();
    void mxint8Example();
    void mxScaleRules_data();
    void mxScaleRules();
    void nf4KnownAnswer();
    void bitsPerValue_data();
    void bitsPerValue();
};

void TestFormatVectors::fp8TableVectors_data()
{
    QTest::addColumn<float>("x");
    QTest::addColumn<int>("type"); // index into kCoreTypes: 0 E4M3, 1 E5M2
    QTest::addColumn<int>("overflow");
    QTest::addColumn<int>("expected");
    struct Row
    {
        const char* name;
        float x;
        std::array<int, 4> codes; // E4M3 sat, E4M3 no-sat, E5M2 sat, E5M2 no-sat
    };
    // FORMATS.md §1's table.
    const Row rows[] = {
        {"464 (a tie)", 464.0f, {0x7E, 0x7E, 0x5F, 0x5F}},
        {"464.00003", std::bit_cast<float>(0x43E80001u), {0x7E, 0x7F, 0x5F, 0x5F}},
        {"480", 480.0f, {0x7E, 0x7F, 0x60, 0x60}},
        {"61440", 61440.0f, {0x7E, 0x7F, 0x7B, 0x7C}},
        {"+inf", kInf, {0x7E, 0x7F, 0x7B, 0x7C}},
        {"-inf", -kInf, {0xFE, 0xFF, 0xFB, 0xFC}},
        {"-0", -0.0f, {0x80, 0x80, 0x80, 0x80}},
        {"2^-10 (tie)", 0x1p-10f, {0x00, 0x00, 0x14, 0x14}},
        {"1.5*2^-9 (tie)", 0x1.8p-9f, {0x02, 0x02, 0x1A, 0x1A}},
        {"2.5*2^-9 (tie)", 0x1.4p-8f, {0x02, 0x02, 0x1D, 0x1D}},
        {"0.1", std::bit_cast<float>(0x3DCCCCCDu), {0x1D, 0x1D, 0x2E, 0x2E}},
        {"-300", -300.0f, {0xF9, 0xF9, 0xDD, 0xDD}},
    };
    for (const Row& r : rows) {
        for (int column = 0; column < 4; ++column) {
            const int type = column / 2;
            const int overflow =
                column % 2 == 0 ? int(Overflow::Saturate) : int(Overflow::NonFinite);
            QTest::addRow("%s %s %s", r.name, kTypeNames[static_cast<std::size_t>(type)],
                          column % 2 == 0 ? "saturate" : "no-saturate")
                << r.x << type << overflow << r.codes[static_cast<std::size_t>(column)];
        }
    }
}

void TestFormatVectors::fp8TableVectors()
{
    QFETCH(float, x);
    QFETCH(int, type);
    QFETCH(int, overflow);
    QFETCH(int, expected);
    const auto t = static_cast<std::size_t>(type);
    const NaiveEncoded naive =
        naiveEncode(kNaiveTypes[t], x, ElementRounding::Even, Overflow(overflow));
    QCOMPARE(hex(naive.code), hex(expected));
    QCOMPARE(hex(coreEncode(kCoreTypes[t], Overflow(overflow), ElementRounding::Even, x)),
             hex(expected));

    // Through analyzeTensor: a plain cast (no scale) of [x, 1].
    QuantSpec spec = formatSpec(type == 0 ? NumberFormat::Fp8E4m3 : NumberFormat::Fp8E5m2);
    spec.format.noScale = true;
    spec.format.overflow = Overflow(overflow);
    const std::vector<float> values{x, 1.0f};
    const auto a = analyse(values, {2}, spec);
    QVERIFY(a);
    QCOMPARE(hex(a->codes[0]), hex(expected));
    const auto value = static_cast<float>(naiveDecode(kNaiveTypes[t], std::uint32_t(expected)));
    QVERIFY2(sameFloat(a->dequant[0], value), qPrintable(QString::number(a->dequant[0])));
    const std::string difference = analysisDifference(values, {2}, spec);
    QVERIFY2(difference.empty(), difference.c_str());
}

void TestFormatVectors::e2m1Ties_data()
{
    QTest::addColumn<float>("x");
    QTest::addColumn<int>("rounding");
    QTest::addColumn<int>("expected");
    // FORMATS.md: 0.25→0, 0.75→1, 1.25→1, 1.75→2, 2.5→2, 3.5→4, 5→4, above 5 → 6 (ties to even);
    // ties away from zero take the larger neighbour. Codes: 0 0.5 1 1.5 2 3 4 6 = 0..7.
    struct Row
    {
        float x;
        int even;
        int away;
    };
    const Row rows[] = {{0.25f, 0, 1}, {0.75f, 2, 2},  {1.25f, 2, 3}, {1.75f, 4, 4},
                        {2.5f, 4, 5},  {3.5f, 6, 6},   {5.0f, 6, 7},  {5.5f, 7, 7},
                        {7.0f, 7, 7},  {100.0f, 7, 7}, {0.2f, 0, 0},  {0.3f, 1, 1}};
    for (const Row& r : rows) {
        for (const float sign : {1.0f, -1.0f}) {
            const int signBit = sign < 0 ? 0x8 : 0;
            QTest::addRow("%g even", double(sign * r.x))
                << sign * r.x << int(ElementRounding::Even) << (r.even | signBit);
            QTest::addRow("%g away", double(sign * r.x))
                << sign * r.x << int(ElementRounding::Away) << (r.away | signBit);
        }
    }
}

void TestFormatVectors::e2m1Ties()
{
    QFETCH(float, x);
    QFETCH(int, rounding);
    QFETCH(int, expected);
    const auto r = ElementRounding(rounding);
    QCOMPARE(int(naiveEncode(kNaiveE2M1, x, r, Overflow::Saturate).code), expected);
    QCOMPARE(coreEncode(kE2M1, Overflow::Saturate, r, x), expected);
    QuantSpec spec = formatSpec(NumberFormat::Fp4E2m1);
    spec.format.noScale = true;
    spec.format.elementRounding = r;
    const std::vector<float> values{x, 1.0f};
    const auto a = analyse(values, {2}, spec);
    QVERIFY(a);
    QCOMPARE(a->codes[0], expected);
    const std::string difference = analysisDifference(values, {2}, spec);
    QVERIFY2(difference.empty(), difference.c_str());
}

void TestFormatVectors::mxKnownAnswers_data()
{
    QTest::addColumn<int>("rule");
    QTest::addColumn<int>("rounding");
    QTest::addColumn<int>("scaleCode");
    QTest::addColumn<QList<double>>("expected");
    QTest::addColumn<QList<int>>("codes");
    const double t = 0x1p-6;
    // FORMATS.md §2; the elements FORMATS.md leaves out (the rceil block's last four, and the
    // ties-away variant of rceil) worked by hand from the same rules.
    QTest::newRow("floor even") << int(MxScaleRule::Floor) << int(ElementRounding::Even) << 0x7F
                                << QList<double>{448, 448, 384, -448, -448, -448, t, -t}
                                << QList<int>{0x7E, 0x7E, 0x7C, 0xFE, 0xFE, 0xFE, 0x08, 0x88};
    QTest::newRow("floor away") << int(MxScaleRule::Floor) << int(ElementRounding::Away) << 0x7F
                                << QList<double>{448, 448, 416, -448, -448, -448, t, -t}
                                << QList<int>{0x7E, 0x7E, 0x7D, 0xFE, 0xFE, 0xFE, 0x08, 0x88};
    QTest::newRow("rceil even") << int(MxScaleRule::Rceil) << int(ElementRounding::Even) << 0x80
                                << QList<double>{480, 480, 384, -480, -480, -448, t, -t}
                                << QList<int>{0x77, 0x77, 0x74, 0xF7, 0xF7, 0xF6, 0x04, 0x84};
    QTest::newRow("rceil away") << int(MxScaleRule::Rceil) << int(ElementRounding::Away) << 0x80
                                << QList<double>{480, 480, 416, -480, -480, -448, t, -t}
                                << QList<int>{0x77, 0x77, 0x75, 0xF7, 0xF7, 0xF6, 0x04, 0x84};
}

void TestFormatVectors::mxKnownAnswers()
{
    QFETCH(int, rule);
    QFETCH(int, rounding);
    QFETCH(int, scaleCode);
    QFETCH(QList<double>, expected);
    QFETCH(QList<int>, codes);
    const std::vector<float> block{485, 475, 400, -485, -475, -450, 0x1p-6f, -0x1p-6f};
    QuantSpec spec = formatSpec(NumberFormat::Mxfp8E4m3);
    spec.format.mxScale = MxScaleRule(rule);
    spec.format.elementRounding = ElementRounding(rounding);
    const Shape shape{1, 8}; // one row: one block of 8 for the test
    const auto a = analyse(block, shape, spec);
    QVERIFY(a);
    QCOMPARE(a->analysis.params.size(), std::size_t{1});
    QCOMPARE(hex(a->analysis.params[0].scaleCode), hex(scaleCode));
    const NaiveFormatResult naive = naiveFormat(block, shape, spec);
    QCOMPARE(hex(naive.scaleCodes[0]), hex(scaleCode));
    for (std::size_t i = 0; i < block.size(); ++i) {
        const auto k = static_cast<qsizetype>(i);
        QCOMPARE(hex(a->codes[i]), hex(codes[k]));
        QCOMPARE(hex(naive.codes[i]), hex(codes[k]));
        QCOMPARE(a->dequant[i], float(expected[k]));
        QCOMPARE(naive.dequant[i], float(expected[k]));
    }
    const std::string difference = analysisDifference(block, shape, spec);
    QVERIFY2(difference.empty(), difference.c_str());
}

void TestFormatVectors::mxint8Example_data()
{
    QTest::addColumn<int>("rounding");
    QTest::addColumn<QList<double>>("block");
    QTest::addColumn<QList<int>>("bytes");
    // FORMATS.md §2 (ties away): c = 0x7F, codes 0x40, 0x81, 0x60, 0x01. No element is a tie, so
    // RNE agrees; the third row's ties (k = 1.5, 2.5, −0.5) are worked by hand.
    const QList<double> example{1.0, -1.99, 1.5, 0.01171875};
    QTest::newRow("example away") << int(ElementRounding::Away) << example
                                  << QList<int>{0x40, 0x81, 0x60, 0x01};
    QTest::newRow("example even") << int(ElementRounding::Even) << example
                                  << QList<int>{0x40, 0x81, 0x60, 0x01};
    const QList<double> ties{1.0, 1.5 / 64, 2.5 / 64, -0.5 / 64};
    QTest::newRow("ties even") << int(ElementRounding::Even) << ties
                               << QList<int>{0x40, 0x02, 0x02, 0x00};
    QTest::newRow("ties away") << int(ElementRounding::Away) << ties
                               << QList<int>{0x40, 0x02, 0x03, 0xFF};
}

void TestFormatVectors::mxint8Example()
{
    QFETCH(int, rounding);
    QFETCH(QList<double>, block);
    QFETCH(QList<int>, bytes);
    const std::vector<float> values(block.begin(), block.end());
    QuantSpec spec = formatSpec(NumberFormat::Mxint8);
    spec.format.elementRounding = ElementRounding(rounding);
    const Shape shape{1, static_cast<std::int64_t>(values.size())};
    const auto a = analyse(values, shape, spec);
    QVERIFY(a);
    QCOMPARE(hex(a->analysis.params[0].scaleCode), hex(0x7F));
    const NaiveFormatResult naive = naiveFormat(values, shape, spec);
    QCOMPARE(hex(naive.scaleCodes[0]), hex(0x7F));
    for (std::size_t i = 0; i < values.size(); ++i) {
        const int byte = bytes[static_cast<qsizetype>(i)];
        QCOMPARE(hex(mxint8Byte(a->codes[i])), hex(byte)); // core writes the signed k
        QCOMPARE(hex(mxint8Byte(naive.codes[i])), hex(byte));
        const auto k = static_cast<std::int8_t>(byte);
        QCOMPARE(a->dequant[i], static_cast<float>(k) / 64.0f); // X = 1: R' = k/64
    }
    const std::string difference = analysisDifference(values, shape, spec);
    QVERIFY2(difference.empty(), difference.c_str());
}

void TestFormatVectors::mxScaleRules_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<int>("rule");
    QTest::addColumn<float>("amax");
    QTest::addColumn<int>("expected");
    const auto add = [](const char* name, NumberFormat f, MxScaleRule r, float amax, int c) {
        QTest::newRow(name) << int(f) << int(r) << amax << c;
    };
    const float belowEight = std::bit_cast<float>(0x40FFFFFFu); // floorf(log2f(·)) says 3
    using enum NumberFormat;
    add("floor e4m3 485", Mxfp8E4m3, MxScaleRule::Floor, 485, 0x7F);
    add("floor e4m3 0x40FFFFFF", Mxfp8E4m3, MxScaleRule::Floor, belowEight, 2 - 8 + 127);
    add("floor e2m1 0x40FFFFFF", Mxfp4, MxScaleRule::Floor, belowEight, 0x7F);
    add("floor e2m1 8", Mxfp4, MxScaleRule::Floor, 8, 0x80);
    add("floor e5m2 1", Mxfp8E5m2, MxScaleRule::Floor, 1, 127 - 15);
    add("floor e3m2 zero block", Mxfp6E3m2, MxScaleRule::Floor, 0, 0x00);
    add("floor e2m3 subnormal", Mxfp6E2m3, MxScaleRule::Floor, 1e-40f, 0x00);
    add("floor e2m1 max", Mxfp4, MxScaleRule::Floor, FLT_MAX, 127 - 2 + 127);
    add("floor int8 max", Mxint8, MxScaleRule::Floor, FLT_MAX, 254);
    add("rceil e4m3 485", Mxfp8E4m3, MxScaleRule::Rceil, 485, 0x80);
    add("rceil e4m3 448", Mxfp8E4m3, MxScaleRule::Rceil, 448, 0x7F);
    add("rceil e2m1 6", Mxfp4, MxScaleRule::Rceil, 6, 0x7F);
    add("rceil e2m1 6.5", Mxfp4, MxScaleRule::Rceil, 6.5f, 0x80);
    add("rceil int8 127/64", Mxint8, MxScaleRule::Rceil, 127.0f / 64.0f, 0x7F);
    add("rceil zero block", Mxfp4, MxScaleRule::Rceil, 0, 0x00);
    // v = FLT_MAX·(64/127) has biased exponent 254 and a mantissa: 255 would be the NaN scale,
    // which no finite block may get (FORMATS.md §2: 0xFF marks a block holding NaN or Inf).
    add("rceil int8 max stays finite", Mxint8, MxScaleRule::Rceil, FLT_MAX, 254);
}

void TestFormatVectors::mxScaleRules()
{
    QFETCH(int, format);
    QFETCH(int, rule);
    QFETCH(float, amax);
    QFETCH(int, expected);
    QuantSpec spec = formatSpec(NumberFormat(format));
    spec.format.mxScale = MxScaleRule(rule);
    const std::vector<float> values{-amax, amax / 4};
    const Shape shape{1, 2};
    QCOMPARE(hex(naiveFormat(values, shape, spec).scaleCodes[0]), hex(expected));
    const auto a = analyse(values, shape, spec);
    QVERIFY(a);
    QCOMPARE(hex(a->analysis.params[0].scaleCode), hex(expected));
    // Elements only: the metrics of such extreme blocks are edgeMetricsMatchReference's.
    const std::string difference = analysisDifference(values, shape, spec, 1, Compared::Elements);
    QVERIFY2(difference.empty(), difference.c_str());
}

void TestFormatVectors::nf4KnownAnswer()
{
    // FORMATS.md §4: block 2 = [1.0, −1.0, 0.5, 0.03979015, −0.2, 0, …] packs to f0 c7 57.
    const float midpoint = naiveNf4Table()[8] / 2.0f; // between codes 7 (0.0) and 8: exact
    QCOMPARE(midpoint, 0.03979015f);
    std::vector<float> values(128, 0.0f);
    for (std::size_t i = 0; i < 64; ++i) { // block 1: a ramp over [−1, 1)
        values[i] = (static_cast<float>(i) - 32.0f) / 32.0f;
    }
    const std::array<float, 6> second{1.0f, -1.0f, 0.5f, midpoint, -0.2f, 0.0f};
    std::ranges::copy(second, values.begin() + 64);
    const QuantSpec spec = formatSpec(NumberFormat::Nf4);
    const auto a = analyse(values, {128}, spec);
    QVERIFY(a);
    const NaiveFormatResult naive = naiveFormat(values, {128}, spec);
    for (const auto* codes : {&a->codes, &naive.codes}) {
        std::array<int, 3> bytes{};
        for (std::size_t k = 0; k < bytes.size(); ++k) { // the first value in the high nibble
            bytes[k] = ((*codes)[64 + 2 * k] << 4) | (*codes)[64 + 2 * k + 1];
        }
        QCOMPARE(hex(bytes[0]), hex(0xf0));
        QCOMPARE(hex(bytes[1]), hex(0xc7));
        QCOMPARE(hex(bytes[2]), hex(0x57));
    }
    QCOMPARE(a->analysis.params[1].scale, 1.0);
    const std::string difference = analysisDifference(values, {128}, spec);
    QVERIFY2(difference.empty(), difference.c_str());
}

void TestFormatVectors::bitsPerValue_data()
{
    QTest::addColumn<QuantSpec>("spec");
    QTest::addColumn<double>("expected");
    QTest::addColumn<double>("tolerance");
    // FORMATS.md §6, on a 64 × 1024 tensor (65536 values).
    QTest::newRow("mxfp4") << formatSpec(NumberFormat::Mxfp4) << 4.25 << 0.0;
    QTest::newRow("mxfp8-e4m3") << formatSpec(NumberFormat::Mxfp8E4m3) << 8.25 << 0.0;
    QTest::newRow("mxfp6-e3m2") << formatSpec(NumberFormat::Mxfp6E3m2) << 6.25 << 0.0;
    QTest::newRow("mxint8") << formatSpec(NumberFormat::Mxint8) << 8.25 << 0.0;
    QTest::newRow("nvfp4") << formatSpec(NumberFormat::Nvfp4) << 4.5 << 1e-3;
    QTest::newRow("nf4 block 64") << formatSpec(NumberFormat::Nf4) << 4.5 << 0.0;
    QTest::newRow("fp8 per tensor") << formatSpec(NumberFormat::Fp8E4m3) << 8.0 << 1e-3;
    QuantSpec int4;
    int4.bits = 4;
    int4.granularity = Granularity::Group;
    int4.groupSize = 128;
    int4.format.scaleStorage = ScaleStorage::Float16;
    QTest::newRow("int4 g128 float16") << int4 << 4.125 << 0.0;
    int4.scheme = Scheme::Asymmetric;
    QTest::newRow("int4 g128 float16 asymmetric") << int4 << 4.25 << 0.0;
    QTest::newRow("int8 per tensor") << QuantSpec{} << 8.0 << 1e-2;
    QTest::newRow("llama-q8_0") << *schemePreset("llama-q8_0") << 8.5 << 0.0;
    QTest::newRow("llama-q4_0") << *schemePreset("llama-q4_0") << 4.5 << 0.0;
}

void TestFormatVectors::bitsPerValue()
{
    QFETCH(QuantSpec, spec);
    QFETCH(double, expected);
    QFETCH(double, tolerance);
    const TestTensor t = ordinaryTensor({64, 1024}, 3);
    const auto a = analyse(t.values, t.shape, spec);
    QVERIFY(a);
    const double bits = qs::bitsPerValue(spec, a->analysis.params.size(), t.values.size());
    QVERIFY2(std::fabs(bits - expected) <= tolerance,
             qPrintable(QStringLiteral("%1 vs %2").arg(bits, 0, 'g', 10).arg(expected)));
}

QTEST_GUILESS_MAIN(TestFormatVectors)
#include "tst_format_vectors.moc"
