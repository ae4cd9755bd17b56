#include "panels/compare_panel.h"

#include "i18n/retranslator.h"
#include "models/compare_model.h"
#include "panels/job_status_bar.h"

#include <QComboBox>
#include <QFontMetrics>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace qs::ui {

ComparePanel::ComparePanel(QWidget* parent) : QWidget(parent)
{
    m_texts = new Retranslator(this);
    m_model = new CompareModel(this);
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("compareTable"));
    m_view->setModel(m_model);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_view->horizontalHeader()->setSectionsClickable(true);
    m_view->setSelectionMode(QAbstractItemView::NoSelection);
    m_view->setWordWrap(false); // a number split over two lines reads as two numbers
    m_across = new QComboBox(this);
    m_across->setObjectName(QStringLiteral("compareAcross"));
    for (const CompareAcross across :
         {CompareAcross::Schemes, CompareAcross::Calibrations, CompareAcross::Granularities}) {
        m_across->addItem(QString(), int(across));
    }
    auto* acrossLabel = new QLabel(this);
    acrossLabel->setBuddy(m_across);
    auto* hint = new QLabel(this);
    m_texts->bind([this, hint, acrossLabel] {
        acrossLabel->setText(tr("Compare &across:"));
        setItemTexts(m_across, {tr("schemes"), tr("calibrations"), tr("granularities")});
        hint->setText(
            tr("Same tensor, everything else as set; the best value of each row is highlighted. "
               "Click a column to switch to it."));
    });
    m_texts->onChange([this] { refreshTexts(m_model); });
    hint->setWordWrap(true);
    m_status = new JobStatusBar(QStringLiteral("compare"), this);
    m_status->hide();
    auto* chooser = new QHBoxLayout;
    chooser->addWidget(acrossLabel);
    chooser->addWidget(m_across, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(chooser);
    layout->addWidget(hint);
    layout->addWidget(m_status);
    layout->addWidget(m_view, 1);
    connect(m_view->horizontalHeader(), &QHeaderView::sectionClicked, this,
            &ComparePanel::chooseColumn);
    connect(m_view, &QTableView::clicked, this,
            [this](const QModelIndex& index) { chooseColumn(index.column()); });
    connect(m_across, &QComboBox::currentIndexChanged, this, &ComparePanel::refresh);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ComparePanel::fitColumns);
    connect(&m_jobs, &JobTracker::progressChanged, m_status, &JobStatusBar::setProgress);
    connect(m_status, &JobStatusBar::cancelRequested, &m_jobs, &JobTracker::cancel);
}

ComparePanel::~ComparePanel() = default; // the tracker cancels and waits

void ComparePanel::setSnapshot(const SnapshotPtr& snapshot)
{
    m_snapshot = snapshot;
    refresh();
}

void ComparePanel::setAcross(CompareAcross across)
{
    m_across->setCurrentIndex(m_across->findData(int(across)));
}

CompareAcross ComparePanel::across() const
{
    return static_cast<CompareAcross>(m_across->currentData().toInt());
}

void ComparePanel::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    refresh();
    fitColumns();
}

void ComparePanel::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    fitColumns();
}

// The columns share the width when every number fits; else (seven calibrations, or the longer
// metric names of Chinese) each keeps the width of its digits and the table scrolls sideways.
void ComparePanel::fitColumns()
{
    const QFontMetrics metrics(m_view->font());
    constexpr int kCellMargins = 14;
    int needed = 0;
    for (int column = 0; column < m_model->columnCount(); ++column) {
        int widest = m_view->horizontalHeader()->sectionSizeHint(column);
        for (int row = 0; row < m_model->rowCount(); ++row) {
            widest = std::max(
                widest, metrics.horizontalAdvance(m_model->index(row, column).data().toString()) +
                            kCellMargins);
        }
        needed += widest;
    }
    const bool fits = needed <= m_view->viewport()->width();
    m_view->horizontalHeader()->setSectionResizeMode(fits ? QHeaderView::Stretch
                                                          : QHeaderView::ResizeToContents);
}

// The schemes are in the snapshot; the other comparisons run when shown, once per snapshot.
void ComparePanel::refresh()
{
    const CompareAcross wanted = across();
    if (wanted == CompareAcross::Schemes || !m_snapshot) {
        m_jobs.cancel();
        m_status->hide();
        m_computedFor.reset();
        m_computedAcross.reset();
        m_model->setSnapshot(m_snapshot);
        return;
    }
    if (!isVisible() || (m_computedFor == m_snapshot && m_computedAcross == wanted)) {
        return;
    }
    m_computedFor = m_snapshot;
    m_computedAcross = wanted;
    m_model->setSnapshot(m_snapshot); // the current column at once; the others when computed
    m_model->setSettingColumns(wanted, {});
    m_status->show();
    m_status->start([] { return tr("Comparing…"); });
    m_jobs.start(
        [snapshot = m_snapshot, wanted](const JobControl& job) {
            return compareSettings(snapshot->data->loaded.tensor.view(), snapshot->spec, wanted,
                                   job.progressFn());
        },
        [this, wanted](std::optional<Result<std::vector<SettingColumn>>> columns) {
            m_status->stop();
            if (!columns || !*columns) { // cancelled: asked again with the next snapshot
                m_computedFor.reset();
                m_status->setText([] { return tr("Cancelled."); });
                return;
            }
            m_status->hide();
            m_model->setSettingColumns(wanted, std::move(**columns));
            emit comparisonShown();
        });
}

void ComparePanel::chooseColumn(int column)
{
    if (m_model->across() == CompareAcross::Schemes) {
        if (const auto scheme = CompareModel::schemeForColumn(column)) {
            emit schemeChosen(*scheme);
        }
    } else if (const auto spec = m_model->specForColumn(column)) {
        emit specChosen(*spec);
    }
}

} // namespace qs::ui
