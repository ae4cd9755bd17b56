#pragma once
// The Model view's table with a reference file's columns after ModelTableModel's own: for each
// tensor the reference tensor it was matched with (or why none was), the stored values against
// the reference (SQNR, cosine similarity, max |e|) and the best of the other ggml types of its
// bits class quantized from the reference values (analysis/reference_comparison.h). Rows and the
// first columns are the source's, in its order, so a row number means the same tensor in both.
// Without a comparison the reference cells read "—".

#include "analysis/reference_comparison.h"
#include "models/model_table_model.h"

#include <QAbstractTableModel>

#include <optional>
#include <string>
#include <unordered_map>

namespace qs::ui {

class ReferenceColumnsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        ReferenceName = ModelTableModel::ColumnCount,
        ReferenceSqnr,
        ReferenceCosine,
        ReferenceMaxError,
        BestAlternative,
        ColumnCount
    };
    static constexpr int kFirstColumn = ReferenceName;

    // Shows `source`'s rows and columns (it must outlive this model).
    explicit ReferenceColumnsModel(ModelTableModel* source, QObject* parent = nullptr);

    void setComparison(std::optional<ReferenceComparison> comparison);
    const std::optional<ReferenceComparison>& comparison() const { return m_comparison; }
    // The comparison's entry for the tensor `name`, or nullptr.
    const ReferenceMatch* matchOf(const std::string& name) const;
    // The alternative with the highest SQNR on the reference, or nullptr when there is none.
    static const TypeOnReference* bestAlternative(const ReferenceMatch& match);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

private:
    void forwardSourceSignals();
    QVariant referenceData(const ReferenceMatch* match, int column, int role) const;
    static QVariant display(const ReferenceMatch& match, int column);
    static QVariant sortValue(const ReferenceMatch& match, int column);
    static QString alternativesText(const ReferenceMatch& match);

    ModelTableModel* m_source;
    std::optional<ReferenceComparison> m_comparison;
    std::unordered_map<std::string, std::size_t> m_byName; // into m_comparison->tensors
};

} // namespace qs::ui
