#include "common/error.h"

#include "common/printable_text.h"
#include "common/text_pattern.h"

namespace qs {

std::string Error::describe() const
{
    std::string line;
    if (!file.empty()) {
        line += file;
        line += ": ";
    }
    line += message;
    if (offset) {
        line += fillPattern(kAtBytePattern, {std::to_string(*offset)});
    }
    // Names and cells from the file are inside: one printable line, whatever they hold.
    return printable(line, kPrintableLineBytes);
}

std::unexpected<Error> failWith(ErrorCode code, std::string pattern, std::vector<std::string> args,
                                std::string file)
{
    Error error;
    error.code = code;
    error.message = fillPattern(pattern, args);
    error.file = std::move(file);
    error.pattern = std::move(pattern);
    error.args = std::move(args);
    return std::unexpected(std::move(error));
}

const char* errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::FileNotFound:
        return "file-not-found";
    case ErrorCode::ReadFailed:
        return "read-failed";
    case ErrorCode::WriteFailed:
        return "write-failed";
    case ErrorCode::BadMagic:
        return "bad-magic";
    case ErrorCode::BadHeader:
        return "bad-header";
    case ErrorCode::Truncated:
        return "truncated";
    case ErrorCode::UnsupportedDtype:
        return "unsupported-dtype";
    case ErrorCode::UnsupportedFormat:
        return "unsupported-format";
    case ErrorCode::TooLarge:
        return "too-large";
    case ErrorCode::EmptyTensor:
        return "empty-tensor";
    case ErrorCode::NoFiniteValues:
        return "no-finite-values";
    case ErrorCode::BadValue:
        return "bad-value";
    case ErrorCode::TensorNotFound:
        return "tensor-not-found";
    case ErrorCode::InvalidArgument:
        return "invalid-argument";
    case ErrorCode::Cancelled:
        return "cancelled";
    case ErrorCode::UnsafeContent:
        return "unsafe-content";
    }
    return "unknown";
}

} // namespace qs
