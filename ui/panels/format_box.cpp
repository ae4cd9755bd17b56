#include "panels/format_box.h"

#include "i18n/retranslator.h"
#include "quant/ggml_formats.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QVBoxLayout>

namespace qs::ui {
namespace {

QString nameOf(const FormatInfo& info)
{
    return QString::fromUtf8(info.name.data(), qsizetype(info.name.size()));
}

int familyIndex(FormatFamily family)
{
    return static_cast<int>(family);
}

} // namespace

FormatBox::FormatBox(QWidget* parent) : QWidget(parent)
{
    m_texts = new Retranslator(this);
    m_family = new QComboBox(this);
    m_family->setObjectName(QStringLiteral("formatFamily"));
    for (const FormatFamily family :
         {FormatFamily::Integer, FormatFamily::Minifloat, FormatFamily::Mx, FormatFamily::Nvfp4,
          FormatFamily::Bitsandbytes, FormatFamily::Ggml}) {
        m_family->addItem(QString(), familyIndex(family));
    }
    m_texts->bind([this] {
        setItemTexts(m_family,
                     {tr("Integer grid (the tutorial's schemes)"), tr("Minifloat: FP8, FP6, FP4"),
                      tr("MX: microscaling, blocks of 32"), tr("NVFP4: blocks of 16, two scales"),
                      tr("bitsandbytes: NF4, FP4"), tr("llama.cpp (ggml): Q8_0, Q4_K, IQ4_XS, …")});
        m_family->setToolTip(tr("The number format: which values an element can take and how "
                                "its scales are chosen and stored"));
    });
    m_element = new QComboBox(this);
    m_element->setObjectName(QStringLiteral("formatElement"));
    m_noScale = new QCheckBox(this);
    m_noScale->setObjectName(QStringLiteral("noScale"));
    m_texts->bind([this] { m_noScale->setText(tr("no scale: a plain cast (Scale = 1)")); });
    m_overflow = new QComboBox(this);
    m_overflow->setObjectName(QStringLiteral("overflow"));
    m_overflow->addItem(QString(), int(Overflow::Saturate));
    m_overflow->addItem(QString(), int(Overflow::NonFinite));
    m_texts->bind([this] {
        setItemTexts(m_overflow, {tr("saturate at ±max"), tr("NaN (E4M3), ±Inf (E5M2)")});
        m_overflow->setToolTip(tr("What a value past the largest finite one becomes: ±max as "
                                  "NVIDIA's satfinite and ONNX do, or NaN / ±Inf as a plain "
                                  "ml_dtypes cast does"));
    });
    m_elementRounding = new QComboBox(this);
    m_elementRounding->setObjectName(QStringLiteral("elementRounding"));
    m_elementRounding->addItem(QString(), int(ElementRounding::Even));
    m_elementRounding->addItem(QString(), int(ElementRounding::Away));
    m_texts->bind([this] {
        setItemTexts(m_elementRounding, {tr("ties to even"), tr("ties away from zero")});
        m_elementRounding->setToolTip(
            tr("Each value goes to the nearest element; a tie goes to the even code (hardware, "
               "Transformer Engine, torchao) or away from zero (microxcaling's default)"));
    });
    m_mxScale = new QComboBox(this);
    m_mxScale->setObjectName(QStringLiteral("mxScale"));
    m_mxScale->addItem(QString(), int(MxScaleRule::Floor));
    m_mxScale->addItem(QString(), int(MxScaleRule::Rceil));
    m_texts->bind([this] {
        setItemTexts(m_mxScale, {tr("floor (OCP spec)"), tr("rceil (NVIDIA)")});
        m_mxScale->setToolTip(tr("How a block's max|R| chooses its power-of-two scale: the OCP "
                                 "spec's floor rule, or cuBLAS' and Transformer Engine's rceil, "
                                 "which never saturates"));
    });
    m_flavour = new QComboBox(this);
    m_flavour->setObjectName(QStringLiteral("nvfp4Flavour"));
    m_flavour->addItem(QString(), int(Nvfp4Flavour::TransformerEngine));
    m_flavour->addItem(QString(), int(Nvfp4Flavour::Modelopt));
    m_flavour->addItem(QString(), int(Nvfp4Flavour::Torchao));
    m_texts->bind([this] {
        setItemTexts(m_flavour, {tr("Transformer Engine"), tr("ModelOpt"), tr("torchao")});
        m_flavour->setToolTip(tr("Whose arithmetic: the three agree on ordinary blocks and "
                                 "differ on all-zero blocks and rare rounding boundaries"));
    });
    m_blockSize = new QSpinBox(this);
    m_blockSize->setObjectName(QStringLiteral("blockSize"));
    m_blockSize->setRange(kBnbMinBlockSize, kBnbMaxBlockSize);
    m_texts->bind([this] {
        m_blockSize->setToolTip(tr("Values per block of the flattened tensor, each block with "
                                   "its own float32 absmax (bitsandbytes' default: 64)"));
    });
    m_backend = new QComboBox(this);
    m_backend->setObjectName(QStringLiteral("bnbBackend"));
    m_backend->addItem(QString(), int(BnbBackend::Cpu));
    m_backend->addItem(QString(), int(BnbBackend::Cuda));
    m_texts->bind([this] {
        setItemTexts(m_backend, {tr("CPU: code of 0.0"), tr("CUDA: code 0")});
        m_backend->setToolTip(tr("The code an all-zero block gets: bitsandbytes' CPU backend "
                                 "writes the code of 0.0, its CUDA kernel code 0"));
    });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_family);
    m_form = new QFormLayout;
    layout->addLayout(m_form);
    addTranslatedRow(m_form, m_texts, m_element, [] { return tr("Element"); });
    m_form->addRow(m_noScale);
    addTranslatedRow(m_form, m_texts, m_overflow, [] { return tr("Overflow"); });
    addTranslatedRow(m_form, m_texts, m_mxScale, [] { return tr("Scale rule"); });
    addTranslatedRow(m_form, m_texts, m_elementRounding, [] { return tr("Element rounding"); });
    addTranslatedRow(m_form, m_texts, m_flavour, [] { return tr("Flavour"); });
    addTranslatedRow(m_form, m_texts, m_blockSize, [] { return tr("Block size"); });
    addTranslatedRow(m_form, m_texts, m_backend, [] { return tr("Zero block"); });
    m_texts->onChange([this] { nameElements(); });

