#pragma once

#include "core/base/result.h"
#include "core/remote/ssh/sshoptions.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

namespace ChuteDeck::Cli {

// The options that say how to reach an SSH router (--identity, --known-hosts, ...), shared by
// every command that takes --router.
struct RouterOptions
{
    QCommandLineOption identity{QStringLiteral("identity"),
                                QStringLiteral("SSH: a private key to log in with."),
                                QStringLiteral("FILE")};
    QCommandLineOption knownHosts{
        QStringLiteral("known-hosts"),
        QStringLiteral("SSH: the known hosts file (default ~/.ssh/known_hosts)."),
        QStringLiteral("FILE")};
    QCommandLineOption acceptNewHostKey{
        QStringLiteral("accept-new-host-key"),
        QStringLiteral(
            "SSH: trust a router whose host key is not yet known and remember its key (a changed "
            "key is still refused).")};
    QCommandLineOption passwordFile{
        QStringLiteral("password-file"),
        QStringLiteral("SSH and http:// routers: read the login password from FILE."),
        QStringLiteral("FILE")};
    QCommandLineOption passphraseFile{
        QStringLiteral("passphrase-file"),
        QStringLiteral("SSH: read the passphrase of the private key from FILE."),
        QStringLiteral("FILE")};
    QCommandLineOption runtime{
        QStringLiteral("runtime"),
        QStringLiteral(
            "SSH: the container runtime, sandbox or docker (default sandbox; always sandbox when "
            "the address has a root folder)."),
        QStringLiteral("NAME"), QStringLiteral("sandbox")};

    void addTo(QCommandLineParser &parser) const;
    // The options given; files that cannot be read are errors naming them. Passwords and
    // passphrases that no file gives are asked for on the terminal (/dev/tty), never on stdin.
    Core::Result<Core::SshOptions> sshOptions(const QCommandLineParser &parser) const;
};

} // namespace ChuteDeck::Cli
