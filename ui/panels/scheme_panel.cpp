#include "panels/scheme_panel.h"

#include "i18n/preset_texts.h"
#include "i18n/retranslator.h"
#include "panels/calibration_box.h"
#include "panels/granularity_box.h"
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
    boxLayout->addWidget(m_scheme);
    boxLayout->addWidget(m_formula);
    auto* form = new QFormLayout;
    boxLayout->addLayout(form);
    addTranslatedRow(form, m_texts, m_bits, [] { return tr("Bits"); });
    form->addRow(m_signed);
    form->addRow(m_narrow);
    addTranslatedRow(form, m_texts, m_rounding, [] { return tr("Rounding"); });
    addTranslatedRow(form, m_texts, m_roundingSeed, [] { return tr("Rounding seed"); });
    addTranslatedRow(form, m_texts, m_anchor, [] { return tr("Zero point from"); });
    addTranslatedRow(form, m_texts, m_convention, [] { return tr("Arithmetic"); });
    boxLayout->addWidget(m_preset);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(box);
    layout->addWidget(m_calibration);
    layout->addWidget(m_granularity);

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
    connect(m_convention, &QComboBox::currentIndexChanged, this, &SchemePanel::emitChange);
    connect(m_calibration, &CalibrationBox::changed, this, &SchemePanel::emitChange);
    connect(m_granularity, &GranularityBox::changed, this, &SchemePanel::emitChange);
    setSpec(QuantSpec{});
    m_texts->onChange([this] {
        m_formula->setText(formula(static_cast<Scheme>(m_scheme->currentData().toInt())));
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
    return spec;
}

void SchemePanel::setTensorRank(int rank)
{
    m_granularity->setTensorRank(rank);
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
    m_calibration->setCalibration(spec.calibration);
    m_granularity->setChoice({spec.granularity, spec.axis, spec.groupSize});
    m_presetName = spec.preset;
    showPreset();
    m_formula->setText(formula(spec.scheme));
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
        // The name here, what it sets in the tooltip (and in the Scheme menu's).
        m_preset->setText(
            tr("<b>Preset</b> %1")
                .arg(QString::fromUtf8(preset->name.data(), qsizetype(preset->name.size()))));
        m_preset->setToolTip(schemePresetDescription(*preset));
    }
}

void SchemePanel::emitChange()
{
    if (m_quiet) {
        return;
    }
    // An edited preset is the user's own scheme now.
    m_presetName.clear();
    showPreset();
    emit specChanged(spec());
}

} // namespace qs::ui
