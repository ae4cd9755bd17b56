#include "dialogs/tensor_picker.h"

#include "i18n/retranslator.h"
#include "number_format.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

namespace qs::ui {
namespace {

constexpr int kSortRole = Qt::UserRole + 1;

QStandardItem* cell(const QString& text, const QVariant& sortValue, bool readable)
{
    auto* item = new QStandardItem(text);
    item->setData(sortValue, kSortRole);
    item->setEditable(false);
    if (!readable) {
        item->setFlags(item->flags() & ~Qt::ItemIsEnabled);
    }
    return item;
}

} // namespace

TensorPicker::TensorPicker(const QString& file, const std::vector<TensorEntry>& entries,
                           const Metadata& metadata, QWidget* parent)
    : QDialog(parent)
{
    m_texts = new Retranslator(this);
    m_texts->bind([this] { setWindowTitle(tr("Choose a tensor")); });
    setObjectName(QStringLiteral("tensorPicker"));
    m_model = new QStandardItemModel(0, 5, this);
    m_texts->bind([this] {
        m_model->setHorizontalHeaderLabels(
            {tr("Name"), tr("Shape"), tr("Dtype"), tr("Values"), tr("Notes")});
    });
    for (const TensorEntry& entry : entries) {
        const bool readable = entry.unsupported.empty();
        QString notes = QString::fromStdString(entry.unsupported);
        if (entry.alreadyQuantized) {
            notes = tr("already quantized (stored as integer codes)");
        } else if (readable && !entry.floating) {
            notes = tr("integer data");
        }
        const QString name = QString::fromStdString(entry.name);
        if (readable && m_firstReadable.isEmpty()) {
            m_firstReadable = name;
        }
        QStandardItem* nameCell = cell(name, name, readable);
        nameCell->setToolTip(name); // then/else twins differ in the middle, where the elision is
        m_model->appendRow({
            nameCell,
            cell(QString::fromStdString(shapeToString(entry.shape)),
                 static_cast<qulonglong>(entry.count), readable),
            cell(QString::fromStdString(entry.dtype), QString::fromStdString(entry.dtype),
                 readable),
            cell(formatCount(entry.count) + QStringLiteral("  (") +
                     QString::fromStdString(formatBytes(entry.bytes)) + QStringLiteral(")"),
                 static_cast<qulonglong>(entry.bytes), readable),
            cell(notes, notes, readable),
        });
    }
    m_filtered = new QSortFilterProxyModel(this);
    m_filtered->setSourceModel(m_model);
    m_filtered->setSortRole(kSortRole);
    m_filtered->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_filtered->setFilterKeyColumn(0);

    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("tensorFilter"));
    m_texts->bind([this] { m_filter->setPlaceholderText(tr("Filter by name")); });
    m_filter->setClearButtonEnabled(true);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("tensorTable"));
    m_table->setModel(m_filtered);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder); // file order until a header is clicked
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(0, 320);
    m_table->setTextElideMode(Qt::ElideMiddle);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, this);
    QPushButton* open = buttons->button(QDialogButtonBox::Open);
    open->setEnabled(false);
    QPushButton* everyTensor = buttons->addButton(QString(), QDialogButtonBox::ActionRole);
    everyTensor->setObjectName(QStringLiteral("everyTensorButton"));
    everyTensor->setEnabled(!m_firstReadable.isEmpty());
    m_texts->bind([everyTensor] {
        everyTensor->setText(tr("Every tensor…"));
        everyTensor->setToolTip(
            tr("Measure every tensor of the file under the current scheme (the Model view)"));
    });
    connect(everyTensor, &QPushButton::clicked, this, [this] {
        m_wantsModelView = true;
        accept();
    });
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(this);
    m_texts->bind([intro, file, count = entries.size()] {
        intro->setText(tr("%1 holds %2 tensors. Choose one to analyse.").arg(file).arg(count));
    });
    layout->addWidget(intro);
    if (!metadata.empty()) {
        QStringList lines;
        for (const auto& [key, value] : metadata) {
            lines << QString::fromStdString(key) + QStringLiteral(": ") +
                         QString::fromStdString(value);
        }
        auto* about = new QLabel(this);
        m_texts->bind([about, text = lines.join(QStringLiteral("; "))] {
            about->setText(tr("Metadata — %1").arg(text));
        });
        about->setObjectName(QStringLiteral("tensorFileMetadata"));
        about->setWordWrap(true);
        about->setTextInteractionFlags(Qt::TextSelectableByMouse);
        about->setToolTip(lines.join(QLatin1Char('\n')));
        layout->addWidget(about);
    }
    layout->addWidget(m_filter);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    resize(820, 480);

    connect(m_filter, &QLineEdit::textChanged, m_filtered,
            &QSortFilterProxyModel::setFilterFixedString);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this, open] { open->setEnabled(!chosenName().isEmpty()); });
    connect(m_table, &QTableView::doubleClicked, this, [this] {
        if (!chosenName().isEmpty()) {
            accept();
        }
    });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_filter->setFocus();
}

QString TensorPicker::chosenName() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows(0);
    if (rows.isEmpty() || !(rows.first().flags() & Qt::ItemIsEnabled)) {
        return m_wantsModelView ? m_firstReadable : QString();
    }
    return rows.first().data().toString();
}

void TensorPicker::select(const QString& name)
{
    const QModelIndexList found =
        m_filtered->match(m_filtered->index(0, 0), Qt::DisplayRole, name, 1, Qt::MatchExactly);
    if (!found.isEmpty()) {
        m_table->selectRow(found.first().row());
        m_table->scrollTo(found.first());
    }
}

int TensorPicker::visibleCount() const
{
    return m_filtered->rowCount();
}

} // namespace qs::ui
