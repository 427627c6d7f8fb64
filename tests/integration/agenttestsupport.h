#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QList>
#include <QPair>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace ChuteDeck::Tests {

// A real chutedeck-agent process on a free loopback port, stopped by its PID (SIGTERM, then
// SIGKILL) when the object goes, also when a test fails.
class AgentProcess
{
public:
    AgentProcess() = default;
    ~AgentProcess();
    Q_DISABLE_COPY_MOVE(AgentProcess)

    // Starts it and waits for "listening on http(s)://127.0.0.1:PORT".
    bool start(const QString &program, const QStringList &arguments);
    // SIGTERM; the exit code, or -1 when it had to be killed.
    int stop();
    // SIGKILL to its PID, as a crash: nothing is cleaned up.
    void kill();

    quint16 port() const { return m_port; }
    QString url() const { return QStringLiteral("%1://127.0.0.1:%2").arg(m_scheme).arg(m_port); }
    QByteArray standardError() { return m_stderr += m_process.readAllStandardError(); }

private:
    QProcess m_process;
    quint16 m_port = 0;
    QString m_scheme;
    QByteArray m_stderr;
};

// Adds the account `name` to `usersFile` as an admin does (`chutedeck-agent --add-user`, the
// password on stdin); false when the agent refused it.
bool addAgentUser(const QString &agent, const QString &usersFile, const QString &name,
                  const QByteArray &password);
// The agent's arguments for serving the sandbox at `routerDir` with `usersFile` on a free
// loopback port, then `extra`.
QStringList agentArguments(const QString &routerDir, const QString &usersFile,
                           const QStringList &extra = {});

// A self-signed certificate and its key, as an admin makes them for an agent (`openssl req`):
// FOLDER/NAME.pem and FOLDER/NAME.key, for the agent's --tls-cert and --tls-key.
bool makeCertificate(const QString &folder, const QString &name);
// The certificate's fingerprint as OpenSSH prints them, from openssl's own SHA-256 (hex).
QString fingerprintOf(const QString &certificate);

// One HTTP/1.1 exchange on a fresh connection (Connection: close), bytes exactly as written, so
// tests control every header.
struct HttpReply
{
    int status = 0;
    QByteArray head;
    QByteArray body;
    QJsonDocument json() const { return QJsonDocument::fromJson(body); }
    QString error() const;
};

using Headers = QList<QPair<QByteArray, QByteArray>>;

HttpReply httpRequest(quint16 port, const QByteArray &method, const QByteArray &target,
                      const QByteArray &body = {}, const Headers &headers = {});
// Sends raw bytes and reads until the agent closes the connection (or `timeoutMs`).
HttpReply rawExchange(quint16 port, const QByteArray &bytes, int timeoutMs = 15000);

// A tar archive of `entries` (name -> content; a value starting with "symlink:" makes a link
// to the rest, "hardlink:" a hard link), made with libarchive.
QByteArray makeTar(const QList<QPair<QString, QByteArray>> &entries);
// A tar of every file under `folder`, names relative to it.
QByteArray tarOfFolder(const QString &folder);

} // namespace ChuteDeck::Tests
