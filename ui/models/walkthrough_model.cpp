#include "models/walkthrough_model.h"

#include "analysis/analysis_walkthrough.h"
#include "grid_text.h"
#include "number_format.h"
#include "picked_grid.h"
#include "theme.h"

#include <algorithm>

namespace qs::ui {
namespace {

using C = WalkthroughModel::Column;

// The columns of each kind of format, in the order its steps go.
std::vector<C> columnsOf(FormatFamily family, bool groups)
{
    switch (family) {
    case FormatFamily::Minifloat:
        if (groups) {
            return {C::Index,  C::Block,   C::Input,        C::BlockScale,
                    C::Scaled, C::Sign,    C::ExponentBits, C::MantissaBits,
                    C::Code,   C::Element, C::Dequantized,  C::Error};
        }
        return {C::Index,        C::Input, C::Scaled,  C::Sign,        C::ExponentBits,
                C::MantissaBits, C::Code,  C::Element, C::Dequantized, C::Error};
    case FormatFamily::Mx:
        return {C::Index,      C::Block, C::Input, C::Amax,    C::AmaxExponent, C::SharedExponent,
                C::BlockScale, C::Ratio, C::Code,  C::Element, C::Dequantized,  C::Error};
    case FormatFamily::Nvfp4:
        return {C::Index,  C::Block, C::Input,   C::Amax,        C::ScaleCode, C::BlockScale,
                C::Scaled, C::Code,  C::Element, C::Dequantized, C::Error};
    case FormatFamily::Bitsandbytes:
        return {C::Index, C::Block,   C::Input,       C::Amax, C::Scaled,
                C::Code,  C::Element, C::Dequantized, C::Error};
    case FormatFamily::Ggml: // codes as ggml's quantizer chose them, on each sub-block's grid
        return {C::Index, C::Block,   C::Input,       C::BlockScale, C::Scaled,
                C::Code,  C::Element, C::Dequantized, C::Error};
    case FormatFamily::Integer:
        break;
    }
    return {C::Index, C::Input, C::Scaled, C::Rounded, C::Clipped, C::Dequantized, C::Error};
}

QString bitsText(int value, int width)
{
    return QString::number(value, 2).rightJustified(width, QLatin1Char('0'));
}

QString hexByte(std::int32_t code)
{
    return QStringLiteral("0x") + QString::number(code & 0xFF, 16).toUpper().rightJustified(2, '0');
}

} // namespace

void WalkthroughModel::setSnapshot(SnapshotPtr snapshot)
{
    beginResetModel();
    m_snapshot = std::move(snapshot);
    rebuild();
    endResetModel();
}

void WalkthroughModel::setTrialValue(std::optional<float> value)
{
    beginResetModel();
    m_trial = value;
    rebuild();
    endResetModel();
}

void WalkthroughModel::setPickedGroup(int group)
{
    if (group == m_pickedGroup) {
        return;
    }
    beginResetModel();
    m_pickedGroup = std::max(0, group);
    rebuild();
    endResetModel();
}

int WalkthroughModel::section(Column column) const
{
    const auto at = std::find(m_columns.begin(), m_columns.end(), column);
    return at == m_columns.end() ? -1 : static_cast<int>(at - m_columns.begin());
}

void WalkthroughModel::rebuild()
{
    m_rows.clear();
    m_groups.clear();
    m_scales.clear();
    m_columns = columnsOf(FormatFamily::Integer, false);
    m_family = FormatFamily::Integer;
    if (!m_snapshot || m_snapshot->current.params.empty()) {
        return;
    }
    const Analysis& analysis = m_snapshot->current;
    const QuantSpec& spec = analysis.spec; // as the analysis applied it (a format's own rounding)
    m_family = formatInfo(spec.format.format).family;
    // The general and symmetric schemes have no zero point: their headers leave Z out.
    m_hasZeroPoint = spec.scheme == Scheme::Asymmetric;
    m_columns = columnsOf(m_family, analysis.params.size() > 1);
    auto add = [&](const WalkthroughRow& row, std::size_t group) {
        m_rows.push_back(row);
        m_groups.push_back(group);
        m_scales.push_back(blockScaleSteps(spec.format, analysis.params[group], analysis.tensorAmax,
                                           analysis.tensorScale));
    };
    if (m_trial) { // a value of the user's own, on the picked group's grid
        const float value = *m_trial;
        const std::size_t group = pickedGroupOf(analysis, static_cast<std::size_t>(m_pickedGroup));
        WalkthroughRow trial = trialWalkthrough(analysis, value, group);
        trial.index = SIZE_MAX; // marks the trial row
        add(trial, group);
    }
    // The first values, each on its own group's grid.
    const Tensor& tensor = m_snapshot->data->loaded.tensor;
    const Shape shape(tensor.shape.begin(), tensor.shape.end());
    for (const WalkthroughRow& row :
         analysisWalkthrough(analysis, tensor.values, shape, 0, kFirstValues)) {
        add(row, groupOfElement(analysis.layout, shape, row.index));
    }
}

std::size_t WalkthroughModel::rowGroup(std::size_t row) const
{
    return m_groups[row];
}

int WalkthroughModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int WalkthroughModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_columns.size());
}

