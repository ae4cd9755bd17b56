#pragma once
// Escaping for the text formats reports are written in.

#include <string>
#include <string_view>

namespace qs {

// <, >, & and " as entities.
std::string escapeHtml(std::string_view text);
// Backslashes before the characters Markdown tables and emphasis would take as syntax.
std::string escapeMarkdown(std::string_view text);

} // namespace qs
