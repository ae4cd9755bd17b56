#include "panels/tensor_info_panel.h"

#include "elided_label.h"
#include "ggml/block_codec.h"
#include "i18n/retranslator.h"
#include "number_format.h"
#include "theme.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QVBoxLayout>

namespace qs::ui {

TensorInfoPanel::TensorInfoPanel(QWidget* parent) : QWidget(parent)
{
    m_texts = new Retranslator(this);
    auto* box = new QGroupBox(this);
    m_texts->bind([box] { box->setTitle(tr("Tensor info")); });
    auto* form = new QFormLayout(box);
    m_name = addRow(form, [] { return tr("Name"); });
    m_shape = addRow(form, [] { return tr("Shape"); });
    m_dtype = addRow(form, [] { return tr("Dtype"); });
    m_count = addRow(form, [] { return tr("Values"); });
    m_nonFinite = addRow(form, [] { return tr("NaN / Inf"); });
    m_range = addRow(form, [] { return tr("Min … max"); });
    m_moments = addRow(form, [] { return tr("Mean ± std"); });
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(box);
    m_texts->onChange([this] { setSnapshot(SnapshotPtr(m_shown)); });
}

QLabel* TensorInfoPanel::addRow(QFormLayout* form, std::function<QString()> label)
{
    // Elided rather than widening the column (a long tensor name or dtype text).
    auto* value = new ElidedLabel(QStringLiteral("–"), this);
    addTranslatedRow(form, m_texts, value, std::move(label));
    return value;
}

void TensorInfoPanel::setSnapshot(const SnapshotPtr& snapshot)
{
    m_shown = snapshot;
    if (!snapshot) {
        return;
    }
    const Tensor& tensor = snapshot->data->loaded.tensor;
    const TensorStats& s = snapshot->data->stats;
    m_name->setText(QString::fromStdString(tensor.name));
    m_shape->setText(QString::fromStdString(shapeToString(tensor.shape)));
    const auto& stored = snapshot->data->loaded.storedBlocks;
    const ggml::TypeInfo* blocks = stored ? ggml::typeById(stored->type) : nullptr;
    m_dtype->setText(
        blocks ? tr("%1 (ggml blocks, decoded)")
                     .arg(QString::fromLatin1(blocks->name.data(), qsizetype(blocks->name.size())))
               : QString::fromLatin1(dtypeName(tensor.sourceDtype).data()));
    m_count->setText(tr("%1 (%2 finite)").arg(formatCount(s.count), formatCount(s.finiteCount)));
    m_nonFinite->setText(tr("%1 / %2").arg(formatCount(s.nanCount), formatCount(s.infCount)));
    QPalette palette = m_nonFinite->palette();
    palette.setColor(QPalette::WindowText,
                     s.nanCount + s.infCount > 0 ? theme::clipped() : QColor());
    m_nonFinite->setPalette(s.nanCount + s.infCount > 0 ? palette : QPalette());
    m_range->setText(tr("%1 … %2").arg(formatValue(s.min), formatValue(s.max)));
    m_moments->setText(tr("%1 ± %2").arg(formatValue(s.mean), formatValue(s.std)));
}

} // namespace qs::ui
