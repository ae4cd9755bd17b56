// The window with model files, offscreen: the tensor picker for a file of several tensors, the
// Model view's report (rows, sorting, chart, re-run on a scheme change, cancel) and opening a
// tensor from it.

#include "analysis/shootout.h"
#include "dialogs/tensor_picker.h"
#include "frozen_column_view.h"
#include "main_window.h"
#include "models/model_table_model.h"
#include "panels/model_panel.h"
#include "panels/scheme_panel.h"
#include "plots/worst_tensors_plot.h"
#include "support/gguf_files.h"
#include "support/model_files.h"
#include "support/pickle_bytes.h"
#include "support/temp_files.h"
#include "support/test_paths.h"

#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QtTest>

#include <cmath>

using namespace qs;
using namespace qs::ui;

namespace {

// Three float tensors of different spread and one integer tensor.
std::string writeModel(test::ScratchDir& dir, std::int64_t rows = 32)
{
    QByteArray data;
    QByteArray header = "{";
    const auto add = [&](const QString& name, const QByteArray& dtype, const QByteArray& bytes,
                         const QString& shape) {
        if (header.size() > 1) {
            header += ",";
        }
        header += QStringLiteral("\"%1\":{\"dtype\":\"%2\",\"shape\":%3,\"data_offsets\":[%4,%5]}")
                      .arg(name, QString::fromLatin1(dtype), shape)
                      .arg(data.size())
                      .arg(data.size() + bytes.size())
                      .toUtf8();
        data += bytes;
    };
    for (int layer = 0; layer < 3; ++layer) {
        std::vector<float> values(static_cast<std::size_t>(rows * 16));
        for (std::size_t i = 0; i < values.size(); ++i) {
            values[i] = std::sin(0.37f * static_cast<float>(i) + static_cast<float>(layer));
        }
        values[3] = static_cast<float>(1 + 20 * layer); // layer 2 has the worst outlier
        add(QStringLiteral("layer%1.weight").arg(layer), "F32", test::floatBytes(values),
            QStringLiteral("[%1,16]").arg(rows));
    }
    add(QStringLiteral("step"), "I64", QByteArray(8, '\0'), QStringLiteral("[1]"));
    header += ",\"__metadata__\":{\"format\":\"pt\"}}";
    return dir.write("model.safetensors", test::safetensorsBytes(header, data));
}

bool waitIdle(MainWindow& window)
{
    return QTest::qWaitFor([&] { return window.snapshot() && !window.isWorking(); }, 60000);
}

// Shows layer0.weight of `path`, then the Model view, and waits for its report.
bool showReport(MainWindow& window, const std::string& path)
{
    window.show();
    window.start(FileSpec{path, "layer0.weight", {}}, QuantSpec{});
    if (!waitIdle(window) || window.modelPanel()->isComputing()) { // hidden: nothing runs
        return false;
    }
    QSignalSpy shown(window.modelPanel(), &ModelPanel::reportShown);
    return window.showTab("model") && shown.wait(30000);
}

QString shownTensor(const MainWindow& window)
{
    return QString::fromStdString(window.snapshot()->data->loaded.tensor.name);
}

} // namespace

class TestModelView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void pickerOpensForAFileOfSeveralTensors();
    void pickerLeadsIntoTheModelView();
    void modelFolderOpensUnderItsModelName();
    void unsafeCheckpointIsRefusedInOneDialog();
    void modelViewReportsEveryFloatTensor();
    void doubleClickOpensTheTensor();
    void cancelStopsTheReport();
    void generatedSourcesExplainTheView();
    void bestFormatColumnOnRequest();
    void numberFormatOfTheSchemePanel();
    void ggufShowsItsTypesAndLabel();
    void numbersSortLargestFirstWithNanLast();
    void namesElideInTheMiddleWithTheFullNameInTheTooltip();
    void nameColumnStaysInSight();
};

void TestModelView::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("QuantScopeTests");
}

