#include "panels/calibration_box.h"

#include "calibrate/calibrate.h"
#include "i18n/retranslator.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStandardItemModel>

namespace qs::ui {

CalibrationBox::CalibrationBox(QWidget* parent) : QGroupBox(parent)
{
    m_texts = new Retranslator(this);
    m_texts->bind([this] { setTitle(tr("Calibration")); });
    m_method = new QComboBox(this);
    m_method->setObjectName(QStringLiteral("calibration"));
    m_method->addItem(QString(), int(CalibrationMethod::MinMax));
    m_method->addItem(QString(), int(CalibrationMethod::Percentile));
    m_method->addItem(QString(), int(CalibrationMethod::Mse));
    m_method->addItem(QString(), int(CalibrationMethod::Kl));
    m_method->addItem(QString(), int(CalibrationMethod::AciqGauss));
    m_method->addItem(QString(), int(CalibrationMethod::AciqLaplace));
    m_texts->bind([this] {
        setItemTexts(m_method,
                     {tr("min–max (the tutorial)"), tr("percentile"), tr("least MSE"),
                      tr("KL divergence (TensorRT)"), tr("ACIQ, Gaussian"), tr("ACIQ, Laplace")});
    });
    m_about = new QLabel(this);
    m_about->setObjectName(QStringLiteral("calibrationAbout"));
    m_about->setWordWrap(true);
    m_about->setForegroundRole(QPalette::PlaceholderText);
    m_limits = new QLabel(this);
    m_limits->setObjectName(QStringLiteral("calibrationLimits"));
    m_limits->setWordWrap(true);
    m_limits->setForegroundRole(QPalette::PlaceholderText);
    m_limits->hide();
    m_percentile = new QDoubleSpinBox(this);
    m_percentile->setObjectName(QStringLiteral("percentile"));
    m_percentile->setRange(50.001, 100.0);
    m_percentile->setDecimals(3);
    m_percentile->setSingleStep(0.01);
    m_percentile->setSuffix(QStringLiteral(" %"));
    m_klBins = new QSpinBox(this);
    m_klBins->setObjectName(QStringLiteral("klBins"));
    m_klBins->setRange(2, kMaxKlBins);
    m_klStartBin = new QSpinBox(this);
    m_klStartBin->setObjectName(QStringLiteral("klStartBin"));
    m_klStartBin->setRange(1, kMaxKlBins);
    m_klLevels = new QSpinBox(this);
    m_klLevels->setObjectName(QStringLiteral("klLevels"));
    m_klLevels->setRange(0, kMaxKlBins);
    m_texts->bind([this] { m_klLevels->setSpecialValueText(tr("2^(bits − 1)")); });

    m_form = new QFormLayout(this);
    m_form->addRow(m_method);
    m_form->addRow(m_about);
    m_form->addRow(m_limits);
    addTranslatedRow(m_form, m_texts, m_percentile, [] { return tr("Percentile"); });
    addTranslatedRow(m_form, m_texts, m_klBins, [] { return tr("KL bins"); });
    addTranslatedRow(m_form, m_texts, m_klStartBin, [] { return tr("KL start bin"); });
    addTranslatedRow(m_form, m_texts, m_klLevels, [] { return tr("KL levels"); });

    connect(m_method, &QComboBox::currentIndexChanged, this, [this] {
        updateRows();
        emit changed();
    });
    for (QSpinBox* spin : {m_klBins, m_klStartBin, m_klLevels}) {
        connect(spin, &QSpinBox::valueChanged, this, &CalibrationBox::changed);
    }
    connect(m_percentile, &QDoubleSpinBox::valueChanged, this, &CalibrationBox::changed);
    setCalibration({});
    m_texts->onChange([this] { updateRows(); });
}

QString CalibrationBox::describe(CalibrationMethod method)
{
    switch (method) {
    case CalibrationMethod::MinMax:
        return tr("The grid spans [min R, max R]: nothing clips, one outlier sets the step.");
    case CalibrationMethod::Percentile:
        return tr(
            "Clip at the P-th percentile (symmetric: of |R|; else the (100 − P)-th and P-th).");
    case CalibrationMethod::Mse:
        return tr("The range with the least rounding-plus-clipping error, searched.");
    case CalibrationMethod::Kl:
        return tr("TensorRT's entropy calibration: the |R| threshold whose merged histogram loses "
                  "the least information.");
    case CalibrationMethod::AciqGauss:
        return tr("Analytic clipping at mean ± α·σ, α from the bit width (Banner et al.).");
    case CalibrationMethod::AciqLaplace:
        return tr("Analytic clipping at mean ± α·b, b = mean|R − mean| (Banner et al.).");
    }
    return {};
}

CalibrationSpec CalibrationBox::calibration() const
{
    CalibrationSpec c;
    c.method = static_cast<CalibrationMethod>(m_method->currentData().toInt());
    c.percentile = m_percentile->value();
    c.klBins = m_klBins->value();
    c.klStartBin = m_klStartBin->value();
    c.klLevels = m_klLevels->value();
    return c;
}

void CalibrationBox::setCalibration(const CalibrationSpec& c)
{
    const QSignalBlocker blockMethod(m_method);
    const QSignalBlocker blockPercentile(m_percentile);
    const QSignalBlocker blockBins(m_klBins);
    const QSignalBlocker blockStart(m_klStartBin);
    const QSignalBlocker blockLevels(m_klLevels);
    m_method->setCurrentIndex(m_method->findData(int(c.method)));
    m_percentile->setValue(c.percentile);
    m_klBins->setValue(c.klBins);
    m_klStartBin->setValue(c.klStartBin);
    m_klLevels->setValue(c.klLevels);
    updateRows();
}

void CalibrationBox::setAllowedMethods(const QList<CalibrationMethod>& allowed,
                                       const QString& reason)
{
    m_allowed = allowed;
    auto* items = qobject_cast<QStandardItemModel*>(m_method->model());
    for (int i = 0; i < m_method->count(); ++i) {
        const auto method = static_cast<CalibrationMethod>(m_method->itemData(i).toInt());
        items->item(i)->setEnabled(isAllowed(method));
    }
    // One method left is no choice: the box says so instead of offering a list of one.
    m_method->setEnabled(allowed.isEmpty() || allowed.size() > 1);
    m_limits->setText(reason);
    m_limits->setVisible(!allowed.isEmpty() && !reason.isEmpty());
}

bool CalibrationBox::isAllowed(CalibrationMethod method) const
{
    return m_allowed.isEmpty() || m_allowed.contains(method);
}

void CalibrationBox::updateRows()
{
    const auto method = static_cast<CalibrationMethod>(m_method->currentData().toInt());
    m_about->setText(describe(method));
    m_form->setRowVisible(m_percentile, method == CalibrationMethod::Percentile);
    for (QSpinBox* spin : {m_klBins, m_klStartBin, m_klLevels}) {
        m_form->setRowVisible(spin, method == CalibrationMethod::Kl);
    }
}

} // namespace qs::ui
