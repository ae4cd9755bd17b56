// The HTML reports in a real browser: Debian's headless Chromium lays each out in a 1280 × 800
// window, and in one of 800 px, narrower than a plot drawn at its own size; the page must not
// scroll sideways, every plot must fit its column, and the faces the plots ask for first must
// be there. A measuring script is added to a copy of the page (the
// report itself holds none), and the DOM Chromium dumps carries its results.

#include "analysis/shootout.h"
#include "analysis_runner.h"
#include "export/report_export.h"
#include "io/tensor_source.h"
#include "support/temp_files.h"

#include <QFile>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QUrl>
#include <QtTest>

using namespace qs;
using namespace qs::ui;

namespace {

constexpr int kWindowWidth = 1280;
constexpr int kWindowHeight = 800;

// Writes the page's widths into the DOM: the document's scroll width, the window's, the
// right edge of the widest plot, and whether the first face the plots name is available.
const char* const kMeasure = R"(<script>
(function () {
  var svgs = document.querySelectorAll('svg');
  var right = 0;
  for (var i = 0; i < svgs.length; ++i) {
    right = Math.max(right, svgs[i].getBoundingClientRect().right);
  }
  var out = document.createElement('pre');
  out.id = 'qs-measured';
  out.textContent = 'scroll=' + document.documentElement.scrollWidth +
      ' client=' + document.documentElement.clientWidth + ' window=' + window.innerWidth +
      ' plots=' + svgs.length + ' right=' + Math.ceil(right) +
      ' face=' + document.fonts.check("12px 'DejaVu Sans'");
  document.body.appendChild(out);
})();
</script>)";

SnapshotPtr analyse(const TensorSource& source, const QuantSpec& spec)
{
    AnalysisRequest request;
    request.source = source;
    request.spec = spec;
    return AnalysisRunner::compute(request, [](double) { return true; }).snapshot;
}

QString chromium()
{
    return QStandardPaths::findExecutable("chromium");
}

QStringList chromiumArguments(const test::ScratchDir& dir, int width = kWindowWidth)
{
    return {
        "--headless",        "--disable-gpu",
        "--no-sandbox",      QStringLiteral("--window-size=%1,%2").arg(width).arg(kWindowHeight),
        "--hide-scrollbars", "--user-data-dir=" + QString::fromStdString(dir.path("profile"))};
}

struct Measured
{
    int scroll = -1;
    int client = -1;
    int window = -1;
    int plots = -1;
    int right = -1;
    bool face = false;
};

// Lays out a copy of `html` with the measuring script and reads the measurements back.
std::optional<Measured> measure(const QString& html, test::ScratchDir& dir, int width)
{
    QString page = QString::fromUtf8(test::readFileBytes(html));
    page.replace("</body>", QString::fromLatin1(kMeasure) + "</body>");
    const std::string copy = dir.write("measured.html", page.toUtf8());
    QProcess browser;
    browser.start(chromium(), chromiumArguments(dir, width)
                                  << "--dump-dom"
                                  << QUrl::fromLocalFile(QString::fromStdString(copy)).toString());
    if (!browser.waitForFinished(120000)) {
        browser.kill();
        return std::nullopt;
    }
    static const QRegularExpression line(
        R"(scroll=(\d+) client=(\d+) window=(\d+) plots=(\d+) right=(-?\d+) face=(\w+))");
    const QRegularExpressionMatch m =
        line.match(QString::fromUtf8(browser.readAllStandardOutput()));
    if (!m.hasMatch()) {
        qWarning("%s", browser.readAllStandardError().left(2000).constData());
        return std::nullopt;
    }
    return Measured{m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt(),
                    m.captured(4).toInt(), m.captured(5).toInt(), m.captured(6) == "true"};
}

} // namespace

class TestReportBrowser : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void pagesFitTheWindow_data();
    void pagesFitTheWindow();
    void screenshotShowsThePage();
};

void TestReportBrowser::initTestCase()
{
    QVERIFY2(!chromium().isEmpty(), "chromium (scripts/setup.sh)");
}

