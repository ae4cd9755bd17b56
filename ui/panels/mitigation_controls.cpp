#include "panels/mitigation_controls.h"

#include "analysis/shootout.h"
#include "i18n/core_texts.h"
#include "i18n/retranslator.h"
#include "mitigation_text.h"
#include "number_format.h"
#include "theme.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>
#include <limits>

namespace qs::ui {
namespace {

// The names offered; any name parseShootoutCandidate takes can be typed.
const QStringList kWeightFormats = {"int8-channel", "int4-g128",        "int4-g64-asym-fp16",
                                    "nvfp4",        "fp8-e4m3-channel", "mxfp4"};
const QStringList kActivationFormats = {"int8-tensor", "int8-channel", "fp8-e4m3-tensor", "nvfp4",
                                        "mxfp8-e4m3"};
constexpr int kDefaultAlphaSlot = 10; // α = 0.5, the paper's split

QLabel* noteLabel(QWidget* parent, const QString& objectName)
{
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * 0.9);
    label->setFont(font);
    return label;
}

void setNoteColour(QLabel* label, bool error)
{
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, error ? theme::clipped() : theme::annotation());
    label->setPalette(palette);
}

// One line per file part, breakable after separators (a model file's tensor names are long).
QString wrappable(QString text)
{
    constexpr QChar kZeroWidthSpace(0x200B);
    for (qsizetype i = text.size() - 1; i > 0; --i) {
        if (QStringLiteral("/._#-").contains(text[i - 1])) {
            text.insert(i, kZeroWidthSpace);
        }
    }
    return text;
}

} // namespace

MitigationControls::MitigationControls(QWidget* parent) : QWidget(parent)
{
    m_texts = new Retranslator(this);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(buildTransforms());
    layout->addWidget(buildFormats());
    layout->addWidget(buildActivations());
    layout->addStretch(1);
    m_texts->onChange([this] {
        describeFormats();
        updateTransformTexts();
        setActivationsFile(m_file);
    });
    describeFormats();
    updateTransformTexts();
}

