#pragma once
// The one line of progress a long command (model, report, sweep, compare, bench) keeps on stderr,
// redrawn in place ("\r model: 12/96 tensors"), and only while stderr is a terminal: redirected
// or piped, stderr holds the command's errors alone, as scripts reading it expect.
//
// The line must be gone before anything else is written to the terminal (the command's output,
// an error): clear() or the destructor erase it, so a command keeps its TerminalProgress in a
// scope that ends before it prints.

#include "common/progress.h"

#include <cstddef>
#include <cstdio>
#include <string>
#include <string_view>

namespace qs::cli {

class TerminalProgress
{
public:
    // On stderr, shown only when stderr is a terminal.
    explicit TerminalProgress(std::string command);
    // On `stream`, shown only when `enabled`.
    TerminalProgress(std::string command, std::FILE* stream, bool enabled);
    ~TerminalProgress();
    TerminalProgress(const TerminalProgress&) = delete;
    TerminalProgress& operator=(const TerminalProgress&) = delete;

    bool enabled() const { return m_enabled; }

    // "model: 12/96 tensors"
    void count(std::size_t done, std::size_t total, std::string_view unit);
    // "sweep: 45%", or with a stage "report: analysing 45%" (whole percent, rounded down, so
    // that 100% means done).
    void fraction(double done, std::string_view stage = {});
    // "report: writing out.pdf"
    void message(std::string_view text);
    // Erases the line; the next report draws it again.
    void clear();

    // For core's long work: shows the fraction (with `stage`) and never cancels.
    ProgressFn fractionFn(std::string stage = {});

private:
    void show(const std::string& text);

    std::string m_command;
    std::FILE* m_stream;
    bool m_enabled;
    std::size_t m_width = 0; // of the line drawn now (0: none), to blank it out
    std::string m_shown;     // its text: the same text is not drawn again
};

} // namespace qs::cli
