#include "panels/source_panel.h"

#include "generate/data_presets.h"
#include "i18n/preset_texts.h"
#include "i18n/retranslator.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <filesystem>

namespace qs::ui {
namespace {

// A file and tensor name with a line-break opportunity after each separator: the label wraps
// a long name ("model-00003-of-00004.safetensors#model.layers.27.mlp.down_proj.weight") rather
// than widening the column, which has no room to scroll sideways.
QString wrappableName(QString name)
{
    static const QString kSeparators = QStringLiteral("/._#-:");
    constexpr QChar kZeroWidthSpace(0x200B);
    for (qsizetype i = name.size() - 1; i > 0; --i) {
        if (kSeparators.contains(name[i - 1])) {
            name.insert(i, kZeroWidthSpace);
        }
    }
    return name;
}

QDoubleSpinBox* numberBox(QWidget* parent, double lo, double hi, double value, int decimals = 3)
{
    auto* box = new QDoubleSpinBox(parent);
    box->setRange(lo, hi);
    box->setDecimals(decimals);
    box->setValue(value);
    box->setSingleStep(hi - lo > 100 ? 1.0 : 0.1);
    box->setKeyboardTracking(false);
    return box;
}

QString shapeText(const Shape& shape)
{
    QStringList dims;
    for (const std::int64_t dim : shape) {
        dims << QString::number(dim);
    }
    return dims.join(QLatin1Char(','));
}

// Setters for the combo boxes' item texts, in the order of core's names.
QStringList distributionLabels()
{
    return {SourcePanel::tr("normal"),     SourcePanel::tr("uniform"),
            SourcePanel::tr("Laplace"),    SourcePanel::tr("Student's t"),
            SourcePanel::tr("log-normal"), SourcePanel::tr("bimodal"),
            SourcePanel::tr("ReLU"),       SourcePanel::tr("numpy randn (the tutorial's)")};
}

QStringList outlierSignLabels()
{
    return {SourcePanel::tr("positive"), SourcePanel::tr("negative"), SourcePanel::tr("alternate"),
            SourcePanel::tr("random")};
}

// Outlier magnitudes on the slider: 0.5 steps from 0 to 1000 (lesson 4 goes that far); the box
// beside it holds the exact magnitude, any size.
constexpr int kMagnitudeSteps = 2;
constexpr int kSliderMagnitude = 1000;

} // namespace

SourcePanel::SourcePanel(QWidget* parent) : QWidget(parent)
{
    m_texts = new Retranslator(this);
    m_mode = new QComboBox(this);
    m_mode->setObjectName(QStringLiteral("sourceMode"));
    m_mode->addItems({QString(), QString(), QString()});
    m_texts->bind(
        [this] { setItemTexts(m_mode, {tr("Generate"), tr("Data preset"), tr("File")}); });
    m_pages = new QStackedWidget(this);
    m_pages->addWidget(buildGenerator());
    m_pages->addWidget(buildPresets());
    m_pages->addWidget(buildFile());

    auto* box = new QGroupBox(this);
    m_texts->bind([box] { box->setTitle(tr("Tensor")); });
    auto* inner = new QVBoxLayout(box);
    inner->addWidget(m_mode);
    inner->addWidget(m_pages);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(box);

    // Typing and slider drags coalesce: the source is emitted once the controls settle for a
    // moment (the runner would drop the stale results anyway, this saves the work).
    m_emitTimer.setSingleShot(true);
    m_emitTimer.setInterval(40);
    connect(&m_emitTimer, &QTimer::timeout, this, [this] { emit sourceChanged(source()); });
    connect(m_mode, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_pages->setCurrentIndex(index);
        if (index != File || !m_fileSpec.path.empty()) {
            scheduleEmit();
        }
    });
    updateParameterVisibility();
}

