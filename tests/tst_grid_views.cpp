// The grid as the plots lay it out: every code of a minifloat or codebook in value order with its
// specials placed, and the band of inputs that underflow to R′ = 0.

#include "analysis/code_slots.h"
#include "analysis/underflow_range.h"
#include "quant/choose_params.h"
#include "quant/codebook.h"
#include "quant/format_params.h"

#include <QtTest>

#include <algorithm>
#include <cmath>

using namespace qs;

namespace {

ElementType elementOf(NumberFormat format)
{
    FormatSpec spec;
    spec.format = format;
    return elementTypeOf(spec);
}

// One block's parameters of a minifloat or codebook format, with scale 1.
QuantParams unitParams(NumberFormat format)
{
    QuantParams p;
    p.element = elementOf(format);
    p.qmin = 0;
    p.qmax = p.element.codeCount() - 1;
    p.scale = 1;
    if (p.element.kind == ElementKind::Codebook) {
        p.step = QuantizeStep::MultiplyRoundAddZero;
        p.inverseScale = 1;
        p.zeroPoint = p.element.codebook->zeroCode();
    }
    return p;
}

} // namespace

class TestGridViews : public QObject
{
    Q_OBJECT

private slots:
    void e4m3SlotsInValueOrder();
    void e5m2PutsInfinitiesAtTheEnds();
    void codebooksSlots();
    void integerGridHasNoSlots();
    void underflowOfAMinifloat();
    void underflowOfNf4IsBetweenItsMidpoints();
    void underflowOfTheIntegerGridIsTheZeroCode();
    void underflowOfQ4_0sReversedGrid();
};

void TestGridViews::e4m3SlotsInValueOrder()
{
    const auto order = codeSlots(elementOf(NumberFormat::Fp8E4m3));
    QCOMPARE(order.size(), std::size_t(256));
    QCOMPARE(order.front().code, 0xFE); // −448
    QCOMPARE(order.front().value, -448.0f);
    QCOMPARE(order[253].code, 0x7E); // 448, then the two NaN codes
    QCOMPARE(order[254].kind, CodeKind::Nan);
    QCOMPARE(order[254].code, 0x7F);
    QCOMPARE(order[255].code, 0xFF);
    const auto zero =
        std::find_if(order.begin(), order.end(), [](const CodeSlot& s) { return s.code == 0x00; });
    QCOMPARE(std::prev(zero)->code, 0x80); // negative zero just before +0
    QCOMPARE(std::prev(zero)->kind, CodeKind::NegativeZero);
    QVERIFY(std::is_sorted(order.begin(), order.begin() + 254,
                           [](const CodeSlot& a, const CodeSlot& b) { return a.value < b.value; }));
}

void TestGridViews::e5m2PutsInfinitiesAtTheEnds()
{
    const auto order = codeSlots(elementOf(NumberFormat::Fp8E5m2));
    QCOMPARE(order.size(), std::size_t(256));
    QCOMPARE(order.front().kind, CodeKind::NegativeInfinity);
    QCOMPARE(order.front().code, 0xFC);
    QCOMPARE(order[1].value, -57344.0f);
    const auto inf = std::find_if(order.begin(), order.end(), [](const CodeSlot& s) {
        return s.kind == CodeKind::PositiveInfinity;
    });
    QCOMPARE(inf->code, 0x7C);
    QCOMPARE(std::prev(inf)->value, 57344.0f);
    QCOMPARE(std::count_if(order.begin(), order.end(),
                           [](const CodeSlot& s) { return s.kind == CodeKind::Nan; }),
             6);
    QCOMPARE(order.back().kind, CodeKind::Nan);
}

void TestGridViews::codebooksSlots()
{
    const auto nf4 = codeSlots(elementOf(NumberFormat::Nf4));
    QCOMPARE(nf4.size(), std::size_t(16));
    for (int i = 0; i < 16; ++i) {
        QCOMPARE(nf4[std::size_t(i)].code, i); // NF4's codes are in value order already
        QCOMPARE(nf4[std::size_t(i)].value, nf4Codebook().levels[std::size_t(i)]);
    }
    const auto fp4 = codeSlots(elementOf(NumberFormat::BnbFp4));
    QCOMPARE(fp4.size(), std::size_t(16));
    QCOMPARE(fp4.front().value, -1.0f);
    QCOMPARE(fp4.back().value, 1.0f);
    const auto zero =
        std::find_if(fp4.begin(), fp4.end(), [](const CodeSlot& s) { return s.code == 0; });
    QCOMPARE(std::prev(zero)->code, 8);
    QCOMPARE(std::prev(zero)->kind, CodeKind::NegativeZero);
}

void TestGridViews::integerGridHasNoSlots()
{
    QVERIFY(codeSlots(ElementType{}).empty());
}

void TestGridViews::underflowOfAMinifloat()
{
    // E4M3's smallest subnormal is 2^−9; the tie 2^−10 goes to the even code, zero.
    const RealInterval band = underflowRange(unitParams(NumberFormat::Fp8E4m3), Rounding::HalfEven);
    QCOMPARE(band.hi, double(std::ldexp(1.0f, -10)));
    QCOMPARE(band.lo, -double(std::ldexp(1.0f, -10)));
}

void TestGridViews::underflowOfNf4IsBetweenItsMidpoints()
{
    // An exact midpoint goes to the lower code: up to the midpoint of codes 7 and 8 is 0, the
    // midpoint of 6 and 7 is code 6.
    const Codebook& nf4 = nf4Codebook();
    const RealInterval band = underflowRange(unitParams(NumberFormat::Nf4), Rounding::HalfEven);
    QCOMPARE(band.hi, double(nf4.midpoints[7]));
    QCOMPARE(band.lo, double(std::nextafter(nf4.midpoints[6], 1.0f)));
}

void TestGridViews::underflowOfTheIntegerGridIsTheZeroCode()
{
    QuantSpec spec; // symmetric, −127..127: Scale 1 on [−127, 127]
    const QuantParams p = chooseParams({-127, 127}, spec)->params;
    const RealInterval band = underflowRange(p, Rounding::HalfEven);
    QCOMPARE(band.lo, -0.5);
    QCOMPARE(band.hi, 0.5); // ties to even: ±0.5 round to 0
    const RealInterval floor = underflowRange(p, Rounding::Floor);
    QCOMPARE(floor.lo, 0.0);
    QCOMPARE(floor.hi, double(std::nextafter(1.0f, 0.0f)));
}

void TestGridViews::underflowOfQ4_0sReversedGrid()
{
    // llama.cpp's Q4_0 on a block whose largest magnitude is positive: d = m/−8 < 0.
    QuantSpec spec;
    spec.bits = 4;
    spec.isSigned = false;
    spec.narrowRange = false;
    spec.rounding = Rounding::Floor;
    spec.convention = Convention::LlamaQ4_0;
    const QuantParams p = chooseParams({-1, 8}, spec, 8.0f)->params;
    QVERIFY(p.scale < 0);
    const RealInterval band = underflowRange(p, Rounding::Floor);
    QVERIFY(band.lo < 0 && band.hi > 0);
    QVERIFY(band.hi - band.lo <= 1.0 + 1e-6); // one step of |d| = 1
}

QTEST_GUILESS_MAIN(TestGridViews)
#include "tst_grid_views.moc"
