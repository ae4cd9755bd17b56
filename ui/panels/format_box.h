#pragma once
// The number format: the integer grid of the tutorial's schemes (whose options the scheme panel
// shows below it) or a minifloat, MX, NVFP4 or bitsandbytes format with only the options that
// format takes — the element type; no scale, overflow (FP8 only) and element rounding for the
// minifloats; the scale rule and element rounding for MX; the flavour for NVFP4; the block size
// and the zero-block backend for bitsandbytes; for llama.cpp's ggml block types the type alone.
// A hidden option keeps its value, so format() gives back every field setFormat() was given.

#include "quant/number_format.h"

#include <QWidget>

#include <array>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QSpinBox;

namespace qs::ui {

class Retranslator;

class FormatBox : public QWidget
{
    Q_OBJECT

public:
    explicit FormatBox(QWidget* parent = nullptr);

    // Every field but scaleStorage, which belongs to the integer grid's options (the scheme
    // panel's); it comes back at its default.
    FormatSpec format() const;
    // Shows `format` without emitting changed.
    void setFormat(const FormatSpec& format);
    FormatFamily family() const;
    // The tensor's rows (its last axis): ggml's block types whose blocks do not tile them are
    // offered disabled, with the reason in their tooltip. 0: no tensor yet, everything offered.
    void setRowLength(std::size_t rowLength);

signals:
    void changed();

private:
    void onFamilyChanged();
    // The element types of `family` in the element box, `selected` chosen.
    void fillElements(FormatFamily family, NumberFormat selected);
    void nameElements();
    void updateRows();

    Retranslator* m_texts = nullptr; // keeps the texts in the interface language
    QFormLayout* m_form = nullptr;
    QComboBox* m_family = nullptr;
    QComboBox* m_element = nullptr;
    QCheckBox* m_noScale = nullptr;
    QComboBox* m_overflow = nullptr;
    QComboBox* m_elementRounding = nullptr;
    QComboBox* m_mxScale = nullptr;
    QComboBox* m_flavour = nullptr;
    QSpinBox* m_blockSize = nullptr;
    QComboBox* m_backend = nullptr;
    std::size_t m_rowLength = 0;
    // The element last chosen in each family, so that switching away and back keeps it.
    std::array<NumberFormat, 6> m_lastElement{}; // by family
};

} // namespace qs::ui
