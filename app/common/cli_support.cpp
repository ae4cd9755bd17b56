#include "common/cli_support.h"

#include <cstdio>
#include <vector>

namespace qs::cli {

int reportError(const Error& error)
{
    std::fprintf(stderr, "error: %s\n", error.describe().c_str());
    return error.code == ErrorCode::InvalidArgument ? kExitUsage : kExitBadInput;
}

int reportUsageError(const std::string& message)
{
    std::fprintf(stderr, "error: %s\n", message.c_str());
    return kExitUsage;
}

CLI::IsMember memberOf(std::span<const char* const> names)
{
    return CLI::IsMember(std::vector<std::string>(names.begin(), names.end()));
}

} // namespace qs::cli
