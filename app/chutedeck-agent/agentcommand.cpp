#include "app/chutedeck-agent/agentcommand.h"

#include "app/chutedeck-agent/stopsignal.h"
#include "core/remote/agent/agentserver.h"
#include "core/remote/agent/servertls.h"
#include "core/remote/agent/tokensigner.h"
#include "core/remote/agent/useraccounts.h"
#include "core/router/sandboxrouter.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QTextStream>

#include <cstdio>
#include <variant>

namespace ChuteDeck::Agent {
namespace {

using namespace Qt::StringLiterals;
using namespace ChuteDeck::Core;

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

int fail(int code, const QString &message)
{
    err() << "chutedeck-agent: " << message << Qt::endl;
    return code;
}

struct Options
{
    QCommandLineOption root{u"root"_s,
                            u"The router: / on a real router, else a sandbox folder (created and "
                            "seeded when new)."_s,
                            u"DIR"_s};
    QCommandLineOption listen{u"listen"_s, u"Address and port; port 0 picks a free one."_s,
                              u"ADDR:PORT"_s, u"127.0.0.1:8080"_s};
    QCommandLineOption users{u"users"_s,
                             u"The accounts file (default ROOT/var/lib/chutedeck/agent/users)."_s,
                             u"FILE"_s};
    QCommandLineOption addUser{
        u"add-user"_s, u"Add or change an account; the password is read from standard input."_s,
        u"NAME"_s};
    QCommandLineOption idleTimeout{u"idle-timeout"_s,
                                   u"Close a connection that sends nothing for this long."_s,
                                   u"SECONDS"_s, u"30"_s};
    QCommandLineOption requestTimeout{u"request-timeout"_s,
                                      u"A whole request must arrive within this time."_s,
                                      u"SECONDS"_s, u"60"_s};
    QCommandLineOption maxUpload{u"max-upload"_s, u"The largest request body accepted."_s,
                                 u"BYTES"_s, QString::number(32 * 1024 * 1024)};
    QCommandLineOption allowFaultInjection{
        u"allow-fault-injection"_s,
        u"Accept fail_at (injected step failures) in requests: for tests and training."_s};
    QCommandLineOption unattendedTimeout{
        u"unattended-timeout"_s, u"Abort a paused change that no client follows after this long."_s,
        u"SECONDS"_s, u"300"_s};
    QCommandLineOption tlsCert{
        u"tls-cert"_s,
        u"Serve HTTPS and WSS with this PEM certificate (self-signed is fine: clients pin it)."_s,
        u"FILE"_s};
    QCommandLineOption tlsKey{u"tls-key"_s, u"The PEM private key of --tls-cert."_s, u"FILE"_s};