QWidget* SourcePanel::buildGenerator()
{
    auto* page = new QWidget(this);
    auto* form = new QFormLayout(page);
    form->setContentsMargins(0, 0, 0, 0);
    m_distribution = new QComboBox(page);
    m_distribution->setObjectName(QStringLiteral("distribution"));
    for (const char* name : distributionNames()) {
        m_distribution->addItem(QString(), QString::fromLatin1(name));
    }
    m_texts->bind([this] { setItemTexts(m_distribution, distributionLabels()); });
    m_mean = numberBox(page, -1e6, 1e6, 0);
    m_std = numberBox(page, 0, 1e6, 1);
    m_low = numberBox(page, -1e6, 1e6, -1);
    m_high = numberBox(page, -1e6, 1e6, 1);
    m_scale = numberBox(page, 0, 1e6, 1);
    m_df = numberBox(page, 0.01, 1000, 3, 2);
    m_mean2 = numberBox(page, -1e6, 1e6, 3);
    m_weight = numberBox(page, 0, 1, 0.5, 2);
    m_shape = new QLineEdit(QStringLiteral("100000"), page);
    m_shape->setObjectName(QStringLiteral("shape"));
    m_shape->setValidator(new QRegularExpressionValidator(
        QRegularExpression(QStringLiteral("\\d+([,x]\\d+)*")), m_shape));
    m_texts->bind([this] { m_shape->setToolTip(tr("A count (100000) or a shape (64,1024)")); });
    m_seed = new QSpinBox(page);
    m_seed->setRange(0, std::numeric_limits<int>::max());
    m_seed->setKeyboardTracking(false);
    m_outliers = new QSpinBox(page);
    m_outliers->setObjectName(QStringLiteral("outlierCount"));
    m_outliers->setRange(0, 1000000);
    m_outliers->setKeyboardTracking(false);
    m_magnitude = new QSlider(Qt::Horizontal, page);
    m_magnitude->setObjectName(QStringLiteral("outlierMagnitude"));
    m_magnitude->setRange(0, kSliderMagnitude * kMagnitudeSteps);
    m_magnitude->setValue(10 * kMagnitudeSteps);
    m_magnitudeValue = new QDoubleSpinBox(page);
    m_magnitudeValue->setObjectName(QStringLiteral("outlierMagnitudeValue"));
    m_magnitudeValue->setRange(0, 1e6);
    // Narrow: the slider beside it is the control most people drag.
    m_magnitudeValue->setMaximumWidth(
        m_magnitudeValue->fontMetrics().horizontalAdvance(QStringLiteral("00000.00")) + 30);
    m_magnitudeValue->setDecimals(2);
    m_magnitudeValue->setKeyboardTracking(false);
    m_magnitudeValue->setValue(10);
    m_outlierUnit = new QComboBox(page);
    m_outlierUnit->addItems({QString(), QString()});
    m_texts->bind(
        [this] { setItemTexts(m_outlierUnit, {tr("σ of the data"), tr("absolute value")}); });
    m_outlierSign = new QComboBox(page);
    for (const char* name : outlierSignNames()) {
        m_outlierSign->addItem(QString(), QString::fromLatin1(name));
    }
    m_texts->bind([this] { setItemTexts(m_outlierSign, outlierSignLabels()); });
    auto* magnitudeRow = new QHBoxLayout;
    magnitudeRow->addWidget(m_magnitude, 1);
    magnitudeRow->addWidget(m_magnitudeValue);

    addTranslatedRow(form, m_texts, m_distribution, [] { return tr("Distribution"); });
    addTranslatedRow(form, m_texts, m_mean, [] { return tr("Mean"); });
    addTranslatedRow(form, m_texts, m_std, [] { return tr("Std"); });
    addTranslatedRow(form, m_texts, m_low, [] { return tr("Low"); });
    addTranslatedRow(form, m_texts, m_high, [] { return tr("High"); });
    addTranslatedRow(form, m_texts, m_scale, [] { return tr("Scale"); });
    addTranslatedRow(form, m_texts, m_df, [] { return tr("Degrees of freedom"); });
    addTranslatedRow(form, m_texts, m_mean2, [] { return tr("Second mean"); });
    addTranslatedRow(form, m_texts, m_weight, [] { return tr("First weight"); });
    addTranslatedRow(form, m_texts, m_shape, [] { return tr("Count or shape"); });
    addTranslatedRow(form, m_texts, m_seed, [] { return tr("Seed"); });
    addTranslatedRow(form, m_texts, m_outliers, [] { return tr("Outliers"); });
    addTranslatedRow(form, m_texts, magnitudeRow, [] { return tr("Magnitude"); });
    addTranslatedRow(form, m_texts, m_outlierUnit, [] { return tr("Measured in"); });
    addTranslatedRow(form, m_texts, m_outlierSign, [] { return tr("Sign"); });

    for (QDoubleSpinBox* box : {m_mean, m_std, m_low, m_high, m_scale, m_df, m_mean2, m_weight}) {
        connect(box, &QDoubleSpinBox::valueChanged, this, &SourcePanel::scheduleEmit);
    }
    connect(m_distribution, &QComboBox::currentIndexChanged, this, [this] {
        updateParameterVisibility();
        scheduleEmit();
    });
    connect(m_shape, &QLineEdit::editingFinished, this, &SourcePanel::scheduleEmit);
    connect(m_seed, &QSpinBox::valueChanged, this, &SourcePanel::scheduleEmit);
    connect(m_outliers, &QSpinBox::valueChanged, this, &SourcePanel::scheduleEmit);
    connect(m_magnitude, &QSlider::valueChanged, this, [this](int value) {
        m_magnitudeValue->setValue(value / double(kMagnitudeSteps)); // emits once changed
    });
    connect(m_magnitudeValue, &QDoubleSpinBox::valueChanged, this, [this](double value) {
        const QSignalBlocker quiet(m_magnitude);
        m_magnitude->setValue(static_cast<int>(std::lround(
            std::min<double>(value, kSliderMagnitude) * kMagnitudeSteps))); // pinned beyond
        scheduleEmit();
    });
    connect(m_outlierUnit, &QComboBox::currentIndexChanged, this, &SourcePanel::scheduleEmit);
    connect(m_outlierSign, &QComboBox::currentIndexChanged, this, &SourcePanel::scheduleEmit);
    return page;
}