void TestModelView::pickerOpensForAFileOfSeveralTensors()
{
    test::ScratchDir dir;
    const auto path = writeModel(dir);
    MainWindow window;
    window.show();
    window.start(FileSpec{path, {}, {}}, QuantSpec{});
    QVERIFY(waitIdle(window));
    QCOMPARE(shownTensor(window), QStringLiteral("layer0.weight")); // the first float tensor
    auto* picker = window.findChild<TensorPicker*>();
    QVERIFY(picker);
    QVERIFY(picker->isVisible());
    QCOMPARE(picker->visibleCount(), 4);
    auto* metadata = picker->findChild<QLabel*>("tensorFileMetadata");
    QVERIFY(metadata && metadata->text().contains("format: pt"));
    picker->filterEdit()->setText(QStringLiteral("LAYER2"));
    QCOMPARE(picker->visibleCount(), 1);
    picker->filterEdit()->clear();
    picker->select(QStringLiteral("layer2.weight"));
    QCOMPARE(picker->chosenName(), QStringLiteral("layer2.weight"));
    picker->accept();
    QVERIFY(QTest::qWaitFor([&] { return shownTensor(window) == "layer2.weight"; }, 20000));
    QVERIFY(waitIdle(window));

    // Opening the same file by name loads it at once; File → Choose Tensor reopens the picker
    // on the tensor shown.
    window.openFile(QString::fromStdString(path) + "#layer1.weight");
    QVERIFY(QTest::qWaitFor([&] { return shownTensor(window) == "layer1.weight"; }, 20000));
    QVERIFY(waitIdle(window));
    window.chooseTensor(FileSpec{path, {}, {}});
    const auto pickers = window.findChildren<TensorPicker*>();
    QVERIFY(!pickers.isEmpty());
    QCOMPARE(pickers.last()->chosenName(), QStringLiteral("layer1.weight"));
}

// A Hugging Face folder (File → Open Folder): the picker leads with config.json's model name and
// architecture, and a tensor picked from it is shown.
void TestModelView::modelFolderOpensUnderItsModelName()
{
    test::ScratchDir dir;
    const std::string folder = dir.path(QStringLiteral("llama"));
    QVERIFY(QDir().mkpath(QString::fromStdString(folder)));
    QVERIFY(QFile::copy(test::testData(QStringLiteral("torch/state_zip.pt")),
                        QString::fromStdString(folder + "/pytorch_model.bin")));
    QFile config(QString::fromStdString(folder + "/config.json"));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write(R"({"architectures": ["LlamaForCausalLM"], "_name_or_path": "tiny/llama"})");
    config.close();
    MainWindow window;
    window.show();
    window.start(PresetSpec{"tutorial-3"}, QuantSpec{});
    QVERIFY(waitIdle(window));
    QVERIFY(window.menuBar()->findChild<QAction*>("openFolder") != nullptr);
    window.openFile(QString::fromStdString(folder));
    auto* picker = window.findChild<TensorPicker*>();
    QVERIFY(picker && picker->isVisible());
    QCOMPARE(picker->visibleCount(), 23);
    auto* metadata = picker->findChild<QLabel*>("tensorFileMetadata");
    QVERIFY(metadata);
    QVERIFY2(metadata->text().contains("model: tiny/llama; architecture: LlamaForCausalLM"),
             qPrintable(metadata->text()));
    picker->select(QStringLiteral("model.transposed"));
    picker->accept();
    QVERIFY(QTest::qWaitFor([&] { return shownTensor(window) == "model.transposed"; }, 20000));
    QVERIFY(waitIdle(window));
    QCOMPARE(window.snapshot()->data->loaded.tensor.shape, (Shape{5, 3}));
}

