#include "panels/compare_panel.h"

#include "i18n/retranslator.h"
#include "models/compare_model.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

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
    auto* hint = new QLabel(this);
    m_texts->bind([hint] {
        hint->setText(
            tr("Same tensor, same bits and rounding; the best value of each row is highlighted. "
               "Click a scheme's column to switch to it."));
    });
    m_texts->onChange([this] { refreshTexts(m_model); });
    hint->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(hint);
    layout->addWidget(m_view, 1);
    connect(m_view->horizontalHeader(), &QHeaderView::sectionClicked, this,
            &ComparePanel::chooseColumn);
    connect(m_view, &QTableView::clicked, this,
            [this](const QModelIndex& index) { chooseColumn(index.column()); });
}

void ComparePanel::setSnapshot(const SnapshotPtr& snapshot)
{
    m_model->setSnapshot(snapshot);
}

void ComparePanel::chooseColumn(int column)
{
    if (const auto scheme = CompareModel::schemeForColumn(column)) {
        emit schemeChosen(*scheme);
    }
}

} // namespace qs::ui
