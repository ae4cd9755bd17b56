#pragma once
// One grid for the whole tensor, one per channel along an axis, or one per group of values
// along the last axis; the axis and group size show only where they apply. A number format
// with blocks of its own (MX, NVFP4, bitsandbytes) fixes them: the box then says how instead.

#include "quant/quant_spec.h"

#include <QGroupBox>

class QComboBox;
class QFormLayout;
class QLabel;
class QSpinBox;

namespace qs::ui {

class Retranslator;

struct GranularityChoice
{
    Granularity granularity = Granularity::Tensor;
    int axis = 0;
    int groupSize = 32;
};

class GranularityBox : public QGroupBox
{
    Q_OBJECT

public:
    explicit GranularityBox(QWidget* parent = nullptr);

    GranularityChoice choice() const;
    // Shows `choice` without emitting changed.
    void setChoice(const GranularityChoice& choice);
    // The axes a tensor of this rank has: −rank..rank − 1.
    void setTensorRank(int rank);
    // Non-empty: the format decides, `reason` says how, and the choice is kept, unshown, for
    // when the user picks a format that takes one again. Empty: the user chooses.
    void setFixed(const QString& reason);

signals:
    void changed();

private:
    void updateRows();

    Retranslator* m_texts = nullptr; // keeps the texts in the interface language
    QFormLayout* m_form = nullptr;
    QComboBox* m_granularity = nullptr;
    QSpinBox* m_axis = nullptr;
    QSpinBox* m_groupSize = nullptr;
    QLabel* m_fixed = nullptr;
};

} // namespace qs::ui