// A .pt whose pickle names os.system: one error dialog saying so, the tensor shown kept.
void TestModelView::unsafeCheckpointIsRefusedInOneDialog()
{
    test::ScratchDir dir;
    const std::string path = dir.path(QStringLiteral("model.pt"));
    test::writeTorchZip(path, test::PickleWriter().proto().global("os", "system").stop().bytes(),
                        {});
    MainWindow window;
    window.show();
    window.start(PresetSpec{"tutorial-3"}, QuantSpec{});
    QVERIFY(waitIdle(window));
    const SnapshotPtr before = window.snapshot();
    window.openFile(QString::fromStdString(path));
    QTRY_VERIFY_WITH_TIMEOUT(!window.findChildren<QMessageBox*>("errorDialog").isEmpty(), 20000);
    QVERIFY(waitIdle(window));
    const auto dialogs = window.findChildren<QMessageBox*>("errorDialog");
    QCOMPARE(dialogs.size(), 1);
    QVERIFY2(dialogs.first()->text().contains("os.system"), qPrintable(dialogs.first()->text()));
    QCOMPARE(window.snapshot(), before);
}

// File → Open on a file of several tensors loads nothing until one is picked; "Every tensor"
// is the way into the Model view without choosing.
void TestModelView::pickerLeadsIntoTheModelView()
{
    test::ScratchDir dir;
    const auto path = writeModel(dir);
    MainWindow window;
    window.show();
    window.start(PresetSpec{"tutorial-3"}, QuantSpec{});
    QVERIFY(waitIdle(window));
    window.openFile(QString::fromStdString(path));
    auto* picker = window.findChild<TensorPicker*>();
    QVERIFY(picker && picker->isVisible());
    auto* everyTensor = picker->findChild<QPushButton*>("everyTensorButton");
    QVERIFY(everyTensor && everyTensor->isEnabled());
    QSignalSpy shown(window.modelPanel(), &ModelPanel::reportShown);
    everyTensor->click();
    QVERIFY(QTest::qWaitFor([&] { return shownTensor(window) == "layer0.weight"; }, 20000));
    QCOMPARE(window.currentViewName(), QStringLiteral("model"));
    QVERIFY(shown.wait(30000));
    QCOMPARE(window.modelPanel()->tableModel()->rowCount(), 3);
}

void TestModelView::modelViewReportsEveryFloatTensor()
{
    test::ScratchDir dir;
    const auto path = writeModel(dir);
    MainWindow window;
    QVERIFY(showReport(window, path));
    ModelPanel* panel = window.modelPanel();
    QSignalSpy shown(panel, &ModelPanel::reportShown);
    ModelTableModel* model = panel->tableModel();
    QCOMPARE(model->rowCount(), 3);
    QVERIFY(panel->statusText().contains("1 skipped (1 not floating-point)"));
    // What File → Export Report writes while this view is in front.
    const auto report = panel->shownReport();
    QVERIFY(report);
    QCOMPARE(report->tensors.size(), std::size_t{3});
    QCOMPARE(report->skipped.size(), std::size_t{1});
    QCOMPARE(report->file, path);
    // Sorted by SQNR, worst first; the chart agrees.
    auto* sorted = qobject_cast<QSortFilterProxyModel*>(panel->table()->model());
    const auto sqnrAt = [&](int row) {
        return sorted->index(row, ModelTableModel::Sqnr)
            .data(ModelTableModel::kSortRole)
            .toDouble();
    };
    QVERIFY(sqnrAt(0) <= sqnrAt(1) && sqnrAt(1) <= sqnrAt(2));
    QCOMPARE(sorted->index(0, ModelTableModel::Name).data().toString(),
             QStringLiteral("layer2.weight"));
    QCOMPARE(panel->chart()->shownNames().first(), QStringLiteral("layer2.weight"));
    // The row of the shown tensor is the window's own analysis.
    const auto shownRow = std::ranges::find(model->rows(), "layer0.weight", &TensorReportRow::name);
    QCOMPARE(shownRow->sqnrDb, window.snapshot()->current.metrics.sqnrDb);

    // A scheme change re-runs the report while it is shown.
    auto* scheme = window.schemePanel()->findChild<QComboBox*>("scheme");
    QVERIFY(scheme);
    scheme->setCurrentIndex(scheme->findData(static_cast<int>(Scheme::Asymmetric)));
    QVERIFY(shown.wait(30000));
    QVERIFY(waitIdle(window));
    const auto rerun = std::ranges::find(model->rows(), "layer0.weight", &TensorReportRow::name);
    QCOMPARE(rerun->sqnrDb, window.snapshot()->current.metrics.sqnrDb);
    QCOMPARE(window.snapshot()->spec.scheme, Scheme::Asymmetric);
}

