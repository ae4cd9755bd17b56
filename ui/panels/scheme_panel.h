#pragma once
// The quantization scheme: general / symmetric / asymmetric with the tutorial's formula beside
// the choice, bit width, signed or unsigned, narrow range, rounding, the zero-point anchor and
// whose arithmetic (convention); then calibration and granularity. A framework preset fills it
// all in and is named until the user changes something.

#include "quant/quant_spec.h"

#include <QWidget>

#include <string>

class QCheckBox;
class QComboBox;
class QLabel;
class QSpinBox;

namespace qs::ui {

class Retranslator;
class CalibrationBox;
class GranularityBox;

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
    // The axes the channel axis can take, for a tensor of this rank.
    void setTensorRank(int rank);

signals:
    void specChanged(const qs::QuantSpec& spec);

private:
    void onSchemeChanged();
    void updateEnabled();
    void showPreset();
    void emitChange();

    Retranslator* m_texts = nullptr; // keeps the texts in the interface language
    QComboBox* m_scheme = nullptr;
    QLabel* m_formula = nullptr;
    QSpinBox* m_bits = nullptr;
    QCheckBox* m_signed = nullptr;
    QCheckBox* m_narrow = nullptr;
    QComboBox* m_rounding = nullptr;
    QSpinBox* m_roundingSeed = nullptr;
    QComboBox* m_anchor = nullptr;
    QComboBox* m_convention = nullptr;
    QLabel* m_preset = nullptr;
    CalibrationBox* m_calibration = nullptr;
    GranularityBox* m_granularity = nullptr;
    std::string m_presetName; // the preset the shown spec came from, until an edit
    bool m_quiet = false;
};

} // namespace qs::ui
