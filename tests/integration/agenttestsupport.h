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

    // Starts it and waits for "listening on http://127.0.0.1:PORT".
    bool start(const QString &program, const QStringList &arguments);
    // SIGTERM; the exit code, or -1 when it had to be killed.
    int stop();

    quint16 port() const { return m_port; }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_port); }
    QByteArray standardError() { return m_stderr += m_process.readAllStandardError(); }

private:
    QProcess m_process;
    quint16 m_port = 0;
    QByteArray m_stderr;
};

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