QString WalkthroughModel::display(std::size_t r, Column column) const
{
    const WalkthroughRow& row = m_rows[r];
    const BlockScaleSteps& scale = m_scales[r];
    const QuantParams& params = m_snapshot->current.params[m_groups[r]];
    const MinifloatType& type = params.element.minifloat;
    switch (column) {
    case Index:
        return row.index == SIZE_MAX ? tr("yours") : QString::number(row.index);
    case Input:
        return formatValue(row.input, 8);
    case Scaled:
        return formatValue(row.scaled, 8);
    case Rounded:
        return formatValue(row.rounded, 8);
    case Clipped:
        return QString::number(row.code);
    case Dequantized:
        return formatValue(row.dequantized, 8);
    case Error:
        return formatValue(row.error, 8);
    case Block:
        return QString::number(m_groups[r]);
    case Amax:
        return formatValue(scale.amax, 8);
    case AmaxExponent:
        return QString::number(scale.amaxExponent);
    case SharedExponent:
        return scale.nonFinite ? QStringLiteral("NaN") : QString::number(scale.sharedExponent);
    case ScaleCode:
        return hexByte(scale.scaleCode);
    case BlockScale:
        if (m_family == FormatFamily::Mx) {
            return scale.nonFinite ? QStringLiteral("NaN") : powerOfTwoText(scale.sharedExponent);
        }
        return formatValue(scale.blockScale, 8);
    case Ratio:
        return formatValue(row.ratio, 8);
    case Sign:
        return QString::number(row.fields.sign);
    case ExponentBits:
        return bitsText(row.fields.exponent, type.exponentBits);
    case MantissaBits:
        return bitsText(row.fields.mantissa, type.mantissaBits);
    case Code:
        return codeText(params, row.code);
    case Element:
        return elementText(row.element, 8);
    }
    return {};
}

