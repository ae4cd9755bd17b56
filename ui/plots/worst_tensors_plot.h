#pragma once
// The model view's chart: the first tensors in the table's order, one horizontal bar each, the
// first at the top. By default the lowest SQNR under the current scheme; sorted by another
// number, that number's highest or lowest. Bars of tensors an outlier rule flags are orange.
// Names that would elide alike (then/else-branch twins) keep the part where they differ.

#include "analysis/model_report.h"

#include <QString>
#include <QWidget>

#include <vector>

class QCustomPlot;
class QCPTextElement;

namespace qs::ui {

class Retranslator;

class WorstTensorsPlot : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kShown = 12;

    struct Bar
    {
        QString name;
        double value = 0;
        bool flagged = false;
    };

    explicit WorstTensorsPlot(QWidget* parent = nullptr);

    // The lowest SQNR of `rows` (rows without a finite SQNR left out).
    void setRows(const std::vector<TensorReportRow>& rows);
    // `bars` in their order, at most kShown (fewer where the plot is too low for a name per
    // bar); `caption` says what they are ("Highest kurtosis"),
    // `valueLabel` names the value axis.
    void setBars(const QString& caption, const QString& valueLabel, const std::vector<Bar>& bars);
    QCustomPlot* plot() const { return m_plot; }
    // The tensor names on the bars, first first (for tests).
    QStringList shownNames() const { return m_names; }
    // The labels beside the bars, as elided.
    QStringList shownLabels() const { return m_labels; }
    QString caption() const;

    // Labels of at most `width` pixels for `names`: elided in the middle, except where two would
    // read alike; those start at the segment where the names differ.
    static QStringList distinctLabels(const QStringList& names, const QFont& font, int width);

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    // The names beside the bars, elided to the room the plot's width leaves them.
    void relabel();
    int rowsThatFit() const;

    QCustomPlot* m_plot = nullptr;
    QCPTextElement* m_heading = nullptr;
    Retranslator* m_texts = nullptr; // keeps the texts in the interface language
    QStringList m_names;
    QStringList m_labels;
    // What setBars was given, drawn again when a resize changes how many bars fit.
    std::vector<Bar> m_bars;
    QString m_caption;
    QString m_valueLabel;
    int m_rows = kShown;
};

} // namespace qs::ui
