#include "panels/scheme_panel.h"

#include "calibrate/format_calibration.h"
#include "i18n/preset_texts.h"
#include "i18n/retranslator.h"
#include "panels/calibration_box.h"
#include "panels/format_box.h"
#include "panels/format_texts.h"
#include "panels/granularity_box.h"
#include "quant/bits_per_value.h"
#include "quant/presets.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

namespace qs::ui {

SchemePanel::SchemePanel(QWidget* parent) : QWidget(parent)
{
    m_texts = new Retranslator(this);
    m_format = new FormatBox(this);
    m_scheme = new QComboBox(this);
    m_scheme->setObjectName(QStringLiteral("scheme"));
    m_scheme->addItem(QString(), int(Scheme::General));
    m_scheme->addItem(QString(), int(Scheme::Symmetric));
    m_scheme->addItem(QString(), int(Scheme::Asymmetric));
    m_texts->bind([this] {
        setItemTexts(m_scheme, {tr("General process (一般过程)"), tr("Symmetric (对称量化)"),
                                tr("Asymmetric (非对称量化)")});
    });
    m_formula = new QLabel(this);
    m_formula->setObjectName(QStringLiteral("formula"));
    m_formula->setTextFormat(Qt::RichText);
    m_formula->setWordWrap(true);
    m_formula->setFrameShape(QFrame::StyledPanel);
    m_formula->setMargin(4);
    m_bits = new QSpinBox(this);
    m_bits->setObjectName(QStringLiteral("bits"));
    m_bits->setRange(kMinBits, kMaxBits);
    m_bits->setValue(8);
    m_signed = new QCheckBox(this);
    m_texts->bind([this] { m_signed->setText(tr("signed codes")); });
    m_signed->setChecked(true);
    m_narrow = new QCheckBox(this);
    m_texts->bind([this] { m_narrow->setText(tr("narrow range (drop the lowest code)")); });
    m_narrow->setObjectName(QStringLiteral("narrowRange"));
    m_rounding = new QComboBox(this);
    m_rounding->setObjectName(QStringLiteral("rounding"));
    m_rounding->addItem(QString(), int(Rounding::HalfEven));
    m_rounding->addItem(QString(), int(Rounding::HalfAwayFromZero));
    m_rounding->addItem(QString(), int(Rounding::HalfUp));
    m_rounding->addItem(QString(), int(Rounding::Floor));
    m_rounding->addItem(QString(), int(Rounding::Stochastic));
    m_texts->bind([this] {
        setItemTexts(m_rounding, {tr("half to even (np.round)"), tr("half away from zero (roundf)"),
                                  tr("half up"), tr("floor"), tr("stochastic")});
    });
    m_roundingSeed = new QSpinBox(this);
    m_roundingSeed->setRange(0, std::numeric_limits<int>::max());
    m_anchor = new QComboBox(this);
    m_anchor->addItem(QString(), int(ZeroPointAnchor::Max));
    m_anchor->addItem(QString(), int(ZeroPointAnchor::Min));
    m_texts->bind([this] {
        setItemTexts(m_anchor, {tr("Rmax (tutorial): Z = Qmax − Round(Rmax/Scale)"),
                                tr("Rmin (PyTorch, ONNX): Z = Qmin − Round(Rmin/Scale)")});
    });
    m_convention = new QComboBox(this);
    m_convention->setObjectName(QStringLiteral("convention"));
    m_convention->addItem(QString(), int(Convention::Tutorial));
    m_convention->addItem(QString(), int(Convention::PyTorch));
    m_convention->addItem(QString(), int(Convention::LlamaQ8_0));
    m_convention->addItem(QString(), int(Convention::LlamaQ4_0));
    m_texts->bind([this] {
        setItemTexts(m_convention, {tr("the tutorial (NumPy)"), tr("PyTorch 1.13"),
                                    tr("llama.cpp Q8_0"), tr("llama.cpp Q4_0")});
    });
    m_texts->bind([this] {
        m_convention->setToolTip(
            tr("Whose arithmetic computes scale, zero point and codes: the same "
               "formulas differ in float32 vs float64, rounding and clamping"));
    });
    m_scaleStorage = new QComboBox(this);
    m_scaleStorage->setObjectName(QStringLiteral("scaleStorage"));
    m_scaleStorage->addItem(QString(), int(ScaleStorage::Native));
    m_scaleStorage->addItem(QString(), int(ScaleStorage::Float32));
    m_scaleStorage->addItem(QString(), int(ScaleStorage::Float16));
    m_texts->bind([this] {
        setItemTexts(m_scaleStorage, {tr("as the arithmetic keeps it"), tr("float32"),
                                      tr("float16 (GPTQ, AWQ checkpoints)")});
        m_scaleStorage->setToolTip(
            tr("How each scale is stored: float16 rounds it before any value is quantized, and "
               "it costs 16 bits per group instead of 32 or 64"));
    });
    m_bitsPerValue = new QLabel(this);
    m_bitsPerValue->setObjectName(QStringLiteral("bitsPerValue"));
    m_preset = new QLabel(this);
    m_preset->setObjectName(QStringLiteral("preset"));
    m_preset->setWordWrap(true);
    m_preset->setFrameShape(QFrame::StyledPanel);
    m_preset->setMargin(4);
    m_calibration = new CalibrationBox(this);
    m_granularity = new GranularityBox(this);

    auto* box = new QGroupBox(this);
    m_texts->bind([box] { box->setTitle(tr("Scheme")); });
    // The wrapped formula sits in a plain vertical layout: as a spanning QFormLayout row its
    // height came out a line short.
    auto* boxLayout = new QVBoxLayout(box);
    boxLayout->addWidget(m_format);
    boxLayout->addWidget(m_scheme);
    boxLayout->addWidget(m_formula);
    m_integerGrid = new QWidget(box);
    auto* form = new QFormLayout(m_integerGrid);
    form->setContentsMargins(0, 0, 0, 0);
    boxLayout->addWidget(m_integerGrid);
    addTranslatedRow(form, m_texts, m_bits, [] { return tr("Bits"); });
    form->addRow(m_signed);
    form->addRow(m_narrow);
    addTranslatedRow(form, m_texts, m_rounding, [] { return tr("Rounding"); });
    addTranslatedRow(form, m_texts, m_roundingSeed, [] { return tr("Rounding seed"); });
    addTranslatedRow(form, m_texts, m_anchor, [] { return tr("Zero point from"); });
    addTranslatedRow(form, m_texts, m_convention, [] { return tr("Arithmetic"); });
    addTranslatedRow(form, m_texts, m_scaleStorage, [] { return tr("Scale stored as"); });
    boxLayout->addWidget(m_bitsPerValue);
    boxLayout->addWidget(m_preset);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(box);
    layout->addWidget(m_calibration);
    layout->addWidget(m_granularity);

    connect(m_format, &FormatBox::changed, this, &SchemePanel::onFormatChanged);
    connect(m_scheme, &QComboBox::currentIndexChanged, this, &SchemePanel::onSchemeChanged);
    connect(m_bits, &QSpinBox::valueChanged, this, &SchemePanel::emitChange);
    connect(m_signed, &QCheckBox::toggled, this, &SchemePanel::emitChange);
    connect(m_narrow, &QCheckBox::toggled, this, &SchemePanel::emitChange);
    connect(m_rounding, &QComboBox::currentIndexChanged, this, [this] {
        updateEnabled();
        emitChange();
    });
    connect(m_roundingSeed, &QSpinBox::valueChanged, this, &SchemePanel::emitChange);
    connect(m_anchor, &QComboBox::currentIndexChanged, this, &SchemePanel::emitChange);
    for (QComboBox* combo : {m_convention, m_scaleStorage}) {
        connect(combo, &QComboBox::currentIndexChanged, this, &SchemePanel::emitChange);
    }
    connect(m_calibration, &CalibrationBox::changed, this, &SchemePanel::emitChange);
    connect(m_granularity, &GranularityBox::changed, this, &SchemePanel::emitChange);
    setSpec(QuantSpec{});
    m_texts->onChange([this] {
        showFormat();
        showPreset();
    });
}

QString SchemePanel::formula(Scheme scheme)
{
    switch (scheme) {
    case Scheme::General:
        return tr(
            "Scale = (Rmax − Rmin) / (Qmax − Qmin)<br>Q = Clip(Round(R / Scale), Qmin, Qmax)<br>"
            "R′ = Q · Scale<br><i>No zero point: an off-centre range clips one end and wastes the "
            "other.</i>");
    case Scheme::Symmetric:
        return tr(
            "Scale = max|R| / Qmax<br>Q = Clip(Round(R / Scale), −Qmax, Qmax)<br>R′ = Q · Scale<br>"
            "<i>Z = 0 (TensorRT): nothing clips, but a one-sided range wastes the other half.</i>");
    case Scheme::Asymmetric:
        return tr("Scale = (Rmax − Rmin) / (Qmax − Qmin)<br>Z = Qmax − Round(Rmax / Scale)<br>"
                  "Q = Clip(Round(R / Scale + Z), Qmin, Qmax)<br>R′ = (Q − Z) · Scale<br>"
                  "<i>The zero point Z shifts the grid onto the data's range.</i>");
    }
    return {};
}

QuantSpec SchemePanel::spec() const
{
    QuantSpec spec;
    spec.scheme = static_cast<Scheme>(m_scheme->currentData().toInt());
    spec.bits = m_bits->value();
    spec.isSigned = m_signed->isChecked();
    // Stored only when it differs from the scheme's default, so the spec reads as the user meant.
    if (m_narrow->isChecked() != defaultNarrowRange(spec.scheme)) {
        spec.narrowRange = m_narrow->isChecked();
    }
    spec.rounding = static_cast<Rounding>(m_rounding->currentData().toInt());
    spec.roundingSeed = static_cast<std::uint64_t>(m_roundingSeed->value());
    spec.zeroPointAnchor = static_cast<ZeroPointAnchor>(m_anchor->currentData().toInt());
    spec.convention = static_cast<Convention>(m_convention->currentData().toInt());
    spec.calibration = m_calibration->calibration();
    const GranularityChoice granularity = m_granularity->choice();
    spec.granularity = granularity.granularity;
    spec.axis = granularity.axis;
    spec.groupSize = granularity.groupSize;
    spec.preset = m_presetName;
    spec.format = m_format->format();
    spec.format.scaleStorage = static_cast<ScaleStorage>(m_scaleStorage->currentData().toInt());
    return spec;
}

void SchemePanel::setTensorRank(int rank)
{
    m_granularity->setTensorRank(rank);
}

void SchemePanel::setTensorShape(const Shape& shape)
{
    setTensorRank(static_cast<int>(shape.size()));
    m_shape = shape;
    m_format->setRowLength(shape.empty() ? 0 : static_cast<std::size_t>(shape.back()));
    showBitsPerValue();
}

void SchemePanel::setSpec(const QuantSpec& spec)
{
    m_quiet = true;
    m_scheme->setCurrentIndex(m_scheme->findData(int(spec.scheme)));
    m_bits->setValue(spec.bits);
    m_signed->setChecked(spec.isSigned);
    m_narrow->setChecked(spec.effectiveNarrowRange());
    m_rounding->setCurrentIndex(m_rounding->findData(int(spec.rounding)));
    m_roundingSeed->setValue(
        static_cast<int>(std::min<std::uint64_t>(spec.roundingSeed, INT32_MAX)));
    m_anchor->setCurrentIndex(m_anchor->findData(int(spec.zeroPointAnchor)));
    m_convention->setCurrentIndex(m_convention->findData(int(spec.convention)));
    m_scaleStorage->setCurrentIndex(m_scaleStorage->findData(int(spec.format.scaleStorage)));
    m_format->setFormat(spec.format);
    m_calibration->setCalibration(spec.calibration);
    m_granularity->setChoice({spec.granularity, spec.axis, spec.groupSize});
    m_presetName = spec.preset;
    showPreset();
    showFormat();
    updateEnabled();
    m_quiet = false;
}

void SchemePanel::onSchemeChanged()
{
    const auto scheme = static_cast<Scheme>(m_scheme->currentData().toInt());
    m_formula->setText(formula(scheme));
    {
        // A new scheme starts from its own narrow-range default, as in the tutorial.
        const QSignalBlocker block(m_narrow);
        m_narrow->setChecked(defaultNarrowRange(scheme));
    }
    updateEnabled();
    emitChange();
}

void SchemePanel::onFormatChanged()
{
    showFormat();
    // A method the new format cannot take gives way to min–max, which every format takes: the
    // window never asks core for a combination it refuses.
    CalibrationSpec calibration = m_calibration->calibration();
    if (!m_calibration->isAllowed(calibration.method)) {
        calibration.method = CalibrationMethod::MinMax;
        m_calibration->setCalibration(calibration);
    }
    emitChange();
}

void SchemePanel::showFormat()
{
    const QuantSpec now = spec();
    const bool integer = now.isIntegerGrid();
    m_scheme->setVisible(integer);
    m_integerGrid->setVisible(integer);
    m_formula->setText(integer ? formula(now.scheme) : FormatTexts::equation(now));
    // The methods core accepts for this format; the integer grid takes them all.
    QList<CalibrationMethod> allowed;
    if (!integer) {
        for (const char* name : calibrationNames()) {
            QuantSpec probe = now;
            probe.calibration = CalibrationSpec{};
            probe.calibration.method = *calibrationFromName(name);
            if (checkFormatCalibration(probe) &&
                !(now.format.noScale && probe.calibration.method != CalibrationMethod::MinMax)) {
                allowed << probe.calibration.method;
            }
        }
    }
    m_calibration->setAllowedMethods(allowed, FormatTexts::calibrationLimits(now));
    m_calibration->setVariantsAllowed(integer);
    m_calibration->setGrid(now.bits, now.isSigned);
    m_granularity->setFixed(FormatTexts::fixedGranularity(now));
    showBitsPerValue();
}

void SchemePanel::showBitsPerValue()
{
    const QuantSpec now = spec();
    std::optional<std::size_t> count;
    double bits = asymptoticBitsPerValue(now);
    if (m_shape) {
        if (const auto exact = bitsPerValueOn(now, *m_shape)) {
            bits = *exact;
            count = static_cast<std::size_t>(*elementCount(*m_shape));
        }
    }
    m_bitsPerValue->setText(FormatTexts::bitsPerValue(bits));
    m_bitsPerValue->setToolTip(FormatTexts::bitsPerValueBasis(count));
}

void SchemePanel::setCurrentRange(double lo, double hi)
{
    m_calibration->setCurrentRange(lo, hi);
}

void SchemePanel::updateEnabled()
{
    m_anchor->setEnabled(m_scheme->currentData().toInt() == int(Scheme::Asymmetric));
    m_roundingSeed->setEnabled(m_rounding->currentData().toInt() == int(Rounding::Stochastic));
}

void SchemePanel::showPreset()
{
    const auto presets = schemePresets();
    const auto preset =
        std::ranges::find(presets, std::string_view(m_presetName), &SchemePreset::name);
    m_preset->setVisible(preset != presets.end());
    if (preset != presets.end()) {
        // The title here; the id and what it sets in the tooltip (and in the Scheme menu's).
        m_preset->setText(tr("<b>Preset</b> %1").arg(schemePresetTitle(*preset).toHtmlEscaped()));
        m_preset->setToolTip(schemePresetToolTip(*preset));
    }
}

void SchemePanel::emitChange()
{
    showBitsPerValue();
    const QuantSpec now = spec();
    m_calibration->setGrid(now.bits, now.isSigned);
    if (m_quiet) {
        return;
    }
    // An edited preset is the user's own scheme now.
    m_presetName.clear();
    showPreset();
    emit specChanged(spec());
}

} // namespace qs::ui
