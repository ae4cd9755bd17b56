#include "panels/calibration_box.h"

#include "calibrate/calibrate.h"
#include "i18n/calibration_texts.h"
#include "i18n/retranslator.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStandardItemModel>

#include <cmath>

namespace qs::ui {

CalibrationBox::CalibrationBox(QWidget* parent) : QGroupBox(parent)
{
    m_texts = new Retranslator(this);
    m_texts->bind([this] { setTitle(tr("Calibration")); });
    m_method = new QComboBox(this);
    m_method->setObjectName(QStringLiteral("calibration"));
    m_variant = new QComboBox(this);
    m_variant->setObjectName(QStringLiteral("calibrationVariant"));
    m_method->addItem(QString(), int(CalibrationMethod::MinMax));
    m_method->addItem(QString(), int(CalibrationMethod::Percentile));
    m_method->addItem(QString(), int(CalibrationMethod::Mse));
    m_method->addItem(QString(), int(CalibrationMethod::Kl));
    m_method->addItem(QString(), int(CalibrationMethod::AciqGauss));
    m_method->addItem(QString(), int(CalibrationMethod::AciqLaplace));
    m_method->addItem(QString(), int(CalibrationMethod::Manual));
    m_texts->bind([this] {
        setItemTexts(m_method, {tr("min–max (the tutorial)"), tr("percentile"), tr("least MSE"),
                                tr("KL divergence (entropy)"), tr("ACIQ, Gaussian"),
                                tr("ACIQ, Laplace"), tr("manual (drag the clip lines)")});
        const auto method = static_cast<CalibrationMethod>(m_method->currentData().toInt());
        fillVariants(method, m_variant->currentData().toInt());
    });
    m_variantSource = new QLabel(this);
    m_variantSource->setObjectName(QStringLiteral("calibrationVariantSource"));
    m_variantSource->setWordWrap(true);
    m_variantSource->setForegroundRole(QPalette::PlaceholderText);
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
    // 0 in each KL spin box is the variant's own value, shown as such.
    m_klBins = new QSpinBox(this);
    m_klBins->setObjectName(QStringLiteral("klBins"));
    m_klBins->setRange(0, kMaxKlBins);
    m_klStartBin = new QSpinBox(this);
    m_klStartBin->setObjectName(QStringLiteral("klStartBin"));
    m_klStartBin->setRange(0, kMaxKlBins);
    m_klLevels = new QSpinBox(this);
    m_klLevels->setObjectName(QStringLiteral("klLevels"));
    m_klLevels->setRange(0, kMaxKlBins);
    m_clipMin = new QDoubleSpinBox(this);
    m_clipMin->setObjectName(QStringLiteral("clipMin"));
    m_clipMax = new QDoubleSpinBox(this);
    m_clipMax->setObjectName(QStringLiteral("clipMax"));
    for (QDoubleSpinBox* end : {m_clipMin, m_clipMax}) {
        end->setRange(-1e30, 1e30);
        end->setDecimals(6);
        end->setKeyboardTracking(false);
    }

    m_form = new QFormLayout(this);
    m_form->addRow(m_method);
    m_form->addRow(m_about);
    addTranslatedRow(m_form, m_texts, m_variant, [] { return tr("As computed by"); });
    m_form->addRow(m_variantSource);
    m_form->addRow(m_limits);
    addTranslatedRow(m_form, m_texts, m_percentile, [] { return tr("Percentile"); });
    addTranslatedRow(m_form, m_texts, m_klBins, [] { return tr("KL bins"); });
    addTranslatedRow(m_form, m_texts, m_klStartBin, [] { return tr("KL start bin"); });
    addTranslatedRow(m_form, m_texts, m_klLevels, [] { return tr("KL levels"); });
    addTranslatedRow(m_form, m_texts, m_clipMin, [] { return tr("Clip from"); });
    addTranslatedRow(m_form, m_texts, m_clipMax, [] { return tr("Clip to"); });

    connect(m_method, &QComboBox::currentIndexChanged, this, [this] {
        const auto method = static_cast<CalibrationMethod>(m_method->currentData().toInt());
        CalibrationSpec kept;
        kept.method = method;
        kept.percentileVariant = m_percentileVariant;
        kept.mseVariant = m_mseVariant;
        kept.klVariant = m_klVariant;
        fillVariants(method, variantOf(kept));
        if (method == CalibrationMethod::Manual && !(m_clipMin->value() < m_clipMax->value())) {
            // Manual starts from the range the grid covers now.
            const QSignalBlocker blockMin(m_clipMin);
            const QSignalBlocker blockMax(m_clipMax);
            m_clipMin->setValue(m_currentLo);
            m_clipMax->setValue(m_currentHi);
        }
        updateRows();
        emit changed();
    });
    connect(m_variant, &QComboBox::currentIndexChanged, this, [this] {
        const int variant = m_variant->currentData().toInt();
        switch (static_cast<CalibrationMethod>(m_method->currentData().toInt())) {
        case CalibrationMethod::Percentile:
            m_percentileVariant = static_cast<PercentileVariant>(variant);
            break;
        case CalibrationMethod::Mse:
            m_mseVariant = static_cast<MseVariant>(variant);
            break;
        case CalibrationMethod::Kl: {
            m_klVariant = static_cast<KlVariant>(variant);
            // Each framework with its own bins, start bin and levels: overrides meant for one
            // (MXNet needs an odd bin count, ONNX Runtime has no start bin) do not carry over.
            const QSignalBlocker blockBins(m_klBins);
            const QSignalBlocker blockStart(m_klStartBin);
            const QSignalBlocker blockLevels(m_klLevels);
            m_klBins->setValue(0);
            m_klStartBin->setValue(0);
            m_klLevels->setValue(0);
            break;
        }
        default:
            return;
        }
        updateRows();
        emit changed();
    });
    for (QSpinBox* spin : {m_klBins, m_klStartBin, m_klLevels}) {
        connect(spin, &QSpinBox::valueChanged, this, &CalibrationBox::changed);
    }
    connect(m_percentile, &QDoubleSpinBox::valueChanged, this, &CalibrationBox::changed);
    for (QDoubleSpinBox* end : {m_clipMin, m_clipMax}) {
        connect(end, &QDoubleSpinBox::valueChanged, this, &CalibrationBox::changed);
    }
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
        return tr("Entropy calibration (TensorRT's idea): the threshold whose merged histogram "
                  "loses the least information.");
    case CalibrationMethod::AciqGauss:
        return tr("Analytic clipping at mean ± α·σ, α from the bit width (Banner et al.).");
    case CalibrationMethod::AciqLaplace:
        return tr("Analytic clipping at mean ± α·b, b = mean|R − mean| (Banner et al.).");
    case CalibrationMethod::Manual:
        return tr("The range you set: drag an end of the grid on the histogram, or type the "
                  "ends here (symmetric: ± the larger magnitude).");
    }
    return {};
}

