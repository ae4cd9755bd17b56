#include "i18n/core_texts.h"

#include "common/text_pattern.h"
#include "i18n/language.h"

#include <QCoreApplication>

namespace qs::ui {
namespace {

std::string translated(const char* context, const char* pattern,
                       const std::vector<std::string>& values)
{
    return fillPattern(QCoreApplication::translate(context, pattern).toStdString(), values);
}

// What kind of problem it is, for the errors whose details stay in English.
QString errorKind(ErrorCode code)
{
    switch (code) {
    case ErrorCode::FileNotFound:
        return QCoreApplication::translate("Error", "file not found");
    case ErrorCode::ReadFailed:
        return QCoreApplication::translate("Error", "cannot read the file");
    case ErrorCode::WriteFailed:
        return QCoreApplication::translate("Error", "cannot write the file");
    case ErrorCode::BadMagic:
        return QCoreApplication::translate("Error", "not a file of this format");
    case ErrorCode::BadHeader:
        return QCoreApplication::translate("Error", "malformed header");
    case ErrorCode::Truncated:
        return QCoreApplication::translate("Error", "the file ends early");
    case ErrorCode::UnsupportedDtype:
        return QCoreApplication::translate("Error", "unsupported data type");
    case ErrorCode::UnsupportedFormat:
        return QCoreApplication::translate("Error", "unsupported format");
    case ErrorCode::TooLarge:
        return QCoreApplication::translate("Error", "too large");
    case ErrorCode::EmptyTensor:
        return QCoreApplication::translate("Error", "empty tensor");
    case ErrorCode::NoFiniteValues:
        return QCoreApplication::translate("Error", "no finite values");
    case ErrorCode::BadValue:
        return QCoreApplication::translate("Error", "bad value");
    case ErrorCode::TensorNotFound:
        return QCoreApplication::translate("Error", "no such tensor");
    case ErrorCode::InvalidArgument:
        return QCoreApplication::translate("Error", "invalid setting");
    case ErrorCode::Cancelled:
        return QCoreApplication::translate("Error", "cancelled");
    case ErrorCode::UnsafeContent:
        return QCoreApplication::translate("Error", "asks to run code");
    }
    return {};
}

} // namespace

QString warningText(const Warning& warning)
{
    if (warning.pattern.empty()) {
        return QString::fromStdString(warning.message);
    }
    std::string text = translated("Warning", warning.pattern.c_str(), warning.args);
    if (warning.groups > 1) {
        text += translated("Warning", kInGroupsPattern, {std::to_string(warning.groups)});
    }
    return QString::fromStdString(text);
}

QString errorText(const Error& error)
{
    const bool english = currentLanguage() == QLatin1String("en");
    if (error.pattern.empty() && english) {
        return QString::fromStdString(error.describe());
    }
    std::string text = error.file.empty() ? std::string() : error.file + ": ";
    if (error.pattern.empty()) {
        // Details about a file's bytes stay in English, after the kind of problem in the
        // interface language.
        text += errorKind(error.code).toStdString() + " — " + error.message;
    } else {
        text += translated("Error", error.pattern.c_str(), error.args);
    }
    if (error.offset) {
        text += translated("Error", kAtBytePattern, {std::to_string(*error.offset)});
    }
    return QString::fromStdString(text);
}

} // namespace qs::ui