QWidget* SourcePanel::buildPresets()
{
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    m_preset = new QComboBox(page);
    m_preset->setObjectName(QStringLiteral("preset"));
    // Shown by title; the id (what sessions and the CLI spell) is the item's data and tooltip.
    for (const DataPreset& preset : dataPresets()) {
        m_preset->addItem(QString(), presetId(preset.name));
    }
    m_texts->bind([this] {
        QStringList titles;
        int index = 0;
        for (const DataPreset& preset : dataPresets()) {
            titles << dataPresetTitle(preset);
            m_preset->setItemData(index++, dataPresetToolTip(preset), Qt::ToolTipRole);
        }
        setItemTexts(m_preset, titles);
    });
    m_presetDescription = new QLabel(page);
    m_presetDescription->setWordWrap(true);
    layout->addWidget(m_preset);
    layout->addWidget(m_presetDescription);
    layout->addStretch();
    auto describe = [this] {
        const auto presets = dataPresets();
        const auto index = static_cast<std::size_t>(std::max(0, m_preset->currentIndex()));
        m_presetDescription->setText(dataPresetDescription(presets[index]));
    };
    m_texts->bind(describe);
    connect(m_preset, &QComboBox::currentIndexChanged, this, [this, describe] {
        describe();
        scheduleEmit();
    });
    return page;
}

QWidget* SourcePanel::buildFile()
{
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    m_file = new QLabel(page);
    m_file->setWordWrap(true);
    m_texts->bind([this] {
        if (m_fileSpec.path.empty()) {
            m_file->setText(tr("No file opened. Use File → Open or drop a file on the window."));
        }
    });
    auto* open = new QPushButton(page);
    m_texts->bind([open] { open->setText(tr("Open…")); });
    layout->addWidget(m_file);
    layout->addWidget(open);
    layout->addStretch();
    connect(open, &QPushButton::clicked, this, &SourcePanel::openFileRequested);
    return page;
}

void SourcePanel::updateParameterVisibility()
{
    const auto distribution =
        distributionFromName(m_distribution->currentData().toString().toStdString());
    auto* form = qobject_cast<QFormLayout*>(m_pages->widget(Generate)->layout());
    auto show = [form](QWidget* field, bool visible) {
        form->setRowVisible(field, visible);
    };
    const Distribution d = distribution.value_or(Distribution::Normal);
    const bool usesStd = d == Distribution::Normal || d == Distribution::LogNormal ||
                         d == Distribution::Bimodal || d == Distribution::Relu;
    show(m_mean, d != Distribution::Uniform && d != Distribution::NumpyRandn);
    show(m_std, usesStd);
    show(m_low, d == Distribution::Uniform);
    show(m_high, d == Distribution::Uniform);
    show(m_scale, d == Distribution::Laplace || d == Distribution::StudentT);
    show(m_df, d == Distribution::StudentT);
    show(m_mean2, d == Distribution::Bimodal);
    show(m_weight, d == Distribution::Bimodal);
}

