// QuantParams for each scheme and option, the degenerate ranges, and invalid specs.

#include "quant/choose_params.h"

#include <QtTest>

#include <cmath>
#include <limits>

using namespace qs;

Q_DECLARE_METATYPE(qs::QuantSpec)
Q_DECLARE_METATYPE(qs::RealRange)

namespace {

QuantSpec make(Scheme scheme, int bits = 8, bool isSigned = true)
{
    QuantSpec spec;
    spec.scheme = scheme;
    spec.bits = bits;
    spec.isSigned = isSigned;
    return spec;
}

bool hasWarning(const ParamsChoice& choice, WarningCode code)
{
    return std::ranges::any_of(choice.warnings, [&](const Warning& w) { return w.code == code; });
}

} // namespace

class TestChooseParams : public QObject
{
    Q_OBJECT

private slots:
    void integerRanges_data();
    void integerRanges();
    void schemes_data();
    void schemes();
    void degenerateRangesGetAFiniteScale_data();
    void degenerateRangesGetAFiniteScale();
    void zeroPointOutsideTheCodesIsReported();
    void invalidSpecs();
};

void TestChooseParams::integerRanges_data()
{
    QTest::addColumn<int>("bits");
    QTest::addColumn<bool>("isSigned");
    QTest::addColumn<bool>("narrow");
    QTest::addColumn<int>("qmin");
    QTest::addColumn<int>("qmax");
    QTest::newRow("int8") << 8 << true << false << -128 << 127;
    QTest::newRow("int8 narrow") << 8 << true << true << -127 << 127;
    QTest::newRow("uint8") << 8 << false << false << 0 << 255;
    QTest::newRow("uint8 narrow") << 8 << false << true << 1 << 255;
    QTest::newRow("int2") << 2 << true << false << -2 << 1;
    QTest::newRow("int4 narrow") << 4 << true << true << -7 << 7;
    QTest::newRow("int16") << 16 << true << false << -32768 << 32767;
    QTest::newRow("uint16") << 16 << false << false << 0 << 65535;
}

void TestChooseParams::integerRanges()
{
    QFETCH(int, bits);
    QFETCH(bool, isSigned);
    QFETCH(bool, narrow);
    QFETCH(int, qmin);
    QFETCH(int, qmax);
    QCOMPARE(integerRange(bits, isSigned, narrow), (IntegerRange{qmin, qmax}));
}

void TestChooseParams::schemes_data()
{
    QTest::addColumn<QuantSpec>("spec");
    QTest::addColumn<RealRange>("range");
    QTest::addColumn<double>("scale");
    QTest::addColumn<int>("zeroPoint");
    QTest::addColumn<int>("qmin");
    QTest::addColumn<int>("qmax");
    const RealRange tutorial{-1.0161771774291992, 1.2962356805801392};
    // The tutorial's printed numbers (float32 Rmax − Rmin, then / 255 in double).
    QTest::newRow("general (tutorial)")
        << make(Scheme::General) << tutorial << 0.00906828525019627 << 0 << -128 << 127;
    QTest::newRow("symmetric (tutorial)")
        << make(Scheme::Symmetric) << tutorial << 0.01020658016204834 << 0 << -127 << 127;
    QTest::newRow("asymmetric (tutorial)")
        << make(Scheme::Asymmetric) << tutorial << 0.00906828525019627 << -16 << -128 << 127;
    QuantSpec minAnchor = make(Scheme::Asymmetric);
    minAnchor.zeroPointAnchor = ZeroPointAnchor::Min;
    // Z = Qmin − round(Rmin/Scale) = −128 − round(−112.06) = −16 here too.
    QTest::newRow("asymmetric, anchor min")
        << minAnchor << tutorial << 0.00906828525019627 << -16 << -128 << 127;
    QTest::newRow("asymmetric uint8 on [0, 2.55]")
        << make(Scheme::Asymmetric, 8, false) << RealRange{0, 2.55} << double(2.55f) / 255 << 0 << 0
        << 255;
    QTest::newRow("symmetric uint8: Z at 128")
        << make(Scheme::Symmetric, 8, false) << RealRange{-1, 2} << 2.0 / 127 << 128 << 1 << 255;
    QTest::newRow("symmetric int4")
        << make(Scheme::Symmetric, 4) << RealRange{-3.5, 1} << 0.5 << 0 << -7 << 7;
    QuantSpec full = make(Scheme::Symmetric);
    full.narrowRange = false;
    QTest::newRow("symmetric full range")
        << full << RealRange{-1, 1.27} << double(1.27f) / 127 << 0 << -128 << 127;
    QTest::newRow("general int16")
        << make(Scheme::General, 16) << RealRange{-1, 1} << 2.0 / 65535 << 0 << -32768 << 32767;
}

