#include "i18n/preset_texts.h"

#include "generate/data_presets.h"
#include "quant/presets.h"

#include <QCoreApplication>

namespace qs::ui {
namespace {

// Looks `text` up under `context`; the English text itself when the catalogue lacks it.
QString translated(const char* context, std::string_view text)
{
    return QCoreApplication::translate(context, std::string(text).c_str());
}

} // namespace

QString presetId(std::string_view name)
{
    return QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size()));
}

QString dataPresetTitle(const DataPreset& preset)
{
    return translated("DataPreset", preset.title);
}

QString dataPresetToolTip(const DataPreset& preset)
{
    return presetId(preset.name) + QStringLiteral(": ") + dataPresetDescription(preset);
}

QString schemePresetTitle(const SchemePreset& preset)
{
    return translated("SchemePreset", preset.title);
}

QString schemePresetToolTip(const SchemePreset& preset)
{
    return presetId(preset.name) + QStringLiteral(": ") + schemePresetDescription(preset);
}

QString dataPresetDescription(const DataPreset& preset)
{
    return translated("DataPreset", preset.description);
}

QString schemePresetDescription(const SchemePreset& preset)
{
    return translated("SchemePreset", preset.description);
}

} // namespace qs::ui