    for (const FormatInfo& info : formatCatalog()) {
        NumberFormat& last = m_lastElement[std::size_t(familyIndex(info.family))];
        if (last == NumberFormat::Integer) {
            last = info.format; // the first of each family in the catalogue's order
        }
    }
    connect(m_family, &QComboBox::currentIndexChanged, this, &FormatBox::onFamilyChanged);
    connect(m_element, &QComboBox::currentIndexChanged, this, [this] {
        m_lastElement[std::size_t(familyIndex(family()))] = format().format;
        updateRows();
        emit changed();
    });
    connect(m_noScale, &QCheckBox::toggled, this, &FormatBox::changed);
    for (QComboBox* combo : {m_overflow, m_elementRounding, m_mxScale, m_flavour, m_backend}) {
        connect(combo, &QComboBox::currentIndexChanged, this, &FormatBox::changed);
    }
    connect(m_blockSize, &QSpinBox::valueChanged, this, &FormatBox::changed);
    setFormat({});
}

FormatFamily FormatBox::family() const
{
    return static_cast<FormatFamily>(m_family->currentData().toInt());
}

FormatSpec FormatBox::format() const
{
    FormatSpec f;
    switch (family()) {
    case FormatFamily::Integer:
        f.format = NumberFormat::Integer;
        break;
    case FormatFamily::Nvfp4:
        f.format = NumberFormat::Nvfp4; // one element type, no choice to show
        break;
    case FormatFamily::Minifloat:
    case FormatFamily::Mx:
    case FormatFamily::Bitsandbytes:
    case FormatFamily::Ggml:
        f.format = static_cast<NumberFormat>(m_element->currentData().toInt());
        break;
    }
    f.noScale = m_noScale->isChecked();
    f.overflow = static_cast<Overflow>(m_overflow->currentData().toInt());
    f.elementRounding = static_cast<ElementRounding>(m_elementRounding->currentData().toInt());
    f.mxScale = static_cast<MxScaleRule>(m_mxScale->currentData().toInt());
    f.nvfp4Flavour = static_cast<Nvfp4Flavour>(m_flavour->currentData().toInt());
    f.blockSize = m_blockSize->value();
    f.bnbBackend = static_cast<BnbBackend>(m_backend->currentData().toInt());
    return f;
}

void FormatBox::setFormat(const FormatSpec& f)
{
    const QSignalBlocker blockFamily(m_family);
    const QSignalBlocker blockNoScale(m_noScale);
    const QSignalBlocker blockOverflow(m_overflow);
    const QSignalBlocker blockRounding(m_elementRounding);
    const QSignalBlocker blockMxScale(m_mxScale);
    const QSignalBlocker blockFlavour(m_flavour);
    const QSignalBlocker blockSize(m_blockSize);
    const QSignalBlocker blockBackend(m_backend);
    const FormatFamily family = formatInfo(f.format).family;
    m_family->setCurrentIndex(m_family->findData(familyIndex(family)));
    m_lastElement[std::size_t(familyIndex(family))] = f.format;
    fillElements(family, f.format);
    m_noScale->setChecked(f.noScale);
    m_overflow->setCurrentIndex(m_overflow->findData(int(f.overflow)));
    m_elementRounding->setCurrentIndex(m_elementRounding->findData(int(f.elementRounding)));
    m_mxScale->setCurrentIndex(m_mxScale->findData(int(f.mxScale)));
    m_flavour->setCurrentIndex(m_flavour->findData(int(f.nvfp4Flavour)));
    m_blockSize->setValue(f.blockSize);
    m_backend->setCurrentIndex(m_backend->findData(int(f.bnbBackend)));
    updateRows();
}

