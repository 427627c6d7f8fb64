#pragma once

#include "core/base/result.h"
#include "core/remote/http/agentclient.h"
#include "core/remote/http/certificatepin.h"

#include <QCommandLineOption>
#include <QList>

namespace ChuteDeck::Cli {

struct CommandLine;

// Who logs in to a chutedeck-agent, and which certificate an https:// agent must show.
struct AgentLogin
{
    Core::AgentCredentials credentials;
    Core::CertificateTrust certificate; // https:// agents
};

// The options of every command that talks to an http(s):// router: the login (--user with
// --password-file, or CHUTEDECK_TOKEN) and the certificate pinning.
struct AgentOptions
{
    QCommandLineOption user;
    QCommandLineOption certFingerprint;
    QCommandLineOption acceptNewCert;
    QCommandLineOption knownCerts;

    AgentOptions();
    QList<QCommandLineOption> options() const
    {
        return {user, certFingerprint, acceptNewCert, knownCerts};
    }

    static bool isAgent(const QString &router);
    Core::Result<AgentLogin> login(const CommandLine &command) const;

private:
    Core::Result<Core::AgentCredentials> credentials(const CommandLine &command) const;
    Core::Result<Core::CertificateTrust> certificateTrust(const CommandLine &command) const;
};

} // namespace ChuteDeck::Cli