QWidget* MitigationControls::buildTransforms()
{
    auto* box = new QGroupBox(this);
    m_texts->bind([box] {
        box->setTitle(tr("Transforms"));
        box->setToolTip(tr("Each keeps the exact product: X′·W′ᵀ = X·Wᵀ before quantization"));
    });
    m_smooth = new QCheckBox(box);
    m_smooth->setObjectName(QStringLiteral("smoothQuant"));
    m_alpha = new QSlider(Qt::Horizontal, box);
    m_alpha->setObjectName(QStringLiteral("smoothAlpha"));
    m_alpha->setRange(0, kAlphaSlots);
    m_alpha->setPageStep(2);
    m_alpha->setValue(kDefaultAlphaSlot);
    m_alphaValue = new QLabel(box);
    m_alphaValue->setObjectName(QStringLiteral("smoothAlphaValue"));
    m_alphaValue->setMinimumWidth(m_alphaValue->fontMetrics().horizontalAdvance("α = 0.00"));
    m_auto = new QPushButton(box);
    m_auto->setObjectName(QStringLiteral("autoAlpha"));
    m_rotate = new QCheckBox(box);
    m_rotate->setObjectName(QStringLiteral("rotation"));
    m_rotationSeed = new QSpinBox(box);
    m_rotationSeed->setObjectName(QStringLiteral("rotationSeed"));
    m_rotationSeed->setRange(0, std::numeric_limits<int>::max());
    m_rotationSeed->setKeyboardTracking(false);
    m_rotationNote = noteLabel(box, QStringLiteral("rotationNote"));
    setNoteColour(m_rotationNote, false);
    m_decompose = new QCheckBox(box);
    m_decompose->setObjectName(QStringLiteral("int8Decomposition"));
    m_threshold = new QDoubleSpinBox(box);
    m_threshold->setObjectName(QStringLiteral("int8Threshold"));
    m_threshold->setRange(0.01, 1e6);
    m_threshold->setDecimals(2);
    m_threshold->setSingleStep(0.5);
    m_threshold->setValue(kDefaultInt8Threshold);
    m_threshold->setKeyboardTracking(false);
    m_float16 = noteLabel(box, QStringLiteral("float16Channels"));
    setNoteColour(m_float16, false);
    m_texts->bind([this] {
        m_smooth->setText(tr("SmoothQuant"));
        m_smooth->setToolTip(tr("s_j = max|X_j|^α / max|W_j|^(1−α); X·diag(s)⁻¹ and W·diag(s): "
                                "α moves the difficulty from the activations to the weight"));
        m_auto->setText(tr("Auto"));
        m_auto->setToolTip(tr("Try α from 0 to 1 in steps of 0.05 and keep the one with the "
                              "highest output SQNR"));
        m_rotate->setText(tr("Hadamard rotation"));
        m_rotate->setToolTip(tr("A randomized Hadamard rotation: X·Q and W·Q with Q = D·H/√n "
                                "orthogonal, so an outlier channel of X is spread over every "
                                "channel"));
        m_rotationSeed->setPrefix(tr("seed "));
        m_decompose->setText(tr("LLM.int8() decomposition"));
        m_decompose->setToolTip(tr("Input channels where some |x| reaches the threshold stay in "
                                   "float16 in X and W; the rest are quantized with a scale per "
                                   "row (a per-tensor format becomes per row)"));
        m_threshold->setPrefix(tr("|x| ≥ "));
    });

    // One control per line, indented under its switch: the column is narrow.
    const auto indented = [](QWidget* a, QWidget* b = nullptr) {
        auto* row = new QHBoxLayout;
        row->setContentsMargins(20, 0, 0, 0);
        row->addWidget(a, 1);
        if (b != nullptr) {
            row->addWidget(b);
        }
        return row;
    };
    auto* smoothRow = new QHBoxLayout;
    smoothRow->addWidget(m_smooth, 1);
    smoothRow->addWidget(m_auto);
    auto* inner = new QVBoxLayout(box);
    inner->addLayout(smoothRow);
    inner->addLayout(indented(m_alpha, m_alphaValue));
    inner->addWidget(m_rotate);
    inner->addLayout(indented(m_rotationSeed));
    inner->addLayout(indented(m_rotationNote));
    inner->addWidget(m_decompose);
    inner->addLayout(indented(m_threshold));
    inner->addLayout(indented(m_float16));

    const auto changed = [this] {
        updateTransformTexts();
        emit settingsChanged();
    };
    connect(m_smooth, &QCheckBox::toggled, this, changed);
    connect(m_alpha, &QSlider::valueChanged, this, [this] {
        updateTransformTexts();
        if (m_smooth->isChecked()) {
            emit settingsChanged();
        }
    });
    connect(m_auto, &QPushButton::clicked, this, &MitigationControls::autoAlphaRequested);
    connect(m_rotate, &QCheckBox::toggled, this, changed);
    connect(m_rotationSeed, &QSpinBox::valueChanged, this, [this] {
        if (m_rotate->isChecked()) {
            emit settingsChanged();
        }
    });
    connect(m_decompose, &QCheckBox::toggled, this, changed);
    connect(m_threshold, &QDoubleSpinBox::valueChanged, this, [this] {
        if (m_decompose->isChecked()) {
            emit settingsChanged();
        }
    });
    return box;
}

QComboBox* MitigationControls::formatBox(const QStringList& names, const QString& objectName)
{
    auto* box = new QComboBox(this);
    box->setObjectName(objectName);
    box->setEditable(true);
    box->setInsertPolicy(QComboBox::NoInsert);
    box->addItems(names);
    box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    box->setMinimumContentsLength(12);
    // A list pick or a finished edit applies the name; typing only checks it.
    connect(box, &QComboBox::currentTextChanged, this, [this] { describeFormats(); });
    connect(box, &QComboBox::activated, this, &MitigationControls::settingsChanged);
    connect(box->lineEdit(), &QLineEdit::editingFinished, this,
            &MitigationControls::settingsChanged);
    return box;
}

