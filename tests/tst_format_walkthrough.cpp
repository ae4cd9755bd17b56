// The walkthrough of the formats beyond the integer grid, against the worked numbers of
// FORMATS.md: a minifloat code's fields and value, MX's amax → floor(log2 amax) → shared
// exponent → X → V/X → element, NVFP4's two scales, NF4's absmax → xn → code → value.

#include "analysis/analyze.h"
#include "analysis/walkthrough.h"
#include "quant/codebook.h"
#include "quant/minifloat.h"

#include <QtTest>

#include <cmath>
#include <vector>

using namespace qs;

namespace {

QuantSpec formatSpec(NumberFormat format)
{
    QuantSpec spec;
    spec.format.format = format;
    return spec;
}

Analysis analyse(const std::vector<float>& values, const QuantSpec& spec)
{
    const Shape shape{static_cast<std::int64_t>(values.size())};
    auto analysis = analyzeTensor({values, shape}, spec);
    if (!analysis) {
        qFatal("analyzeTensor: %s", analysis.error().message.c_str());
    }
    return std::move(*analysis);
}

std::vector<WalkthroughRow> rowsOf(const std::vector<float>& values, const Analysis& a)
{
    return walkthrough(values, a.params.front(), a.spec.rounding, 0, 0, values.size());
}

} // namespace

class TestFormatWalkthrough : public QObject
{
    Q_OBJECT

private slots:
    void minifloatCastShowsTheFields_data();
    void minifloatCastShowsTheFields();
    void minifloatScaleIsAmaxOverMax();
    void mxFloorRule();
    void mxTiesAwayAndRceil();
    void mxint8();
    void nvfp4HasBothScales();
    void nf4AbsmaxToCode();
    void integerGridIsUnchanged();
};

void TestFormatWalkthrough::minifloatCastShowsTheFields_data()
{
    QTest::addColumn<float>("x");
    QTest::addColumn<int>("code");
    QTest::addColumn<int>("sign");
    QTest::addColumn<int>("exponent");
    QTest::addColumn<int>("mantissa");
    QTest::addColumn<float>("value");
    // FORMATS.md §1's E4M3 column.
    QTest::newRow("0.1") << 0.1f << 0x1D << 0 << 3 << 5 << 0.1015625f;
    QTest::newRow("-300") << -300.0f << 0xF9 << 1 << 15 << 1 << -288.0f;
    QTest::newRow("464 saturates") << 464.0f << 0x7E << 0 << 15 << 6 << 448.0f;
    QTest::newRow("2^-10 tie to zero") << std::ldexp(1.0f, -10) << 0x00 << 0 << 0 << 0 << 0.0f;
    QTest::newRow("1.5*2^-9 subnormal tie")
        << 1.5f * std::ldexp(1.0f, -9) << 0x02 << 0 << 0 << 2 << std::ldexp(1.0f, -8);
    QTest::newRow("-0") << -0.0f << 0x80 << 1 << 0 << 0 << -0.0f;
}

void TestFormatWalkthrough::minifloatCastShowsTheFields()
{
    QFETCH(float, x);
    QFETCH(int, code);
    QFETCH(int, sign);
    QFETCH(int, exponent);
    QFETCH(int, mantissa);
    QFETCH(float, value);
    QuantSpec spec = formatSpec(NumberFormat::Fp8E4m3);
    spec.format.noScale = true; // a plain cast: v = R
    const std::vector<float> values{x, 1.0f};
    const Analysis a = analyse(values, spec);
    const WalkthroughRow row = rowsOf(values, a).front();
    QCOMPARE(row.scaled, x);
    QCOMPARE(row.code, code);
    QCOMPARE(row.fields, (MinifloatFields{sign, exponent, mantissa}));
    QCOMPARE(row.element, value);
    QCOMPARE(std::signbit(row.element), std::signbit(value));
    QCOMPARE(row.dequantized, value);
    QCOMPARE(row.error, value - x);
    const BlockScaleSteps steps = blockScaleSteps(a.spec.format, a.params.front());
    QCOMPARE(steps.family, FormatFamily::Minifloat);
    QCOMPARE(steps.blockScale, 1.0);
}

void TestFormatWalkthrough::minifloatScaleIsAmaxOverMax()
{
    const std::vector<float> values{-2.24f, 1.0f, 0.1f};
    const Analysis a = analyse(values, formatSpec(NumberFormat::Fp8E4m3));
    const BlockScaleSteps steps = blockScaleSteps(a.spec.format, a.params.front());
    const float s = 2.24f / 448.0f;
    QCOMPARE(steps.amax, double(2.24f));
    QCOMPARE(steps.unrounded, double(s));
    QCOMPARE(steps.blockScale, double(s));
    const auto rows = rowsOf(values, a);
    QCOMPARE(rows[0].scaled, -2.24f / s);
    QCOMPARE(rows[0].code, 0xFE); // −448: the amax lands on the largest code
    QCOMPARE(rows[0].element, -448.0f);
    QCOMPARE(rows[0].dequantized, -448.0f * s);
}

