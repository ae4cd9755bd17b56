// File → Compare with Reference… in the window, offscreen: a small GGUF whose blocks are ggml's
// own q4_k and q4_0 quantizations of tests/data/ggml/inputs.npy, compared with those inputs as
// a float reference. The Model view's reference columns must carry the error of ggml's own
// decoding against the inputs (summed here from the fixtures), the best of the other 4-bit
// types as ggml quantizes them (their fixtures too), and the comparison's numbers; the line above
// the table names the reference and the counts; a tensor without a counterpart says why; the
// menu actions, clearing, the export's report, cancelling and unreadable references.

#include "analysis/reference_comparison.h"
#include "io/archive_factory.h"
#include "main_window.h"
#include "models/model_table_model.h"
#include "models/reference_columns_model.h"
#include "panels/model_panel.h"
#include "panels/scheme_panel.h"
#include "reference_chooser.h"
#include "support/fixtures.h"
#include "support/gguf_files.h"
#include "support/model_files.h"
#include "support/temp_files.h"
#include "support/test_paths.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QToolButton>
#include <QtTest>

#include <cmath>

using namespace qs;
using namespace qs::ui;

namespace {

constexpr int kRow = 256; // values per row of the fixtures
// ggml's type ids, and the bytes of one row of 256 values in each block type.
constexpr quint32 kF32 = 0;
constexpr quint32 kQ4_0 = 2;
constexpr quint32 kQ4_K = 12;
constexpr int kQ4_0RowBytes = 8 * 18;             // eight 32-value blocks of 18 bytes
constexpr int kQ4_KRowBytes = 144;                // one 256-value block
const QByteArray kDown = "blk.0.ffn_down.weight"; // q4_k of rows 0 and 1
const QByteArray kGate = "blk.0.ffn_gate.weight"; // q4_0 of rows 2 and 3
const QByteArray kUp = "blk.0.ffn_up.weight";     // q4_k, not in the reference

// Rows [first, first + count) of a fixture's values, `times` over.
std::vector<float> rowsOf(const Tensor& tensor, int first, int count, int times = 1)
{
    const std::span<const float> rows(tensor.values.data() + static_cast<std::size_t>(first) * kRow,
                                      static_cast<std::size_t>(count) * kRow);
    std::vector<float> out(rows.size() * static_cast<std::size_t>(times));
    for (std::size_t i = 0; i < out.size(); ++i) {
        out[i] = rows[i % rows.size()];
    }
    return out;
}

QByteArray blockRows(const QString& type, int rowBytes, int first, int count, int times = 1)
{
    const QByteArray rows = test::readFileBytes(test::testData("ggml/" + type + ".bin"))
                                .mid(first * rowBytes, count * rowBytes);
    return rows.repeated(times);
}

struct Files
{
    std::string quantized;
    std::string reference;
};

// The quantized file and its float reference; `times` repeats the rows for a long comparison.
Files writeFiles(test::ScratchDir& dir, int times = 1)
{
    const Tensor inputs = test::npyFixture("ggml/inputs.npy");
    const auto rows = static_cast<quint64>(2 * times);
    Files files;
    files.quantized = dir.write(
        "q.gguf", test::ggufBytes(
                      {{kDown, {kRow, rows}, kQ4_K, blockRows("q4_k", kQ4_KRowBytes, 0, 2, times)},
                       {kGate, {kRow, rows}, kQ4_0, blockRows("q4_0", kQ4_0RowBytes, 2, 2, times)},
                       {kUp, {kRow, rows}, kQ4_K, blockRows("q4_k", kQ4_KRowBytes, 4, 2, times)}}));
    files.reference = dir.write(
        "r.gguf",
        test::ggufBytes(
            {{kDown, {kRow, rows}, kF32, test::floatBytes(rowsOf(inputs, 0, 2, times))},
             {kGate, {kRow, rows}, kF32, test::floatBytes(rowsOf(inputs, 2, 2, times))}}));
    return files;
}

// The same reference as a Hugging Face folder's model.safetensors.
QString writeFolder(test::ScratchDir& dir)
{
    const Tensor inputs = test::npyFixture("ggml/inputs.npy");
    const QByteArray down = test::floatBytes(rowsOf(inputs, 0, 2));
    const QByteArray gate = test::floatBytes(rowsOf(inputs, 2, 2));
    const QByteArray header = QStringLiteral("{\"%1\":{\"dtype\":\"F32\",\"shape\":[2,256],"
                                             "\"data_offsets\":[0,%2]},"
                                             "\"%3\":{\"dtype\":\"F32\",\"shape\":[2,256],"
                                             "\"data_offsets\":[%2,%4]}}")
                                  .arg(QString::fromLatin1(kDown))
                                  .arg(down.size())
                                  .arg(QString::fromLatin1(kGate))
                                  .arg(down.size() + gate.size())
                                  .toUtf8();
    dir.write("model.safetensors", test::safetensorsBytes(header, down + gate));
    return QString::fromStdString(dir.path(QString()));
}

// The error of `stored` against `reference`, summed here in double.
struct Measured
{
    double sqnrDb = 0;
    double cosine = 0;
    double maxAbs = 0;
};

Measured measure(const std::vector<float>& stored, const std::vector<float>& reference)
{
    double signal = 0;
    double noise = 0;
    double dot = 0;
    double storedSquares = 0;
    Measured out;
    for (std::size_t i = 0; i < stored.size(); ++i) {
        const double x = reference[i];
        const double s = stored[i];
        const double e = static_cast<double>(stored[i] - reference[i]);
        signal += x * x;
        noise += e * e;
        dot += x * s;
        storedSquares += s * s;
        out.maxAbs = std::max(out.maxAbs, std::fabs(e));
    }
    out.sqnrDb = 10 * std::log10(signal / noise);
    out.cosine = dot / std::sqrt(signal * storedSquares);
    return out;
}

// ggml's decoding of fixture `type` against the inputs, rows [first, first + 2).
Measured ggmlError(const QString& type, int first)
{
    const Tensor inputs = test::npyFixture("ggml/inputs.npy");
    const Tensor decoded = test::npyFixture("ggml/" + type + "_dequant.npy");
    return measure(rowsOf(decoded, first, 2), rowsOf(inputs, first, 2));
}

bool waitIdle(MainWindow& window)
{
    return QTest::qWaitFor([&] { return window.snapshot() && !window.isWorking(); }, 60000);
}

// Shows the quantized file's first tensor, then the Model view, and waits for its report.
bool showReport(MainWindow& window, const std::string& path)
{
    window.show();
    window.start(FileSpec{path, kDown.toStdString(), {}}, QuantSpec{});
    if (!waitIdle(window)) {
        return false;
    }
    QSignalSpy shown(window.modelPanel(), &ModelPanel::reportShown);
    return window.showTab("model") && shown.wait(30000);
}

// The row of the tensor `name` in the panel's table model (the order the report gave).
int rowOf(const ModelPanel* panel, const QByteArray& name)
{
    const auto& rows = panel->tableModel()->rows();
    const auto found = std::ranges::find(rows, name.toStdString(), &TensorReportRow::name);
    return found == rows.end() ? -1 : static_cast<int>(found - rows.begin());
}

QVariant cell(const ModelPanel* panel, const QByteArray& name, int column,
              int role = Qt::DisplayRole)
{
    const QAbstractItemModel* model = panel->referenceModel();
    return model->index(rowOf(panel, name), column).data(role);
}

double number(const ModelPanel* panel, const QByteArray& name, int column)
{
    return cell(panel, name, column, ModelTableModel::kSortRole).toDouble();
}

bool referenceColumnsHidden(const ModelPanel* panel)
{
    for (int c = ReferenceColumnsModel::kFirstColumn; c < ReferenceColumnsModel::ColumnCount; ++c) {
        if (!panel->table()->isColumnHidden(c)) {
            return false;
        }
    }
    return true;
}

QAction* action(const MainWindow& window, const QString& name)
{
    // The newest: the menus are built anew on a language change.
    const auto actions = window.findChildren<QAction*>(name);
    return actions.isEmpty() ? nullptr : actions.last();
}

} // namespace

