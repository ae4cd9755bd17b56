#include "panels/model_panel.h"

#include "frozen_column_view.h"
#include "grip_splitter.h"
#include "i18n/core_texts.h"
#include "i18n/retranslator.h"
#include "io/archive_factory.h"
#include "models/model_table_model.h"
#include "models/reference_columns_model.h"
#include "models/type_map_model.h"
#include "panels/job_status_bar.h"
#include "panels/reference_bar.h"
#include "plots/worst_tensors_plot.h"
#include "report/model_report_output.h"
#include "theme.h"

#include <QComboBox>
#include <QFontMetrics>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace qs::ui {
namespace {

// Sorts by kSortRole with rows that have no number (NaN) last in both orders: a missing value
// is never the best nor the worst.
class NanLastProxy : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

protected:
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override
    {
        const QVariant a = left.data(sortRole());
        const QVariant b = right.data(sortRole());
        const bool aNan = a.typeId() == QMetaType::Double && std::isnan(a.toDouble());
        const bool bNan = b.typeId() == QMetaType::Double && std::isnan(b.toDouble());
        if (aNan || bNan) {
            // Descending order puts the greater first, so NaN is the least there.
            return aNan != bNan && aNan == (sortOrder() == Qt::DescendingOrder);
        }
        return QSortFilterProxyModel::lessThan(left, right);
    }
};

} // namespace

ModelPanel::ModelPanel(QWidget* parent) : QWidget(parent)
{
    m_texts = new Retranslator(this);
    // Headers and flags read in the new language; the numbers stay.
    m_model = new ModelTableModel(this);
    m_columns = new ReferenceColumnsModel(m_model, this);
    m_sorted = new NanLastProxy(this);
    m_sorted->setSourceModel(m_columns);
    m_sorted->setSortRole(ModelTableModel::kSortRole);
    m_table = new FrozenColumnView(this); // the names stay while the numbers scroll
    m_table->setObjectName(QStringLiteral("modelTable"));
    m_table->setModel(m_sorted);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(ModelTableModel::Sqnr, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->setColumnWidth(ModelTableModel::Name, 200);
    for (const int column :
         {ModelTableModel::Sqnr, ModelTableModel::ChannelGain, ModelTableModel::ZeroCode,
          ModelTableModel::MaxOverStd, ModelTableModel::Kurtosis, ModelTableModel::PeakRatio,
          ModelTableModel::BeyondSixSigma, ModelTableModel::MagnitudeSix}) {
        m_table->setColumnWidth(column, 80);
    }
    m_table->setColumnWidth(ModelTableModel::ChannelGain, 115);
    m_table->setColumnWidth(ModelTableModel::Flags, 150);
    m_table->setColumnWidth(ModelTableModel::Shape, 100);
    // The reference columns, when shown, read next to the tensor's name: they say how the stored
    // tensor fares, which is what a reference is set for.
    for (int column = ReferenceColumnsModel::kFirstColumn;
         column < ReferenceColumnsModel::ColumnCount; ++column) {
        QHeaderView* header = m_table->horizontalHeader();
        header->moveSection(header->visualIndex(column),
                            1 + column - ReferenceColumnsModel::kFirstColumn);
    }
    m_table->setColumnWidth(ReferenceColumnsModel::ReferenceName, 160);
    m_table->setColumnWidth(ReferenceColumnsModel::ReferenceSqnr, 110);
    m_table->setColumnWidth(ReferenceColumnsModel::ReferenceCosine, 90);
    m_table->setColumnWidth(ReferenceColumnsModel::ReferenceMaxError, 100);
    m_table->setColumnWidth(ReferenceColumnsModel::BestAlternative, 190);
    for (int column = ReferenceColumnsModel::kFirstColumn;
         column < ReferenceColumnsModel::ColumnCount; ++column) {
        m_table->setColumnHidden(column, true); // until a reference is set
    }
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideMiddle); // both ends of a name say most
    m_chart = new WorstTensorsPlot(this);
    m_texts->onChange([this] { refreshTexts(m_columns); });
    m_texts->onChange([this] { fitColumnsToHeaders(); });
    m_texts->onChange([this] { showAudit(m_auditShown); });
    m_texts->onChange([this] { updateChart(); });
    connect(m_table->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this,
            &ModelPanel::updateChart);

    m_status = new JobStatusBar(QStringLiteral("model"), this);
    auto* bestLabel = new QLabel(this);
    m_bestFormat = new QComboBox(this);
    m_bestFormat->setObjectName(QStringLiteral("bestFormatBits"));
    m_bestFormat->addItem(QString(), 0);
    m_bestFormat->addItem(QString(), 4);
    m_bestFormat->addItem(QString(), 8);
    bestLabel->setBuddy(m_bestFormat);
    m_texts->bind([bestLabel, combo = m_bestFormat] {
        bestLabel->setText(tr("Best &format:"));
        combo->setItemText(0, tr("not sought"));
        combo->setItemText(1, tr("at 4 bits (int4, NF4, FP4, MXFP4, NVFP4)"));
        combo->setItemText(2, tr("at 8 bits (int8, FP8, MXFP8, MXINT8)"));
        combo->setToolTip(tr("Run the Formats tab's shoot-out of the class on every tensor and "
                             "show the best format within one bit per value of it"));
    });
    m_table->setColumnHidden(ModelTableModel::BestFormat, true);
    m_table->setColumnWidth(ModelTableModel::BestFormat, 190);
    fitColumnsToHeaders();
    connect(m_bestFormat, &QComboBox::currentIndexChanged, this, &ModelPanel::onBestFormatChosen);
    auto* top = new QHBoxLayout;
    top->addWidget(m_status, 1);
    top->addWidget(bestLabel);
    top->addWidget(m_bestFormat);

    m_audit = new QLabel(this);
    m_audit->setObjectName(QStringLiteral("ggufAudit"));
    m_audit->setWordWrap(true);
    m_audit->hide();
    m_referenceBar = new ReferenceBar(this);
    connect(m_referenceBar, &ReferenceBar::clearRequested, this, &ModelPanel::clearReference);
    m_typeMap = new TypeMapModel(this);
    m_typeMapView = new QTableView(this);
    m_typeMapView->setObjectName(QStringLiteral("typeMap"));
    m_typeMapView->setModel(m_typeMap);
    m_typeMapView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_typeMapView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_typeMapView->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 4);
    m_typeMapView->hide();
    auto* right = new GripSplitter(Qt::Vertical, this);
    right->addWidget(m_chart);
    right->addWidget(m_typeMapView);
    // The chart is what the view is about; the type map reads in a few rows and scrolls.
    right->setStretchFactor(0, 3);
    right->setStretchFactor(1, 1);
    right->setSizes({300, 100});
    auto* split = new GripSplitter(Qt::Horizontal, this);
    split->addWidget(m_table);
    split->addWidget(right);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({600, 360});
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_audit);
    layout->addWidget(m_referenceBar);
    layout->addWidget(split, 1);

    m_reportMessage = &ModelPanel::noFileHint;
    m_status->setText(m_reportMessage);

    connect(&m_jobs, &JobTracker::progressChanged, m_status, &JobStatusBar::setProgress);
    connect(m_status, &JobStatusBar::cancelRequested, &m_jobs, &JobTracker::cancel);
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        const QModelIndex source = m_sorted->mapToSource(index);
        emit tensorChosen(QString::fromStdString(
            m_model->rows().at(static_cast<std::size_t>(source.row())).name));
    });
}