QVariant WalkthroughModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return {};
    }
    const auto r = static_cast<std::size_t>(index.row());
    const Column column = m_columns[static_cast<std::size_t>(index.column())];
    const WalkthroughRow& row = m_rows[r];
    const bool clipped = row.clip == ClipState::Below || row.clip == ClipState::Above;
    const bool integer = m_family == FormatFamily::Integer;
    const Column codeColumn = integer ? Clipped : Code;
    if (role == Qt::DisplayRole) {
        return display(r, column);
    }
    if (role == Qt::ForegroundRole && clipped && (column == codeColumn || column == Error)) {
        return theme::clipped();
    }
    if (role == Qt::ToolTipRole && clipped && column == codeColumn) {
        if (!integer) {
            return tr("beyond the grid's largest value: saturated to it");
        }
        if (!m_hasZeroPoint) {
            return row.clip == ClipState::Below
                       ? tr("Round(R/Scale) is below Qmin: clipped (截断) up to Qmin")
                       : tr("Round(R/Scale) is above Qmax: clipped (截断) down to Qmax");
        }
        return row.clip == ClipState::Below
                   ? tr("Round(R/Scale + Z) is below Qmin: clipped (截断) up to Qmin")
                   : tr("Round(R/Scale + Z) is above Qmax: clipped (截断) down to Qmax");
    }
    const std::size_t group = rowGroup(r);
    const Analysis& a = m_snapshot->current;
    if (role == Qt::ToolTipRole && column == Index && a.params.size() > 1) {
        return tr("on the grid of %1").arg(blockLabel(a, group));
    }
    if (role == Qt::ToolTipRole && column == Code &&
        a.params[group].element.kind == ElementKind::Minifloat) {
        return tr("sign %1, exponent %2, mantissa %3")
            .arg(display(r, Sign), display(r, ExponentBits), display(r, MantissaBits));
    }
    if (role == Qt::ForegroundRole && column == codeColumn &&
        (integer ? row.code == a.params[group].zeroPoint : row.dequantized == 0)) {
        return theme::zeroPoint();
    }
    if (role == Qt::TextAlignmentRole) {
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

QString WalkthroughModel::title(Column column) const
{
    const bool mx = m_family == FormatFamily::Mx;
    switch (column) {
    case Index:
        return tr("#");
    case Input:
        return tr("R");
    case Scaled:
        switch (m_family) {
        case FormatFamily::Minifloat:
            return tr("v = R/s");
        case FormatFamily::Nvfp4:
            return tr("v = R/(s·S_dec)");
        case FormatFamily::Bitsandbytes:
            return tr("xn = R/absmax");
        case FormatFamily::Ggml:
            return tr("(R − min)/s");
        default:
            return m_hasZeroPoint ? tr("R/Scale + Z") : tr("R/Scale");
        }
    case Rounded:
        return tr("Round");
    case Clipped:
        return tr("Q = Clip");
    case Dequantized:
        return tr("R′");
    case Error:
        return tr("R′ − R");
    case Block:
        return tr("block");
    case Amax:
        return m_family == FormatFamily::Nvfp4          ? tr("vmax")
               : m_family == FormatFamily::Bitsandbytes ? tr("absmax")
                                                        : tr("amax");
    case AmaxExponent:
        return tr("⌊log2 amax⌋");
    case SharedExponent:
        return tr("c − 127");
    case ScaleCode:
        return tr("s (E4M3)");
    case BlockScale:
        return mx ? tr("X") : tr("s");
    case Ratio:
        return tr("V/X");
    case Sign:
        return tr("sign");
    case ExponentBits:
        return tr("E");
    case MantissaBits:
        return tr("M");
    case Code:
        return tr("code");
    case Element:
        return m_family == FormatFamily::Bitsandbytes ? tr("table[code]") : tr("element");
    }
    return {};
}

QString WalkthroughModel::explanation(Column column) const
{
    const bool integer = m_family == FormatFamily::Integer;
    switch (column) {
    case Scaled:
        switch (m_family) {
        case FormatFamily::Minifloat:
            return tr("R divided by the scale s = amax / max_element, in float32");
        case FormatFamily::Nvfp4:
            return tr("R times 1/(s·S_dec): the block's E4M3 scale and the tensor's decode scale");
        case FormatFamily::Bitsandbytes:
            return tr("R times 1/absmax: the block's values normalised to [−1, 1]");
        case FormatFamily::Ggml:
            return tr("R less the sub-block's stored minimum (0 for the types without one), "
                      "divided by its scale s: where R falls on the grid; the code is the one "
                      "ggml's quantizer stored");
        default:
            return tr("R divided by Scale, plus the zero point Z (0 without one), in float32");
        }
    case Rounded:
        return tr("The tutorial's quant_result: rounded, not yet clipped");
    case Clipped:
        return tr("The tutorial's saturete_result: the integer code, clipped to [Qmin, Qmax]");
    case Dequantized:
        return integer ? tr("The tutorial's dequant_result: (Q − Z)·Scale")
                       : tr("The value the code stands for: element times the scales");
    case Error:
        return tr("The tutorial's diff: R′ − R");
    case Amax:
        return tr("The largest |R| of the block: it sets the block's scale");
    case AmaxExponent:
        return tr("floor(log2 amax), read exactly from amax's exponent bits");
    case SharedExponent:
        return tr("The block's shared exponent: floor(log2 amax) − emax of the element type, "
                  "stored as the E8M0 code c");
    case ScaleCode:
        return tr("The block scale s as stored: an E4M3 code");
    case BlockScale:
        return m_family == FormatFamily::Mx ? tr("The block's scale X = 2^(c − 127)")
                                            : tr("The scale of the block or group, in float32");
    case Ratio:
        return tr("R / X: the value the element encodes (MXINT8 rounds V/X · 64)");
    case Sign:
        return tr("The code's sign bit");
    case ExponentBits:
        return tr("The code's exponent field E");
    case MantissaBits:
        return tr("The code's mantissa field M");
    case Code:
        return tr("The stored code");
    case Element:
        return m_family == FormatFamily::Bitsandbytes
                   ? tr("The codebook's level for the code (before absmax)")
                   : tr("The element's value: decode(code), before any scale");
    case Index:
    case Input:
    case Block:
        break;
    }
    return {};
}

QVariant WalkthroughModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 ||
        section >= static_cast<int>(m_columns.size())) {
        return {};
    }
    const Column column = m_columns[static_cast<std::size_t>(section)];
    if (role == Qt::ToolTipRole) {
        const QString text = explanation(column);
        return text.isEmpty() ? QVariant() : QVariant(text);
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    return title(column);
}

} // namespace qs::ui