    void addTo(QCommandLineParser &parser) const
    {
        parser.addOptions({root, listen, users, addUser, idleTimeout, requestTimeout, maxUpload,
                           allowFaultInjection, unattendedTimeout, tlsCert, tlsKey});
    }
};

int addAccount(const QString &usersFile, const QString &name)
{
    QTextStream input(stdin);
    const QString password = input.readLine();
    if (password.isEmpty())
        return fail(kExitUsage, u"no password on standard input (empty passwords are refused)"_s);
    const QFileInfo info(usersFile);
    QDir().mkpath(info.absolutePath());
    if (const Result<void> written = UserAccounts::setPassword(usersFile, name, password.toUtf8());
        !written) {
        return fail(written.error().code == ErrorCode::RouterIo ? kExitFailed : kExitUsage,
                    written.error().message);
    }
    err() << "chutedeck-agent: account '" << name << "' written to " << usersFile << Qt::endl;
    return kExitOk;
}

std::optional<std::pair<QHostAddress, quint16>> parseListen(const QString &text)
{
    const qsizetype colon = text.lastIndexOf(u':');
    QString host = text.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    bool ok = false;
    const uint port = text.mid(colon + 1).toUInt(&ok);
    const QHostAddress address(host);
    if (colon < 0 || !ok || port > 65535 || address.isNull())
        return std::nullopt;
    return std::pair{address, quint16(port)};
}

std::optional<std::chrono::milliseconds> parseSeconds(const QString &text)
{
    bool ok = false;
    const double seconds = text.toDouble(&ok);
    if (!ok || seconds <= 0 || seconds > 86400)
        return std::nullopt;
    return std::chrono::milliseconds(qint64(seconds * 1000));
}

std::optional<HttpLimits> parseLimits(const QCommandLineParser &parser, const Options &options)
{
    HttpLimits limits;
    const auto idle = parseSeconds(parser.value(options.idleTimeout));
    const auto whole = parseSeconds(parser.value(options.requestTimeout));
    bool ok = false;
    const qint64 maxUpload = parser.value(options.maxUpload).toLongLong(&ok);
    if (!idle || !whole || !ok || maxUpload < 1024)
        return std::nullopt;
    limits.idleTimeout = *idle;
    limits.requestTimeout = *whole;
    limits.maxBodyBytes = maxUpload;
    return limits;
}

// The TLS configuration of --tls-cert and --tls-key (nullopt: plain HTTP), or the exit code.
std::variant<std::optional<QSslConfiguration>, int> tlsOf(const QCommandLineParser &parser,
                                                          const Options &options)
{
    if (!parser.isSet(options.tlsCert) && !parser.isSet(options.tlsKey))
        return std::optional<QSslConfiguration>();
    if (!parser.isSet(options.tlsCert) || !parser.isSet(options.tlsKey))
        return fail(kExitUsage, u"--tls-cert and --tls-key go together"_s);
    const Result<QSslConfiguration> tls
        = serverTlsConfiguration(parser.value(options.tlsCert), parser.value(options.tlsKey));
    if (!tls)
        return fail(kExitUsage, tls.error().message);
    return std::optional<QSslConfiguration>(tls.value());
}

int serve(const QCommandLineParser &parser, const Options &options, const QString &usersFile)
{
    const auto listen = parseListen(parser.value(options.listen));
    if (!listen)
        return fail(kExitUsage, u"--listen wants ADDR:PORT, e.g. 127.0.0.1:8080"_s);
    const std::optional<HttpLimits> limits = parseLimits(parser, options);
    if (!limits)
        return fail(kExitUsage, u"invalid --idle-timeout, --request-timeout or --max-upload"_s);
    AgentPolicy policy;
    policy.allowFaultInjection = parser.isSet(options.allowFaultInjection);
    const auto unattended = parseSeconds(parser.value(options.unattendedTimeout));
    if (!unattended)
        return fail(kExitUsage, u"invalid --unattended-timeout"_s);
    policy.unattendedTimeout = *unattended;
    const auto tls = tlsOf(parser, options);
    if (const int *exit = std::get_if<int>(&tls))
        return *exit;
    const auto &tlsConfiguration = std::get<std::optional<QSslConfiguration>>(tls);
    const Result<UserAccounts> accounts = UserAccounts::load(usersFile);
    if (!accounts)
        return fail(kExitFailed, accounts.error().message);
    if (accounts.value().size() == 0) {
        return fail(kExitFailed, u"no accounts in %1: add one with chutedeck-agent --users %1 "
                                 "--add-user NAME"_s.arg(usersFile));
    }
    const Result<TokenSigner> tokens
        = TokenSigner::openKey(QFileInfo(usersFile).absoluteDir().filePath(u"signing-key"_s));
    if (!tokens)
        return fail(kExitFailed, tokens.error().message);
    Result<std::unique_ptr<SandboxRouter>> router = SandboxRouter::open(parser.value(options.root));
    if (!router)
        return fail(kExitFailed, router.error().message);

    policy.journalFolder
        = QDir(parser.value(options.root)).filePath(u"var/lib/chutedeck/agent/changes"_s);
    AgentServer server(*router.value(), accounts.value(), tokens.value(), *limits, policy);
    if (const Result<void> recovered = server.recover(); !recovered)
        return fail(kExitFailed, recovered.error().message);
    if (const Result<void> listening
        = server.listen(listen->first, listen->second, tlsConfiguration);
        !listening) {
        return fail(kExitFailed, listening.error().message);
    }
    const QString host = server.address().protocol() == QAbstractSocket::IPv6Protocol
                             ? u'[' + server.address().toString() + u']'
                             : server.address().toString();
    QTextStream(stdout) << "listening on " << (tlsConfiguration ? "https" : "http") << "://" << host
                        << ':' << server.port() << Qt::endl;

    StopSignal stopSignal;
    QObject::connect(&stopSignal, &StopSignal::received, &server, [&server](int) {
        err() << "chutedeck-agent: stopping" << Qt::endl;
        server.stop();
    });
    QObject::connect(&server, &AgentServer::stopped, qApp, &QCoreApplication::quit);
    QCoreApplication::exec();
    err() << "chutedeck-agent: stopped" << Qt::endl;
    return kExitOk;
}

} // namespace

int run(const QStringList &arguments)
{
    qSetMessagePattern(u"chutedeck-agent: %{category}: %{message}"_s);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Serve ParaDrop's HTTP API for a router; the router runs each change itself."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const Options options;
    options.addTo(parser);
    if (!parser.parse(arguments))
        return fail(kExitUsage, parser.errorText());
    if (parser.isSet(u"help"_s)) {
        QTextStream(stdout) << parser.helpText();
        return kExitOk;
    }
    if (parser.isSet(u"version"_s)) {
        QTextStream(stdout) << "chutedeck-agent " << CHUTEDECK_VERSION << Qt::endl;
        return kExitOk;
    }
    if (!parser.positionalArguments().isEmpty())
        return fail(kExitUsage,
                    u"unexpected argument '%1'"_s.arg(parser.positionalArguments().first()));
    if (parser.isSet(options.addUser)) {
        if (!parser.isSet(options.users))
            return fail(kExitUsage, u"--add-user needs --users FILE"_s);
        return addAccount(parser.value(options.users), parser.value(options.addUser));
    }
    if (!parser.isSet(options.root))
        return fail(kExitUsage,
                    u"--root is required (/ on a real router, else a sandbox folder)"_s);
    const QString usersFile
        = parser.isSet(options.users)
              ? parser.value(options.users)
              : QDir(parser.value(options.root)).filePath(u"var/lib/chutedeck/agent/users"_s);
    return serve(parser, options, usersFile);
}

} // namespace ChuteDeck::Agent