void TestModelView::doubleClickOpensTheTensor()
{
    test::ScratchDir dir;
    const auto path = writeModel(dir);
    MainWindow window;
    QVERIFY(showReport(window, path));
    QTableView* table = window.modelPanel()->table();
    const QModelIndex worst = table->model()->index(0, ModelTableModel::Name);
    const QRect cell = table->visualRect(worst);
    // A view only takes a double-click on the cell a press went to, as with a real mouse.
    QTest::mousePress(table->viewport(), Qt::LeftButton, {}, cell.center());
    QTest::mouseRelease(table->viewport(), Qt::LeftButton, {}, cell.center());
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, cell.center());
    QVERIFY(QTest::qWaitFor([&] { return shownTensor(window) == "layer2.weight"; }, 20000));
    auto* views = window.findChild<QTabWidget*>("views");
    QCOMPARE(views->tabText(views->currentIndex()), QStringLiteral("Quantizer"));
}

void TestModelView::cancelStopsTheReport()
{
    test::ScratchDir dir;
    const auto path = writeModel(dir, 20000); // three tensors of 320,000 values
    MainWindow window;
    window.show();
    window.start(FileSpec{path, "layer0.weight", {}}, QuantSpec{});
    QVERIFY(waitIdle(window));
    ModelPanel* panel = window.modelPanel();
    window.showTab("model");
    QVERIFY(panel->isComputing());
    auto* cancel = panel->findChild<QToolButton*>("modelCancel");
    QVERIFY(cancel && cancel->isVisible());
    cancel->click();
    QVERIFY(QTest::qWaitFor([&] { return panel->statusText().startsWith("Cancelled"); }, 30000));
    QVERIFY(!panel->isComputing());
    QVERIFY(panel->tableModel()->rowCount() < 3);
    // Not restarted by showing the view again; a new scheme runs it.
    window.showTab("quantizer");
    window.showTab("model");
    QVERIFY(!panel->isComputing());
}

void TestModelView::generatedSourcesExplainTheView()
{
    MainWindow window;
    window.show();
    window.start(MainWindow::demoSource(), MainWindow::demoSpec());
    QVERIFY(waitIdle(window));
    window.showTab("model");
    QVERIFY(!window.modelPanel()->isComputing());
    QVERIFY(window.modelPanel()->statusText().contains("Open a .safetensors"));
    QCOMPARE(window.modelPanel()->tableModel()->rowCount(), 0);
    // No file, no best format to seek.
    QVERIFY(!window.modelPanel()->findChild<QComboBox*>("bestFormatBits")->isEnabled());
}

