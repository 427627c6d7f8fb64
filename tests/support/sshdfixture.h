#pragma once

#include "core/remote/ssh/sshoptions.h"

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

namespace ChuteDeck::Tests {

// A real OpenSSH server for one test: `/usr/sbin/sshd -D -e -f <generated config>` on 127.0.0.1
// and a free port, with its own host key, a client SSH folder holding a key it accepts, and a
// known hosts file that does not yet know the server. The server runs as this user (root in the
// test container: sshd needs it to log anybody in) and is stopped by its PID when the fixture
// goes, however the test ends. `StrictModes no` and `UsePAM no` keep it independent of the
// machine's setup; /run/sshd must exist (scripts/test creates it).
//
// libssh finds the home folder through the user database, not $HOME, so tests pass sshOptions()
// (which names the client folder and known hosts file) to every connection.
class SshdFixture
{
    Q_DISABLE_COPY_MOVE(SshdFixture)

public:
    // How the server lets users in. Keyboard-interactive needs PAM: without it, OpenSSH on Linux
    // offers the method but has no device to answer it, so every attempt is refused. That server
    // runs with `UsePAM yes` and offers keyboard-interactive alone (the system's PAM service
    // "sshd" checks the password of kPasswordTestUser).
    enum class Logins : quint8 { KeysAndPassword, KeyboardInteractiveOnly };

    explicit SshdFixture(Logins logins = Logins::KeysAndPassword);
    ~SshdFixture();

    // Empty when the server is running, else why not (for QSKIP or QFAIL).
    const QString &problem() const { return m_problem; }
    int port() const { return m_port; }
    // ssh://USER@127.0.0.1:PORT/ROOT (percent-encoded).
    QString url(const QString &root, const QString &user = QStringLiteral("root")) const;

    // The client side: SSH folder, known hosts file, no prompt.
    Core::SshOptions sshOptions() const;
    QString clientFolder() const { return m_folder.filePath(QStringLiteral("client")); }
    QString knownHostsFile() const;
    QString clientKey() const; // accepted by the server
    // Adds the server's current host key to the known hosts file.
    void trustHostKey() const;
    // "SHA256:..." of the server's host key, as ssh-keygen -l prints it.
    QString hostKeyFingerprint() const;
    // Gives the server a new host key (and restarts it), as a reinstalled router would have.
    void changeHostKey();
    // Makes a key the server does not accept; returns its file.
    QString makeUnknownKey() const;
    // Makes a key the server accepts, protected by `passphrase` (none when empty), outside the
    // client folder; returns its file.
    QString makeAcceptedKey(const QString &name, const QString &passphrase) const;
    // Sends `signal` to the processes of every session the server runs (its descendants, not the
    // listening server itself): SIGSTOP makes the links hang, SIGKILL breaks them.
    void signalSessions(int signal) const;
    // How many logins the server accepted so far (from its log).
    int acceptedLogins() const;
    // The listening server's PID: its children are the live connections (to cut one).
    qint64 serverPid() const { return m_server.processId(); }
    QString log() const;

private:
    void start();
    void stop();

    QTemporaryDir m_folder;
    QProcess m_server;
    int m_port = 0;
    QString m_problem;
};

// The account that password tests log in as; scripts/test creates it.
inline constexpr const char *kPasswordTestUser = "chutedeck-test";
inline constexpr const char *kPasswordTestPassword = "chutedeck-test-password";

} // namespace ChuteDeck::Tests