int CalibrationBox::variantOf(const CalibrationSpec& c) const
{
    switch (c.method) {
    case CalibrationMethod::Percentile:
        return int(c.percentileVariant);
    case CalibrationMethod::Mse:
        return int(c.mseVariant);
    case CalibrationMethod::Kl:
        return int(c.klVariant);
    default:
        return 0;
    }
}

void CalibrationBox::fillVariants(CalibrationMethod method, int variant)
{
    const QSignalBlocker block(m_variant);
    m_variant->clear();
    const std::size_t count = method == CalibrationMethod::Percentile
                                  ? percentileVariantNames().size()
                              : method == CalibrationMethod::Mse ? mseVariantNames().size()
                              : method == CalibrationMethod::Kl  ? klVariantNames().size()
                                                                 : 0;
    for (std::size_t v = 0; v < count; ++v) {
        m_variant->addItem(CalibrationTexts::variant(method, int(v)), int(v));
    }
    m_variant->setCurrentIndex(std::max(0, m_variant->findData(variant)));
}

CalibrationSpec CalibrationBox::calibration() const
{
    CalibrationSpec c;
    c.method = static_cast<CalibrationMethod>(m_method->currentData().toInt());
    c.percentile = m_percentile->value();
    c.klBins = m_klBins->value();
    c.klStartBin = m_klStartBin->value();
    c.klLevels = m_klLevels->value();
    c.clipMin = m_clipMin->value();
    c.clipMax = m_clipMax->value();
    if (m_variantsAllowed) {
        c.percentileVariant = m_percentileVariant;
        c.mseVariant = m_mseVariant;
        c.klVariant = m_klVariant;
    }
    return c;
}

