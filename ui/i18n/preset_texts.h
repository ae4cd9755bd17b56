#pragma once
// The descriptions of core's built-in data sets and framework scheme presets, in the interface
// language. Core marks them QS_TRANSLATABLE; the catalogue holds their translations.

#include <QString>

namespace qs {
struct DataPreset;
struct SchemePreset;
} // namespace qs

namespace qs::ui {

QString dataPresetDescription(const DataPreset& preset);
QString schemePresetDescription(const SchemePreset& preset);

} // namespace qs::ui
