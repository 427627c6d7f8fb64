#pragma once

#include "ui/models/preferences.h"

#include <QStringList>

namespace ChuteDeck::Ui {

// The languages the GUI is translated to, as codes ("en", "de"), English first.
QStringList availableLanguages();
// The language's own name ("Deutsch").
QString languageName(const QString &code);
// Loads the GUI's and Qt's own translations for `code` ("" follows the system) and installs them;
// every widget then gets a LanguageChange event and retranslates. English needs no translator.
void applyLanguage(const QString &code);
// The palette for the theme: the style's own for System, a light or a dark one otherwise.
void applyTheme(Preferences::Theme theme);

} // namespace ChuteDeck::Ui
