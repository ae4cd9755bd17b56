#pragma once
// The quantization scheme: general / symmetric / asymmetric with the tutorial's formula beside
// the choice, bit width, signed or unsigned, narrow range, rounding and the zero-point anchor.

#include "quant/quant_spec.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QSpinBox;

namespace qs::ui {

class SchemePanel : public QWidget
{
    Q_OBJECT

public:
    explicit SchemePanel(QWidget* parent = nullptr);

    QuantSpec spec() const;
    // Shows `spec` without emitting specChanged.
    void setSpec(const QuantSpec& spec);
    // The tutorial's formula for `scheme`, as rich text.
    static QString formula(Scheme scheme);

signals:
    void specChanged(const qs::QuantSpec& spec);

private:
    void onSchemeChanged();
    void updateEnabled();
    void emitChange();

    QComboBox* m_scheme = nullptr;
    QLabel* m_formula = nullptr;
    QSpinBox* m_bits = nullptr;
    QCheckBox* m_signed = nullptr;
    QCheckBox* m_narrow = nullptr;
    QComboBox* m_rounding = nullptr;
    QSpinBox* m_roundingSeed = nullptr;
    QComboBox* m_anchor = nullptr;
    bool m_quiet = false;
};

} // namespace qs::ui