void TestChooseParams::schemes()
{
    QFETCH(QuantSpec, spec);
    QFETCH(RealRange, range);
    QFETCH(double, scale);
    QFETCH(int, zeroPoint);
    QFETCH(int, qmin);
    QFETCH(int, qmax);
    const auto choice = chooseParams(range, spec);
    QVERIFY(choice);
    QCOMPARE(choice->params.scale, scale);
    QCOMPARE(choice->params.zeroPoint, zeroPoint);
    QCOMPARE(choice->params.qmin, qmin);
    QCOMPARE(choice->params.qmax, qmax);
    QVERIFY(!hasWarning(*choice, WarningCode::ScaleFloored));
}

void TestChooseParams::degenerateRangesGetAFiniteScale_data()
{
    QTest::addColumn<QuantSpec>("spec");
    QTest::addColumn<RealRange>("range");
    for (const Scheme scheme : {Scheme::General, Scheme::Symmetric, Scheme::Asymmetric}) {
        const QString name = QString::fromUtf8(schemeName(scheme).data());
        QTest::newRow(qPrintable(name + ", all zero")) << make(scheme) << RealRange{0, 0};
        QTest::newRow(qPrintable(name + ", subnormal range"))
            << make(scheme) << RealRange{0, 1e-40};
        if (scheme !=
            Scheme::Symmetric) { // max|R| of a non-zero constant is a fine symmetric range
            QTest::newRow(qPrintable(name + ", constant 5")) << make(scheme) << RealRange{5, 5};
            QTest::newRow(qPrintable(name + ", constant -3, 4-bit"))
                << make(scheme, 4) << RealRange{-3, -3};
        }
    }
}

void TestChooseParams::degenerateRangesGetAFiniteScale()
{
    QFETCH(QuantSpec, spec);
    QFETCH(RealRange, range);
    const auto choice = chooseParams(range, spec);
    QVERIFY(choice);
    const double scale = choice->params.scale;
    QVERIFY(std::isfinite(scale) && scale > 0);
    QVERIFY(std::isfinite(choice->params.elementScale()) &&
            choice->params.elementScale() >= std::numeric_limits<float>::min());
    QCOMPARE(scale, kScaleFloor);
    QVERIFY(hasWarning(*choice, WarningCode::ScaleFloored));
}

void TestChooseParams::zeroPointOutsideTheCodesIsReported()
{
    // All-positive data far from 0: the tutorial's Z = Qmax − round(Rmax/Scale) leaves the grid.
    const auto choice = chooseParams({10, 11}, make(Scheme::Asymmetric));
    QVERIFY(choice);
    QVERIFY(choice->params.zeroPoint < -128);
    QVERIFY(hasWarning(*choice, WarningCode::ZeroPointOutside));
}

void TestChooseParams::invalidSpecs()
{
    for (const int bits : {0, 1, 17, 32}) {
        const auto choice = chooseParams({-1, 1}, make(Scheme::Symmetric, bits));
        QVERIFY(!choice);
        QCOMPARE(choice.error().code, ErrorCode::InvalidArgument);
    }
    const auto nanRange = chooseParams({std::nan(""), 1}, make(Scheme::General));
    QVERIFY(!nanRange);
    QCOMPARE(nanRange.error().code, ErrorCode::NoFiniteValues);
}

QTEST_GUILESS_MAIN(TestChooseParams)
#include "tst_choose_params.moc"
