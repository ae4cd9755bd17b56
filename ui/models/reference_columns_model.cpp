#include "models/reference_columns_model.h"

#include "number_format.h"

#include <QFont>

#include <algorithm>
#include <cmath>

namespace qs::ui {
namespace {

// Below every real value: rows without a number sort first in ascending order, as "worst".
constexpr double kMissing = -1e300;

QString decibels(double value)
{
    return std::isfinite(value) ? QString::number(value, 'f', 2) : formatValue(value);
}

QString bits(double bitsPerValue)
{
    return QString::number(bitsPerValue, 'f', 2);
}

} // namespace

ReferenceColumnsModel::ReferenceColumnsModel(ModelTableModel* source, QObject* parent)
    : QAbstractTableModel(parent), m_source(source)
{
    forwardSourceSignals();
}

void ReferenceColumnsModel::forwardSourceSignals()
{
    // The source only appends rows, resets, and renames its texts (a language change).
    connect(m_source, &QAbstractItemModel::modelAboutToBeReset, this,
            [this] { beginResetModel(); });
    connect(m_source, &QAbstractItemModel::modelReset, this, [this] { endResetModel(); });
    connect(m_source, &QAbstractItemModel::rowsAboutToBeInserted, this,
            [this](const QModelIndex&, int first, int last) { beginInsertRows({}, first, last); });
    connect(m_source, &QAbstractItemModel::rowsInserted, this, [this] { endInsertRows(); });
    connect(m_source, &QAbstractItemModel::rowsAboutToBeRemoved, this,
            [this](const QModelIndex&, int first, int last) { beginRemoveRows({}, first, last); });
    connect(m_source, &QAbstractItemModel::rowsRemoved, this, [this] { endRemoveRows(); });
    connect(m_source, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex& topLeft, const QModelIndex& bottomRight,
                   const QList<int>& roles) {
                emit dataChanged(index(topLeft.row(), topLeft.column()),
                                 index(bottomRight.row(), bottomRight.column()), roles);
            });
    connect(m_source, &QAbstractItemModel::headerDataChanged, this,
            &QAbstractItemModel::headerDataChanged);
}

void ReferenceColumnsModel::setComparison(std::optional<ReferenceComparison> comparison)
{
    m_comparison = std::move(comparison);
    m_byName.clear();
    if (m_comparison) {
        for (std::size_t i = 0; i < m_comparison->tensors.size(); ++i) {
            m_byName.emplace(m_comparison->tensors[i].name, i);
        }
    }
    if (rowCount() > 0) {
        emit dataChanged(index(0, kFirstColumn), index(rowCount() - 1, ColumnCount - 1));
    }
}

const ReferenceMatch* ReferenceColumnsModel::matchOf(const std::string& name) const
{
    const auto found = m_byName.find(name);
    return found == m_byName.end() ? nullptr : &m_comparison->tensors[found->second];
}

const TypeOnReference* ReferenceColumnsModel::bestAlternative(const ReferenceMatch& match)
{
    const auto best = std::ranges::max_element(
        match.alternatives, {}, [](const TypeOnReference& t) { return t.metrics.sqnrDb; });
    return best == match.alternatives.end() ? nullptr : &*best;
}

int ReferenceColumnsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_source->rowCount();
}

int ReferenceColumnsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

Qt::ItemFlags ReferenceColumnsModel::flags(const QModelIndex& index) const
{
    if (!index.isValid()) {
        return Qt::NoItemFlags;
    }
    return index.column() < kFirstColumn
               ? m_source->flags(m_source->index(index.row(), index.column()))
               : Qt::ItemIsEnabled | Qt::ItemIsSelectable;
}

QVariant ReferenceColumnsModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount()) {
        return {};
    }
    if (index.column() < kFirstColumn) {
        return m_source->data(m_source->index(index.row(), index.column()), role);
    }
    const TensorReportRow& row = m_source->rows()[static_cast<std::size_t>(index.row())];
    return referenceData(matchOf(row.name), index.column(), role);
}