// FORMATS.md §2: [485, 475, 400, −485, −475, −450, 2^−6, −2^−6] as MXFP8-E4M3 gets c = 0x7F and
// elements [448, 448, 384, −448, −448, −448, 2^−6, −2^−6] with RNE.
void TestFormatWalkthrough::mxFloorRule()
{
    const float tiny = std::ldexp(1.0f, -6);
    const std::vector<float> values{485, 475, 400, -485, -475, -450, tiny, -tiny};
    const Analysis a = analyse(values, formatSpec(NumberFormat::Mxfp8E4m3));
    QCOMPARE(a.params.size(), std::size_t(1));
    const BlockScaleSteps steps = blockScaleSteps(a.spec.format, a.params.front());
    QCOMPARE(steps.family, FormatFamily::Mx);
    QCOMPARE(steps.amax, 485.0);
    QCOMPARE(steps.amaxExponent, 8); // floor(log2 485)
    QCOMPARE(steps.elementMaxExponent, 8);
    QCOMPARE(steps.sharedExponent, 0); // 8 − emax 8
    QCOMPARE(steps.scaleCode, 0x7F);
    QCOMPARE(steps.blockScale, 1.0); // X = 2^0
    const std::vector<float> elements{448, 448, 384, -448, -448, -448, tiny, -tiny};
    const auto rows = rowsOf(values, a);
    for (std::size_t i = 0; i < values.size(); ++i) {
        QCOMPARE(rows[i].ratio, values[i]); // V/X with X = 1
        QCOMPARE(rows[i].element, elements[i]);
        QCOMPARE(rows[i].dequantized, elements[i]);
    }
    QCOMPARE(rows[2].fields, (MinifloatFields{0, 15, 4})); // 384 = 1.5 · 2^8
}

void TestFormatWalkthrough::mxTiesAwayAndRceil()
{
    const std::vector<float> values{485, 475, 400, -485};
    QuantSpec away = formatSpec(NumberFormat::Mxfp8E4m3);
    away.format.elementRounding = ElementRounding::Away;
    const Analysis a = analyse(values, away);
    QCOMPARE(rowsOf(values, a)[2].element, 416.0f); // the tie 400 goes away from zero

    QuantSpec rceil = formatSpec(NumberFormat::Mxfp8E4m3);
    rceil.format.mxScale = MxScaleRule::Rceil;
    const Analysis r = analyse(values, rceil);
    const BlockScaleSteps steps = blockScaleSteps(r.spec.format, r.params.front());
    QCOMPARE(steps.scaleCode, 0x80);
    QCOMPARE(steps.sharedExponent, 1);
    QCOMPARE(steps.blockScale, 2.0);
    QCOMPARE(steps.amaxExponent, 8); // still floor(log2 amax); rceil rounds amax/max up instead
    const auto rows = rowsOf(values, r);
    const std::vector<float> want{480, 480, 384, -480};
    for (std::size_t i = 0; i < values.size(); ++i) {
        QCOMPARE(rows[i].ratio, values[i] / 2);
        QCOMPARE(rows[i].dequantized, want[i]);
    }
}

// FORMATS.md §2 (ties away): [1.0, −1.99, 1.5, 0.01171875] → c = 0x7F, codes 0x40, 0x81, 0x60, 0x01.
void TestFormatWalkthrough::mxint8()
{
    QuantSpec spec = formatSpec(NumberFormat::Mxint8);
    spec.format.elementRounding = ElementRounding::Away;
    const std::vector<float> values{1.0f, -1.99f, 1.5f, 0.01171875f};
    const Analysis a = analyse(values, spec);
    const BlockScaleSteps steps = blockScaleSteps(a.spec.format, a.params.front());
    QCOMPARE(steps.scaleCode, 0x7F);
    QCOMPARE(steps.amaxExponent, 0);
    QCOMPARE(steps.elementMaxExponent, 0);
    QCOMPARE(steps.blockScale, 1.0);
    const auto rows = rowsOf(values, a);
    const std::vector<int> bytes{0x40, 0x81, 0x60, 0x01};
    for (std::size_t i = 0; i < values.size(); ++i) {
        QCOMPARE(rows[i].ratio, values[i]);
        QCOMPARE(rows[i].code & 0xFF, bytes[i]);
        QCOMPARE(rows[i].element, float(rows[i].code) / 64);
    }
    QCOMPARE(rows[1].code, -127);
}

