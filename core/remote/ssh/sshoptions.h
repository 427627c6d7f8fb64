#pragma once

#include "core/base/result.h"
#include "core/router/router.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <optional>

namespace ChuteDeck::Core {

// Asks the person at the terminal: a password, a passphrase, or "yes" to a new host key. `echo` is
// false for secrets. nullopt when nobody can answer (no terminal): the connection then fails
// instead of waiting.
using SecretPrompt = std::function<std::optional<QByteArray>(const QString &prompt, bool echo)>;

// How to reach and trust an SSH router, beyond what its URL says. Empty fields take OpenSSH's
// defaults: the SSH folder is $HOME/.ssh (its config, known_hosts and id_* keys). libssh itself
// would look the home folder up in the user database, ignoring $HOME, so the folder is always
// passed to it explicitly.
struct SshOptions
{
    QString sshFolder;                    // default: $HOME/.ssh
    QString configFile;                   // default: <sshFolder>/config, read when it exists
    QString knownHostsFile;               // default: <sshFolder>/known_hosts
    QString identityFile;                 // --identity: tried before the agent and the default keys
    bool acceptNewHostKey = false;        // OpenSSH's StrictHostKeyChecking=accept-new
    std::optional<QByteArray> password;   // --password-file
    std::optional<QByteArray> passphrase; // --passphrase-file, for an encrypted key
    SecretPrompt prompt;                  // for what the fields above do not answer
    ContainerRuntimeKind runtime = ContainerRuntimeKind::Sandbox;
    int connectTimeoutSeconds = 10;
    // A command that sends nothing back for this long means the link is lost: the primitive fails
    // with "connection lost" instead of waiting, and so does every later one on the connection.
    // TCP keep-alive notices a peer that is gone (about 15 s), but not one that hangs (a frozen
    // router, a stopped sshd), whose kernel still acknowledges everything. The commands of the
    // sandbox runtime all end within milliseconds.
    int readTimeoutSeconds = 20;
    // Within a step of a transaction, changes are sent without waiting for their answers
    // (SshRouter's pipelining). Off: each waits, as before; for comparisons (bench_ssh).
    bool pipelining = true;
};

// The parts of ssh://[user@]host[:port][/PATH]. `rootPrefix` is PATH percent-decoded and cleaned,
// "/" when absent: the folder on the router that holds the layout of DESIGN.md.
struct SshAddress
{
    QString user; // empty: from ~/.ssh/config, else the local user name
    QString host;
    int port = 0; // 0: from ~/.ssh/config, else 22
    QString rootPrefix = QStringLiteral("/");

    static Result<SshAddress> parse(const QString &url);
    QString toUrl() const;
};

} // namespace ChuteDeck::Core
