#include "panels/measures_page.h"

#include "i18n/core_texts.h"
#include "i18n/retranslator.h"
#include "models/mitigation_measures_model.h"
#include "theme.h"

#include <QHeaderView>
#include <QLabel>
#include <QScrollBar>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace qs::ui {
namespace {

QLabel* colouredLabel(QWidget* parent, const QString& objectName, const QColor& colour)
{
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, colour);
    label->setPalette(palette);
    return label;
}

} // namespace

MeasuresPage::MeasuresPage(QWidget* parent) : QWidget(parent)
{
    m_texts = new Retranslator(this);
    m_model = new MitigationMeasuresModel(this);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("mitigationMeasures"));
    m_table->setModel(m_model);
    m_table->verticalHeader()->hide();
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // The numbers as wide as they need; the names take the rest and elide in a narrow view. The
    // table is no wider than its texts (fitWidth), so that in a wide view the numbers stay next
    // to their names.
    QHeaderView* header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(MitigationMeasuresModel::Measure, QHeaderView::Stretch);
    header->setStretchLastSection(false);
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 4);
    // No taller than its rows; it scrolls when the view is shorter.
    m_table->setMaximumHeight(m_table->horizontalHeader()->sizeHint().height() +
                              MitigationMeasuresModel::RowCount *
                                  m_table->verticalHeader()->defaultSectionSize() +
                              2 * m_table->frameWidth() + 2);
    m_warnings = colouredLabel(this, QStringLiteral("mitigationWarnings"), theme::clipped());
    m_warnings->hide();
    m_guide = colouredLabel(this, QStringLiteral("measuresGuide"), theme::annotation());
    m_texts->bind([this] {
        m_guide->setText(
            tr("How to read it: an outlier channel of X gives X a high kurtosis and max/σ, and a "
               "per-tensor scale wide enough for it leaves few codes to the rest. SmoothQuant "
               "moves part of that range into W (X's kurtosis falls, W's may rise); a rotation "
               "spreads it over every channel of both; LLM.int8() keeps those channels out of "
               "the quantized product. Whether the trade pays shows only at the product: the "
               "output SQNR."));
        fitGuide();
    });
    m_texts->onChange([this] {
        refreshTexts(m_model);
        show(m_model->before(), m_after); // the warnings in the new language, the width anew
    });
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_warnings);
    layout->addWidget(m_guide);
    layout->addStretch(0);
}

void MeasuresPage::show(std::shared_ptr<const MitigationOutcome> before,
                        std::shared_ptr<const MitigationOutcome> after)
{
    m_after = after;
    m_model->setOutcomes(std::move(before), std::move(after));
    QStringList warnings;
    if (m_after) {
        for (const Warning& warning : m_after->warnings) {
            warnings << warningText(warning);
        }
    }
    m_warnings->setText(warnings.join(QLatin1Char('\n')));
    m_warnings->setVisible(!warnings.isEmpty());
    fitWidth();
    fitGuide();
}

void MeasuresPage::fitWidth()
{
    // QTableView hides its override; QAbstractItemView offers it.
    const QAbstractItemView* view = m_table;
    int width = 2 * m_table->frameWidth() + m_table->verticalScrollBar()->sizeHint().width();
    for (int column = 0; column < MitigationMeasuresModel::ColumnCount; ++column) {
        width += std::max(view->sizeHintForColumn(column),
                          m_table->horizontalHeader()->sectionSizeHint(column));
    }
    m_table->setMaximumWidth(width);
}

void MeasuresPage::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    fitGuide();
}

// The guide only where it fits whole below the whole table: in a short view the numbers keep
// the room.
void MeasuresPage::fitGuide()
{
    const int margins = 30; // the layout's around and between the rows
    const int warnings = m_warnings->isVisible() ? m_warnings->heightForWidth(width() - 20) : 0;
    const int needed =
        m_table->maximumHeight() + warnings + m_guide->heightForWidth(width() - 20) + margins;
    m_guide->setVisible(height() >= needed);
}

} // namespace qs::ui
