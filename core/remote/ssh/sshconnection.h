#pragma once

#include "core/base/result.h"
#include "core/remote/ssh/sshoptions.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QMutex>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace ChuteDeck::Core {

// What a remote command printed and how it ended.
struct ShellReply
{
    int exitCode = 0;
    QByteArray standardOutput;
    QByteArray standardError;
};

// One authenticated libssh session to a router and the long-lived /bin/sh channel on it.
//
// Why a shell channel: OpenWrt's dropbear has no SFTP (and SFTPv3 cannot rename over a file), and
// an exec channel per command costs a channel open, a process and a few round trips (2.4-3 ms on
// loopback). One /bin/sh that stays open answers a command in one round trip. After each command
// the shell prints a sentinel — a random token and the exit status on stdout, the token alone on
// stderr — so the reply is complete when both streams end with it.
//
// What the shell channel cannot carry: dash (and BusyBox ash) read ahead on stdin, so file bytes
// can never follow a command on it. Contents travel inside commands as printf escapes
// (shellcommand.h), in pieces; only very large ones go over a separate exec channel (exec()),
// because each exec channel costs a session start on the router. And bash started by sshd
// sources rc files that may print anything, so the session waits for a banner the shell prints
// before the first command, and drops what came before it.
//
// Every call is blocking and serialized; the router calls it from its own I/O thread. cancel() is
// the one call that may come from any thread: it shuts the socket down, so that a blocked read
// fails at once. A dead link is noticed by TCP keep-alive on the socket (about 15 s), a hung one
// by the read time-out (SshOptions::readTimeoutSeconds); either way the connection is then lost
// for good: every later call fails at once with the same error, so a rollback over a dead link
// ends quickly instead of waiting once per step.
// The libssh version this build runs with ("0.10.6/openssl/zlib"), for About boxes.
QString sshLibraryVersion();

class SshConnection final
{
    Q_DISABLE_COPY_MOVE(SshConnection)

public:
    // Connects, checks the host key against the known hosts, authenticates (agent, key files,
    // password, keyboard-interactive) and starts the shell. Every failure is
    // ErrorCode::Unreachable with a message that names the host.
    static Result<std::unique_ptr<SshConnection>> open(const SshAddress &address,
                                                       const SshOptions &options);
    ~SshConnection();

    // Runs a script on the shell channel (one line or several; it must not read stdin) and waits
    // for its reply. Refused while commands sent with send() are unanswered.
    Result<ShellReply> runShell(const QByteArray &script);
    // Pipelining: send() queues a script on the shell without waiting; receive() returns the
    // replies one by one, in the order the scripts were sent.
    Result<void> send(const QByteArray &script);
    Result<ShellReply> receive();
    int unanswered() const { return m_unanswered; }
    // Runs `command` on a new exec channel with `input` as its stdin; `progress` is told how many
    // bytes of it are sent after each chunk.
    Result<ShellReply> exec(const QByteArray &command, const QByteArray &input,
                            const std::function<void(qint64 sent)> &progress = {});
    void cancel();

    // "user@host:port", for messages.
    const QString &label() const { return m_label; }

private:
    struct Session;
    SshConnection(std::unique_ptr<Session> session, QString label);

    Result<void> startShell();
    Result<void> sendLocked(const QByteArray &script);
    Result<ShellReply> receiveLocked();
    ShellReply takeReply(qsizetype outEnd, qsizetype errEnd);
    Error lost(const QString &what);
    Error silentFor(const QElapsedTimer &silence);
    qint64 readTimeoutMs() const;
    int pollMs() const;

    std::unique_ptr<Session> m_session;
    QString m_label;
    QByteArray m_token;                // the sentinel: random per connection
    std::optional<Error> m_lostReason; // set once the link is lost: the connection is unusable
    QMutex m_mutex;
    QByteArray m_stdout; // what the shell printed beyond the replies taken so far
    QByteArray m_stderr;
    int m_unanswered = 0;
    std::atomic<int> m_socket{-1};
};

} // namespace ChuteDeck::Core
