#include "common/printable_text.h"

#include <algorithm>
#include <cstdio>

namespace qs {
namespace {

void appendEscaped(std::string& out, unsigned char byte)
{
    char code[5];
    std::snprintf(code, sizeof code, "\\x%02X", byte);
    out += code;
}

} // namespace

std::string printable(std::string_view text, std::size_t limit)
{
    std::string out;
    out.reserve(std::min(text.size(), limit) + 16);
    std::size_t i = 0;
    for (; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        const bool c1 = byte == 0xC2 && i + 1 < text.size() &&
                        static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
                        static_cast<unsigned char>(text[i + 1]) <= 0x9F;
        const std::size_t width = byte < 0x20 || byte == 0x7F ? 4 : c1 ? 4 : 1;
        if (out.size() + width > limit) {
            break;
        }
        if (byte < 0x20 || byte == 0x7F) {
            appendEscaped(out, byte);
        } else if (c1) {
            appendEscaped(out, static_cast<unsigned char>(text[++i])); // the code point itself
        } else {
            out += static_cast<char>(byte);
        }
    }
    if (i < text.size()) {
        // Never end inside a UTF-8 sequence: drop its lead and continuation bytes.
        while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) {
            out.pop_back();
            --i;
        }
        if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xC0) {
            out.pop_back();
            --i;
        }
        out += " … (" + std::to_string(text.size() - i) + " more bytes)";
    }
    return out;
}

} // namespace qs
