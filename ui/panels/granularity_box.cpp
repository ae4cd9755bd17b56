#include "panels/granularity_box.h"

#include "i18n/retranslator.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>

#include <algorithm>

namespace qs::ui {

GranularityBox::GranularityBox(QWidget* parent) : QGroupBox(parent)
{
    m_texts = new Retranslator(this);
    m_texts->bind([this] { setTitle(tr("Granularity")); });
    m_granularity = new QComboBox(this);
    m_granularity->setObjectName(QStringLiteral("granularity"));
    m_granularity->addItem(QString(), int(Granularity::Tensor));
    m_granularity->addItem(QString(), int(Granularity::Channel));
    m_granularity->addItem(QString(), int(Granularity::Group));
    m_texts->bind([this] {
        setItemTexts(m_granularity, {tr("per tensor"), tr("per channel"),
                                     tr("per group (blocks along the last axis)")});
    });
    m_axis = new QSpinBox(this);
    m_axis->setObjectName(QStringLiteral("axis"));
    m_texts->bind([this] {
        m_axis->setToolTip(tr("The channel axis; negative values count from the last"));
    });
    m_groupSize = new QSpinBox(this);
    m_groupSize->setObjectName(QStringLiteral("groupSize"));
    m_groupSize->setRange(1, 1 << 24);
    m_texts->bind([this] {
        m_groupSize->setToolTip(
            tr("Values per group: 32 for llama.cpp blocks, 64 or 128 for GPTQ"));
    });
    setTensorRank(1);
    m_fixed = new QLabel(this);
    m_fixed->setObjectName(QStringLiteral("granularityFixed"));
    m_fixed->setWordWrap(true);
    m_fixed->setForegroundRole(QPalette::PlaceholderText);

    m_form = new QFormLayout(this);
    m_form->addRow(m_granularity);
    m_form->addRow(m_fixed);
    addTranslatedRow(m_form, m_texts, m_axis, [] { return tr("Axis"); });
    addTranslatedRow(m_form, m_texts, m_groupSize, [] { return tr("Group size"); });

    connect(m_granularity, &QComboBox::currentIndexChanged, this, [this] {
        updateRows();
        emit changed();
    });
    connect(m_axis, &QSpinBox::valueChanged, this, &GranularityBox::changed);
    connect(m_groupSize, &QSpinBox::valueChanged, this, &GranularityBox::changed);
    setChoice({});
}

GranularityChoice GranularityBox::choice() const
{
    return {static_cast<Granularity>(m_granularity->currentData().toInt()), m_axis->value(),
            m_groupSize->value()};
}

void GranularityBox::setChoice(const GranularityChoice& choice)
{
    const QSignalBlocker blockGranularity(m_granularity);
    const QSignalBlocker blockAxis(m_axis);
    const QSignalBlocker blockSize(m_groupSize);
    m_granularity->setCurrentIndex(m_granularity->findData(int(choice.granularity)));
    m_axis->setValue(choice.axis);
    m_groupSize->setValue(choice.groupSize);
    updateRows();
}

void GranularityBox::setTensorRank(int rank)
{
    // A 0-d tensor still gets axis 0, which core then refuses with a message naming the shape.
    // An axis the new tensor lacks is clamped, and the change is announced like a user's.
    const int axes = std::max(rank, 1);
    m_axis->setRange(-axes, axes - 1);
}

void GranularityBox::setFixed(const QString& reason)
{
    m_fixed->setText(reason);
    updateRows();
}

void GranularityBox::updateRows()
{
    const bool free = m_fixed->text().isEmpty();
    const auto granularity = static_cast<Granularity>(m_granularity->currentData().toInt());
    m_form->setRowVisible(m_granularity, free);
    m_form->setRowVisible(m_fixed, !free);
    m_form->setRowVisible(m_axis, free && granularity == Granularity::Channel);
    m_form->setRowVisible(m_groupSize, free && granularity == Granularity::Group);
}

} // namespace qs::ui