void TestModelView::bestFormatColumnOnRequest()
{
    test::ScratchDir dir;
    const auto path = writeModel(dir);
    MainWindow window;
    QVERIFY(showReport(window, path));
    ModelPanel* panel = window.modelPanel();
    QTableView* table = panel->table();
    // Not sought by default: no column, no shoot-out.
    QCOMPARE(panel->bestFormatBits(), 0);
    QVERIFY(table->isColumnHidden(ModelTableModel::BestFormat));
    QVERIFY(std::ranges::none_of(panel->tableModel()->rows(), [](const TensorReportRow& r) {
        return r.bestFormat.has_value();
    }));

    // Choosing 4 bits runs the report again with the column.
    QSignalSpy shown(panel, &ModelPanel::reportShown);
    auto* combo = panel->findChild<QComboBox*>("bestFormatBits");
    QVERIFY(combo && combo->isVisible() && combo->isEnabled());
    combo->setCurrentIndex(combo->findData(4));
    QVERIFY(shown.wait(60000));
    QVERIFY(!table->isColumnHidden(ModelTableModel::BestFormat));
    QCOMPARE(panel->tableModel()->rowCount(), 3);
    const auto candidates = bitsClassCandidates(4);
    QVERIFY(candidates);
    for (int row = 0; row < 3; ++row) {
        const TensorReportRow& r = panel->tableModel()->rows()[static_cast<std::size_t>(row)];
        QVERIFY(r.bestFormat);
        QVERIFY(std::ranges::any_of(
            *candidates, [&](const ShootoutCandidate& c) { return c.name == r.bestFormat->name; }));
        const QString cell =
            panel->tableModel()->index(row, ModelTableModel::BestFormat).data().toString();
        QVERIFY2(cell.startsWith(QString::fromStdString(r.bestFormat->name) + " (") &&
                     cell.contains(" dB, ") && cell.endsWith(" bits)"),
                 qPrintable(cell));
    }
    QCOMPARE(panel->shownReport()->bestFormatBits, 4);

    // Off again: the column hides (the rows keep what they found until the next run).
    combo->setCurrentIndex(combo->findData(0));
    QVERIFY(shown.wait(30000));
    QVERIFY(table->isColumnHidden(ModelTableModel::BestFormat));
    QVERIFY(!panel->tableModel()->rows().front().bestFormat);
}

void TestModelView::ggufShowsItsTypesAndLabel()
{
    // Labelled Q8_0 (llama_ftype 7) while q4_0 holds most values: the view says so and maps
    // each layer's roles to their types.
    const QByteArray q4 = test::readFileBytes(test::testData("ggml/q4_0.bin")).left(8 * 18);
    const QByteArray q8 = test::readFileBytes(test::testData("ggml/q8_0.bin")).left(2 * 34);
    test::ScratchDir dir;
    const auto path =
        dir.write("m.gguf", test::ggufBytes({{"token_embd.weight", {32, 2}, 8, q8},
                                             {"blk.0.attn_q.weight", {32, 8}, 2, q4},
                                             {"blk.1.attn_q.weight", {32, 8}, 2, q4},
                                             {"blk.1.ffn_down.weight", {32, 2}, 8, q8}},
                                            32, {{"general.file_type", 7}}));
    MainWindow window;
    window.show();
    window.start(FileSpec{path, "blk.0.attn_q.weight", {}}, QuantSpec{});
    QVERIFY(waitIdle(window));
    QSignalSpy shown(window.modelPanel(), &ModelPanel::reportShown);
    QVERIFY(window.showTab("model") && shown.wait(30000));
    ModelPanel* panel = window.modelPanel();
    QVERIFY(panel->auditLabel()->isVisible());
    QVERIFY2(panel->auditLabel()->text().contains("Q8_0") &&
                 panel->auditLabel()->text().contains("disagrees"),
             qPrintable(panel->auditLabel()->text()));
    QTableView* map = panel->typeMapView();
    QVERIFY(map->isVisible());
    QAbstractItemModel* cells = map->model();
    QCOMPARE(cells->rowCount(), 3); // model, blk.0, blk.1
    QCOMPARE(cells->headerData(1, Qt::Vertical).toString(), QStringLiteral("blk.0"));
    const int attnQ = [&] {
        for (int c = 0; c < cells->columnCount(); ++c) {
            if (cells->headerData(c, Qt::Horizontal).toString() == "attn_q") {
                return c;
            }
        }
        return -1;
    }();
    QVERIFY(attnQ >= 0);
    QCOMPARE(cells->index(2, attnQ).data().toString(), QStringLiteral("q4_0"));
    QVERIFY(cells->index(2, attnQ).data(Qt::BackgroundRole).value<QColor>().isValid());
}