void TestFormatWalkthrough::nvfp4HasBothScales()
{
    // Two blocks of 16: the first reaches the tensor's amax 6, the second only 1.5.
    std::vector<float> values(32, 0.0f);
    values[0] = 6;
    values[1] = 3;
    values[2] = -1.5f;
    values[16] = 1.5f;
    values[17] = -0.75f;
    const Analysis a = analyse(values, formatSpec(NumberFormat::Nvfp4));
    QCOMPARE(a.params.size(), std::size_t(2));
    const BlockScaleSteps first =
        blockScaleSteps(a.spec.format, a.params[0], a.tensorAmax, a.tensorScale);
    QCOMPARE(first.family, FormatFamily::Nvfp4);
    QCOMPARE(first.tensorAmax, 6.0);
    QCOMPARE(first.tensorEncode, 448.0); // S_enc = 448·6 / 6
    QCOMPARE(first.tensorScale, double(1.0f / 448.0f));
    QCOMPARE(first.amax, 6.0);
    QVERIFY(std::fabs(first.unrounded - 448.0) < 1e-3); // vmax · S_enc / 6, in float32
    QCOMPARE(first.scaleCode, 0x7E);
    QCOMPARE(first.blockScale, 448.0);
    const BlockScaleSteps second =
        blockScaleSteps(a.spec.format, a.params[1], a.tensorAmax, a.tensorScale);
    QVERIFY(std::fabs(second.unrounded - 112.0) < 1e-3); // 1.5 · 448 / 6
    QCOMPARE(double(kE4M3.decode(std::uint32_t(second.scaleCode))), 112.0);
    QCOMPARE(second.blockScale, 112.0);
    const auto rows = walkthrough(values, a.params[1], a.spec.rounding, 0, 16, 2);
    QCOMPARE(rows[0].element, 6.0f); // 1.5 is the block's top: E2M1's 6
    QCOMPARE(rows[1].element, -3.0f);
    QVERIFY(std::fabs(rows[0].dequantized - 1.5f) < 1e-6f);
    QVERIFY(std::fabs(rows[1].dequantized + 0.75f) < 1e-6f);
    QCOMPARE(rows[1].fields, (MinifloatFields{1, 2, 1})); // −3 = −1.5 · 2^1
}

// FORMATS.md §4: [1.0, −1.0, 0.5, the midpoint of codes 7 and 8, −0.2, 0, …] packs to f0 c7 57.
void TestFormatWalkthrough::nf4AbsmaxToCode()
{
    const Codebook& nf4 = nf4Codebook();
    std::vector<float> values(64, 0.0f);
    const std::vector<float> head{1.0f, -1.0f, 0.5f, nf4.midpoints[7], -0.2f, 0.0f};
    std::copy(head.begin(), head.end(), values.begin());
    const Analysis a = analyse(values, formatSpec(NumberFormat::Nf4));
    const BlockScaleSteps steps = blockScaleSteps(a.spec.format, a.params.front());
    QCOMPARE(steps.family, FormatFamily::Bitsandbytes);
    QCOMPARE(steps.amax, 1.0);
    QCOMPARE(steps.blockScale, 1.0);
    const auto rows = walkthrough(values, a.params.front(), a.spec.rounding, 0, 0, head.size());
    const std::vector<int> codes{15, 0, 12, 7, 5, 7};
    for (std::size_t i = 0; i < head.size(); ++i) {
        QCOMPARE(rows[i].scaled, head[i]); // xn = x · (1/1)
        QCOMPARE(rows[i].code, codes[i]);
        QCOMPARE(rows[i].element, nf4.decode(codes[i]));
        QCOMPARE(rows[i].dequantized, nf4.decode(codes[i]));
    }
}

void TestFormatWalkthrough::integerGridIsUnchanged()
{
    // The tutorial's general process: quant_result 143 is clipped to 127.
    const std::vector<float> values{0.21535037f, 1.2962357f, -1.0161772f};
    QuantSpec spec;
    spec.scheme = Scheme::General;
    const Analysis a = analyse(values, spec);
    const auto rows = rowsOf(values, a);
    QCOMPARE(rows[1].rounded, 143.0f);
    QCOMPARE(rows[1].code, 127);
    QCOMPARE(rows[1].element, 127.0f);
    QCOMPARE(rows[1].ratio, rows[1].scaled);
    QCOMPARE(blockScaleSteps(a.spec.format, a.params.front()).family, FormatFamily::Integer);
}

QTEST_GUILESS_MAIN(TestFormatWalkthrough)
#include "tst_format_walkthrough.moc"
