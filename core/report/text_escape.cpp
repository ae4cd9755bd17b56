#include "report/text_escape.h"

namespace qs {

std::string escapeHtml(std::string_view text)
{
    std::string out;
    for (const char c : text) {
        switch (c) {
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '&':
            out += "&amp;";
            break;
        case '"':
            out += "&quot;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::string escapeMarkdown(std::string_view text)
{
    std::string out;
    for (const char c : text) {
        if (c == '|' || c == '*' || c == '_' || c == '`') {
            out += '\\';
        }
        out += c;
    }
    return out;
}

} // namespace qs
