#pragma once
// --session and --save-session, shared by quantscope-cli analyze and quantscope.

#include "session/session.h"

#include <CLI/CLI.hpp>

#include <optional>
#include <string>

namespace qs::cli {

struct SessionOptions
{
    std::string load; // --session F.qscope
    std::string save; // --save-session F.qscope
};

void addSessionOptions(CLI::App& command, SessionOptions& options, bool withSave);

// The session --session names, or nullopt without one. A session replaces the tensor and scheme
// options: any of them beside it is refused (InvalidArgument naming them), as is a malformed,
// newer or dangling session (the reader's errors). The window passes `allowMovedFile`: it asks
// where a moved tensor file went.
Result<std::optional<Session>> loadSessionOption(const CLI::App& command,
                                                 const SessionOptions& options,
                                                 bool allowMovedFile = false);

} // namespace qs::cli
