#pragma once
// Temporary files a write leaves behind if the process is killed half way: each one is
// registered while it exists, and a SIGTERM, SIGINT or SIGHUP handler removes every registered
// file before the process ends as the signal says. (SIGKILL cannot be caught; a file it leaves
// is named NAME.XXXXXXXX.part beside the target.)

#include <string>

namespace qs {

// Registers a temporary file for its lifetime (the writer renames or removes the file before
// the guard goes). At most 64 at once; beyond that a file is simply not registered.
class TemporaryFileGuard
{
public:
    explicit TemporaryFileGuard(std::string path);
    ~TemporaryFileGuard();
    TemporaryFileGuard(const TemporaryFileGuard&) = delete;
    TemporaryFileGuard& operator=(const TemporaryFileGuard&) = delete;

private:
    std::string m_path;
    int m_slot = -1;
};

// Installs the handlers (once; later calls do nothing). Programs call it first thing in main.
void removeTemporaryFilesOnSignals();

} // namespace qs
