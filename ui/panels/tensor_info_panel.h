#pragma once
// What the tensor is: name, shape, dtype, the stats and the NaN/Inf counts.

#include "analysis_snapshot.h"

#include <QWidget>

class QFormLayout;
class QLabel;

namespace qs::ui {

class TensorInfoPanel : public QWidget
{
    Q_OBJECT

public:
    explicit TensorInfoPanel(QWidget* parent = nullptr);
    void setSnapshot(const SnapshotPtr& snapshot);

private:
    QLabel* addRow(QFormLayout* form, const QString& label);

    QLabel* m_name = nullptr;
    QLabel* m_shape = nullptr;
    QLabel* m_dtype = nullptr;
    QLabel* m_count = nullptr;
    QLabel* m_nonFinite = nullptr;
    QLabel* m_range = nullptr;
    QLabel* m_moments = nullptr;
};

} // namespace qs::ui