void TestModelView::numberFormatOfTheSchemePanel()
{
    // The Model view analyses every tensor under the scheme panel's format.
    test::ScratchDir dir;
    const auto path = writeModel(dir);
    MainWindow window;
    QVERIFY(showReport(window, path));
    ModelPanel* panel = window.modelPanel();
    QSignalSpy shown(panel, &ModelPanel::reportShown);
    auto* family = window.schemePanel()->findChild<QComboBox*>("formatFamily");
    QVERIFY(family);
    family->setCurrentIndex(family->findData(static_cast<int>(FormatFamily::Nvfp4)));
    QVERIFY(shown.wait(30000));
    QVERIFY(waitIdle(window));
    QCOMPARE(window.snapshot()->spec.format.format, NumberFormat::Nvfp4);
    const auto row =
        std::ranges::find(panel->tableModel()->rows(), "layer0.weight", &TensorReportRow::name);
    QCOMPARE(row->sqnrDb, window.snapshot()->current.metrics.sqnrDb);
    QCOMPARE(panel->shownReport()->spec.format.format, NumberFormat::Nvfp4);
}

namespace {

TensorReportRow kurtosisRow(const std::string& name, double kurtosis)
{
    TensorReportRow row;
    row.name = name;
    row.outliers.excessKurtosis = kurtosis;
    return row;
}

QStringList namesInOrder(const QAbstractItemModel* sorted)
{
    QStringList names;
    for (int row = 0; row < sorted->rowCount(); ++row) {
        names << sorted->index(row, ModelTableModel::Name).data(Qt::ToolTipRole).toString();
    }
    return names;
}

} // namespace

void TestModelView::numbersSortLargestFirstWithNanLast()
{
    ModelPanel panel;        // without a file no report runs: the rows are the test's
    panel.resize(1800, 600); // every column in sight of the mouse
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    ModelTableModel* model = panel.tableModel();
    model->append(kurtosisRow("small", 0.5));
    model->append(kurtosisRow("none", std::nan("")));
    model->append(kurtosisRow("large", 40));
    model->append(kurtosisRow("middle", 3));
    QHeaderView* header = panel.table()->horizontalHeader();
    // A click on a number column: the largest first, the tensor without a value last.
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {},
                      QPoint(header->sectionViewportPosition(ModelTableModel::Kurtosis) + 5,
                             header->height() / 2));
    QCOMPARE(header->sortIndicatorSection(), int(ModelTableModel::Kurtosis));
    QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
    const QStringList descending{"large", "middle", "small", "none"};
    QCOMPARE(namesInOrder(panel.table()->model()), descending);
    // The chart follows the table: the largest kurtosis first, the tensor without one left out.
    QCOMPARE(panel.chart()->shownNames(), (QStringList{"large", "middle", "small"}));
    QVERIFY2(panel.chart()->caption().startsWith("Highest: Kurtosis"),
             qPrintable(panel.chart()->caption()));
    // The second click: the smallest first, still without a value last.
    panel.table()->sortByColumn(ModelTableModel::Kurtosis, Qt::AscendingOrder);
    const QStringList ascending{"small", "middle", "large", "none"};
    QCOMPARE(namesInOrder(panel.table()->model()), ascending);
    QCOMPARE(panel.chart()->shownNames(), (QStringList{"small", "middle", "large"}));
    QVERIFY(panel.chart()->caption().startsWith("Lowest: Kurtosis"));
    // Sorted by name again: the chart goes back to the lowest SQNR.
    panel.table()->sortByColumn(ModelTableModel::Name, Qt::AscendingOrder);
    QVERIFY(panel.chart()->caption().startsWith("Lowest SQNR"));
}

