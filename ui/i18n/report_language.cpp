#include "i18n/report_language.h"

#include "i18n/language.h"

#include <QCoreApplication>

namespace qs::ui {

ReportWords interfaceReportWords()
{
    ReportWords words;
    forEachWord(words, [](std::string& word) {
        word = QCoreApplication::translate("Report", word.c_str()).toStdString();
    });
    words.language = currentLanguage() == QLatin1String("zh_CN") ? "zh-CN" : "en";
    return words;
}

} // namespace qs::ui