class TestModelReferenceView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void columnsShowTheStoredValuesAgainstTheReference();
    void aSchemeChangeKeepsTheComparison();
    void menuComparesWithAFolderAndClears();
    void actionsNeedAFile();
    void unreadableReferencesAreNamed();
    void cancelStopsTheComparison();
};

void TestModelReferenceView::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("QuantScopeTests");
}

void TestModelReferenceView::columnsShowTheStoredValuesAgainstTheReference()
{
    test::ScratchDir dir;
    const Files files = writeFiles(dir);
    MainWindow window;
    ModelPanel* panel = window.modelPanel();
    QAbstractItemModelTester tester(panel->referenceModel(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(showReport(window, files.quantized));
    QCOMPARE(panel->tableModel()->rowCount(), 3);
    QVERIFY(referenceColumnsHidden(panel)); // no reference yet
    QVERIFY(panel->referenceStatusText().isEmpty());

    QSignalSpy compared(panel, &ModelPanel::referenceShown);
    panel->setReference(QString::fromStdString(files.reference));
    QVERIFY(panel->isComputing());
    QVERIFY(panel->referenceStatusText().startsWith("Comparing with "));
    QVERIFY(!panel->shownReport()); // the export waits for the comparison
    QVERIFY(compared.wait(30000));
    QVERIFY(!panel->isComputing());
    QVERIFY(!referenceColumnsHidden(panel));

    // The stored values against the reference: ggml's own decoding against the inputs.
    const Measured down = ggmlError("q4_k", 0);
    const Measured gate = ggmlError("q4_0", 2);
    for (const auto& [name, expected] : {std::pair{kDown, down}, std::pair{kGate, gate}}) {
        QCOMPARE(cell(panel, name, ReferenceColumnsModel::ReferenceName).toString(),
                 QString::fromLatin1(name)); // matched by name
        QVERIFY(std::fabs(number(panel, name, ReferenceColumnsModel::ReferenceSqnr) -
                          expected.sqnrDb) < 1e-6);
        QVERIFY(std::fabs(number(panel, name, ReferenceColumnsModel::ReferenceCosine) -
                          expected.cosine) < 1e-9);
        QVERIFY(std::fabs(number(panel, name, ReferenceColumnsModel::ReferenceMaxError) -
                          expected.maxAbs) < 1e-7);
        QCOMPARE(cell(panel, name, ReferenceColumnsModel::ReferenceSqnr).toString(),
                 QString::number(expected.sqnrDb, 'f', 2));
        QCOMPARE(cell(panel, name, ReferenceColumnsModel::ReferenceCosine).toString(),
                 QString::number(expected.cosine, 'f', 6));
    }

    // The best other 4-bit type quantized from the reference, from ggml's own quantizations of
    // the same rows: q4_k's alternatives are every other type of four-bit elements.
    const QStringList others = {"q4_0", "q4_1", "iq4_nl", "iq4_xs", "mxfp4", "nvfp4"};
    QString bestType;
    double bestSqnr = -1e300;
    for (const QString& type : others) {
        const double sqnr = ggmlError(type, 0).sqnrDb;
        if (sqnr > bestSqnr) {
            bestType = type;
            bestSqnr = sqnr;
        }
    }
    const QString best = cell(panel, kDown, ReferenceColumnsModel::BestAlternative).toString();
    QVERIFY2(best.startsWith(bestType + " (" + QString::number(bestSqnr, 'f', 2) + " dB, "),
             qPrintable(best + " against " + bestType));
    QVERIFY(std::fabs(number(panel, kDown, ReferenceColumnsModel::BestAlternative) - bestSqnr) <
            1e-6);
    const QString every =
        cell(panel, kDown, ReferenceColumnsModel::BestAlternative, Qt::ToolTipRole).toString();
    for (const QString& type : others) {
        QVERIFY2(every.contains(type + ": "), qPrintable(every));
    }

    // The comparison computed here, apart from the window: the same numbers in every column.
    auto quantized = openTensorArchive(FileSpec{files.quantized, {}, {}});
    auto reference = openTensorArchive(FileSpec{files.reference, {}, {}});
    QVERIFY(quantized && reference);
    const auto comparison = compareWithReference(**quantized, **reference);
    QVERIFY(comparison);
    QCOMPARE(comparison->tensors.size(), std::size_t{3});
    for (const ReferenceMatch& m : comparison->tensors) {
        const QByteArray name = QByteArray::fromStdString(m.name);
        if (!m.stored) {
            continue;
        }
        QCOMPARE(number(panel, name, ReferenceColumnsModel::ReferenceSqnr), m.stored->sqnrDb);
        QCOMPARE(number(panel, name, ReferenceColumnsModel::ReferenceCosine),
                 m.stored->cosineSimilarity);
        QCOMPARE(number(panel, name, ReferenceColumnsModel::ReferenceMaxError),
                 m.stored->maxAbsError);
        QVERIFY(!m.alternatives.empty());
        const auto top = std::ranges::max_element(m.alternatives, {},
                                                  [](const auto& t) { return t.metrics.sqnrDb; });
        QCOMPARE(cell(panel, name, ReferenceColumnsModel::BestAlternative).toString(),
                 QStringLiteral("%1 (%2 dB, %3 bits)")
                     .arg(QString::fromStdString(top->type))
                     .arg(top->metrics.sqnrDb, 0, 'f', 2)
                     .arg(top->bitsPerValue, 0, 'f', 2));
    }

    // A tensor the reference lacks says so in its row; its numbers are blank.
    QVERIFY2(cell(panel, kUp, ReferenceColumnsModel::ReferenceName)
                 .toString()
                 .startsWith("no tensor of this name in the reference"),
             qPrintable(cell(panel, kUp, ReferenceColumnsModel::ReferenceName).toString()));
    QCOMPARE(cell(panel, kUp, ReferenceColumnsModel::ReferenceSqnr).toString(),
             QStringLiteral("—"));
    QCOMPARE(cell(panel, kUp, ReferenceColumnsModel::BestAlternative).toString(),
             QStringLiteral("—"));

    // The line above the table: which reference, and the counts.
    const QString status = panel->referenceStatusText();
    QVERIFY2(status.startsWith(
                 QStringLiteral("Compared with %1: 2 matched, 1 not matched.")
                     .arg(QDir::toNativeSeparators(QString::fromStdString(files.reference)))),
             qPrintable(status));

    // Sorting by the reference SQNR puts the unmatched row first, then the worse of the two.
    QAbstractItemModel* sorted = panel->table()->model();
    panel->table()->sortByColumn(ReferenceColumnsModel::ReferenceSqnr, Qt::AscendingOrder);
    QCOMPARE(sorted->index(0, ModelTableModel::Name).data().toString(), QString::fromLatin1(kUp));
    const QByteArray worse = down.sqnrDb < gate.sqnrDb ? kDown : kGate;
    QCOMPARE(sorted->index(1, ModelTableModel::Name).data().toString(), QString::fromLatin1(worse));

    // File → Export Report writes the comparison with the report.
    const auto report = panel->shownReport();
    QVERIFY(report && report->reference);
    QCOMPARE(report->reference->referenceFile, files.reference);
    QCOMPARE(report->reference->tensors.size(), std::size_t{3});
    QCOMPARE(report->tensors.size(), std::size_t{3});
}

void TestModelReferenceView::aSchemeChangeKeepsTheComparison()
{
    // The comparison does not depend on the scheme: a new report keeps its columns.
    test::ScratchDir dir;
    const Files files = writeFiles(dir);
    MainWindow window;
    QVERIFY(showReport(window, files.quantized));
    ModelPanel* panel = window.modelPanel();
    QSignalSpy compared(panel, &ModelPanel::referenceShown);
    panel->setReference(QString::fromStdString(files.reference));
    QVERIFY(compared.wait(30000));
    const double sqnr = number(panel, kGate, ReferenceColumnsModel::ReferenceSqnr);

    QSignalSpy shown(panel, &ModelPanel::reportShown);
    auto* scheme = window.schemePanel()->findChild<QComboBox*>("scheme");
    QVERIFY(scheme);
    scheme->setCurrentIndex(scheme->findData(static_cast<int>(Scheme::Asymmetric)));
    QVERIFY(shown.wait(30000));
    QVERIFY(waitIdle(window));
    QVERIFY(!panel->isComputing());
    QCOMPARE(compared.count(), 1); // not compared again
    QCOMPARE(number(panel, kGate, ReferenceColumnsModel::ReferenceSqnr), sqnr);
    QVERIFY(panel->referenceStatusText().startsWith("Compared with "));
    const auto report = panel->shownReport();
    QVERIFY(report && report->reference);
    QCOMPARE(report->spec.scheme, Scheme::Asymmetric);
}

void TestModelReferenceView::menuComparesWithAFolderAndClears()
{
    test::ScratchDir dir;
    test::ScratchDir folderDir;
    const Files files = writeFiles(dir);
    const QString folder = writeFolder(folderDir);
    MainWindow window;
    window.show();
    window.start(FileSpec{files.quantized, kDown.toStdString(), {}}, QuantSpec{});
    QVERIFY(waitIdle(window));
    QCOMPARE(window.currentViewName(), QStringLiteral("quantizer"));
    QList<ReferenceChooser::Kind> asked;
    window.referenceChooser()->setDialog([&](ReferenceChooser::Kind kind) {
        asked << kind;
        return kind == ReferenceChooser::Kind::Folder ? folder : QString();
    });

    // The file dialog dismissed: nothing changes.
    QAction* chooseFile = action(window, "compareWithReference");
    QVERIFY(chooseFile && chooseFile->isEnabled());
    chooseFile->trigger();
    QVERIFY(asked.size() == 1 && asked.front() == ReferenceChooser::Kind::File);
    QVERIFY(window.modelPanel()->reference().isEmpty());

    // A Hugging Face folder: its model.safetensors, in the Model view brought to the front.
    ModelPanel* panel = window.modelPanel();
    QSignalSpy compared(panel, &ModelPanel::referenceShown);
    QAction* chooseFolder = action(window, "compareWithReferenceFolder");
    QVERIFY(chooseFolder && chooseFolder->isEnabled());
    chooseFolder->trigger();
    QVERIFY(asked.size() == 2 && asked.back() == ReferenceChooser::Kind::Folder);
    QCOMPARE(window.currentViewName(), QStringLiteral("model"));
    QCOMPARE(panel->reference(), folder);
    QVERIFY(compared.wait(60000));
    QVERIFY2(panel->referenceStatusText().startsWith(
                 QStringLiteral("Compared with %1: 2 matched, 1 not matched.")
                     .arg(QDir::toNativeSeparators(folder))),
             qPrintable(panel->referenceStatusText()));
    QVERIFY(std::fabs(number(panel, kDown, ReferenceColumnsModel::ReferenceSqnr) -
                      ggmlError("q4_k", 0).sqnrDb) < 1e-6);
    QCOMPARE(panel->shownReport()->reference->referenceFile,
             QDir(folder).filePath("model.safetensors").toStdString());

    // File → Clear Reference, and the bar's own button after choosing it again.
    QAction* clear = action(window, "clearReference");
    QVERIFY(clear && clear->isEnabled());
    clear->trigger();
    QVERIFY(panel->reference().isEmpty());
    QVERIFY(!clear->isEnabled());
    QVERIFY(referenceColumnsHidden(panel));
    QVERIFY(panel->referenceStatusText().isEmpty());
    QVERIFY(!panel->shownReport()->reference);
    QCOMPARE(cell(panel, kDown, ReferenceColumnsModel::ReferenceSqnr).toString(),
             QStringLiteral("—"));

    panel->setReference(QString::fromStdString(files.reference));
    QVERIFY(compared.wait(30000));
    QVERIFY(clear->isEnabled());
    auto* button = panel->findChild<QToolButton*>("referenceClear");
    QVERIFY(button && button->isVisible());
    button->click();
    QVERIFY(panel->reference().isEmpty());
    QVERIFY(referenceColumnsHidden(panel));

    // A reference belongs to its file: opening another one drops it.
    panel->setReference(QString::fromStdString(files.reference));
    QVERIFY(compared.wait(30000));
    window.start(FileSpec{files.reference, kDown.toStdString(), {}}, QuantSpec{});
    QVERIFY(waitIdle(window));
    QVERIFY(panel->reference().isEmpty());
    QVERIFY(referenceColumnsHidden(panel));
}

void TestModelReferenceView::actionsNeedAFile()
{
    MainWindow window;
    window.show();
    window.start(MainWindow::demoSource(), MainWindow::demoSpec());
    QVERIFY(waitIdle(window));
    for (const char* name :
         {"compareWithReference", "compareWithReferenceFolder", "clearReference"}) {
        QAction* a = action(window, name);
        QVERIFY2(a && !a->isEnabled(), name);
    }
    // The panel refuses a reference without a file to compare.
    window.modelPanel()->setReference(QStringLiteral("anything.gguf"));
    QVERIFY(window.modelPanel()->reference().isEmpty());
}

void TestModelReferenceView::unreadableReferencesAreNamed()
{
    test::ScratchDir dir;
    const Files files = writeFiles(dir);
    const std::string missing = dir.path("missing_f32.gguf");
    const std::string broken = dir.write("broken.safetensors", QByteArray("not a header"));
    const std::string empty = dir.path(QString()); // a folder without model.safetensors
    MainWindow window;
    QVERIFY(showReport(window, files.quantized));
    ModelPanel* panel = window.modelPanel();
    QSignalSpy compared(panel, &ModelPanel::referenceShown);
    for (const std::string& path : {missing, broken, empty}) {
        panel->setReference(QString::fromStdString(path));
        QVERIFY(compared.wait(30000));
        const QString status = panel->referenceStatusText();
        const QString named = QDir::toNativeSeparators(QString::fromStdString(path));
        QVERIFY2(status.startsWith("Cannot compare with " + named + ": ") &&
                     status.count(QFileInfo(named).fileName()) >= 2, // the error names it too
                 qPrintable(status));
        QCOMPARE(cell(panel, kDown, ReferenceColumnsModel::ReferenceSqnr).toString(),
                 QStringLiteral("—"));
        // The report is still exported, without a comparison.
        const auto report = panel->shownReport();
        QVERIFY(report && !report->reference);
    }
    QVERIFY(panel->referenceStatusText().contains("neither model.safetensors"));
}

void TestModelReferenceView::cancelStopsTheComparison()
{
    // Rows repeated to 1,000,000 values a tensor: the report and the comparison take a while.
    test::ScratchDir dir;
    const Files files = writeFiles(dir, 2000);
    MainWindow window;
    window.show();
    window.start(FileSpec{files.quantized, kDown.toStdString(), {}}, QuantSpec{});
    QVERIFY(waitIdle(window));
    ModelPanel* panel = window.modelPanel();
    QSignalSpy compared(panel, &ModelPanel::referenceShown);
    QSignalSpy shown(panel, &ModelPanel::reportShown);
    window.showTab("model");
    QVERIFY(panel->isComputing());
    auto* cancel = panel->findChild<QToolButton*>("modelCancel");
    QVERIFY(cancel);

    // Cancel during the report stops the comparison waiting for it as well.
    panel->setReference(QString::fromStdString(files.reference));
    QVERIFY(panel->referenceStatusText().startsWith("Comparing with "));
    cancel->click();
    QVERIFY(QTest::qWaitFor([&] { return panel->statusText().startsWith("Cancelled"); }, 30000));
    QVERIFY(!panel->isComputing());
    QVERIFY2(panel->referenceStatusText().startsWith("The comparison with"),
             qPrintable(panel->referenceStatusText()));
    QVERIFY(referenceColumnsHidden(panel) == false);

    // A new scheme runs the report and then the comparison again; cancel the comparison.
    auto* scheme = window.schemePanel()->findChild<QComboBox*>("scheme");
    scheme->setCurrentIndex(scheme->findData(static_cast<int>(Scheme::Asymmetric)));
    QVERIFY(shown.wait(120000));
    QVERIFY(
        QTest::qWaitFor([&] { return panel->statusText().startsWith("Comparing every"); }, 10000));
    QVERIFY(cancel->isVisible());
    cancel->click();
    QVERIFY(compared.wait(30000));
    QVERIFY(!panel->isComputing());
    QVERIFY2(panel->referenceStatusText().contains("was cancelled"),
             qPrintable(panel->referenceStatusText()));
    QVERIFY(panel->statusText().startsWith("3 tensors of q.gguf")); // the report's line again
    QCOMPARE(cell(panel, kDown, ReferenceColumnsModel::ReferenceSqnr).toString(),
             QStringLiteral("—"));
    const auto report = panel->shownReport();
    QVERIFY(report && !report->reference);
    // Showing the view again does not restart it.
    window.showTab("quantizer");
    window.showTab("model");
    QVERIFY(!panel->isComputing());
}

QTEST_MAIN(TestModelReferenceView)
#include "tst_model_reference_view.moc"