void TestModelView::namesElideInTheMiddleWithTheFullNameInTheTooltip()
{
    ModelPanel panel;
    const std::string name = "model.layers.17.mlp.cond.then_branch.dense_h_to_4h.weight";
    panel.tableModel()->append(kurtosisRow(name, 1));
    const QModelIndex cell = panel.table()->model()->index(0, ModelTableModel::Name);
    QCOMPARE(cell.data(Qt::ToolTipRole).toString(), QString::fromStdString(name));
    QCOMPARE(panel.table()->textElideMode(), Qt::ElideMiddle);

    // In the chart, twins that differ only in the middle keep the part where they differ.
    const QStringList twins{QString::fromStdString(name),
                            "model.layers.17.mlp.cond.else_branch.dense_h_to_4h.weight",
                            "attn.q.weight"};
    const QFont font = panel.chart()->font();
    const QStringList labels = WorstTensorsPlot::distinctLabels(twins, font, 170);
    QVERIFY2(labels[0] != labels[1], qPrintable(labels.join(" | ")));
    QVERIFY2(labels[0].contains("then"), qPrintable(labels[0]));
    QVERIFY2(labels[1].contains("else"), qPrintable(labels[1]));
    for (const QString& label : labels) {
        QVERIFY(QFontMetrics(font).horizontalAdvance(label) <= 170);
    }
    QCOMPARE(labels[2], QStringLiteral("attn.q.weight")); // short: whole
    // Elided in the middle, the twins would read alike: that is what this guards against.
    QCOMPARE(QFontMetrics(font).elidedText(twins[0], Qt::ElideMiddle, 170),
             QFontMetrics(font).elidedText(twins[1], Qt::ElideMiddle, 170));
}

// Scrolled sideways to the last column, the names are still beside their numbers; a row
// picked in one part of the table is picked in the other.
void TestModelView::nameColumnStaysInSight()
{
    ModelPanel panel;
    panel.resize(700, 400); // too narrow for every column
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    for (int i = 0; i < 5; ++i) {
        panel.tableModel()->append(kurtosisRow("tensor" + std::to_string(i), i));
    }
    auto* table = qobject_cast<FrozenColumnView*>(panel.table());
    QVERIFY(table);
    QTableView* names = table->frozenView();
    QVERIFY(names->isVisible());
    QCOMPARE(names->model(), table->model());
    QVERIFY(table->horizontalScrollBar()->maximum() > 0);
    const QRect before = names->geometry();
    table->horizontalScrollBar()->setValue(table->horizontalScrollBar()->maximum());
    QCoreApplication::processEvents();
    QCOMPARE(names->geometry(), before);
    QCOMPARE(names->columnWidth(ModelTableModel::Name), table->columnWidth(ModelTableModel::Name));
    QVERIFY(!names->isColumnHidden(ModelTableModel::Name));
    QVERIFY(names->isColumnHidden(ModelTableModel::Kurtosis));
    // The main view's own name cells have scrolled away under the frozen column.
    QVERIFY(table->columnViewportPosition(ModelTableModel::Name) < 0);
    table->selectRow(3);
    QVERIFY(names->selectionModel()->isRowSelected(3, {}));
    QCOMPARE(names->selectionModel(), table->selectionModel());
    // No header is cut: every column is as wide as its header's text and the sort arrow.
    for (int column = 0; column < table->model()->columnCount(); ++column) {
        if (table->isColumnHidden(column)) {
            continue;
        }
        const QString text = table->model()->headerData(column, Qt::Horizontal).toString();
        QVERIFY2(table->columnWidth(column) >=
                     table->horizontalHeader()->fontMetrics().horizontalAdvance(text) + 20,
                 qPrintable(text));
    }
    // Its header sorts the table like the name column's own.
    QTest::mouseClick(names->horizontalHeader()->viewport(), Qt::LeftButton, {},
                      QPoint(10, names->horizontalHeader()->height() / 2));
    QCOMPARE(table->horizontalHeader()->sortIndicatorSection(), int(ModelTableModel::Name));
}

QTEST_MAIN(TestModelView)
#include "tst_model_view.moc"
