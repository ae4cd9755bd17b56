#pragma once
// A splitter whose handles show a grip: the default Fusion handle is a blank strip a user does
// not find, so the panes look fixed.

#include <QSplitter>

namespace qs::ui {

class GripSplitter : public QSplitter
{
    Q_OBJECT

public:
    explicit GripSplitter(Qt::Orientation orientation, QWidget* parent = nullptr);

protected:
    QSplitterHandle* createHandle() override;
};

} // namespace qs::ui
