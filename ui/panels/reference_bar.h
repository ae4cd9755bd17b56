#pragma once
// The line above the Model view's table while a reference file is set (File → Compare with
// Reference…): which reference the stored values are measured against and how many tensors were
// matched with one, or why the comparison is not shown (waiting, cancelled, an unreadable
// reference), and a button that clears the reference. Hidden without a reference.

#include "analysis/reference_comparison.h"

#include <QWidget>

#include <functional>

class QLabel;
class QToolButton;

namespace qs::ui {

class Retranslator;

class ReferenceBar : public QWidget
{
    Q_OBJECT

public:
    explicit ReferenceBar(QWidget* parent);

    QString text() const;
    // No reference: the bar hides.
    void showNone();
    // The comparison with `reference` waits for the report or runs.
    void showPending(const QString& reference);
    void showComparison(const QString& reference, const ReferenceComparison& comparison);
    void showCancelled(const QString& reference);
    // `error` names the file it is about.
    void showError(const QString& reference, const QString& error);

signals:
    void clearRequested();

private:
    using Message = std::function<QString()>;
    void setMessage(Message message, Message toolTip = {});
    static QString unmatchedList(const ReferenceComparison& comparison);

    Retranslator* m_texts = nullptr; // keeps the texts in the interface language
    QLabel* m_label = nullptr;
    QToolButton* m_clear = nullptr;
    Message m_message;
    Message m_toolTip;
};

} // namespace qs::ui
