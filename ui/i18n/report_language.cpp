#include "i18n/report_language.h"

#include "i18n/language.h"

#include <QCoreApplication>

namespace qs::ui {

namespace {

template <typename Words> Words translatedWords()
{
    Words words;
    forEachWord(words, [](std::string& word) {
        word = QCoreApplication::translate("Report", word.c_str()).toStdString();
    });
    words.language = currentLanguage() == QLatin1String("zh_CN") ? "zh-CN" : "en";
    return words;
}

} // namespace

ReportWords interfaceReportWords()
{
    return translatedWords<ReportWords>();
}

MitigationWords interfaceMitigationWords()
{
    return translatedWords<MitigationWords>();
}

} // namespace qs::ui
