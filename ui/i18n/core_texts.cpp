#include "i18n/core_texts.h"

#include "common/text_pattern.h"

#include <QCoreApplication>

namespace qs::ui {
namespace {

std::string translated(const char* context, const char* pattern,
                       const std::vector<std::string>& values)
{
    return fillPattern(QCoreApplication::translate(context, pattern).toStdString(), values);
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
    if (error.pattern.empty()) {
        return QString::fromStdString(error.describe());
    }
    std::string text = error.file.empty() ? std::string() : error.file + ": ";
    text += translated("Error", error.pattern.c_str(), error.args);
    if (error.offset) {
        text += translated("Error", kAtBytePattern, {std::to_string(*error.offset)});
    }
    return QString::fromStdString(text);
}

} // namespace qs::ui
