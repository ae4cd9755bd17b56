#pragma once
// How the range is calibrated: the method, with only the arguments that method takes shown
// (percentile P; KL's bins, start bin and levels; manual's two ends, which dragging a clip line
// on the histogram also sets), and one line on what the method does. Under
// percentile, MSE and KL, the framework whose arithmetic to follow (the variants of
// calibrate/calibrate.h), with one line naming its source. A number format can rule methods
// out; they stay listed, greyed, under one line saying why.

#include "quant/quant_spec.h"

#include <QGroupBox>

class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QSpinBox;

namespace qs::ui {

class Retranslator;

class CalibrationBox : public QGroupBox
{
    Q_OBJECT

public:
    explicit CalibrationBox(QWidget* parent = nullptr);

    CalibrationSpec calibration() const;
    // Shows `calibration` without emitting changed.
    void setCalibration(const CalibrationSpec& calibration);
    static QString describe(CalibrationMethod method);
    // Offers only `allowed` (empty: every method), with `reason` shown when it rules some out.
    // The method shown stays as it is, even when not allowed: the caller decides what replaces
    // it, so that a spec set from outside is shown as it is.
    void setAllowedMethods(const QList<CalibrationMethod>& allowed, const QString& reason);
    bool isAllowed(CalibrationMethod method) const;
    // The frameworks' variants calibrate integer grids only; without them the box offers and
    // returns each method's own default.
    void setVariantsAllowed(bool allowed);
    // The grid's bits and sign, which set KL's default levels shown in its spin box.
    void setGrid(int bits, bool isSigned);
    // The range the grid covers now: where a manual range starts when manual is chosen.
    void setCurrentRange(double lo, double hi);

signals:
    void changed();

private:
    void updateRows();
    void fillVariants(CalibrationMethod method, int variant);
    int variantOf(const CalibrationSpec& c) const;

    Retranslator* m_texts = nullptr; // keeps the texts in the interface language
    QFormLayout* m_form = nullptr;
    QComboBox* m_method = nullptr;
    QComboBox* m_variant = nullptr;
    QLabel* m_variantSource = nullptr;
    bool m_variantsAllowed = true;
    int m_bits = 8;
    bool m_signed = true;
    // Each method's variant, kept while another method is shown.
    PercentileVariant m_percentileVariant = PercentileVariant::Exact;
    MseVariant m_mseVariant = MseVariant::Exact;
    KlVariant m_klVariant = KlVariant::TensorRtPublished;
    QLabel* m_about = nullptr;
    QLabel* m_limits = nullptr;
    QList<CalibrationMethod> m_allowed; // empty: all
    QDoubleSpinBox* m_percentile = nullptr;
    QSpinBox* m_klBins = nullptr;
    QSpinBox* m_klStartBin = nullptr;
    QSpinBox* m_klLevels = nullptr;
    QDoubleSpinBox* m_clipMin = nullptr; // manual
    QDoubleSpinBox* m_clipMax = nullptr;
    double m_currentLo = -1;
    double m_currentHi = 1;
};

} // namespace qs::ui