void FormatBox::onFamilyChanged()
{
    fillElements(family(), m_lastElement[std::size_t(familyIndex(family()))]);
    updateRows();
    emit changed();
}

void FormatBox::fillElements(FormatFamily family, NumberFormat selected)
{
    const QSignalBlocker block(m_element);
    m_element->clear();
    for (const FormatInfo& info : formatCatalog()) {
        if (info.family == family) {
            m_element->addItem(QString(), int(info.format));
        }
    }
    nameElements();
    m_element->setCurrentIndex(std::max(0, m_element->findData(int(selected))));
}

void FormatBox::nameElements()
{
    // The name as the CLI and the frameworks write it, with the element's largest value; what
    // the element is in the tooltip.
    for (int i = 0; i < m_element->count(); ++i) {
        const auto format = static_cast<NumberFormat>(m_element->itemData(i).toInt());
        const FormatInfo& info = formatInfo(format);
        const QString name = nameOf(info);
        QString text = name;
        QString about;
        if (info.family == FormatFamily::Ggml) {
            const ggml::TypeInfo& type = ggmlTypeOf(format);
            text = tr("%1  (%2 bits per value)").arg(name).arg(type.bitsPerValue());
            about = tr("llama.cpp's %1: blocks of %2 values in %3 bytes along the last axis, "
                       "quantized exactly as ggml_quantize_chunk writes them")
                        .arg(QString::fromLatin1(type.name))
                        .arg(type.blockValues)
                        .arg(type.blockBytes);
            const bool fits = m_rowLength == 0 || m_rowLength % type.blockValues == 0;
            if (auto* items = qobject_cast<QStandardItemModel*>(m_element->model())) {
                items->item(i)->setEnabled(fits);
            }
            if (!fits) {
                about = tr("Not for this tensor: its rows hold %1 values, not whole blocks of %2")
                            .arg(m_rowLength)
                            .arg(type.blockValues);
            }
        } else if (info.minifloat) {
            const MinifloatType& type = *info.minifloat;
            text = QStringLiteral("%1  (±%2)").arg(name).arg(double(type.maxFinite()), 0, 'g', 6);
            about = tr("%1 exponent and %2 mantissa bits and a sign; the largest value is %3")
                        .arg(type.exponentBits)
                        .arg(type.mantissaBits)
                        .arg(double(type.maxFinite()), 0, 'g', 6);
        } else if (format == NumberFormat::Mxint8) {
            about = tr("8-bit integers k from −127 to 127, each worth k/64 of the block's scale");
        } else if (format == NumberFormat::Nf4) {
            about = tr("16 levels at a normal distribution's quantiles, scaled by each block's "
                       "absmax");
        } else {
            about = tr("bitsandbytes' own 4-bit float, not E2M1: 16 levels scaled by each "
                       "block's absmax");
        }
        m_element->setItemText(i, text);
        m_element->setItemData(i, about, Qt::ToolTipRole);
    }
}

void FormatBox::setRowLength(std::size_t rowLength)
{
    m_rowLength = rowLength;
    nameElements();
}

void FormatBox::updateRows()
{
    const FormatFamily family = this->family();
    const FormatInfo& info = formatInfo(format().format);
    const bool minifloat = family == FormatFamily::Minifloat;
    const bool mx = family == FormatFamily::Mx;
    const bool bnb = family == FormatFamily::Bitsandbytes;
    m_form->setRowVisible(m_element, minifloat || mx || bnb || family == FormatFamily::Ggml);
    m_form->setRowVisible(m_noScale, minifloat);
    // Only FP8 has a NaN or an infinity to overflow to; FP6 and FP4 always saturate.
    m_form->setRowVisible(m_overflow, minifloat && info.minifloat && info.minifloat->hasNan());
    m_form->setRowVisible(m_mxScale, mx);
    m_form->setRowVisible(m_elementRounding, minifloat || mx);
    m_form->setRowVisible(m_flavour, family == FormatFamily::Nvfp4);
    m_form->setRowVisible(m_blockSize, bnb);
    m_form->setRowVisible(m_backend, bnb);
}

} // namespace qs::ui
