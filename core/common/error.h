#pragma once
// Error values that cross the core API. No exception leaves core: file and user-input problems
// come back as std::expected<T, Error>; programmer errors are asserts.

#include "common/translatable.h"

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <vector>

namespace qs {

enum class ErrorCode
{
    FileNotFound,
    ReadFailed,
    WriteFailed,
    BadMagic,
    BadHeader,
    Truncated,
    UnsupportedDtype,
    UnsupportedFormat,
    TooLarge,
    EmptyTensor,
    NoFiniteValues,
    BadValue,
    TensorNotFound,
    InvalidArgument,
    Cancelled,
    UnsafeContent, // a file that asks to run code (a pickle naming os.system...)
};

struct Error
{
    ErrorCode code = ErrorCode::InvalidArgument;
    std::string message;                 // what is wrong, without the file name
    std::string file;                    // the file it applies to, if any
    std::optional<std::uint64_t> offset; // byte offset in `file` where it applies, if known
    // For the messages the window shows in its language: `message` as a pattern with %1, %2, ...
    // for `args`, marked QS_TRANSLATABLE("Error"). Empty for the rest (they stay in English).
    std::string pattern{};
    std::vector<std::string> args{};

    // "FILE: MESSAGE (at byte N)" — the one line the CLI prints after "error: ".
    std::string describe() const;

    friend bool operator==(const Error&, const Error&) = default;
};

template <typename T> using Result = std::expected<T, Error>;

inline std::unexpected<Error> fail(ErrorCode code, std::string message, std::string file = {},
                                   std::optional<std::uint64_t> offset = std::nullopt)
{
    return std::unexpected(Error{code, std::move(message), std::move(file), offset});
}

// An error whose message is `pattern` (marked QS_TRANSLATABLE("Error", ...)) filled with `args`.
std::unexpected<Error> failWith(ErrorCode code, std::string pattern, std::vector<std::string> args,
                                std::string file = {});

// Appended by describe() when the offset is known (%1: the offset).
inline constexpr const char* kAtBytePattern = QS_TRANSLATABLE("Error", " (at byte %1)");

// Stable lower-case identifier ("bad-header"), for tests and machine-readable output.
const char* errorCodeName(ErrorCode code);

} // namespace qs
