#pragma once
// The tutorial's steps with the actual numbers: Scale and Z worked out from the formula, then
// R, R/Scale + Z, Round, Clip, R′ and the error for the first values and for a value the user
// types in — the tutorial's quant_result / saturete_result / dequant_result / diff, live.

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

private:
    // Scale and Z worked out from the formula with the actual numbers (rich text).
    static QString derive(const AnalysisSnapshot& snapshot);
    void onTrialEdited();

    Retranslator* m_texts = nullptr; // keeps the texts in the interface language
    SnapshotPtr m_shown;
    QLabel* m_derivation = nullptr;
    QLineEdit* m_trial = nullptr;
    QTableView* m_table = nullptr;
    WalkthroughModel* m_model = nullptr;
};

} // namespace qs::ui