QString ModelPanel::tensorCount(std::size_t count)
{
    return count == 1 ? tr("1 tensor") : tr("%1 tensors").arg(count);
}

QString ModelPanel::noFileHint()
{
    return tr("The Model view analyses every tensor of a model file under the current scheme. "
              "Open a .safetensors, .npz, .onnx, .gguf or TF.js model.json (File → Open).");
}

ModelPanel::~ModelPanel() = default; // the tracker cancels and waits

std::optional<ModelReport> ModelPanel::shownReport() const
{
    if (!m_shown || m_computing || !m_summary || !m_summary->report || !(m_shown == m_wanted)) {
        return std::nullopt;
    }
    ModelReport report = *m_summary->report;
    if (const auto reference = wantedReference()) {
        if (m_referenceComputing || !(reference == m_referenceShown)) {
            return std::nullopt; // the comparison is still to come
        }
        report.reference = m_columns->comparison(); // none after an error or a cancel
    }
    return report;
}

QString ModelPanel::statusText() const
{
    return m_status->text();
}

void ModelPanel::setSnapshot(const SnapshotPtr& snapshot)
{
    const auto* file = std::get_if<FileSpec>(&snapshot->data->source);
    m_bestFormat->setEnabled(file != nullptr); // nothing to seek without a model file
    if (file == nullptr || file->path != m_referenceFor) {
        // A reference is compared with the file it was chosen for.
        setReference({});
    }
    if (file == nullptr) {
        m_wanted.reset();
        m_shown.reset();
        m_jobs.cancel();
        m_model->clear();
        m_chart->setRows({});
        m_reportMessage = &ModelPanel::noFileHint;
        m_status->setText(m_reportMessage);
        return;
    }
    {
        Input input{*file, snapshot->spec, bestFormatBits()};
        input.file.tensorName.clear();
        m_wanted = std::move(input);
    }
    startIfNeeded();
}

