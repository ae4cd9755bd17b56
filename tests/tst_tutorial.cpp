// The tutorial's worked examples, number for number, through the engine: the walkthrough values,
// the analysis metrics, and the printed text against the tutorial's own output and NumPy's.

#include "analysis/analyze.h"
#include "analysis/walkthrough.h"
#include "generate/data_presets.h"
#include "generate/generator.h"
#include "io/npy_reader.h"
#include "quant/choose_params.h"
#include "report/tutorial_report.h"
#include "support/test_paths.h"

#include <QFile>
#include <QtTest>

#include <bit>

using namespace qs;

namespace {

// The tutorial's printed output (seeds/000, three "输出结果" blocks), under our section titles.
const char* const kTutorialOutput[] = {
    "input = [ 0.21535037  1.2962357  -1.0161772 ]",
    "scale = 0.00906828525019627",
    "quant_result = [  24.  143. -112.]",
    "saturete_result = [  24.  127. -112.]",
    "dequant_result = [ 0.21763885  1.1516722  -1.0156479 ]",
    "diff = [ 0.00228848 -0.14456344  0.00052929]",
    "input = [ 0.21535037  1.2962357  -1.0161772 ]",
    "scale = 0.01020658016204834",
    "quant_result = [  21.  127. -100.]",
    "dequant_result = [ 0.21433818  1.2962357  -1.020658  ]",
    "diff = [-0.00101219  0.         -0.00448084]",
    "input = [ 0.21535037  1.2962357  -1.0161772 ]",
    "scale = 0.00906828525019627",
    "z = -16.0",
    "quant_result = [   8.  127. -128.]",
    "dequant_result = [ 0.21763885  1.2967647  -1.0156479 ]",
    "diff = [0.00228848 0.00052905 0.00052929]",
};

QStringList numberLines(const std::string& text)
{
    QStringList lines;
    for (const QString& line : QString::fromStdString(text).split('\n')) {
        if (!line.isEmpty() && !line.startsWith("###")) {
            lines << line;
        }
    }
    return lines;
}

std::vector<float> tutorialInput()
{
    return makePresetTensor("tutorial-3")->values;
}

QuantParams paramsFor(Scheme scheme, bool narrow)
{
    QuantSpec spec;
    spec.scheme = scheme;
    spec.narrowRange = narrow;
    return chooseParams({-1.0161771774291992, 1.2962356805801392}, spec)->params;
}

} // namespace

class TestTutorial : public QObject
{
    Q_OBJECT

private slots:
    void printsTheTutorialsOutput();
    void printsWhatNumpyPrintsForOtherInputs_data();
    void printsWhatNumpyPrintsForOtherInputs();
    void generalProcessClipsTheLargestValue();
    void symmetricKeepsTheLargestValueExact();
    void asymmetricZeroPointRecoversTheRange();
    void theOutlierParagraph();
    void matchesNumpyBitForBit_data();
    void matchesNumpyBitForBit();
};

void TestTutorial::printsTheTutorialsOutput()
{
    const auto text = tutorialText(tutorialInput());
    QVERIFY(text);
    QStringList expected;
    for (const char* line : kTutorialOutput) {
        expected << QString::fromUtf8(line);
    }
    QCOMPARE(numberLines(*text), expected);
    QVERIFY(text->find("一般过程") != std::string::npos);
    QVERIFY(text->find("对称量化") != std::string::npos);
    QVERIFY(text->find("非对称量化") != std::string::npos);
}

void TestTutorial::printsWhatNumpyPrintsForOtherInputs_data()
{
    QTest::addColumn<quint32>("seed");
    QTest::addColumn<int>("count");
    QTest::newRow("seed 0, 40 values: wrapped lines, scientific diff, -0.") << 0u << 40;
    QTest::newRow("seed 1, 2 values: a clipped value far out") << 1u << 2;
    QTest::newRow("seed 42, 7 values") << 42u << 7;
}

void TestTutorial::printsWhatNumpyPrintsForOtherInputs()
{
    QFETCH(quint32, seed);
    QFETCH(int, count);
    QFile fixture(
        test::testData(QStringLiteral("tutorial_numpy_seed%1_n%2.txt").arg(seed).arg(count)));
    QVERIFY(fixture.open(QIODevice::ReadOnly));
    const QString numpy = QString::fromUtf8(fixture.readAll());
    GenerateSpec spec;
    spec.seed = seed;
    spec.shape = {count};
    const auto input = generateTensor(spec);
    QVERIFY(input);
    const auto text = tutorialText(input->values);
    QVERIFY(text);
    // NumPy wraps long arrays over several lines; compare the whole text, line by line.
    QCOMPARE(numberLines(*text), numpy.split('\n', Qt::SkipEmptyParts));
}