void CalibrationBox::setCalibration(const CalibrationSpec& c)
{
    const QSignalBlocker blockMethod(m_method);
    const QSignalBlocker blockPercentile(m_percentile);
    const QSignalBlocker blockBins(m_klBins);
    const QSignalBlocker blockStart(m_klStartBin);
    const QSignalBlocker blockLevels(m_klLevels);
    const QSignalBlocker blockMin(m_clipMin);
    const QSignalBlocker blockMax(m_clipMax);
    m_method->setCurrentIndex(m_method->findData(int(c.method)));
    m_clipMin->setValue(c.clipMin);
    m_clipMax->setValue(c.clipMax);
    m_percentile->setValue(c.percentile);
    m_klBins->setValue(c.klBins);
    m_klStartBin->setValue(c.klStartBin);
    m_klLevels->setValue(c.klLevels);
    m_percentileVariant = c.percentileVariant;
    m_mseVariant = c.mseVariant;
    m_klVariant = c.klVariant;
    fillVariants(c.method, variantOf(c));
    updateRows();
}

void CalibrationBox::setGrid(int bits, bool isSigned)
{
    m_bits = bits;
    m_signed = isSigned;
    updateRows();
}

void CalibrationBox::setCurrentRange(double lo, double hi)
{
    if (std::isfinite(lo) && std::isfinite(hi) && lo < hi) {
        m_currentLo = lo;
        m_currentHi = hi;
    }
}

void CalibrationBox::setVariantsAllowed(bool allowed)
{
    m_variantsAllowed = allowed;
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
    const bool hasVariants = m_variant->count() > 0;
    m_form->setRowVisible(m_variant, hasVariants);
    m_form->setRowVisible(m_variantSource, hasVariants);
    m_variant->setEnabled(m_variantsAllowed);
    const int variant = m_variantsAllowed ? m_variant->currentData().toInt() : 0;
    if (!m_variantsAllowed) {
        const QSignalBlocker block(m_variant);
        m_variant->setCurrentIndex(0);
    }
    m_variantSource->setText(m_variantsAllowed
                                 ? CalibrationTexts::variantSource(method, variant)
                                 : tr("A number format takes each method as QuantScope "
                                      "computes it; the frameworks' variants calibrate "
                                      "integer grids."));
    m_form->setRowVisible(m_percentile, method == CalibrationMethod::Percentile);
    m_form->setRowVisible(m_clipMin, method == CalibrationMethod::Manual);
    m_form->setRowVisible(m_clipMax, method == CalibrationMethod::Manual);
    for (QSpinBox* spin : {m_klBins, m_klStartBin, m_klLevels}) {
        m_form->setRowVisible(spin, method == CalibrationMethod::Kl);
    }
    const auto kl = static_cast<KlVariant>(method == CalibrationMethod::Kl ? variant : 0);
    m_form->setRowVisible(m_klStartBin, method == CalibrationMethod::Kl && klHasStartBin(kl));
    // 0 is the variant's own value: the spin boxes say which.
    QuantSpec probe;
    probe.bits = m_bits;
    probe.isSigned = m_signed;
    probe.calibration.klVariant = kl;
    m_klBins->setSpecialValueText(tr("%1 (the variant's)").arg(klBins(probe)));
    m_klStartBin->setSpecialValueText(tr("%1 (the variant's)").arg(klStartBin(probe)));
    m_klLevels->setSpecialValueText(tr("%1 (the variant's)").arg(klLevels(probe)));
}

} // namespace qs::ui
