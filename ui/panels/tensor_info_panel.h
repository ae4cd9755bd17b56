#pragma once
// What the tensor is: name, shape, dtype, the stats and the NaN/Inf counts.

#include "analysis_snapshot.h"

#include <QWidget>

#include <functional>

class QFormLayout;
class QLabel;

namespace qs::ui {

class Retranslator;

class TensorInfoPanel : public QWidget
{
    Q_OBJECT

public:
    explicit TensorInfoPanel(QWidget* parent = nullptr);
    void setSnapshot(const SnapshotPtr& snapshot);

private:
    QLabel* addRow(QFormLayout* form, std::function<QString()> label);

    Retranslator* m_texts = nullptr; // keeps the texts in the interface language
    SnapshotPtr m_shown;
    QLabel* m_name = nullptr;
    QLabel* m_shape = nullptr;
    QLabel* m_dtype = nullptr;
    QLabel* m_count = nullptr;
    QLabel* m_nonFinite = nullptr;
    QLabel* m_range = nullptr;
    QLabel* m_moments = nullptr;
};

} // namespace qs::ui