QWidget* MitigationControls::buildFormats()
{
    auto* box = new QGroupBox(this);
    m_texts->bind([box] { box->setTitle(tr("Formats")); });
    m_weightFormat = formatBox(kWeightFormats, QStringLiteral("weightFormat"));
    m_activationFormat = formatBox(kActivationFormats, QStringLiteral("activationFormat"));
    m_weightNote = noteLabel(box, QStringLiteral("weightFormatNote"));
    m_activationNote = noteLabel(box, QStringLiteral("activationFormatNote"));
    auto* form = new QFormLayout(box);
    form->setRowWrapPolicy(QFormLayout::WrapAllRows); // the label above: the column is narrow
    addTranslatedRow(form, m_texts, m_weightFormat, [] { return tr("Weight W"); });
    form->addRow(m_weightNote);
    addTranslatedRow(form, m_texts, m_activationFormat, [] { return tr("Activations X"); });
    form->addRow(m_activationNote);
    m_texts->bind([this] {
        const QString names = tr("Any name the command line takes: int<b> with tensor, channel "
                                 "or g<N>, asym, fp16; fp8-e4m3, mxfp4, nvfp4, ...");
        m_weightFormat->setToolTip(names);
        m_activationFormat->setToolTip(names);
    });
    return box;
}

QWidget* MitigationControls::buildActivations()
{
    auto* box = new QGroupBox(this);
    m_texts->bind([box] { box->setTitle(tr("Activations X")); });
    m_synthetic = new QRadioButton(box);
    m_synthetic->setObjectName(QStringLiteral("syntheticActivations"));
    m_synthetic->setChecked(true);
    m_fromFile = new QRadioButton(box);
    m_fromFile->setObjectName(QStringLiteral("fileActivations"));
    m_fromFile->setEnabled(false); // until a file is chosen
    auto* choice = new QButtonGroup(box);
    choice->addButton(m_synthetic);
    choice->addButton(m_fromFile);
    auto* open = new QPushButton(box);
    open->setObjectName(QStringLiteral("openActivationsButton"));
    m_fileName = noteLabel(box, QStringLiteral("activationsFile"));
    setNoteColour(m_fileName, false);

    const ActivationSpec defaults;
    m_syntheticFields = new QWidget(box);
    m_tokens = new QSpinBox(m_syntheticFields);
    m_tokens->setObjectName(QStringLiteral("syntheticTokens"));
    m_tokens->setRange(1, 65536);
    m_tokens->setValue(static_cast<int>(defaults.tokens));
    m_outlierChannels = new QSpinBox(m_syntheticFields);
    m_outlierChannels->setObjectName(QStringLiteral("syntheticOutlierChannels"));
    m_outlierChannels->setRange(0, 1 << 20);
    m_outlierChannels->setValue(static_cast<int>(defaults.outlierChannels));
    m_outlierScale = new QDoubleSpinBox(m_syntheticFields);
    m_outlierScale->setObjectName(QStringLiteral("syntheticOutlierScale"));
    m_outlierScale->setRange(0.01, 1e6);
    m_outlierScale->setValue(defaults.outlierScale);
    m_outlierScale->setPrefix(QStringLiteral("× "));
    m_seed = new QSpinBox(m_syntheticFields);
    m_seed->setObjectName(QStringLiteral("syntheticSeed"));
    m_seed->setRange(0, std::numeric_limits<int>::max());
    m_seed->setValue(static_cast<int>(defaults.seed));
    for (QAbstractSpinBox* spin : std::initializer_list<QAbstractSpinBox*>{
             m_tokens, m_outlierChannels, m_outlierScale, m_seed}) {
        spin->setKeyboardTracking(false);
    }
    auto* syntheticNote = noteLabel(m_syntheticFields, QStringLiteral("syntheticNote"));
    setNoteColour(syntheticNote, false);
    auto* form = new QFormLayout(m_syntheticFields);
    form->setContentsMargins(20, 0, 0, 0);
    addTranslatedRow(form, m_texts, m_tokens, [] { return tr("Tokens"); });
    addTranslatedRow(form, m_texts, m_outlierChannels, [] { return tr("Outlier channels"); });
    addTranslatedRow(form, m_texts, m_outlierScale, [] { return tr("Outlier scale"); });
    addTranslatedRow(form, m_texts, m_seed, [] { return tr("Seed"); });
    form->addRow(syntheticNote);
    m_texts->bind([this, open, syntheticNote] {
        m_synthetic->setText(tr("Synthetic"));
        m_fromFile->setText(tr("From a file"));
        open->setText(tr("Open…"));
        open->setToolTip(tr("File → Open Activations…: a tensor [tokens, inputs] (leading "
                            "dimensions are taken as tokens)"));
        syntheticNote->setText(
            tr("Synthetic, shaped like the activations LLM.int8() measured in transformers: a few "
               "channels 20–100× the rest in nearly every token. No model produced these."));
    });

    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(m_fromFile, 1);
    fileRow->addWidget(open);
    auto* inner = new QVBoxLayout(box);
    inner->addWidget(m_synthetic);
    inner->addWidget(m_syntheticFields);
    inner->addLayout(fileRow);
    inner->addWidget(m_fileName);

    connect(open, &QPushButton::clicked, this, &MitigationControls::openActivationsRequested);
    connect(m_synthetic, &QRadioButton::toggled, this, [this] {
        m_syntheticFields->setEnabled(m_synthetic->isChecked());
        emit activationsChanged();
    });
    for (QSpinBox* spin : {m_tokens, m_outlierChannels, m_seed}) {
        connect(spin, &QSpinBox::valueChanged, this, &MitigationControls::activationsChanged);
    }
    connect(m_outlierScale, &QDoubleSpinBox::valueChanged, this,
            &MitigationControls::activationsChanged);
    return box;
}

