#include "io/npy_format.h"

#include <cctype>
#include <charconv>
#include <optional>

namespace qs {
namespace {

// A strict reader for the small subset of Python literals a .npy header uses.
class DictParser
{
public:
    DictParser(std::string_view text, std::uint64_t baseOffset) : m_text(text), m_base(baseOffset)
    {}

    std::unexpected<Error> error(std::string message) const
    {
        return fail(ErrorCode::BadHeader, "npy header: " + std::move(message), {}, m_base + m_pos);
    }

    void skipSpace()
    {
        while (m_pos < m_text.size() && std::isspace(static_cast<unsigned char>(m_text[m_pos]))) {
            ++m_pos;
        }
    }

    bool accept(char c)
    {
        skipSpace();
        if (m_pos < m_text.size() && m_text[m_pos] == c) {
            ++m_pos;
            return true;
        }
        return false;
    }

    char peek()
    {
        skipSpace();
        return m_pos < m_text.size() ? m_text[m_pos] : '\0';
    }

    bool atEnd()
    {
        skipSpace();
        return m_pos >= m_text.size();
    }

    std::optional<std::string_view> string()
    {
        skipSpace();
        if (m_pos >= m_text.size() || (m_text[m_pos] != '\'' && m_text[m_pos] != '"')) {
            return std::nullopt;
        }
        const char quote = m_text[m_pos];
        const std::size_t end = m_text.find(quote, m_pos + 1);
        if (end == std::string_view::npos) {
            return std::nullopt;
        }
        const auto value = m_text.substr(m_pos + 1, end - m_pos - 1);
        m_pos = end + 1;
        return value;
    }

    std::optional<std::string_view> word()
    {
        skipSpace();
        const std::size_t start = m_pos;
        while (m_pos < m_text.size() && std::isalpha(static_cast<unsigned char>(m_text[m_pos]))) {
            ++m_pos;
        }
        if (m_pos == start) {
            return std::nullopt;
        }
        return m_text.substr(start, m_pos - start);
    }

    std::optional<std::int64_t> integer()
    {
        skipSpace();
        std::int64_t value = 0;
        const char* first = m_text.data() + m_pos;
        const char* last = m_text.data() + m_text.size();
        const auto [ptr, ec] = std::from_chars(first, last, value);
        if (ec != std::errc() || value < 0) {
            return std::nullopt;
        }
        m_pos += static_cast<std::size_t>(ptr - first);
        if (m_pos < m_text.size() && m_text[m_pos] == 'L') { // Python 2 long suffix
            ++m_pos;
        }
        return value;
    }

