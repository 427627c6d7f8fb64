#include "core/plan/stepmatcher.h"
#include "core/remote/openrouter.h"
#include "core/steps/samplechutes.h"
#include "ui/models/connectionprofile.h"
#include "ui/models/preferences.h"
#include "ui/models/runcontroller.h"
#include "ui/widgets/appearance.h"
#include "ui/widgets/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QIcon>
#include <QSettings>
#include <QStandardPaths>
#include <QTextStream>

#include <variant>

namespace {

using namespace Qt::StringLiterals;

// The sandbox router the app starts on: in the application data folder, seeded with the sample
// chutes the first time.
QString defaultSandbox()
{
    return u"sandbox:"_s + QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
           + u"/sandbox"_s;
}

bool isRemote(const QString &address)
{
    return address.startsWith(u"ssh://"_s) || address.startsWith(u"http://"_s)
           || address.startsWith(u"https://"_s);
}

// What to do once the window works on the router it was started for: plan the chute, run it.
void planAtStart(ChuteDeck::Ui::MainWindow &window, const QString &chute, bool run)
{
    if (chute.isEmpty())
        return;
    if (run) {
        // An agent plans in the background: run once the plan is there.
        QObject::connect(
            window.controller(), &ChuteDeck::Ui::RunController::planned, &window,
            [&window] { window.run(); }, Qt::SingleShotConnection);
    }
    window.openChute(chute);
}

// What the command line says about logging in to an ssh:// or http(s):// router given at start.
struct LoginOptions
{
    QCommandLineOption user{
        u"user"_s,
        QApplication::translate("main",
                                "The user to log in as on an ssh://, http:// or https:// router."),
        u"USER"_s};
    QCommandLineOption passwordFile{
        u"password-file"_s,
        QApplication::translate("main", "Read the router's password from the first line of FILE."),
        u"FILE"_s};
    QCommandLineOption identity{
        u"identity"_s,
        QApplication::translate("main", "ssh:// routers: log in with this private key file."),
        u"FILE"_s};
    QCommandLineOption knownHosts{
        u"known-hosts"_s,
        QApplication::translate(
            "main", "ssh:// routers: the known hosts file (default: ~/.ssh/known_hosts)."),
        u"FILE"_s};

    QList<QCommandLineOption> all() const { return {user, passwordFile, identity, knownHosts}; }

    // The profile of `address` as the options complete it, and its password; an error message.
    std::variant<QString, std::pair<ChuteDeck::Ui::ConnectionProfile, QByteArray>>
    login(const QCommandLineParser &parser, const QString &address) const
    {
        std::optional<ChuteDeck::Ui::ConnectionProfile> profile
            = ChuteDeck::Ui::ConnectionProfile::fromUrl(address);
        if (!profile)
            return u"'%1' is not a router address"_s.arg(address);
        if (parser.isSet(user))
            profile->user = parser.value(user);
        QByteArray password;
        if (parser.isSet(passwordFile)) {
            QFile file(parser.value(passwordFile));
            if (!file.open(QIODevice::ReadOnly))
                return file.fileName() + u": "_s + file.errorString();
            password = file.readLine().trimmed();
            profile->auth = ChuteDeck::Ui::ConnectionProfile::SshAuth::Password;
        }
        if (parser.isSet(identity)) {
            profile->auth = ChuteDeck::Ui::ConnectionProfile::SshAuth::KeyFile;
            profile->keyFile = parser.value(identity);
        }
        return std::pair{*profile, password};
    }

    // Opens routers as the window asks, with the known hosts file of the command line.
    ChuteDeck::Ui::MainWindow::RouterOpener opener(const QCommandLineParser &parser) const
    {
        if (!parser.isSet(knownHosts))
            return {};
        return [file = parser.value(knownHosts)](const QString &url,
                                                 const ChuteDeck::Core::SshOptions &fromWindow) {
            ChuteDeck::Core::SshOptions options = fromWindow;
            options.knownHostsFile = file;
            return ChuteDeck::Core::openRouter(url, options);
        };
    }
};

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
    const LoginOptions login;
    const QCommandLineOption confirmOption(
        u"confirm-timeout"_s,
        QApplication::translate("main", "Changes to networking or the host configuration wait "
                                        "SECONDS for confirmation, on every router."),
        u"SECONDS"_s);
    const QCommandLineOption manualConfirmOption(
        u"manual-confirm"_s,
        QApplication::translate("main", "Leave changes awaiting confirmation to the countdown "
                                        "instead of confirming them once the router answers "
                                        "a new connection."));
    const QCommandLineOption connectOption(
        u"connect"_s, QApplication::translate("main", "Show the Connect dialog at start."));
    parser.addOptions({routerOption, chuteOption, breakOption, failOption, runOption, viewOption,
                       languageOption, confirmOption, manualConfirmOption, connectOption});
    parser.addOptions(login.all());
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
    // SSH and HTTP routers are connected from the window, which asks about host keys and
    // passwords; it starts on the built-in sandbox meanwhile.
    const bool remote = isRemote(address);
    const QString first = remote ? defaultSandbox() : address;
    const bool newSandbox = first.startsWith(u"sandbox:"_s) && !QDir(first.mid(8)).exists();
    auto router = ChuteDeck::Core::openRouter(first);
    if (!router) {
        QTextStream(stderr) << "chutedeck: " << router.error().message << Qt::endl;
        return 2;
    }
    // First start: the samples that do not conflict, so the chute list is alive at once.
    if (newSandbox)
        (void)ChuteDeck::Core::installSampleChutes(*router.value(),
                                                   ChuteDeck::Core::sampleChutesFolder());

    ChuteDeck::Ui::MainWindow window(std::move(router).value(), login.opener(parser));
    window.show();
    if (parser.isSet(manualConfirmOption))
        window.setConfirmByHand(true);
    window.addRunMatchers(breakpoints, failures);
    if (parser.isSet(confirmOption)) {
        bool valid = false;
        const int seconds = parser.value(confirmOption).toInt(&valid);
        if (!valid || seconds <= 0) {
            QTextStream(stderr) << "chutedeck: --confirm-timeout: '" << parser.value(confirmOption)
                                << "' is not a number of seconds" << Qt::endl;
            return 2;
        }
        window.setConfirmTimeout(std::chrono::seconds(seconds));
    }
    const QString chute = parser.value(chuteOption);
    if (remote) {
        const auto profile = login.login(parser, address);
        if (const QString *error = std::get_if<QString>(&profile)) {
            QTextStream(stderr) << "chutedeck: " << *error << Qt::endl;
            return 2;
        }
        const auto &[connection, password] = std::get<1>(profile);
        QObject::connect(
            &window, &ChuteDeck::Ui::MainWindow::routerChanged, &window,
            [&window, chute, run = parser.isSet(runOption)] { planAtStart(window, chute, run); },
            Qt::SingleShotConnection);
        window.connectTo(connection, password);
    } else {
        planAtStart(window, chute, parser.isSet(runOption));
    }
    if (parser.isSet(connectOption))
        window.showConnectDialog({});
    if (parser.isSet(viewOption) && !window.showView(parser.value(viewOption))) {
        QTextStream(stderr) << "chutedeck: unknown view " << parser.value(viewOption) << Qt::endl;
        return 2;
    }
    return QApplication::exec();
}