std::optional<QuantSpec> MitigationControls::parsedFormat(const QComboBox* box) const
{
    auto candidate = parseShootoutCandidate(box->currentText().trimmed().toStdString());
    if (!candidate) {
        return std::nullopt;
    }
    return candidate->spec;
}

void MitigationControls::describeFormats()
{
    const std::pair<QComboBox*, QLabel*> boxes[] = {{m_weightFormat, m_weightNote},
                                                    {m_activationFormat, m_activationNote}};
    for (const auto& [box, note] : boxes) {
        const Operand operand = box == m_weightFormat ? Operand::Weight : Operand::Activations;
        auto candidate = parseShootoutCandidate(box->currentText().trimmed().toStdString());
        note->setText(candidate ? scaleLayoutText(candidate->spec, operand)
                                : errorText(candidate.error()));
        setNoteColour(note, !candidate);
    }
}

void MitigationControls::updateTransformTexts()
{
    m_alphaValue->setText(
        tr("α = %1").arg(static_cast<double>(m_alpha->value()) / kAlphaSlots, 0, 'f', 2));
    m_alpha->setEnabled(m_smooth->isChecked());
    m_alphaValue->setEnabled(m_smooth->isChecked());
    m_rotationSeed->setEnabled(m_rotate->isChecked());
    m_threshold->setEnabled(m_decompose->isChecked());
    m_rotationNote->setVisible(m_inputs > 0);
    if (m_inputs > 0) {
        m_rotationNote->setText(rotationPlanText(hadamardPlan(m_inputs, 0)));
    }
    m_float16->setVisible(m_decompose->isChecked() && m_float16Count.has_value());
    if (m_float16Count) {
        m_float16->setText(
            *m_float16Count == 1
                ? tr("1 input channel kept in float16")
                : tr("%1 input channels kept in float16").arg(formatCount(*m_float16Count)));
    }
}

std::optional<MitigationSettings> MitigationControls::settings() const
{
    const auto weight = parsedFormat(m_weightFormat);
    const auto activations = parsedFormat(m_activationFormat);
    if (!weight || !activations) {
        return std::nullopt;
    }
    MitigationSettings s;
    s.weightSpec = *weight;
    s.activationSpec = *activations;
    if (m_smooth->isChecked()) {
        // α = slot/20 exactly, as scanSmoothingAlpha steps it.
        s.smoothAlpha = static_cast<double>(m_alpha->value()) / kAlphaSlots;
    }
    if (m_rotate->isChecked()) {
        s.rotationSeed = static_cast<std::uint32_t>(m_rotationSeed->value());
    }
    if (m_decompose->isChecked()) {
        s.int8Threshold = m_threshold->value();
    }
    return s;
}

QString MitigationControls::weightFormat() const
{
    return m_weightFormat->currentText().trimmed();
}

QString MitigationControls::activationFormat() const
{
    return m_activationFormat->currentText().trimmed();
}

