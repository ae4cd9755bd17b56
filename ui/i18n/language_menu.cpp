#include "i18n/language_menu.h"

#include "i18n/language.h"

#include <QActionGroup>
#include <QCoreApplication>
#include <QMenu>

namespace qs::ui {

void fillLanguageMenu(QMenu* menu)
{
    menu->setObjectName(QStringLiteral("languageMenu"));
    auto* group = new QActionGroup(menu);
    // "System language" is ticked while the saved choice is to follow the system and nothing
    // (--lang) overrode it for this run; otherwise the language shown.
    const bool followingSystem = savedLanguage().isEmpty() && currentLanguage() == systemLanguage();
    const auto add = [&](const QString& label, const QString& code) {
        QAction* action = menu->addAction(label);
        action->setData(code);
        action->setCheckable(true);
        action->setChecked(code.isEmpty() ? followingSystem
                                          : !followingSystem && code == currentLanguage());
        group->addAction(action);
        QObject::connect(action, &QAction::triggered, menu, [code] {
            saveLanguage(code);
            setLanguage(code.isEmpty() ? systemLanguage() : code);
        });
    };
    add(QCoreApplication::translate("LanguageMenu", "System language"), QString());
    menu->addSeparator();
    for (const Language& language : availableLanguages()) {
        add(language.nativeName, language.code); // each in its own language
    }
}

} // namespace qs::ui
