#pragma once
// The descriptions of core's built-in data sets and framework scheme presets, in the interface
// language. Core marks them QS_TRANSLATABLE; the catalogue holds their translations. The window
// shows a preset by its title; its id (what the CLI and sessions spell) goes in the tooltip.

#include <QString>

#include <string_view>

namespace qs {
struct DataPreset;
struct SchemePreset;
} // namespace qs

namespace qs::ui {

QString dataPresetTitle(const DataPreset& preset);
QString dataPresetDescription(const DataPreset& preset);
QString schemePresetTitle(const SchemePreset& preset);
QString schemePresetDescription(const SchemePreset& preset);

// "id: description", for tooltips and status tips.
QString dataPresetToolTip(const DataPreset& preset);
QString schemePresetToolTip(const SchemePreset& preset);

// The preset's id as a QString.
QString presetId(std::string_view name);

} // namespace qs::ui
