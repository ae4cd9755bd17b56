#pragma once
// The quantization scheme. First the number format (format_box.h): the integer grid, or a
// minifloat, MX, NVFP4 or bitsandbytes format with its own options. For the integer grid:
// general / symmetric / asymmetric with the tutorial's formula beside the choice, bit width,
// signed or unsigned, narrow range, rounding, the zero-point anchor, whose arithmetic
// (convention) and how the scale is stored; for another format its equation. Then its bits per
// value, calibration and granularity, each offering only what the format takes. A framework
// preset fills it all in and is named until the user changes something.

#include "quant/quant_spec.h"
#include "tensor/tensor.h"

#include <QWidget>

#include <optional>
#include <string>

class QCheckBox;
class QComboBox;
class QLabel;
class QSpinBox;

namespace qs::ui {

class Retranslator;
class CalibrationBox;
class FormatBox;
class GranularityBox;

class SchemePanel : public QWidget
{
    Q_OBJECT

public:
    explicit SchemePanel(QWidget* parent = nullptr);
    // The range the grid covers now: where a manual calibration starts.
    void setCurrentRange(double lo, double hi);

    QuantSpec spec() const;
    // Shows `spec` without emitting specChanged.
    void setSpec(const QuantSpec& spec);
    // The tutorial's formula for `scheme`, as rich text.
    static QString formula(Scheme scheme);
    // The axes the channel axis can take, for a tensor of this rank.
    void setTensorRank(int rank);
    // The tensor being analysed: its rank for the axes, its size for the bits per value.
    void setTensorShape(const Shape& shape);

signals:
    void specChanged(const qs::QuantSpec& spec);

private:
    void onSchemeChanged();
    void onFormatChanged();
    void updateEnabled();
    // The rows, equation, bits per value, calibration methods and granularity of the format
    // shown.
    void showFormat();
    void showBitsPerValue();
    void showPreset();
    void emitChange();

    Retranslator* m_texts = nullptr; // keeps the texts in the interface language
    FormatBox* m_format = nullptr;
    QWidget* m_integerGrid = nullptr; // the scheme's rows, shown for the integer grid only
    QComboBox* m_scheme = nullptr;
    QLabel* m_formula = nullptr;
    QSpinBox* m_bits = nullptr;
    QCheckBox* m_signed = nullptr;
    QCheckBox* m_narrow = nullptr;
    QComboBox* m_rounding = nullptr;
    QSpinBox* m_roundingSeed = nullptr;
    QComboBox* m_anchor = nullptr;
    QComboBox* m_convention = nullptr;
    QComboBox* m_scaleStorage = nullptr;
    QLabel* m_bitsPerValue = nullptr;
    QLabel* m_preset = nullptr;
    CalibrationBox* m_calibration = nullptr;
    GranularityBox* m_granularity = nullptr;
    std::string m_presetName;     // the preset the shown spec came from, until an edit
    std::optional<Shape> m_shape; // the tensor's, once one is analysed
    bool m_quiet = false;
};

} // namespace qs::ui
