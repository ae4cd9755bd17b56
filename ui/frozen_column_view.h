#pragma once
// A table whose first column stays in place while the others scroll sideways (the Model view's
// tensor names, read against a dozen number columns). A second view showing only that column
// lies over the left edge; it shares the model, the selection and the vertical scrolling, and
// its header sorts the table as the first column's own header would.

#include <QTableView>

namespace qs::ui {

class FrozenColumnView : public QTableView
{
    Q_OBJECT

public:
    explicit FrozenColumnView(QWidget* parent = nullptr);

    void setModel(QAbstractItemModel* model) override;
    void setTextElideMode(Qt::TextElideMode mode);
    // The view over the first column (tests).
    QTableView* frozenView() const { return m_frozen; }

protected:
    void resizeEvent(QResizeEvent* event) override;
    void updateGeometries() override;
    QModelIndex moveCursor(CursorAction cursorAction, Qt::KeyboardModifiers modifiers) override;
    void scrollTo(const QModelIndex& index, ScrollHint hint = EnsureVisible) override;

private:
    void placeFrozen();
    void showOnlyTheFirstColumn();

    QTableView* m_frozen = nullptr;
};

} // namespace qs::ui
