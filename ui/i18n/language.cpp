#include "i18n/language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

#include <memory>

namespace qs::ui {
namespace {

const char* const kLanguageKey = "language";
const QString kEnglish = QStringLiteral("en");

// The translators installed now; replaced as a pair when the language changes.
struct InstalledTranslators
{
    QString code = kEnglish;
    std::unique_ptr<QTranslator> ours;
    std::unique_ptr<QTranslator> qtBase;
};

InstalledTranslators& installed()
{
    static InstalledTranslators translators;
    return translators;
}

} // namespace

QList<Language> availableLanguages()
{
    return {{kEnglish, QStringLiteral("English")},
            {QStringLiteral("zh_CN"), QStringLiteral("简体中文")}};
}

bool isAvailableLanguage(const QString& code)
{
    const QList<Language> languages = availableLanguages();
    return std::ranges::any_of(languages, [&](const Language& l) { return l.code == code; });
}

QString systemLanguage()
{
    // Any Chinese locale gets the simplified Chinese of the tutorial.
    return QLocale::system().language() == QLocale::Chinese ? QStringLiteral("zh_CN") : kEnglish;
}

QString savedLanguage()
{
    const QString code = QSettings().value(kLanguageKey).toString();
    return isAvailableLanguage(code) ? code : QString();
}

void saveLanguage(const QString& code)
{
    QSettings settings;
    if (code.isEmpty()) {
        settings.remove(kLanguageKey);
    } else {
        settings.setValue(kLanguageKey, code);
    }
}

QString preferredLanguage()
{
    const QString saved = savedLanguage();
    return saved.isEmpty() ? systemLanguage() : saved;
}

bool setLanguage(const QString& code)
{
    if (!isAvailableLanguage(code)) {
        return false;
    }
    InstalledTranslators& now = installed();
    if (now.code == code) {
        return true;
    }
    for (auto* translator : {now.ours.get(), now.qtBase.get()}) {
        if (translator != nullptr) {
            QCoreApplication::removeTranslator(translator);
        }
    }
    now.ours.reset();
    now.qtBase.reset();
    now.code = code;
    if (code == kEnglish) {
        // Removing the translators has sent LanguageChange already; the source strings show.
        return true;
    }
    now.ours = std::make_unique<QTranslator>();
    if (now.ours->load(QStringLiteral(":/i18n/quantscope_%1.qm").arg(code))) {
        QCoreApplication::installTranslator(now.ours.get());
    }
    // Qt's own buttons and dialogs (OK, Cancel, the file dialog) from Debian's Qt translations.
    now.qtBase = std::make_unique<QTranslator>();
    if (now.qtBase->load(QStringLiteral("qtbase_%1").arg(code),
                         QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(now.qtBase.get());
    }
    return true;
}

QString currentLanguage()
{
    return installed().code;
}

} // namespace qs::ui
