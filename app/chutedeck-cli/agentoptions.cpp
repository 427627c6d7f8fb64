#include "app/chutedeck-cli/agentoptions.h"

#include "app/chutedeck-cli/commandline.h"

#include <QFile>

namespace ChuteDeck::Cli {

using namespace Qt::StringLiterals;
using namespace ChuteDeck::Core;

AgentOptions::AgentOptions()
    : user(u"user"_s, u"http(s):// routers: the agent's user."_s, u"USER"_s)
    , certFingerprint(u"cert-fingerprint"_s,
                      u"https:// routers: accept only the certificate with this fingerprint."_s,
                      u"SHA256:BASE64"_s)
    , acceptNewCert(u"accept-new-cert"_s,
                    u"https:// routers: trust a certificate not yet known and remember it (a "
                    "changed one is still refused)."_s)
    , knownCerts(u"known-certs"_s,
                 u"https:// routers: the known certificates file (default: known_certs in the "
                 "configuration folder)."_s,
                 u"FILE"_s)
{}

bool AgentOptions::isAgent(const QString &router)
{
    return router.startsWith(u"http://"_s) || router.startsWith(u"https://"_s);
}

Result<AgentLogin> AgentOptions::login(const CommandLine &command) const
{
    const Result<AgentCredentials> who = credentials(command);
    if (!who)
        return who.error();
    const Result<CertificateTrust> trust = certificateTrust(command);
    if (!trust)
        return trust.error();
    return AgentLogin{who.value(), trust.value()};
}

Result<AgentCredentials> AgentOptions::credentials(const CommandLine &command) const
{
    const QCommandLineParser &parser = command.parser;
    const QCommandLineOption &passwordFile = command.routerOptions.passwordFile;
    AgentCredentials credentials;
    credentials.token = qgetenv("CHUTEDECK_TOKEN");
    if (!parser.isSet(user)) {
        if (credentials.token.isEmpty())
            return Error{ErrorCode::InvalidRequest,
                         u"an http:// router needs --user and --password-file, or "
                         "CHUTEDECK_TOKEN"_s};
        return credentials;
    }
    if (!parser.isSet(passwordFile))
        return Error{ErrorCode::InvalidRequest, u"--user needs --password-file"_s};
    QFile file(parser.value(passwordFile));
    if (!file.open(QIODevice::ReadOnly))
        return Error{ErrorCode::InvalidRequest,
                     u"%1: %2"_s.arg(file.fileName(), file.errorString())};
    credentials.user = parser.value(user);
    credentials.password = file.readLine().trimmed();
    credentials.token.clear(); // the user logs in
    return credentials;
}

Result<CertificateTrust> AgentOptions::certificateTrust(const CommandLine &command) const
{
    const QCommandLineParser &parser = command.parser;
    CertificateTrust trust{parser.value(certFingerprint), parser.isSet(acceptNewCert),
                           parser.value(knownCerts)};
    if (!trust.fingerprint.isEmpty()) {
        if (const Result<void> form = CertificatePin::checkFingerprint(trust.fingerprint); !form)
            return form.error();
    }
    return trust;
}

} // namespace ChuteDeck::Cli
