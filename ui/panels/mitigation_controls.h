#pragma once
// The Outliers view's choices: the transforms (SmoothQuant with its α and Auto, the randomized
// Hadamard rotation with its seed, LLM.int8()'s decomposition with its threshold), the formats
// of W and X by the names the command line takes (analysis/shootout.h), and where X comes from
// (synthetic, said so, or a file's tensor). It holds no results; the view shows them.

#include "mitigate/mitigation.h"
#include "mitigation_runner.h"

#include <QWidget>

#include <cstdint>
#include <optional>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QRadioButton;
class QSlider;
class QSpinBox;

namespace qs::ui {

class Retranslator;

class MitigationControls : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kAlphaSlots = static_cast<int>(kAlphaSteps) - 1; // α = slot / 20

    explicit MitigationControls(QWidget* parent = nullptr);

    // The formats and transforms; nullopt while a format name is refused (its error is shown
    // under its box).
    std::optional<MitigationSettings> settings() const;
    ActivationsChoice activations() const;
    // The format names as typed (what the command line's --weight-format and
    // --activation-format take).
    QString weightFormat() const;
    QString activationFormat() const;

    void setWeightFormat(const QString& name);
    void setActivationFormat(const QString& name);
    // SmoothQuant on at `alpha` (rounded to the slider's steps of 0.05).
    void setSmoothAlpha(double alpha);
    void setSmoothing(bool on);
    void setRotation(bool on);
    void setDecomposition(bool on, double threshold = kDefaultInt8Threshold);
    void setSynthetic(const ActivationSpec& spec);
    // X from `file` (shown by name); nullopt goes back to synthetic activations.
    void setActivationsFile(const std::optional<FileSpec>& file);

    // The weight's input dimension (0: no weight yet): the synthetic features and the rotation's
    // block structure follow it.
    void setWeightInputs(std::size_t inputs);
    // How many channels LLM.int8() kept in float16 in the results shown (nullopt: none shown).
    void showFloat16Channels(std::optional<std::size_t> count);
    // Auto runs (disabled) or not.
    void setAutoRunning(bool running);

    QSlider* alphaSlider() const { return m_alpha; }
    QPushButton* autoButton() const { return m_auto; }
    QLabel* float16Label() const { return m_float16; }
    QLabel* rotationNote() const { return m_rotationNote; }
    QLabel* weightFormatNote() const { return m_weightNote; }
    QLabel* activationFormatNote() const { return m_activationNote; }

signals:
    // A format or a transform changed (a refused format name included: settings() is then
    // nullopt).
    void settingsChanged();
    void activationsChanged();
    void autoAlphaRequested();
    void openActivationsRequested();

private:
    QWidget* buildTransforms();
    QWidget* buildFormats();
    QWidget* buildActivations();
    QComboBox* formatBox(const QStringList& names, const QString& objectName);
    // The spec of a format box's name, and the note under it: where the scales go, or core's
    // refusal.
    std::optional<QuantSpec> parsedFormat(const QComboBox* box) const;
    void describeFormats();
    void updateTransformTexts();

    Retranslator* m_texts = nullptr; // keeps the texts in the interface language
    QCheckBox* m_smooth = nullptr;
    QSlider* m_alpha = nullptr;
    QLabel* m_alphaValue = nullptr;
    QPushButton* m_auto = nullptr;
    QCheckBox* m_rotate = nullptr;
    QSpinBox* m_rotationSeed = nullptr;
    QLabel* m_rotationNote = nullptr;
    QCheckBox* m_decompose = nullptr;
    QDoubleSpinBox* m_threshold = nullptr;
    QLabel* m_float16 = nullptr;
    QComboBox* m_weightFormat = nullptr;
    QComboBox* m_activationFormat = nullptr;
    QLabel* m_weightNote = nullptr;
    QLabel* m_activationNote = nullptr;
    QRadioButton* m_synthetic = nullptr;
    QRadioButton* m_fromFile = nullptr;
    QSpinBox* m_tokens = nullptr;
    QSpinBox* m_outlierChannels = nullptr;
    QDoubleSpinBox* m_outlierScale = nullptr;
    QSpinBox* m_seed = nullptr;
    QWidget* m_syntheticFields = nullptr;
    QLabel* m_fileName = nullptr;
    std::optional<FileSpec> m_file;
    std::size_t m_inputs = 0;
    std::optional<std::size_t> m_float16Count;
};

} // namespace qs::ui
