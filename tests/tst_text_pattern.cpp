// Texts with numbered placeholders (core's fillPattern), and the warnings and errors built from
// them: the English message is the pattern filled, so the command line prints what it printed
// before and the window can fill a translated pattern with the same values.

#include "common/error.h"
#include "common/text_pattern.h"
#include "common/warning.h"

#include <QtTest>

using namespace qs;

class TestTextPattern : public QObject
{
    Q_OBJECT

private slots:
    void fillsPlaceholders_data();
    void fillsPlaceholders();
    void warningMessageIsThePatternFilled();
    void errorMessageIsThePatternFilled();
};

void TestTextPattern::fillsPlaceholders_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QStringList>("values");
    QTest::addColumn<QString>("expected");
    QTest::newRow("in order") << "%1 of %2 used" << QStringList{"3", "256"} << "3 of 256 used";
    QTest::newRow("out of order (a translation)")
        << "%2 个中用了 %1 个" << QStringList{"3", "256"} << "256 个中用了 3 个";
    QTest::newRow("twice") << "%1 − Round(%2) = %1" << QStringList{"127", "142.9"}
                           << "127 − Round(142.9) = 127";
    QTest::newRow("a value holding a placeholder is not filled again")
        << "%1: %2" << QStringList{"file%2.npy", "bad"} << "file%2.npy: bad";
    QTest::newRow("a percent sign that is no placeholder")
        << "%1% of the values" << QStringList{"39.4"} << "39.4% of the values";
    QTest::newRow("two digits") << "%10 and %1" << QStringList{"a"} << "%10 and a";
    QTest::newRow("no value for it") << "%1 and %2" << QStringList{"a"} << "a and %2";
    QTest::newRow("trailing percent") << "100%" << QStringList{} << "100%";
}

void TestTextPattern::fillsPlaceholders()
{
    QFETCH(QString, pattern);
    QFETCH(QStringList, values);
    QFETCH(QString, expected);
    std::vector<std::string> args;
    for (const QString& value : values) {
        args.push_back(value.toStdString());
    }
    QCOMPARE(QString::fromStdString(fillPattern(pattern.toStdString(), args)), expected);
}

void TestTextPattern::warningMessageIsThePatternFilled()
{
    const Warning w =
        makeWarning(WarningCode::ZeroPointOutside,
                    "zero point %1 lies outside the code range [%2, %3]", {"300", "-128", "127"});
    QCOMPARE(w.message, std::string("zero point 300 lies outside the code range [-128, 127]"));
    QCOMPARE(w.pattern, std::string("zero point %1 lies outside the code range [%2, %3]"));
    QCOMPARE(w.args.size(), std::size_t{3});
    QCOMPARE(w.groups, std::size_t{1});
}

void TestTextPattern::errorMessageIsThePatternFilled()
{
    const Error e =
        failWith(ErrorCode::InvalidArgument, "needs %1 points, got %2", {"2", "1"}, "w.npy")
            .error();
    QCOMPARE(e.message, std::string("needs 2 points, got 1"));
    QCOMPARE(e.describe(), std::string("w.npy: needs 2 points, got 1"));
    QCOMPARE(e.pattern, std::string("needs %1 points, got %2"));
    Error at = e;
    at.offset = 12;
    QCOMPARE(at.describe(), std::string("w.npy: needs 2 points, got 1 (at byte 12)"));
}

QTEST_APPLESS_MAIN(TestTextPattern)
#include "tst_text_pattern.moc"
