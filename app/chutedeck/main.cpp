#include "core/plan/stepmatcher.h"
#include "core/remote/openrouter.h"
#include "core/steps/samplechutes.h"
#include "ui/models/preferences.h"
#include "ui/widgets/appearance.h"
#include "ui/widgets/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QIcon>
#include <QSettings>
#include <QStandardPaths>
#include <QTextStream>

namespace {

using namespace Qt::StringLiterals;

// The sandbox router the app starts on: in the application data folder, seeded with the sample
// chutes the first time.
QString defaultSandbox()
{
    return u"sandbox:"_s + QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
           + u"/sandbox"_s;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"ChuteDeck"_s);
    QApplication::setOrganizationName(u"ChuteDeck"_s);
    QApplication::setOrganizationDomain(u"chutedeck.github.io"_s);
    QApplication::setApplicationVersion(QStringLiteral(CHUTEDECK_VERSION));
    QGuiApplication::setDesktopFileName(u"io.github.chutedeck.ChuteDeck"_s);
    QApplication::setWindowIcon(QIcon(u":/icons/io.github.chutedeck.ChuteDeck.svg"_s));

    // The user's language and theme first, so that even --help is translated.
    const ChuteDeck::Ui::Preferences preferences = ChuteDeck::Ui::Preferences::load(QSettings());
    ChuteDeck::Ui::applyLanguage(preferences.language);
    ChuteDeck::Ui::applyTheme(preferences.theme);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Plan, step through and roll back chute changes."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption routerOption(
        u"router"_s,
        QApplication::translate("main", "The router to open (default: the default router of "
                                        "the preferences, else the built-in "
                                        "sandbox)."),
        u"URL"_s);
    const QCommandLineOption chuteOption(
        u"chute"_s, QApplication::translate("main", "A chute to plan at start."), u"DIR_OR_YAML"_s);
    const QCommandLineOption breakOption(
        u"break-at"_s, QApplication::translate("main", "Pause before every step of this function."),
        u"NAME"_s);
    const QCommandLineOption failOption(
        u"fail-at"_s,
        QApplication::translate("main",
                                "Make the first step matching NAME, NAME[ARG] or abort:NAME fail."),
        u"NAME"_s);
    const QCommandLineOption runOption(
        u"run"_s, QApplication::translate("main", "Run the planned chute at once."));
    const QCommandLineOption languageOption(
        u"language"_s,
        QApplication::translate("main", "Use this language (en, de) instead of the preferences'."),
        u"CODE"_s);
    const QCommandLineOption viewOption(
        u"view"_s,
        QApplication::translate("main", "Show this view at start: plan, changes or hostconfig."),
        u"VIEW"_s);
    parser.addOptions({routerOption, chuteOption, breakOption, failOption, runOption, viewOption,
                       languageOption});
    parser.process(app);
    if (parser.isSet(languageOption))
        ChuteDeck::Ui::applyLanguage(parser.value(languageOption));
    QList<ChuteDeck::Core::StepMatcher> breakpoints;
    QList<ChuteDeck::Core::StepMatcher> failures;
    for (const auto &[option, matchers] :
         {std::pair{&breakOption, &breakpoints}, std::pair{&failOption, &failures}}) {
        for (const QString &spec : parser.values(*option)) {
            const auto matcher = ChuteDeck::Core::StepMatcher::parse(spec);
            if (!matcher) {
                QTextStream(stderr) << "chutedeck: " << matcher.error().message << Qt::endl;
                return 2;
            }
            matchers->append(matcher.value());
        }
    }

    const QString address = parser.isSet(routerOption)             ? parser.value(routerOption)
                            : !preferences.defaultRouter.isEmpty() ? preferences.defaultRouter
                                                                   : defaultSandbox();
    const bool newSandbox = address.startsWith(u"sandbox:"_s) && !QDir(address.mid(8)).exists();
    auto router = ChuteDeck::Core::openRouter(address);
    if (!router) {
        QTextStream(stderr) << "chutedeck: " << router.error().message << Qt::endl;
        return 2;
    }
    // First start: the samples that do not conflict, so the chute list is alive at once.
    if (newSandbox)
        (void)ChuteDeck::Core::installSampleChutes(*router.value(),
                                                   ChuteDeck::Core::sampleChutesFolder());

    ChuteDeck::Ui::MainWindow window(std::move(router).value());
    if (!address.startsWith(u"sandbox:"_s))
        window.setSandboxUrl(defaultSandbox());
    window.show();
    window.addRunMatchers(breakpoints, failures);
    if (parser.isSet(chuteOption))
        window.openChute(parser.value(chuteOption));
    if (parser.isSet(runOption))
        window.run();
    if (parser.isSet(viewOption) && !window.showView(parser.value(viewOption))) {
        QTextStream(stderr) << "chutedeck: unknown view " << parser.value(viewOption) << Qt::endl;
        return 2;
    }
    return QApplication::exec();
}