    // "(3, 4)", "(3,)", "()"
    Result<Shape> shapeTuple()
    {
        if (!accept('(')) {
            return error("'shape' must be a tuple of integers");
        }
        Shape shape;
        while (!accept(')')) {
            const auto dim = integer();
            if (!dim) {
                return error("'shape' holds something other than a non-negative integer");
            }
            shape.push_back(*dim);
            if (!accept(',') && peek() != ')') {
                return error("'shape' tuple is malformed");
            }
        }
        return shape;
    }

private:
    std::string_view m_text;
    std::uint64_t m_base;
    std::size_t m_pos = 0;
};

} // namespace

Result<NpyDtype> parseNpyDescr(std::string_view descr)
{
    auto unsupported = [&](const std::string& what) {
        return fail(ErrorCode::UnsupportedDtype,
                    what + " dtype '" + std::string(descr) + "' is not supported");
    };
    if (descr.empty()) {
        return unsupported("empty");
    }
    NpyDtype result;
    std::string_view rest = descr;
    if (rest.front() == '<' || rest.front() == '>' || rest.front() == '|' || rest.front() == '=') {
        result.order = rest.front() == '>' ? ByteOrder::Big : ByteOrder::Little;
        rest.remove_prefix(1);
    }
    if (rest.empty()) {
        return unsupported("malformed");
    }
    const char kind = rest.front();
    std::size_t size = 0;
    const auto [ptr, ec] = std::from_chars(rest.data() + 1, rest.data() + rest.size(), size);
    const bool sized = ec == std::errc() && ptr == rest.data() + rest.size();
    switch (kind) {
    case 'O':
        return unsupported("object");
    case 'c':
        return unsupported("complex");
    case 'U':
    case 'S':
    case 'a':
        return unsupported("string");
    case 'V':
        return unsupported("void/structured");
    case 'M':
    case 'm':
        return unsupported("datetime");
    default:
        break;
    }
    if (!sized) {
        return unsupported("malformed");
    }
    auto pick = [&](Dtype d) -> Result<NpyDtype> {
        result.dtype = d;
        return result;
    };
    if (kind == 'f' && size == 2)
        return pick(Dtype::Float16);
    if (kind == 'f' && size == 4)
        return pick(Dtype::Float32);
    if (kind == 'f' && size == 8)
        return pick(Dtype::Float64);
    if (kind == 'i' && size == 1)
        return pick(Dtype::Int8);
    if (kind == 'i' && size == 2)
        return pick(Dtype::Int16);
    if (kind == 'i' && size == 4)
        return pick(Dtype::Int32);
    if (kind == 'i' && size == 8)
        return pick(Dtype::Int64);
    if (kind == 'u' && size == 1)
        return pick(Dtype::UInt8);
    if (kind == 'u' && size == 2)
        return pick(Dtype::UInt16);
    if (kind == 'u' && size == 4)
        return pick(Dtype::UInt32);
    if (kind == 'u' && size == 8)
        return pick(Dtype::UInt64);
    if (kind == 'b' && size == 1)
        return pick(Dtype::Bool);
    return unsupported(kind == 'f' ? "extended-precision float" : "unknown");
}

std::string npyDescr(Dtype dtype)
{
    switch (dtype) {
    case Dtype::Float16:
        return "<f2";
    case Dtype::BFloat16:
        return "<V2"; // NumPy has no bfloat16; never written
    case Dtype::Float32:
        return "<f4";
    case Dtype::Float64:
        return "<f8";
    case Dtype::Int8:
        return "|i1";
    case Dtype::UInt8:
        return "|u1";
    case Dtype::Int16:
        return "<i2";
    case Dtype::UInt16:
        return "<u2";
    case Dtype::Int32:
        return "<i4";
    case Dtype::UInt32:
        return "<u4";
    case Dtype::Int64:
        return "<i8";
    case Dtype::UInt64:
        return "<u8";
    case Dtype::Bool:
        return "|b1";
    case Dtype::Float8E4M3:
    case Dtype::Float8E5M2:
        return "|V1"; // NumPy has no float8; never written
    }
    return "<f4";
}

Result<NpyHeader> parseNpyHeaderDict(std::string_view dict, std::uint64_t dictOffset)
{
    DictParser p(dict, dictOffset);
    if (!p.accept('{')) {
        return p.error("expected a dict starting with '{'");
    }
    NpyHeader header;
    bool haveDescr = false;
    bool haveOrder = false;
    bool haveShape = false;
    while (!p.accept('}')) {
        const auto key = p.string();
        if (!key) {
            return p.error("expected a quoted key");
        }
        if (!p.accept(':')) {
            return p.error("expected ':' after '" + std::string(*key) + "'");
        }
        if (*key == "descr") {
            if (p.peek() == '[') {
                return fail(ErrorCode::UnsupportedDtype,
                            "structured dtype (a record with named fields) is not supported", {},
                            dictOffset);
            }
            const auto descr = p.string();
            if (!descr) {
                return p.error("'descr' must be a string");
            }
            auto dtype = parseNpyDescr(*descr);
            if (!dtype) {
                return std::unexpected(dtype.error());
            }
            header.dtype = *dtype;
            haveDescr = true;
        } else if (*key == "fortran_order") {
            const auto value = p.word();
            if (!value || (*value != "True" && *value != "False")) {
                return p.error("'fortran_order' must be True or False");
            }
            header.fortranOrder = *value == "True";
            haveOrder = true;
        } else if (*key == "shape") {
            auto shape = p.shapeTuple();
            if (!shape) {
                return std::unexpected(shape.error());
            }
            header.shape = std::move(*shape);
            haveShape = true;
        } else {
            return p.error("unexpected key '" + std::string(*key) + "'");
        }
        if (!p.accept(',') && p.peek() != '}') {
            return p.error("expected ',' or '}'");
        }
    }
    if (!p.atEnd()) {
        return p.error("unexpected text after the dict");
    }
    if (!haveDescr || !haveOrder || !haveShape) {
        return p.error("the dict must hold 'descr', 'fortran_order' and 'shape'");
    }
    return header;
}

std::string makeNpyHeader(Dtype dtype, const Shape& shape)
{
    std::string dict = "{'descr': '" + npyDescr(dtype) + "', 'fortran_order': False, 'shape': (";
    // Python tuples: "()", "(3,)", "(2, 3)".
    for (std::size_t i = 0; i < shape.size(); ++i) {
        dict += std::to_string(shape[i]);
        dict += i + 1 < shape.size() ? ", " : (shape.size() == 1 ? "," : "");
    }
    dict += ")";
    dict += ", }";
    constexpr std::size_t kPrefix = 10; // magic (6) + version (2) + uint16 length (2)
    constexpr std::size_t kAlign = 64;
    const std::size_t unpadded = kPrefix + dict.size() + 1; // + '\n'
    dict.append((kAlign - unpadded % kAlign) % kAlign, ' ');
    dict += '\n';

    std::string header(kNpyMagic);
    header += '\x01';
    header += '\x00';
    header += static_cast<char>(dict.size() & 0xff);
    header += static_cast<char>((dict.size() >> 8) & 0xff);
    header += dict;
    return header;
}

} // namespace qs
