#include "io/pickle/pickle_text.h"

#include <charconv>

namespace qs::pickle {
namespace {

void appendUtf8(std::string& out, std::uint32_t code)
{
    if (code < 0x80) {
        out += static_cast<char>(code);
    } else if (code < 0x800) {
        out += static_cast<char>(0xc0 | (code >> 6));
        out += static_cast<char>(0x80 | (code & 0x3f));
    } else if (code < 0x10000) {
        out += static_cast<char>(0xe0 | (code >> 12));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (code & 0x3f));
    } else {
        out += static_cast<char>(0xf0 | (code >> 18));
        out += static_cast<char>(0x80 | ((code >> 12) & 0x3f));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (code & 0x3f));
    }
}

std::optional<std::uint32_t> hexValue(std::string_view digits)
{
    std::uint32_t value = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value, 16);
    if (ec != std::errc{} || end != digits.data() + digits.size()) {
        return std::nullopt;
    }
    return value;
}

} // namespace

// Protocol 0's UNICODE argument (raw-unicode-escape): \uXXXX and \UXXXXXXXX escapes, every
// other byte a Latin-1 character.
std::string decodeRawUnicodeEscape(std::string_view raw)
{
    std::string out;
    for (std::size_t i = 0; i < raw.size(); ++i) {
        const auto byte = static_cast<unsigned char>(raw[i]);
        if (byte == '\\' && i + 1 < raw.size() && (raw[i + 1] == 'u' || raw[i + 1] == 'U')) {
            const std::size_t width = raw[i + 1] == 'u' ? 4 : 8;
            if (i + 2 + width <= raw.size()) {
                if (const auto code = hexValue(raw.substr(i + 2, width));
                    code && *code <= 0x10ffff) {
                    appendUtf8(out, *code);
                    i += 1 + width;
                    continue;
                }
            }
        }
        appendUtf8(out, byte);
    }
    return out;
}

// Protocol 0's STRING argument: a quoted Python literal with backslash escapes.
std::optional<std::string> decodeQuotedString(std::string_view quoted)
{
    if (quoted.size() < 2 || quoted.front() != quoted.back() ||
        (quoted.front() != '\'' && quoted.front() != '"')) {
        return std::nullopt;
    }
    const std::string_view body = quoted.substr(1, quoted.size() - 2);
    std::string out;
    for (std::size_t i = 0; i < body.size(); ++i) {
        if (body[i] != '\\' || i + 1 == body.size()) {
            out += body[i];
            continue;
        }
        const char next = body[++i];
        switch (next) {
        case 'n':
            out += '\n';
            break;
        case 'r':
            out += '\r';
            break;
        case 't':
            out += '\t';
            break;
        case 'x':
            if (i + 2 < body.size()) {
                if (const auto code = hexValue(body.substr(i + 1, 2))) {
                    out += static_cast<char>(*code);
                    i += 2;
                    break;
                }
            }
            out += "\\x";
            break;
        default:
            out += next; // \\, \', \" and anything else kept as the character
        }
    }
    return out;
}

} // namespace qs::pickle