void SourcePanel::scheduleEmit()
{
    if (!m_quiet) {
        m_emitTimer.start();
    }
}

SourcePanel::Mode SourcePanel::mode() const
{
    return static_cast<Mode>(m_mode->currentIndex());
}

GenerateSpec SourcePanel::generateSpec() const
{
    GenerateSpec spec;
    spec.distribution = distributionFromName(m_distribution->currentData().toString().toStdString())
                            .value_or(Distribution::Normal);
    spec.mean = m_mean->value();
    spec.std = m_std->value();
    spec.low = m_low->value();
    spec.high = m_high->value();
    spec.scale = m_scale->value();
    spec.df = m_df->value();
    spec.mean2 = m_mean2->value();
    spec.weight = m_weight->value();
    spec.seed = static_cast<std::uint32_t>(m_seed->value());
    spec.shape.clear();
    for (const QString& dim :
         m_shape->text().split(QRegularExpression(QStringLiteral("[,x]")), Qt::SkipEmptyParts)) {
        spec.shape.push_back(dim.toLongLong());
    }
    if (spec.shape.empty()) {
        spec.shape = {1};
    }
    spec.outliers.count = static_cast<std::size_t>(m_outliers->value());
    spec.outliers.magnitude = m_magnitudeValue->value();
    spec.outliers.unit =
        m_outlierUnit->currentIndex() == 0 ? OutlierUnit::Sigma : OutlierUnit::Absolute;
    spec.outliers.sign = outlierSignFromName(m_outlierSign->currentData().toString().toStdString())
                             .value_or(OutlierSign::Positive);
    return spec;
}

TensorSource SourcePanel::source() const
{
    switch (mode()) {
    case Preset:
        return PresetSpec{m_preset->currentData().toString().toStdString()};
    case File:
        return m_fileSpec;
    case Generate:
        break;
    }
    return generateSpec();
}

void SourcePanel::setSource(const TensorSource& source)
{
    m_quiet = true;
    const QSignalBlocker blockMode(m_mode);
    if (const auto* generate = std::get_if<GenerateSpec>(&source)) {
        m_mode->setCurrentIndex(Generate);
        m_distribution->setCurrentIndex(m_distribution->findData(
            QString::fromLatin1(distributionName(generate->distribution).data())));
        m_mean->setValue(generate->mean);
        m_std->setValue(generate->std);
        m_low->setValue(generate->low);
        m_high->setValue(generate->high);
        m_scale->setValue(generate->scale);
        m_df->setValue(generate->df);
        m_mean2->setValue(generate->mean2);
        m_weight->setValue(generate->weight);
        m_shape->setText(shapeText(generate->shape));
        m_seed->setValue(static_cast<int>(std::min<std::uint32_t>(generate->seed, INT32_MAX)));
        m_outliers->setValue(
            static_cast<int>(std::min<std::size_t>(generate->outliers.count, 1000000)));
        m_magnitudeValue->setValue(generate->outliers.magnitude); // the slider follows
        m_outlierUnit->setCurrentIndex(generate->outliers.unit == OutlierUnit::Sigma ? 0 : 1);
        m_outlierSign->setCurrentIndex(m_outlierSign->findData(
            QString::fromLatin1(outlierSignName(generate->outliers.sign).data())));
    } else if (const auto* preset = std::get_if<PresetSpec>(&source)) {
        m_mode->setCurrentIndex(Preset);
        m_preset->setCurrentIndex(
            std::max(0, m_preset->findData(QString::fromStdString(preset->name))));
    } else if (const auto* file = std::get_if<FileSpec>(&source)) {
        m_mode->setCurrentIndex(File);
        m_fileSpec = *file;
        QString text =
            QString::fromStdString(std::filesystem::path(file->path).filename().string());
        if (!file->tensorName.empty()) {
            text += QLatin1Char('#') + QString::fromStdString(file->tensorName);
        }
        m_file->setText(wrappableName(text));
        m_file->setToolTip(QString::fromStdString(file->path));
    }
    m_pages->setCurrentIndex(m_mode->currentIndex());
    updateParameterVisibility();
    m_emitTimer.stop();
    m_quiet = false;
}

} // namespace qs::ui
