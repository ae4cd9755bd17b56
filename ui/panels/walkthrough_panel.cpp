#include "panels/walkthrough_panel.h"

#include "grid_text.h"
#include "i18n/retranslator.h"
#include "models/walkthrough_model.h"
#include "number_format.h"
#include "panels/format_derivation.h"
#include "picked_grid.h"
#include "report/numpy_print_format.h"
#include "theme.h"

#include <QDoubleValidator>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QVBoxLayout>

#include <cmath>

namespace qs::ui {
namespace {

QString signedValue(double value)
{
    const QString text = formatValue(value, 8);
    return value < 0 ? QStringLiteral("(%1)").arg(text) : text;
}

} // namespace

QString WalkthroughPanel::derive(const AnalysisSnapshot& s, int picked)
{
    if (s.current.params.empty()) {
        return {};
    }
    const std::size_t group = pickedGroupOf(s.current, static_cast<std::size_t>(picked));
    if (!s.current.spec.isIntegerGrid()) {
        return FormatDerivation::derive(s, group);
    }
    const QuantParams& p = s.current.params[group];
    // With groups, the derivation is the picked group's; each group repeats it with its range.
    const QString prefix = s.current.params.size() > 1
                               ? tr("<i>%1 of %2, each with its own range:</i><br>")
                                     .arg(blockLabel(s.current, group),
                                          blockCountLabel(s.current, s.current.params.size()))
                               : QString();
    const QString scale = QString::fromStdString(formatPythonFloat(p.scale));
    const QString qmax = QString::number(p.qmax);
    const QString qmin = signedValue(p.qmin);
    QString text;
    switch (s.spec.scheme) {
    case Scheme::General:
    case Scheme::Asymmetric:
        text = tr("Scale = (Rmax − Rmin) / (Qmax − Qmin) = (%1 − %2) / (%3 − %4) = <b>%5</b>")
                   .arg(formatValue(p.clipMax, 8), signedValue(p.clipMin), qmax, qmin, scale);
        break;
    case Scheme::Symmetric:
        text = tr("Scale = max|R| / (Qmax − Z) = %1 / (%2 − %3) = <b>%4</b>")
                   .arg(formatValue(p.clipMax, 8), qmax, QString::number(p.zeroPoint), scale);
        break;
    }
    if (s.spec.scheme == Scheme::Asymmetric) {
        const bool anchorMax = s.spec.zeroPointAnchor == ZeroPointAnchor::Max;
        const double ratio = (anchorMax ? p.clipMax : p.clipMin) / p.scale;
        text += tr("<br>Z = %1 − Round(%2 / Scale) = %1 − Round(%3) = <b>%4</b>")
                    .arg(anchorMax ? qmax : qmin,
                         anchorMax ? QStringLiteral("Rmax") : QStringLiteral("Rmin"),
                         formatValue(ratio, 8), QString::number(p.zeroPoint));
    }
    const QString clip =
        QStringLiteral("<span style='color:%1'>Clip</span>").arg(theme::clipped().name());
    text += tr("<br>Q = %1(Round(R / Scale%2), %3, %4),  R′ = %5Scale")
                .arg(clip, p.zeroPoint != 0 ? QStringLiteral(" + Z") : QString(),
                     QString::number(p.qmin), qmax,
                     p.zeroPoint != 0 ? QStringLiteral("(Q − Z) · ") : QStringLiteral("Q · "));
    return prefix + text;
}

WalkthroughPanel::WalkthroughPanel(QWidget* parent) : QWidget(parent)
{
    m_texts = new Retranslator(this);
    m_derivation = new QLabel(this);
    m_derivation->setObjectName(QStringLiteral("derivation"));
    m_derivation->setTextFormat(Qt::RichText);
    m_derivation->setWordWrap(true);
    m_derivation->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_trial = new QLineEdit(this);
    m_trial->setObjectName(QStringLiteral("trialValue"));
    m_texts->bind([this] { m_trial->setPlaceholderText(tr("e.g. 1.2962357")); });
    m_trial->setValidator(new QDoubleValidator(m_trial));
    m_model = new WalkthroughModel(this);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("walkthroughTable"));
    m_table->setModel(m_model);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);

    auto* trialRow = new QHBoxLayout;
    auto* trialLabel = new QLabel(this);
    m_texts->bind([trialLabel] { trialLabel->setText(tr("Try a value R =")); });
    trialRow->addWidget(trialLabel);
    trialRow->addWidget(m_trial, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_derivation);
    layout->addLayout(trialRow);
    layout->addWidget(m_table, 1);
    connect(m_trial, &QLineEdit::textChanged, this, &WalkthroughPanel::onTrialEdited);
    m_texts->onChange([this] { setSnapshot(SnapshotPtr(m_shown)); });
}

void WalkthroughPanel::setSnapshot(const SnapshotPtr& snapshot)
{
    m_shown = snapshot;
    m_model->setSnapshot(snapshot);
    m_derivation->setText(snapshot ? derive(*snapshot, m_pickedGroup) : QString());
}

void WalkthroughPanel::setPickedGroup(int group)
{
    m_pickedGroup = group;
    m_model->setPickedGroup(group);
    m_derivation->setText(m_shown ? derive(*m_shown, m_pickedGroup) : QString());
}

QString WalkthroughPanel::derivation() const
{
    return m_derivation->text();
}

void WalkthroughPanel::setTrialText(const QString& text)
{
    m_trial->setText(text);
}

void WalkthroughPanel::onTrialEdited()
{
    bool ok = false;
    const double value = QLocale::c().toDouble(m_trial->text(), &ok);
    m_model->setTrialValue(ok && std::isfinite(value) ? std::optional(static_cast<float>(value))
                                                      : std::nullopt);
}

} // namespace qs::ui