ActivationsChoice MitigationControls::activations() const
{
    ActivationsChoice choice;
    if (m_fromFile->isChecked() && m_file) {
        choice.file = m_file; // the synthetic fields do not apply: not part of the choice
        return choice;
    }
    choice.synthetic.tokens = static_cast<std::size_t>(m_tokens->value());
    choice.synthetic.features = m_inputs;
    choice.synthetic.outlierChannels = static_cast<std::size_t>(m_outlierChannels->value());
    choice.synthetic.outlierScale = m_outlierScale->value();
    choice.synthetic.seed = static_cast<std::uint32_t>(m_seed->value());
    return choice;
}

void MitigationControls::setWeightFormat(const QString& name)
{
    m_weightFormat->setCurrentText(name);
    emit settingsChanged();
}

void MitigationControls::setActivationFormat(const QString& name)
{
    m_activationFormat->setCurrentText(name);
    emit settingsChanged();
}

void MitigationControls::setSmoothAlpha(double alpha)
{
    const QSignalBlocker quiet(m_smooth); // one change, not two
    m_smooth->setChecked(true);
    const int slot = static_cast<int>(std::lround(alpha * kAlphaSlots));
    if (slot == m_alpha->value()) {
        updateTransformTexts();
        emit settingsChanged();
    } else {
        m_alpha->setValue(slot); // emits
    }
}

void MitigationControls::setSmoothing(bool on)
{
    m_smooth->setChecked(on);
}

void MitigationControls::setRotation(bool on)
{
    m_rotate->setChecked(on);
}

void MitigationControls::setDecomposition(bool on, double threshold)
{
    {
        const QSignalBlocker quiet(m_threshold);
        m_threshold->setValue(threshold);
    }
    if (m_decompose->isChecked() == on) {
        emit settingsChanged();
    } else {
        m_decompose->setChecked(on);
    }
}

void MitigationControls::setSynthetic(const ActivationSpec& spec)
{
    for (QObject* box : std::initializer_list<QObject*>{m_tokens, m_outlierChannels, m_outlierScale,
                                                        m_seed, m_synthetic}) {
        box->blockSignals(true);
    }
    m_tokens->setValue(static_cast<int>(spec.tokens));
    m_outlierChannels->setValue(static_cast<int>(spec.outlierChannels));
    m_outlierScale->setValue(spec.outlierScale);
    m_seed->setValue(static_cast<int>(spec.seed));
    m_synthetic->setChecked(true);
    m_syntheticFields->setEnabled(true);
    for (QObject* box : std::initializer_list<QObject*>{m_tokens, m_outlierChannels, m_outlierScale,
                                                        m_seed, m_synthetic}) {
        box->blockSignals(false);
    }
    emit activationsChanged();
}

void MitigationControls::setActivationsFile(const std::optional<FileSpec>& file)
{
    const bool changed = file != m_file || m_fromFile->isChecked() != file.has_value();
    m_file = file;
    m_fromFile->setEnabled(m_file.has_value());
    if (m_file) {
        QString name = QFileInfo(QString::fromStdString(m_file->path)).fileName();
        if (!m_file->tensorName.empty()) {
            name += QLatin1Char('#') + QString::fromStdString(m_file->tensorName);
        }
        m_fileName->setText(wrappable(name));
        m_fileName->setToolTip(QString::fromStdString(m_file->path));
    } else {
        m_fileName->setText(tr("No file chosen"));
        m_fileName->setToolTip(QString());
    }
    if (!changed) {
        return;
    }
    {
        const QSignalBlocker quiet(m_synthetic);
        (m_file ? m_fromFile : m_synthetic)->setChecked(true);
    }
    m_syntheticFields->setEnabled(!m_file);
    emit activationsChanged();
}

void MitigationControls::setWeightInputs(std::size_t inputs)
{
    m_inputs = inputs;
    updateTransformTexts();
}

void MitigationControls::showFloat16Channels(std::optional<std::size_t> count)
{
    m_float16Count = count;
    updateTransformTexts();
}

void MitigationControls::setAutoRunning(bool running)
{
    m_auto->setEnabled(!running);
}

} // namespace qs::ui
