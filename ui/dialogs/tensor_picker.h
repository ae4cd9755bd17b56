#pragma once
// Chooses one tensor of a file that holds several: a table of name, shape, dtype and size with a
// filter box, and the file's metadata (safetensors' __metadata__, ONNX's producer and opsets).
// Entries QuantScope cannot read are shown greyed out with the reason. "Every tensor" skips the
// choice and opens the Model view, which measures all of them.

#include "io/tensor_archive.h"

#include <QDialog>

class QLineEdit;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTableView;

namespace qs::ui {

class Retranslator;

class TensorPicker : public QDialog
{
    Q_OBJECT

public:
    TensorPicker(const QString& file, const std::vector<TensorEntry>& entries,
                 const Metadata& metadata, QWidget* parent = nullptr);

    // The chosen tensor's name (empty before a choice). After "Every tensor", the selected one
    // or else the first readable one.
    QString chosenName() const;
    // True when the picker was closed with "Every tensor": the window shows the chosen tensor
    // and brings the Model view, which lists them all, to the front.
    bool wantsModelView() const { return m_wantsModelView; }
    // Selects `name` as if clicked (tests, and the current tensor when reopening the picker).
    void select(const QString& name);
    QLineEdit* filterEdit() const { return m_filter; }
    // Rows visible through the filter.
    int visibleCount() const;

private:
    QStandardItemModel* m_model = nullptr;
    Retranslator* m_texts = nullptr; // keeps the texts in the interface language
    QSortFilterProxyModel* m_filtered = nullptr;
    QTableView* m_table = nullptr;
    QLineEdit* m_filter = nullptr;
    QString m_firstReadable;
    bool m_wantsModelView = false;
};

} // namespace qs::ui
