#include "common/terminal_progress.h"

#include <algorithm>
#include <cmath>
#include <unistd.h>
#include <utility>

namespace qs::cli {

TerminalProgress::TerminalProgress(std::string command)
    : TerminalProgress(std::move(command), stderr, isatty(STDERR_FILENO) == 1)
{}

TerminalProgress::TerminalProgress(std::string command, std::FILE* stream, bool enabled)
    : m_command(std::move(command)), m_stream(stream), m_enabled(enabled)
{}

TerminalProgress::~TerminalProgress()
{
    clear();
}

void TerminalProgress::count(std::size_t done, std::size_t total, std::string_view unit)
{
    show(std::to_string(done) + "/" + std::to_string(total) + " " + std::string(unit));
}

void TerminalProgress::fraction(double done, std::string_view stage)
{
    // NaN (0/0 of an empty piece of work) shows as 0%.
    const double clamped = std::isnan(done) ? 0.0 : std::clamp(done, 0.0, 1.0);
    const int percent = static_cast<int>(std::floor(clamped * 100));
    show((stage.empty() ? std::string() : std::string(stage) + " ") + std::to_string(percent) +
         "%");
}

void TerminalProgress::message(std::string_view text)
{
    show(std::string(text));
}

void TerminalProgress::clear()
{
    if (!m_enabled || m_width == 0) {
        return;
    }
    std::fprintf(m_stream, "\r%s\r", std::string(m_width, ' ').c_str());
    std::fflush(m_stream);
    m_width = 0;
    m_shown.clear();
}

ProgressFn TerminalProgress::fractionFn(std::string stage)
{
    return [this, stage = std::move(stage)](double done) {
        fraction(done, stage);
        return true;
    };
}

void TerminalProgress::show(const std::string& text)
{
    if (!m_enabled || text == m_shown) {
        return;
    }
    const std::string line = " " + m_command + ": " + text;
    // Blank out what is left of a longer line before (no terminal escapes: plain spaces work
    // on every terminal).
    const std::string tail(m_width > line.size() ? m_width - line.size() : 0, ' ');
    std::fprintf(m_stream, "\r%s%s", line.c_str(), tail.c_str());
    if (!tail.empty()) {
        std::fprintf(m_stream, "\r%s", line.c_str());
    }
    std::fflush(m_stream);
    m_width = line.size();
    m_shown = text;
}

} // namespace qs::cli
