#pragma once
// What every command shares: exit codes and the one-line error report.

#include "common/error.h"

#include <CLI/CLI.hpp>

#include <span>
#include <string>

namespace qs::cli {

enum ExitCode : int
{
    kExitOk = 0,
    kExitFailure = 1, // an internal failure (cannot happen unless something is broken)
    kExitUsage = 2,   // bad command line: unknown option, invalid value, missing source
    kExitBadInput = 3 // bad input: missing, malformed or unsupported file; empty tensor
};

// Prints "error: MESSAGE" on stderr and returns the exit code that fits the error.
int reportError(const Error& error);
int reportUsageError(const std::string& message);

// A CLI11 validator accepting exactly the names of a core name table.
CLI::IsMember memberOf(std::span<const char* const> names);

} // namespace qs::cli
