#include "ui/widgets/appearance.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QPalette>
#include <QStyle>
#include <QTranslator>
#include <QWidget>

#include <memory>

namespace ChuteDeck::Ui {

using namespace Qt::StringLiterals;

namespace {

// The translators in use, replaced as a whole when the language changes.
std::vector<std::unique_ptr<QTranslator>> &installedTranslators()
{
    static std::vector<std::unique_ptr<QTranslator>> translators;
    return translators;
}

QPalette darkPalette()
{
    QPalette palette;
    const QColor window(0x2b, 0x2d, 0x30);
    const QColor base(0x1e, 0x1f, 0x22);
    const QColor text(0xdf, 0xe1, 0xe5);
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, window);
    palette.setColor(QPalette::ToolTipBase, window);
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, window);
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::Highlight, QColor(0x2f, 0x65, 0xca));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::Link, QColor(0x6c, 0xa0, 0xf5));
    palette.setColor(QPalette::PlaceholderText, QColor(0x8c, 0x8f, 0x94));
    palette.setColor(QPalette::Disabled, QPalette::Text, QColor(0x6f, 0x73, 0x7a));
    palette.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x6f, 0x73, 0x7a));
    palette.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x6f, 0x73, 0x7a));
    return palette;
}

} // namespace

QStringList availableLanguages()
{
    return {u"en"_s, u"de"_s};
}

QString languageName(const QString &code)
{
    return QLocale(code).nativeLanguageName().isEmpty()
               ? code
               : QLocale(code).nativeLanguageName().left(1).toUpper()
                     + QLocale(code).nativeLanguageName().mid(1);
}

void applyLanguage(const QString &code)
{
    for (const auto &translator : installedTranslators())
        QCoreApplication::removeTranslator(translator.get());
    installedTranslators().clear();
    const QLocale locale = code.isEmpty() ? QLocale::system() : QLocale(code);
    QLocale::setDefault(locale);
    const QString qtTranslations = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
    for (const auto &[name, folder] :
         {std::pair{u"chutedeck"_s, u":/i18n"_s}, std::pair{u"qtbase"_s, qtTranslations}}) {
        auto translator = std::make_unique<QTranslator>();
        if (translator->load(locale, name, u"_"_s, folder)) {
            QCoreApplication::installTranslator(translator.get());
            installedTranslators().push_back(std::move(translator));
        }
    }
    // Qt's own LanguageChange goes through the windows and never reached the widgets in the tests
    // (Qt 6.4, offscreen); telling each top-level widget directly retranslates every widget at
    // once, children included. A second event from Qt is harmless.
    QEvent change(QEvent::LanguageChange);
    const QWidgetList windows = QApplication::topLevelWidgets();
    for (QWidget *window : windows)
        QCoreApplication::sendEvent(window, &change);
}

void applyTheme(Preferences::Theme theme)
{
    switch (theme) {
    case Preferences::Theme::System:
        QApplication::setPalette(QApplication::style()->standardPalette());
        break;
    case Preferences::Theme::Light:
        QApplication::setPalette(QPalette(QColor(0xef, 0xf0, 0xf1)));
        break;
    case Preferences::Theme::Dark:
        QApplication::setPalette(darkPalette());
        break;
    }
}

} // namespace ChuteDeck::Ui
