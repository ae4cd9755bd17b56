#pragma once
// Where the tensor comes from: a generator (distribution, parameters, shape, seed, outliers), a
// built-in data set, or a file. Every change to the generator is live: the panel emits
// sourceChanged, the runner does the rest.

#include "io/tensor_source.h"

#include <QTimer>
#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSlider;
class QSpinBox;
class QStackedWidget;

namespace qs::ui {

class Retranslator;

class SourcePanel : public QWidget
{
    Q_OBJECT

public:
    enum Mode
    {
        Generate = 0,
        Preset = 1,
        File = 2
    };

    explicit SourcePanel(QWidget* parent = nullptr);

    TensorSource source() const;
    // Shows `source` in the controls without emitting sourceChanged.
    void setSource(const TensorSource& source);
    Mode mode() const;

signals:
    void sourceChanged(const qs::TensorSource& source);
    void openFileRequested();

private:
    QWidget* buildGenerator();
    QWidget* buildPresets();
    QWidget* buildFile();
    GenerateSpec generateSpec() const;
    void updateParameterVisibility();
    void scheduleEmit();

    Retranslator* m_texts = nullptr;
    QComboBox* m_mode = nullptr;
    QStackedWidget* m_pages = nullptr;
    QComboBox* m_distribution = nullptr;
    QDoubleSpinBox* m_mean = nullptr;
    QDoubleSpinBox* m_std = nullptr;
    QDoubleSpinBox* m_low = nullptr;
    QDoubleSpinBox* m_high = nullptr;
    QDoubleSpinBox* m_scale = nullptr;
    QDoubleSpinBox* m_df = nullptr;
    QDoubleSpinBox* m_mean2 = nullptr;
    QDoubleSpinBox* m_weight = nullptr;
    QLineEdit* m_shape = nullptr;
    QSpinBox* m_seed = nullptr;
    QSpinBox* m_outliers = nullptr;
    QSlider* m_magnitude = nullptr;
    QDoubleSpinBox* m_magnitudeValue = nullptr; // exact; the slider shows up to 1000
    QComboBox* m_outlierUnit = nullptr;
    QComboBox* m_outlierSign = nullptr;
    QComboBox* m_preset = nullptr;
    QLabel* m_presetDescription = nullptr;
    QLabel* m_file = nullptr;
    FileSpec m_fileSpec;
    QTimer m_emitTimer;
    bool m_quiet = false;
};

} // namespace qs::ui
