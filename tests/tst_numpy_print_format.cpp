// NumPy's number printing, against strings NumPy 1.24 printed (str(float32 array), repr(float)).

#include "report/numpy_print_format.h"

#include <QtTest>

#include <cmath>
#include <limits>
#include <vector>

using namespace qs;

class TestNumpyPrintFormat : public QObject
{
    Q_OBJECT

private slots:
    void arrays_data();
    void arrays();
    void pythonFloats_data();
    void pythonFloats();
};

void TestNumpyPrintFormat::arrays_data()
{
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const float inf = std::numeric_limits<float>::infinity();
    QTest::addColumn<QList<float>>("values");
    QTest::addColumn<QString>("expected");
    QTest::newRow("tutorial input") << QList<float>{0.21535037f, 1.2962357f, -1.0161772f}
                                    << "[ 0.21535037  1.2962357  -1.0161772 ]";
    QTest::newRow("whole numbers") << QList<float>{24, 143, -112} << "[  24.  143. -112.]";
    QTest::newRow("scientific") << QList<float>{1e-5f, 2.5e-5f, -3e-7f}
                                << "[ 1.0e-05  2.5e-05 -3.0e-07]";
    QTest::newRow("scientific, no fraction") << QList<float>{1e9f, 1.0f} << "[1.e+09 1.e+00]";
    QTest::newRow("scientific, full digits")
        << QList<float>{123456.78f, 0.5f} << "[1.2345678e+05 5.0000000e-01]";
    QTest::newRow("zero") << QList<float>{0.0f} << "[0.]";
    QTest::newRow("negative zero") << QList<float>{-0.0f, 0.0f} << "[-0.  0.]";
    QTest::newRow("nan and inf") << QList<float>{nan, 1.5f, -inf} << "[ nan  1.5 -inf]";
    QTest::newRow("only nan") << QList<float>{nan} << "[nan]";
    QTest::newRow("ragged fractions") << QList<float>{1e-3f, 1.0f} << "[0.001 1.   ]";
    QTest::newRow("wraps at 75 columns")
        << QList<float>(12, 1.0f / 3.0f)
        << "[0.33333334 0.33333334 0.33333334 0.33333334 0.33333334 0.33333334\n"
           " 0.33333334 0.33333334 0.33333334 0.33333334 0.33333334 0.33333334]";
}

void TestNumpyPrintFormat::arrays()
{
    QFETCH(QList<float>, values);
    QFETCH(QString, expected);
    const std::vector<float> v(values.begin(), values.end());
    QCOMPARE(QString::fromStdString(formatNumpyArray(v)), expected);
}

void TestNumpyPrintFormat::pythonFloats_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("expected");
    QTest::newRow("tutorial scale") << 0.00906828525019627 << "0.00906828525019627";
    QTest::newRow("tutorial z") << -16.0 << "-16.0";
    QTest::newRow("1e-05") << 1e-5 << "1e-05";
    QTest::newRow("0.0001") << 1e-4 << "0.0001";
    QTest::newRow("1e+16") << 1e16 << "1e+16";
    QTest::newRow("1e15") << 1e15 << "1000000000000000.0";
    QTest::newRow("123.456") << 123.456 << "123.456";
    QTest::newRow("-0.0") << -0.0 << "-0.0";
    QTest::newRow("subnormal") << 3e-310 << "3e-310";
    QTest::newRow("max") << 1.7976931348623157e308 << "1.7976931348623157e+308";
    QTest::newRow("0.1") << 0.1 << "0.1";
}

void TestNumpyPrintFormat::pythonFloats()
{
    QFETCH(double, value);
    QFETCH(QString, expected);
    QCOMPARE(QString::fromStdString(formatPythonFloat(value)), expected);
}

QTEST_GUILESS_MAIN(TestNumpyPrintFormat)
#include "tst_numpy_print_format.moc"
