#include "core/plan/stepmatcher.h"
#include "core/remote/openrouter.h"
#include "core/steps/samplechutes.h"
#include "ui/widgets/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
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

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Plan, step through and roll back chute changes."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption routerOption(u"router"_s,
                                          QApplication::translate("main", "The router to open."),
                                          u"URL"_s, defaultSandbox());
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
    parser.addOptions({routerOption, chuteOption, breakOption, failOption, runOption});
    parser.process(app);
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

    const QString address = parser.value(routerOption);
    const bool newSandbox = address.startsWith(u"sandbox:"_s) && !QDir(address.mid(8)).exists();
    auto router = ChuteDeck::Core::openRouter(address);
    if (!router) {
        QTextStream(stderr) << "chutedeck: " << router.error().message << Qt::endl;
        return 2;
    }
    if (newSandbox)
        (void)ChuteDeck::Core::installSampleChutes(*router.value(),
                                                   ChuteDeck::Core::sampleChutesFolder());

    ChuteDeck::Ui::MainWindow window(*router.value());
    window.show();
    window.addRunMatchers(breakpoints, failures);
    if (parser.isSet(chuteOption))
        window.openChute(parser.value(chuteOption));
    if (parser.isSet(runOption))
        window.run();
    return QApplication::exec();
}
