#pragma once
// An axis ticker for bars at whole positions 0..n−1 that each stand for a code: ticks only at
// whole positions, as many as fit, each labelled with its code's text (a code's value, an E8M0
// scale's power of two). Zooming in shows more of them, down to every bar.

#include <QStringList>
#include <qcustomplot.h>

namespace qs::ui {

class SlotTicker : public QCPAxisTicker
{
public:
    explicit SlotTicker(QStringList labels) : m_labels(std::move(labels)) {}
    const QStringList& labels() const { return m_labels; }

protected:
    double getTickStep(const QCPRange& range) override;
    int getSubTickCount(double tickStep) override;
    QString getTickLabel(double tick, const QLocale& locale, QChar formatChar,
                         int precision) override;

private:
    QStringList m_labels;
};

} // namespace qs::ui
