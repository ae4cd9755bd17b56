// The outlier-mitigation report people read: the document's settings, measures and figures in
// HTML and Markdown as core writes them, and the files the window's export writes (HTML with
// inline SVG, Markdown with its PNG figures beside it, a PDF, JSON as `mitigate --json`).

#include "export/mitigation_report_export.h"
#include "generate/activation_generator.h"
#include "generate/generator.h"
#include "report/mitigation_document.h"
#include "support/temp_files.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>
#include <qcustomplot.h>

using namespace qs;

namespace {

MitigationReport smallReport()
{
    ActivationSpec activations;
    activations.tokens = 16;
    activations.features = 64;
    activations.outlierChannels = 2;
    GenerateSpec weight;
    weight.shape = {8, 64};
    weight.std = 0.1;
    auto problem = prepareMitigation(*generateTensor(weight), *generateActivations(activations));
    if (!problem) {
        qFatal("%s", problem.error().message.c_str());
    }
    MitigationReport r;
    r.weight = {"fc.weight", {8, 64}, Dtype::Float32};
    r.activations = {"activations", {16, 64}, Dtype::Float32};
    r.synthetic = activations;
    r.weightFormat = "int8-channel";
    r.activationFormat = "int8-tensor";
    r.outputs = problem->outputs;
    r.inputs = problem->inputs;
    r.tokens = problem->tokens;
    r.settings.smoothAlpha = 0.5;
    r.settings.rotationSeed = 3;
    r.before = *evaluateMitigation(*problem, r.settings.withoutTransforms());
    r.after = *evaluateMitigation(*problem, r.settings);
    return r;
}

} // namespace

class TestMitigationReport : public QObject
{
    Q_OBJECT

private slots:
    void htmlHoldsSettingsMeasuresAndFigures();
    void markdownLinksItsFigures();
    void exportWritesEveryFormat();
    void exportRefusesCsv();
};

void TestMitigationReport::htmlHoldsSettingsMeasuresAndFigures()
{
    const MitigationReport r = smallReport();
    const std::string html =
        mitigationHtml(r, {{"Channel maxima", "<svg id=\"one\"></svg>"}}, MitigationWords{});
    for (const char* part :
         {"<h1>QuantScope: outlier mitigation</h1>", "fc.weight [8, 64] → [8, 64], int8-channel",
          "synthetic: 2 outlier channels × 40, seed 0", "SmoothQuant α = 0.50",
          "Hadamard rotation, seed 3", "output SQNR (dB)", "activation kurtosis",
          "<svg id=\"one\"></svg><p class=\"caption\">Channel maxima</p>"}) {
        QVERIFY2(html.find(part) != std::string::npos, part);
    }
    // The measures are the outcome's, to two decimals.
    char before[32];
    std::snprintf(before, sizeof before, "%.2f", r.before.outputSqnrDb);
    QVERIFY(html.find(before) != std::string::npos);
    // Names from files are escaped.
    MitigationReport hostile = r;
    hostile.weight.name = "<script>";
    QVERIFY(mitigationHtml(hostile, {}).find("<script>") == std::string::npos);
}

void TestMitigationReport::markdownLinksItsFigures()
{
    const MitigationReport r = smallReport();
    const std::string md = mitigationMarkdown(r, {{"Output SQNR against α", "r_alpha.png"}});
    QVERIFY(md.starts_with("# QuantScope: outlier mitigation\n"));
    QVERIFY(md.find("![Output SQNR against α](r_alpha.png)") != std::string::npos);
    QVERIFY(md.find("| output SQNR (dB) | ") != std::string::npos);
}

void TestMitigationReport::exportWritesEveryFormat()
{
    const MitigationReport r = smallReport();
    QCustomPlot plot;
    plot.resize(400, 300);
    plot.addGraph()->setData({0, 1, 2}, {1, 3, 2});
    plot.rescaleAxes();
    const std::vector<ui::MitigationReportPlot> plots{{"alpha", "Output SQNR against α", &plot}};
    test::ScratchDir dir;

    const QString html = QString::fromStdString(dir.path("r.html"));
    QCOMPARE(ui::exportMitigationReport(r, plots, html, {ui::ReportFormat::Html}), QString());
    const QByteArray page = test::readFileBytes(html);
    QVERIFY(page.contains("<svg"));
    QVERIFY(page.contains("Output SQNR against α"));

    const QString md = QString::fromStdString(dir.path("r.md"));
    QCOMPARE(ui::exportMitigationReport(r, plots, md, {ui::ReportFormat::Markdown}), QString());
    QVERIFY(test::readFileBytes(md).contains("](r_alpha.png)"));
    QVERIFY(
        test::readFileBytes(QString::fromStdString(dir.path("r_alpha.png"))).startsWith("\x89PNG"));

    const QString pdf = QString::fromStdString(dir.path("r.pdf"));
    QCOMPARE(ui::exportMitigationReport(r, plots, pdf, {ui::ReportFormat::Pdf}), QString());
    QVERIFY(test::readFileBytes(pdf).startsWith("%PDF"));

    const QString json = QString::fromStdString(dir.path("r.json"));
    QCOMPARE(ui::exportMitigationReport(r, plots, json, {ui::ReportFormat::Json}), QString());
    const QJsonObject o = QJsonDocument::fromJson(test::readFileBytes(json)).object();
    QCOMPARE(o["after"].toObject()["output_sqnr_db"].toDouble(), r.after.outputSqnrDb);
}

void TestMitigationReport::exportRefusesCsv()
{
    const MitigationReport r = smallReport();
    test::ScratchDir dir;
    const QString csv = QString::fromStdString(dir.path("r.csv"));
    const QString error = ui::exportMitigationReport(r, {}, csv, {ui::ReportFormat::Csv});
    QVERIFY(error.startsWith(csv));
    QVERIFY(!QFileInfo::exists(csv));
}

QTEST_MAIN(TestMitigationReport)
#include "tst_mitigation_report.moc"