QVariant ReferenceColumnsModel::referenceData(const ReferenceMatch* match, int column,
                                              int role) const
{
    const bool text = column == ReferenceName || column == BestAlternative;
    switch (role) {
    case Qt::DisplayRole:
        return match ? display(*match, column) : QVariant(QStringLiteral("—"));
    case ModelTableModel::kSortRole:
        return match ? sortValue(*match, column) : QVariant(kMissing);
    case Qt::TextAlignmentRole:
        return text ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                    : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::FontRole:
        if (match && column == ReferenceName && !match->note.empty()) {
            QFont font;
            font.setItalic(true); // why there is no comparison, not a tensor's name
            return font;
        }
        return {};
    case Qt::ToolTipRole:
        if (!match) {
            return {};
        }
        if (column == ReferenceName && !match->note.empty()) {
            return match->referenceName.empty()
                       ? QString::fromStdString(match->note)
                       : QStringLiteral("%1: %2").arg(QString::fromStdString(match->referenceName),
                                                      QString::fromStdString(match->note));
        }
        if (column == BestAlternative && !match->alternatives.empty()) {
            return alternativesText(*match);
        }
        return {};
    default:
        return {};
    }
}

QVariant ReferenceColumnsModel::display(const ReferenceMatch& match, int column)
{
    const QString none = QStringLiteral("—");
    switch (column) {
    case ReferenceName:
        return QString::fromStdString(match.note.empty() ? match.referenceName : match.note);
    case ReferenceSqnr:
        return match.stored ? decibels(match.stored->sqnrDb) : none;
    case ReferenceCosine:
        return match.stored ? QString::number(match.stored->cosineSimilarity, 'f', 6) : none;
    case ReferenceMaxError:
        return match.stored ? formatValue(match.stored->maxAbsError) : none;
    case BestAlternative:
        if (const TypeOnReference* best = bestAlternative(match)) {
            return tr("%1 (%2 dB, %3 bits)")
                .arg(QString::fromStdString(best->type), decibels(best->metrics.sqnrDb),
                     bits(best->bitsPerValue));
        }
        return none;
    default:
        return {};
    }
}

QVariant ReferenceColumnsModel::sortValue(const ReferenceMatch& match, int column)
{
    switch (column) {
    case ReferenceSqnr:
        return match.stored ? match.stored->sqnrDb : kMissing;
    case ReferenceCosine:
        return match.stored ? match.stored->cosineSimilarity : kMissing;
    case ReferenceMaxError:
        return match.stored ? match.stored->maxAbsError : kMissing;
    case BestAlternative: {
        const TypeOnReference* best = bestAlternative(match);
        return best ? best->metrics.sqnrDb : kMissing;
    }
    default:
        return display(match, column);
    }
}

QString ReferenceColumnsModel::alternativesText(const ReferenceMatch& match)
{
    QStringList lines{tr("Quantized from the reference values (stored: %1):")
                          .arg(QString::fromStdString(match.type))};
    for (const TypeOnReference& t : match.alternatives) {
        lines << tr("%1: %2 dB, %3 bits per value")
                     .arg(QString::fromStdString(t.type), decibels(t.metrics.sqnrDb),
                          bits(t.bitsPerValue));
    }
    return lines.join(QLatin1Char('\n'));
}

QVariant ReferenceColumnsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (section < kFirstColumn || orientation != Qt::Horizontal) {
        return m_source->headerData(section, orientation, role);
    }
    if (role == Qt::DisplayRole) {
        switch (section) {
        case ReferenceName:
            return tr("Reference tensor");
        case ReferenceSqnr:
            return tr("Ref. SQNR (dB)");
        case ReferenceCosine:
            return tr("Ref. cosine");
        case ReferenceMaxError:
            return tr("Ref. max |e|");
        case BestAlternative:
            return tr("Best alternative");
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case ReferenceName:
            return tr("The reference tensor the stored one is measured against, matched by name "
                      "or by llama.cpp's name mapping; in italics, why none is");
        case ReferenceSqnr:
            return tr("Signal-to-noise ratio of the stored values, with the reference values as "
                      "the signal and stored − reference as the noise");
        case ReferenceCosine:
            return tr("Cosine similarity of the stored values and the reference values");
        case ReferenceMaxError:
            return tr("Largest |stored − reference| over the tensor");
        case BestAlternative:
            return tr("Of the other ggml types of the stored type's bits class, each quantized "
                      "from the reference values as llama.cpp does, the one with the highest "
                      "SQNR against them; hover a cell for every type; sorted by its SQNR");
        default:
            return {};
        }
    }
    return {};
}

} // namespace qs::ui