int ModelPanel::bestFormatBits() const
{
    return m_bestFormat->currentData().toInt();
}

void ModelPanel::setBestFormatBits(int bits)
{
    const int index = m_bestFormat->findData(bits);
    m_bestFormat->setCurrentIndex(index < 0 ? 0 : index);
}

void ModelPanel::onBestFormatChosen()
{
    const int bits = bestFormatBits();
    m_table->setColumnHidden(ModelTableModel::BestFormat, bits == 0);
    if (m_wanted) {
        m_wanted->bestFormatBits = bits;
        startIfNeeded();
    }
}

void ModelPanel::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    startIfNeeded();
}

void ModelPanel::startIfNeeded()
{
    if (!isVisible()) {
        return;
    }
    // The report first; the comparison once the report of the newest file and scheme is shown
    // (one job at a time: starting one replaces the other).
    if (m_wanted && !(m_wanted == m_shown)) {
        if (!(m_computing == m_wanted)) {
            startReport();
        }
        return;
    }
    const auto reference = wantedReference();
    if (reference && !(reference == m_referenceShown) && !(reference == m_referenceComputing)) {
        startComparison(*reference);
    }
}

void ModelPanel::startReport()
{
    m_computing = m_wanted;
    m_shown.reset();              // the table is emptied for the new rows
    m_referenceComputing.reset(); // a comparison running is replaced; it runs after the report
    if (m_referenceCancelled) {
        m_referenceShown.reset(); // a cancelled comparison is tried again with the new report
    }
    showReference();
    m_model->clear();
    m_chart->setRows({});
    m_status->start([path = QString::fromStdString(m_computing->file.path)] {
        return tr("Analysing every tensor of %1…").arg(path);
    });
    m_jobs.startStreaming<TensorReportRow>(
        [input = *m_computing](const JobControl& job,
                               const std::function<void(TensorReportRow)>& report) {
            return compute(input, job, report);
        },
        [this](const TensorReportRow& row) { m_model->append(row); },
        [this](std::optional<RunSummary> summary) {
            onFinished(summary ? std::move(*summary) : RunSummary{.cancelled = true});
        });
}

ModelPanel::RunSummary ModelPanel::compute(const Input& input, const JobControl& job,
                                           const std::function<void(TensorReportRow)>& report)
{
    RunSummary summary;
    auto archive = openTensorArchive(input.file);
    if (!archive) {
        summary.error = errorText(archive.error());
        return summary;
    }
    ModelReportOptions options;
    options.bestFormatBits = input.bestFormatBits;
    options.progress = job.progressFn();
    options.onTensor = [&report](const TensorReportRow& row) {
        report(row);
    };
    auto model = analyzeModel(**archive, input.spec, options);
    if (model) {
        summary.skipped = model->skipped.size();
        for (const SkippedTensor& skip : model->skipped) {
            summary.notFloating += skip.reason.starts_with(kNotFloatingPoint) ? 1 : 0;
        }
        summary.report = std::move(*model);
    } else if (model.error().code == ErrorCode::Cancelled) {
        summary.cancelled = true;
    } else {
        summary.error = errorText(model.error());
    }
    summary.cancelled = summary.cancelled || job.isCancelled();
    return summary;
}

void ModelPanel::showAudit(const std::optional<GgufAudit>& audit)
{
    if (&audit != &m_auditShown) {
        m_auditShown = audit;
    }
    m_audit->setVisible(audit.has_value());
    m_typeMapView->setVisible(audit.has_value());
    if (!audit) {
        m_typeMap->setMap({});
        return;
    }
    m_typeMap->setMap(audit->typeMap);
    QStringList types;
    for (const GgufTypeTotal& t : audit->types) {
        types << QStringLiteral("%1 × %2").arg(QString::fromStdString(t.type)).arg(t.tensors);
    }
    const QString label = QString::fromStdString(audit->fileTypeName);
    m_audit->setText([&] {
        QString text = tr("GGUF: %1 bits per value; %2.")
                           .arg(audit->bitsPerValue(), 0, 'g', 4)
                           .arg(types.join(QStringLiteral(", ")));
        if (!label.isEmpty()) {
            text += QLatin1Char(' ') + tr("Labelled %1.").arg(label);
        }
        if (audit->labelDisagrees) {
            text += QStringLiteral(" <b style=\"color:%1\">%2</b>")
                        .arg(theme::clipped().name(),
                             tr("The label disagrees: %1.")
                                 .arg(QString::fromStdString(audit->note).toHtmlEscaped()));
        }
        return text;
    }());
}