void TestReportBrowser::pagesFitTheWindow_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("plots");
    QTest::addColumn<int>("width");
    for (const int width : {kWindowWidth, 800}) {
        const QByteArray px = " at " + QByteArray::number(width) + " px";
        QTest::newRow("tensor, per channel, with the shoot-out" + px) << "tensor" << 6 << width;
        QTest::newRow("model" + px) << "model" << 1 << width;
    }
}

void TestReportBrowser::pagesFitTheWindow()
{
    QFETCH(QString, kind);
    QFETCH(int, plots);
    QFETCH(int, width);
    test::ScratchDir dir;
    const QString path = QString::fromStdString(dir.path("r.html"));
    if (kind == "tensor") {
        // The widest tables: every channel's row and the formats' shoot-out.
        GenerateSpec weights;
        weights.distribution = Distribution::StudentT;
        weights.shape = {8, 256};
        QuantSpec spec;
        spec.granularity = Granularity::Channel;
        ReportOptions options;
        options.shootoutCandidates = *bitsClassCandidates(4);
        QVERIFY(exportTensorReport(analyse(weights, spec), path, options).isEmpty());
    } else {
        ModelReport report;
        report.file = "m.safetensors";
        for (int i = 0; i < 20; ++i) {
            TensorReportRow row;
            row.name = "model.layers." + std::to_string(i) + ".self_attn.q_proj.weight";
            row.shape = {4096, 4096};
            row.dtype = "BF16";
            row.sqnrDb = 38.5 - i;
            row.zeroCodeFraction = 0.0125;
            row.maxAbsOverStd = 21.3;
            row.outliers.beyondSixSigma = 3;
            report.tensors.push_back(std::move(row));
        }
        QVERIFY(exportModelReport(report, path, {ReportFormat::Html}).isEmpty());
    }
    const auto measured = measure(path, dir, width);
    QVERIFY2(measured, "chromium --dump-dom gave no measurements");
    QCOMPARE(measured->window, width);
    QCOMPARE(measured->plots, plots);
    QVERIFY2(measured->scroll <= measured->client,
             qPrintable(QStringLiteral("the page is %1 px wide in a %2 px window")
                            .arg(measured->scroll)
                            .arg(measured->client)));
    QVERIFY2(measured->right <= measured->client,
             qPrintable(QStringLiteral("a plot reaches %1 px").arg(measured->right)));
    QVERIFY(measured->face);
}

void TestReportBrowser::screenshotShowsThePage()
{
    test::ScratchDir dir;
    const QString path = QString::fromStdString(dir.path("r.html"));
    QuantSpec spec;
    spec.scheme = Scheme::Asymmetric;
    spec.bits = 4;
    QVERIFY(exportTensorReport(analyse(PresetSpec{"tutorial-outlier"}, spec), path,
                               {ReportFormat::Html})
                .isEmpty());
    // QUANTSCOPE_SCREENSHOT keeps the picture for a person to look at.
    const QString shot = qEnvironmentVariableIsSet("QUANTSCOPE_SCREENSHOT")
                             ? qEnvironmentVariable("QUANTSCOPE_SCREENSHOT")
                             : QString::fromStdString(dir.path("shot.png"));
    QProcess browser;
    browser.start(chromium(), chromiumArguments(dir) << "--screenshot=" + shot
                                                     << QUrl::fromLocalFile(path).toString());
    QVERIFY(browser.waitForFinished(120000));
    const QImage image(shot);
    QCOMPARE(image.size(), QSize(kWindowWidth, kWindowHeight));
    // The title and the first table are drawn: dark text on the white page, not a blank page.
    int dark = 0;
    for (int y = 0; y < kWindowHeight / 2; ++y) {
        for (int x = 0; x < kWindowWidth; ++x) {
            dark += qGray(image.pixel(x, y)) < 96;
        }
    }
    QVERIFY2(dark > 2000, qPrintable(QString::number(dark)));
}

QTEST_MAIN(TestReportBrowser)
#include "tst_report_browser.moc"
