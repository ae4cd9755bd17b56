#pragma once
// The interface language: English (the source strings) or Chinese (简体中文, the tutorial's).
// It follows the system locale unless the user picked one (View → Language, saved in the
// settings) or the command line asks for one (--lang). Numbers are formatted the same way in both.

#include <QList>
#include <QString>

namespace qs::ui {

struct Language
{
    QString code;       // "en", "zh_CN"
    QString nativeName; // as a speaker of it writes it: "English", "简体中文"
};

// Every language the interface speaks, English first.
QList<Language> availableLanguages();
bool isAvailableLanguage(const QString& code);

// The language of the system locale if we speak it, else English.
QString systemLanguage();
// What the user chose in View → Language, or empty to follow the system.
QString savedLanguage();
void saveLanguage(const QString& code);
// The saved choice, else the system's.
QString preferredLanguage();

// Installs the translations of `code` (QuantScope's and Qt's own dialogs); every open widget
// gets a LanguageChange event and retranslates itself. False for an unknown code.
bool setLanguage(const QString& code);
// The language installed last ("en" before any).
QString currentLanguage();

} // namespace qs::ui