// No header is cut ("SQNR (dB" beside its sort arrow): a column is at least as wide as its
// header's text, the arrow and the style's margins, in the interface language.
void ModelPanel::fitColumnsToHeaders()
{
    const QHeaderView* header = m_table->horizontalHeader();
    const QFontMetrics metrics(header->font());
    constexpr int kArrowAndMargins = 34;
    for (int column = 0; column < m_sorted->columnCount(); ++column) {
        int needed = 0;
        const QString text = m_sorted->headerData(column, Qt::Horizontal).toString();
        for (const QString& line : text.split(QLatin1Char('\n'))) {
            needed = std::max(needed, metrics.horizontalAdvance(line) + kArrowAndMargins);
        }
        if (m_table->columnWidth(column) < needed) {
            m_table->setColumnWidth(column, needed);
        }
    }
}

void ModelPanel::updateChart()
{
    const QHeaderView* header = m_table->horizontalHeader();
    const int column = header->sortIndicatorSection();
    const bool descending = header->sortIndicatorOrder() == Qt::DescendingOrder;
    const auto isNumber = [&] {
        if (m_sorted->rowCount() == 0 || column < 0) {
            return false;
        }
        const int type = m_sorted->index(0, column).data(ModelTableModel::kSortRole).typeId();
        return type == QMetaType::Double || type == QMetaType::ULongLong;
    };
    // Sorted by a column without numbers, or worst SQNR first: what decides survival first.
    if (!isNumber() || (column == ModelTableModel::Sqnr && !descending)) {
        m_chart->setRows(m_model->rows());
        return;
    }
    std::vector<WorstTensorsPlot::Bar> bars;
    for (int row = 0; row < m_sorted->rowCount() && bars.size() < WorstTensorsPlot::kShown; ++row) {
        const QModelIndex index = m_sorted->index(row, column);
        const double value = index.data(ModelTableModel::kSortRole).toDouble();
        const auto source = static_cast<std::size_t>(m_sorted->mapToSource(index).row());
        if (!std::isfinite(value) || source >= m_model->rows().size()) {
            continue;
        }
        const TensorReportRow& tensor = m_model->rows()[source];
        bars.push_back({QString::fromStdString(tensor.name), value, isOutlierTensor(tensor)});
    }
    // Shape sorts by the count of values, which is what its bars show.
    const QString what = column == ModelTableModel::Shape
                             ? tr("values")
                             : m_sorted->headerData(column, Qt::Horizontal).toString().simplified();
    m_chart->setBars(descending ? tr("Highest: %1").arg(what) : tr("Lowest: %1").arg(what), what,
                     bars);
}

void ModelPanel::onFinished(RunSummary summary)
{
    // The tracker delivers only the newest run, m_computing; a hidden view may have been given a
    // newer file or scheme since, without starting it.
    const bool current = m_computing.has_value() && m_computing == m_wanted;
    const bool cancelled = summary.cancelled;
    m_summary = std::move(summary);
    m_status->stop();
    if (current) {
        updateChart();
        showAudit(m_summary->report ? m_summary->report->gguf : std::nullopt);
        const QString file =
            QString::fromStdString(std::filesystem::path(m_wanted->file.path).filename().string());
        if (!m_summary->error.isEmpty()) {
            m_reportMessage = [error = m_summary->error] {
                return error;
            };
        } else if (cancelled) {
            m_reportMessage = [file, rows = m_model->rows().size()] {
                return tr("Cancelled after %1 of %2. The report runs again when the scheme or "
                          "file changes.")
                    .arg(tensorCount(rows), file);
            };
        } else {
            m_reportMessage = [file, rows = m_model->rows().size(), skipped = m_summary->skipped,
                               notFloating = m_summary->notFloating] {
                QString text = tr("%1 of %2 under the current scheme, worst SQNR first.")
                                   .arg(tensorCount(rows), file);
                if (skipped > 0) {
                    text += QLatin1Char(' ') +
                            tr("%1 skipped (%2 not floating-point).").arg(skipped).arg(notFloating);
                }
                return text + QLatin1Char(' ') + tr("Double-click a tensor to open it.");
            };
        }
        m_status->setText(m_reportMessage);
        m_shown = m_computing; // a cancelled report is not restarted until something changes
        const auto reference = wantedReference();
        if (cancelled && reference && !(reference == m_referenceShown)) {
            // Cancel stops the comparison waiting for this report too.
            m_columns->setComparison(std::nullopt);
            m_referenceShown = reference;
            m_referenceError.clear();
            m_referenceCancelled = true;
            showReference();
        }
        if (!cancelled && m_summary->error.isEmpty()) {
            emit reportShown();
        }
    }
    m_computing.reset();
    startIfNeeded();
}

} // namespace qs::ui
