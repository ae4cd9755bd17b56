#include "frozen_column_view.h"

#include <QHeaderView>
#include <QScrollBar>

namespace qs::ui {

FrozenColumnView::FrozenColumnView(QWidget* parent) : QTableView(parent)
{
    m_frozen = new QTableView(this);
    m_frozen->setObjectName(QStringLiteral("frozenColumn"));
    m_frozen->setFocusPolicy(Qt::NoFocus);
    m_frozen->verticalHeader()->hide();
    m_frozen->horizontalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_frozen->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_frozen->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_frozen->setVerticalScrollMode(ScrollPerPixel);
    m_frozen->setWordWrap(false);
    m_frozen->setEditTriggers(NoEditTriggers);
    m_frozen->setStyleSheet(QStringLiteral("QTableView { border: none; }"));
    viewport()->stackUnder(m_frozen);
    setVerticalScrollMode(ScrollPerPixel);
    setHorizontalScrollMode(ScrollPerPixel);

    // One vertical position for both.
    connect(m_frozen->verticalScrollBar(), &QAbstractSlider::valueChanged, verticalScrollBar(),
            &QAbstractSlider::setValue);
    connect(verticalScrollBar(), &QAbstractSlider::valueChanged, m_frozen->verticalScrollBar(),
            &QAbstractSlider::setValue);
    // The first column's width and the rows' heights follow the table's.
    connect(horizontalHeader(), &QHeaderView::sectionResized, this,
            [this](int section, int, int size) {
                if (section == 0) {
                    m_frozen->setColumnWidth(0, size);
                    placeFrozen();
                }
            });
    connect(verticalHeader(), &QHeaderView::sectionResized, this,
            [this](int section, int, int size) { m_frozen->setRowHeight(section, size); });
    // Its header sorts the table: the same model, so both show the new order.
    QHeaderView* frozenHeader = m_frozen->horizontalHeader();
    frozenHeader->setSectionsClickable(true);
    frozenHeader->setSortIndicatorShown(true);
    connect(frozenHeader, &QHeaderView::sectionClicked, this, [this] {
        QHeaderView* header = horizontalHeader();
        const Qt::SortOrder order = header->sortIndicatorSection() == 0 &&
                                            header->sortIndicatorOrder() == Qt::AscendingOrder
                                        ? Qt::DescendingOrder
                                        : Qt::AscendingOrder;
        header->setSortIndicator(0, order);
    });
    connect(horizontalHeader(), &QHeaderView::sortIndicatorChanged, frozenHeader,
            [frozenHeader](int section, Qt::SortOrder order) {
                frozenHeader->setSortIndicatorShown(section == 0);
                frozenHeader->setSortIndicator(section, order);
            });
    connect(m_frozen, &QTableView::doubleClicked, this, &QTableView::doubleClicked);
    connect(m_frozen, &QTableView::clicked, this, &QTableView::clicked);
}

void FrozenColumnView::setModel(QAbstractItemModel* model)
{
    QTableView::setModel(model);
    m_frozen->setModel(model);
    m_frozen->setSelectionModel(selectionModel()); // one selection: a row picked in either
    m_frozen->setSelectionBehavior(selectionBehavior());
    m_frozen->setSelectionMode(selectionMode());
    if (model != nullptr) {
        connect(model, &QAbstractItemModel::columnsInserted, this,
                &FrozenColumnView::showOnlyTheFirstColumn);
        connect(model, &QAbstractItemModel::modelReset, this,
                &FrozenColumnView::showOnlyTheFirstColumn);
        connect(model, &QAbstractItemModel::layoutChanged, this,
                &FrozenColumnView::showOnlyTheFirstColumn);
    }
    showOnlyTheFirstColumn();
}

void FrozenColumnView::setTextElideMode(Qt::TextElideMode mode)
{
    QTableView::setTextElideMode(mode);
    m_frozen->setTextElideMode(mode);
}

void FrozenColumnView::showOnlyTheFirstColumn()
{
    if (model() == nullptr) {
        return;
    }
    for (int column = 1; column < model()->columnCount(); ++column) {
        m_frozen->setColumnHidden(column, true);
    }
    m_frozen->setColumnWidth(0, columnWidth(0));
    m_frozen->verticalHeader()->setDefaultSectionSize(verticalHeader()->defaultSectionSize());
    placeFrozen();
}

void FrozenColumnView::resizeEvent(QResizeEvent* event)
{
    QTableView::resizeEvent(event);
    placeFrozen();
}

void FrozenColumnView::updateGeometries()
{
    QTableView::updateGeometries();
    placeFrozen();
}

void FrozenColumnView::placeFrozen()
{
    if (m_frozen == nullptr) {
        return;
    }
    m_frozen->setSelectionBehavior(selectionBehavior());
    m_frozen->setSelectionMode(selectionMode());
    m_frozen->verticalHeader()->setDefaultSectionSize(verticalHeader()->defaultSectionSize());
    const int left = frameWidth() + (verticalHeader()->isVisible() ? verticalHeader()->width() : 0);
    m_frozen->setGeometry(left, frameWidth(), columnWidth(0),
                          viewport()->height() + horizontalHeader()->height());
    m_frozen->setVisible(model() != nullptr && !isColumnHidden(0));
}

// Moving left onto a cell under the frozen column scrolls it out from under it.
QModelIndex FrozenColumnView::moveCursor(CursorAction cursorAction, Qt::KeyboardModifiers modifiers)
{
    const QModelIndex current = QTableView::moveCursor(cursorAction, modifiers);
    if (cursorAction == MoveLeft && current.column() > 0 &&
        visualRect(current).left() < m_frozen->columnWidth(0)) {
        const int shift = visualRect(current).left() - m_frozen->columnWidth(0);
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() + shift);
    }
    return current;
}

void FrozenColumnView::scrollTo(const QModelIndex& index, ScrollHint hint)
{
    if (index.column() > 0) {
        QTableView::scrollTo(index, hint);
    } else {
        m_frozen->scrollTo(index, hint); // always in sight sideways: only the rows scroll
    }
}

} // namespace qs::ui
