#pragma once
// The base of the plots that draw one analysis snapshot (histogram, transfer, error, code usage).
// It owns the QCustomPlot with the shared look and export menu, the snapshot shown, and the
// retranslation: a language change draws the snapshot again, so the labels built from results
// read in the new language. Subclasses set up their axes once and implement draw().

#include "analysis_snapshot.h"

#include <QWidget>

class QCustomPlot;
class QVBoxLayout;

namespace qs::ui {

class Retranslator;

class SnapshotPlot : public QWidget
{
    Q_OBJECT

public:
    // Shows `snapshot` (null: nothing, for plots drawn from scratch).
    void setSnapshot(SnapshotPtr snapshot);
    const SnapshotPtr& snapshot() const { return m_snapshot; }
    QCustomPlot* plot() const { return m_plot; }

protected:
    enum class Redraw
    {
        FromScratch, // every graph and item is removed before draw()
        InPlace,     // draw() updates graphs it keeps (and removes what it must) itself
    };

    // `objectName` names the QCustomPlot: tests and File → Export Plot find it by it.
    SnapshotPlot(const QString& objectName, Redraw redraw, QWidget* parent);

    // Draws `snapshot`; `previous` is the one shown before (null at first), for plots that keep
    // a view across snapshots of the same tensor. The base replots afterwards.
    virtual void draw(const AnalysisSnapshot& snapshot, const AnalysisSnapshot* previous) = 0;

    // The legend in a row under the plot, up to `maxColumns` entries side by side and as many
    // rows as the plot's width needs: for plots whose data fill the axis rect, so that no
    // corner is free for it, at any width.
    void keepLegendBelow(int maxColumns);

    Retranslator* texts() const { return m_texts; }
    // The plot fills it; a subclass may add controls around the plot.
    QVBoxLayout* contentLayout() const { return m_layout; }

private:
    Retranslator* m_texts = nullptr; // keeps the texts in the interface language
    QCustomPlot* m_plot = nullptr;
    QVBoxLayout* m_layout = nullptr;
    Redraw m_redraw;
    SnapshotPtr m_snapshot;
};

} // namespace qs::ui