void TestTutorial::generalProcessClipsTheLargestValue()
{
    const QuantParams p = paramsFor(Scheme::General, false);
    const auto rows = walkthrough(tutorialInput(), p, Rounding::HalfEven, 0, 0, 3);
    QCOMPARE(rows.size(), std::size_t{3});
    QCOMPARE(rows[1].rounded, 143.0f);
    QCOMPARE(rows[1].code, 127);
    QCOMPARE(rows[1].clip, ClipState::Above);
    QCOMPARE(rows[1].dequantized, 1.1516722f);
    QCOMPARE(rows[1].error, -0.14456344f);
    QCOMPARE(rows[0].code, 24);
    QCOMPARE(rows[2].code, -112);

    QuantSpec general;
    general.scheme = Scheme::General;
    const auto analysis = analyzeTensor({tutorialInput(), {}}, general);
    QVERIFY(analysis);
    QCOMPARE(analysis->metrics.clippedAbove, std::uint64_t{1});
    QCOMPARE(analysis->metrics.clippedBelow, std::uint64_t{0});
    // Codes −128..−113 lie below q(−1.0161772) = −112: 16 of 256 unused.
    QCOMPARE(analysis->metrics.unusedRangeFraction, 16.0 / 256.0);
}

void TestTutorial::symmetricKeepsTheLargestValueExact()
{
    const QuantParams p = paramsFor(Scheme::Symmetric, true);
    QCOMPARE(p.scale, 0.01020658016204834);
    const auto rows = walkthrough(tutorialInput(), p, Rounding::HalfEven, 0, 0, 3);
    QCOMPARE(rows[1].code, 127);
    QCOMPARE(rows[1].error, 0.0f);
    QCOMPARE(rows[2].code, -100);
    QCOMPARE(rows[2].dequantized, -1.020658f);
    QCOMPARE(rows[0].error, -0.00101219f);
}

void TestTutorial::asymmetricZeroPointRecoversTheRange()
{
    const QuantParams p = paramsFor(Scheme::Asymmetric, false);
    QCOMPARE(p.zeroPoint, -16);
    const auto rows = walkthrough(tutorialInput(), p, Rounding::HalfEven, 0, 0, 3);
    QCOMPARE(rows[0].code, 8);
    QCOMPARE(rows[1].code, 127);
    QCOMPARE(rows[2].code, -128);
    QCOMPARE(rows[1].dequantized, 1.2967647f);
    QCOMPARE(rows[1].error, 0.00052905f);
    for (const auto& row : rows) {
        QCOMPARE(row.clip, ClipState::Inside);
    }
}

void TestTutorial::theOutlierParagraph()
{
    // 1000 points in [−1, 1] and one at 100: the symmetric scale becomes 100/127, so every one of
    // the thousand lands on one of three codes and the range they reach is a sliver.
    const auto tensor = makePresetTensor("tutorial-outlier");
    QVERIFY(tensor);
    const auto analysis = analyzeTensor(tensor->view(), QuantSpec{});
    QVERIFY(analysis);
    QCOMPARE(analysis->params.front().scale, 100.0 / 127.0);
    QCOMPARE(analysis->metrics.codesUsed, std::int64_t{4}); // −1, 0, 1 and 127
    QVERIFY(analysis->metrics.zeroCodeFraction > 0.35);
    QVERIFY(std::ranges::any_of(
        analysis->warnings, [](const Warning& w) { return w.code == WarningCode::CodeCollapse; }));

    // Without the outlier the same thousand values use most of the grid.
    std::vector<float> clean(tensor->values.begin(), tensor->values.end() - 1);
    const auto cleanAnalysis = analyzeTensor({clean, {}}, QuantSpec{});
    QVERIFY(cleanAnalysis);
    QVERIFY(cleanAnalysis->metrics.codesUsed > 200);
    QVERIFY(cleanAnalysis->metrics.sqnrDb > analysis->metrics.sqnrDb + 20);
}

void TestTutorial::matchesNumpyBitForBit_data()
{
    QTest::addColumn<int>("scheme");
    QTest::addColumn<QString>("name");
    QTest::newRow("general") << int(Scheme::General) << "general";
    QTest::newRow("symmetric") << int(Scheme::Symmetric) << "symmetric";
    QTest::newRow("asymmetric") << int(Scheme::Asymmetric) << "asymmetric";
}

void TestTutorial::matchesNumpyBitForBit()
{
    // The tutorial's code on np.random.seed(5); np.random.randn(1000), run by NumPy
    // (tests/data/make_fixtures.py): every code and every dequantized bit, signed zeros included.
    QFETCH(int, scheme);
    QFETCH(QString, name);
    GenerateSpec generate;
    generate.seed = 5;
    generate.shape = {1000};
    const auto input = generateTensor(generate);
    QVERIFY(input);
    QuantSpec spec;
    spec.scheme = Scheme(scheme);
    std::vector<std::int32_t> codes(1000);
    std::vector<float> dequant(1000);
    AnalysisOptions options;
    options.codesOut = codes;
    options.dequantOut = dequant;
    QVERIFY(analyzeTensor(input->view(), spec, options));
    const auto numpyCodes =
        readNpyFile(test::testData("numpy_" + name + "_codes.npy").toStdString());
    const auto numpyDequant =
        readNpyFile(test::testData("numpy_" + name + "_dequant.npy").toStdString());
    QVERIFY(numpyCodes && numpyDequant);
    for (std::size_t i = 0; i < 1000; ++i) {
        QCOMPARE(codes[i], static_cast<std::int32_t>(numpyCodes->tensor.values[i]));
        QCOMPARE(std::bit_cast<std::uint32_t>(dequant[i]),
                 std::bit_cast<std::uint32_t>(numpyDequant->tensor.values[i]));
    }
}

QTEST_GUILESS_MAIN(TestTutorial)
#include "tst_tutorial.moc"
