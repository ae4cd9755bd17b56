#include "io/csv_reader.h"

#include "common/warning.h"
#include "io/byte_reader.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <vector>

namespace qs {
namespace {

enum class Separator
{
    Comma,
    Semicolon,
    Whitespace
};

bool isBlank(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

std::string_view trim(std::string_view s)
{
    while (!s.empty() && isBlank(s.front())) {
        s.remove_prefix(1);
    }
    while (!s.empty() && isBlank(s.back())) {
        s.remove_suffix(1);
    }
    return s;
}

Separator detectSeparator(std::string_view line)
{
    if (line.find(',') != std::string_view::npos) {
        return Separator::Comma;
    }
    if (line.find(';') != std::string_view::npos) {
        return Separator::Semicolon;
    }
    return Separator::Whitespace;
}

std::vector<std::string_view> splitCells(std::string_view line, Separator separator)
{
    std::vector<std::string_view> cells;
    if (separator == Separator::Whitespace) {
        std::size_t pos = 0;
        while (pos < line.size()) {
            while (pos < line.size() && isBlank(line[pos])) {
                ++pos;
            }
            const std::size_t start = pos;
            while (pos < line.size() && !isBlank(line[pos])) {
                ++pos;
            }
            if (pos > start) {
                cells.push_back(line.substr(start, pos - start));
            }
        }
        return cells;
    }
    const char sep = separator == Separator::Comma ? ',' : ';';
    std::size_t start = 0;
    for (;;) {
        const std::size_t end = line.find(sep, start);
        cells.push_back(
            trim(line.substr(start, end == std::string_view::npos ? end : end - start)));
        if (end == std::string_view::npos) {
            break;
        }
        start = end + 1;
    }
    return cells;
}

// A number as np.loadtxt reads it: one optional sign, then from_chars' form. Beyond float64's
// range from_chars leaves the value unset; strtod gives what NumPy gives there (±inf past the
// largest, ±0 below the smallest).
std::optional<double> parseNumber(std::string_view cell)
{
    if (!cell.empty() && cell.front() == '+') {
        cell.remove_prefix(1);
        if (!cell.empty() && (cell.front() == '+' || cell.front() == '-')) {
            return std::nullopt; // "+-1", "++1": a sign, not two
        }
    }
    double value = 0;
    const auto [ptr, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
    if (cell.empty() || ptr != cell.data() + cell.size() ||
        (ec != std::errc() && ec != std::errc::result_out_of_range)) {
        return std::nullopt;
    }
    if (ec == std::errc::result_out_of_range) {
        const std::string text(cell);
        value = std::strtod(text.c_str(), nullptr);
    }
    return value;
}

// "inf", "-Infinity", ...: a cell that names infinity rather than a number too large.
bool spellsInfinity(std::string_view cell)
{
    if (!cell.empty() && (cell.front() == '+' || cell.front() == '-')) {
        cell.remove_prefix(1);
    }
    return !cell.empty() && (cell.front() == 'i' || cell.front() == 'I');
}

std::string quoted(std::string_view cell)
{
    constexpr std::size_t kShown = 40;
    return "'" + std::string(cell.substr(0, kShown)) + (cell.size() > kShown ? "...'" : "'");
}

} // namespace

Result<LoadedTensor> parseCsv(std::string_view text, const std::string& fileName)
{
    LoadedTensor loaded;
    std::vector<float>& values = loaded.tensor.values;
    std::optional<Separator> separator;
    std::size_t columns = 0;
    std::size_t rows = 0;
    bool headerAllowed = true;
    std::size_t lineNumber = 0;
    // A UTF-8 byte-order mark (spreadsheets write one) is not part of the first cell.
    constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
    std::size_t pos = text.starts_with(kByteOrderMark) ? kByteOrderMark.size() : 0;
    std::size_t beyondFloat32 = 0;
    std::string firstBeyond;
    while (pos <= text.size()) {
        const std::size_t end = std::min(text.find('\n', pos), text.size());
        const std::string_view line = trim(text.substr(pos, end - pos));
        const std::uint64_t lineOffset = pos;
        pos = end + 1;
        ++lineNumber;
        if (line.empty() || line.front() == '#') {
            continue;
        }
        if (!separator) {
            separator = detectSeparator(line);
        }
        const auto cells = splitCells(line, *separator);
        std::vector<float> row;
        row.reserve(cells.size());
        std::optional<std::size_t> badColumn;
        for (std::size_t c = 0; c < cells.size(); ++c) {
            const auto number = parseNumber(cells[c]);
            if (!number) {
                badColumn = c;
                break;
            }
            const auto value = static_cast<float>(*number);
            // "inf" asks for infinity; 1e999 or 1e39 becomes one only because float32 ends.
            if (std::isinf(value) && !spellsInfinity(cells[c])) {
                if (beyondFloat32++ == 0) {
                    firstBeyond = "line " + std::to_string(lineNumber) + ", column " +
                                  std::to_string(c + 1) + ", " + quoted(cells[c]);
                }
            }
            row.push_back(value);
        }
        if (badColumn && headerAllowed) {
            headerAllowed = false; // the first non-blank line may name the columns
            continue;
        }
        headerAllowed = false;
        if (badColumn) {
            return fail(ErrorCode::BadValue,
                        "line " + std::to_string(lineNumber) + ", column " +
                            std::to_string(*badColumn + 1) + ": " + quoted(cells[*badColumn]) +
                            " is not a number",
                        fileName, lineOffset);
        }
        if (rows == 0) {
            columns = row.size();
        } else if (row.size() != columns) {
            return fail(ErrorCode::BadHeader,
                        "line " + std::to_string(lineNumber) + " has " +
                            std::to_string(row.size()) + " columns, earlier rows have " +
                            std::to_string(columns),
                        fileName, lineOffset);
        }
        values.insert(values.end(), row.begin(), row.end());
        ++rows;
    }
    if (rows == 0) {
        return fail(ErrorCode::EmptyTensor, "holds no rows of numbers", fileName);
    }
    if (beyondFloat32 > 0) {
        loaded.warnings.push_back(makeWarning(
            WarningCode::BeyondFloat32,
            QS_TRANSLATABLE("Warning",
                            "%1: %2 numbers lie beyond float32's range and are read as ±inf "
                            "(first: %3)"),
            {fileName, std::to_string(beyondFloat32), firstBeyond}));
    }
    loaded.tensor.shape = {static_cast<std::int64_t>(rows), static_cast<std::int64_t>(columns)};
    loaded.tensor.sourceDtype = Dtype::Float64; // text is parsed as double, like np.loadtxt
    loaded.tensor.name = std::filesystem::path(fileName).stem().string();
    return loaded;
}

Result<LoadedTensor> readCsvFile(const std::string& path)
{
    auto text = readTextFile(path, kMaxTextBytes);
    if (!text) {
        return std::unexpected(text.error());
    }
    return parseCsv(*text, path);
}

} // namespace qs
