#pragma once
// The tutorial's steps with the actual numbers: Scale and Z worked out from the formula, then
// R, R/Scale + Z, Round, Clip, R′ and the error for the first values and for a value the user
// types in — the tutorial's quant_result / saturete_result / dequant_result / diff, live. A
// format beyond the integer grid shows its own steps (the picked block's scales, then each
// value's code).

#include "analysis_snapshot.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QTableView;

namespace qs::ui {

class Retranslator;
class WalkthroughModel;

class WalkthroughPanel : public QWidget
{
    Q_OBJECT

public:
    explicit WalkthroughPanel(QWidget* parent = nullptr);
    void setSnapshot(const SnapshotPtr& snapshot);
    WalkthroughModel* model() const { return m_model; }
    // The worked formulas as shown (rich text).
    QString derivation() const;
    // Puts `text` in the "Try a value R =" box, as if typed.
    void setTrialText(const QString& text);
    // Works through the grid of group `group` (the Channels view's pick); 0 at first.
    void setPickedGroup(int group);

private:
    // Scale and Z worked out from the formula with the actual numbers (rich text); a format's
    // own steps (panels/format_derivation.h).
    static QString derive(const AnalysisSnapshot& snapshot, int picked);
    void onTrialEdited();

    Retranslator* m_texts = nullptr; // keeps the texts in the interface language
    SnapshotPtr m_shown;
    int m_pickedGroup = 0;
    QLabel* m_derivation = nullptr;
    QLineEdit* m_trial = nullptr;
    QTableView* m_table = nullptr;
    WalkthroughModel* m_model = nullptr;
};

} // namespace qs::ui
