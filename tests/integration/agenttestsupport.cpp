#include "tests/integration/agenttestsupport.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTemporaryFile>

#include <archive.h>
#include <archive_entry.h>

namespace ChuteDeck::Tests {

using namespace Qt::StringLiterals;

AgentProcess::~AgentProcess()
{
    stop();
}

bool AgentProcess::start(const QString &program, const QStringList &arguments)
{
    m_process.start(program, arguments);
    if (!m_process.waitForStarted(10000))
        return false;
    static const QRegularExpression listening(
        u"^listening on (https?)://127\\.0\\.0\\.1:(\\d+)$"_s);
    QByteArray line;
    while (!line.endsWith('\n')) {
        if (!m_process.waitForReadyRead(10000))
            return false;
        line += m_process.readLine();
    }
    const auto match = listening.match(QString::fromUtf8(line.trimmed()));
    m_port = match.hasMatch() ? quint16(match.captured(2).toUInt()) : 0;
    m_scheme = match.captured(1);
    return m_port != 0;
}

int AgentProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return m_process.exitCode();
    m_process.terminate(); // SIGTERM to its PID
    if (!m_process.waitForFinished(20000)) {
        m_process.kill();
        m_process.waitForFinished();
        return -1;
    }
    standardError();
    return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
}

void AgentProcess::kill()
{
    m_process.kill();
    m_process.waitForFinished();
    standardError();
}

QString HttpReply::error() const
{
    return json().object().value(u"error"_s).toString();
}

HttpReply rawExchange(quint16 port, const QByteArray &bytes, int timeoutMs)
{
    QTcpSocket socket;
    socket.connectToHost(u"127.0.0.1"_s, port);
    if (!socket.waitForConnected(5000))
        return {};
    socket.write(bytes);
    socket.waitForBytesWritten(5000);
    QByteArray received;
    QElapsedTimer timer;
    timer.start();
    while (socket.state() == QAbstractSocket::ConnectedState && timer.elapsed() < timeoutMs) {
        socket.waitForReadyRead(100);
        received += socket.readAll();
    }
    received += socket.readAll();
    HttpReply reply;
    const qsizetype end = received.indexOf("\r\n\r\n");
    reply.head = end < 0 ? received : received.left(end);
    reply.body = end < 0 ? QByteArray() : received.mid(end + 4);
    const QList<QByteArray> statusLine = reply.head.split(' ');
    reply.status = statusLine.size() > 1 ? statusLine.at(1).toInt() : 0;
    return reply;
}

HttpReply httpRequest(quint16 port, const QByteArray &method, const QByteArray &target,
                      const QByteArray &body, const Headers &headers)
{
    QByteArray bytes = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                       + "Connection: close\r\nContent-Length: " + QByteArray::number(body.size())
                       + "\r\n";
    for (const auto &[name, value] : headers)
        bytes += name + ": " + value + "\r\n";
    return rawExchange(port, bytes + "\r\n" + body);
}

QByteArray makeTar(const QList<QPair<QString, QByteArray>> &entries)
{
    QTemporaryFile file;
    file.open();
    archive *writer = archive_write_new();
    archive_write_set_format_pax_restricted(writer);
    archive_write_open_filename(writer, QFile::encodeName(file.fileName()).constData());
    for (const auto &[name, content] : entries) {
        archive_entry *entry = archive_entry_new();
        archive_entry_set_pathname(entry, name.toUtf8().constData());
        archive_entry_set_perm(entry, 0644);
        if (content.startsWith("symlink:")) {
            archive_entry_set_filetype(entry, AE_IFLNK);
            archive_entry_set_symlink(entry, content.mid(8).constData());
        } else if (content.startsWith("hardlink:")) {
            archive_entry_set_filetype(entry, AE_IFREG);
            archive_entry_set_hardlink(entry, content.mid(9).constData());
        } else {
            archive_entry_set_filetype(entry, AE_IFREG);
            archive_entry_set_size(entry, content.size());
        }
        archive_write_header(writer, entry);
        if (!content.startsWith("symlink:") && !content.startsWith("hardlink:"))
            archive_write_data(writer, content.constData(), size_t(content.size()));
        archive_entry_free(entry);
    }
    archive_write_close(writer);
    archive_write_free(writer);
    file.seek(0);
    return file.readAll();
}

QByteArray tarOfFolder(const QString &folder)
{
    QList<QPair<QString, QByteArray>> entries;
    QDirIterator files(folder, QDir::Files, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        const QString path = files.next();
        QFile file(path);
        file.open(QIODevice::ReadOnly);
        entries.append({QDir(folder).relativeFilePath(path), file.readAll()});
    }
    std::sort(entries.begin(), entries.end());
    return makeTar(entries);
}

bool addAgentUser(const QString &agent, const QString &usersFile, const QString &name,
                  const QByteArray &password)
{
    QProcess add;
    add.start(agent, {QStringLiteral("--users"), usersFile, QStringLiteral("--add-user"), name});
    if (!add.waitForStarted())
        return false;
    add.write(password + '\n');
    add.closeWriteChannel();
    return add.waitForFinished(30000) && add.exitStatus() == QProcess::NormalExit
           && add.exitCode() == 0;
}

// A self-signed certificate and its key, as an admin makes them for an agent.
bool makeCertificate(const QString &folder, const QString &name)
{
    QProcess openssl;
    openssl.start(u"openssl"_s,
                  {u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s,
                   u"ec_paramgen_curve:prime256v1"_s, u"-nodes"_s, u"-days"_s, u"2"_s, u"-subj"_s,
                   u"/CN=chutedeck-agent"_s, u"-keyout"_s, folder + u'/' + name + u".key"_s,
                   u"-out"_s, folder + u'/' + name + u".pem"_s});
    return openssl.waitForFinished(30000) && openssl.exitCode() == 0;
}

// The certificate's fingerprint as OpenSSH prints them, from openssl's own SHA-256 (hex).
QString fingerprintOf(const QString &certificate)
{
    QProcess openssl;
    openssl.start(u"openssl"_s,
                  {u"x509"_s, u"-noout"_s, u"-fingerprint"_s, u"-sha256"_s, u"-in"_s, certificate});
    openssl.waitForFinished(30000);
    const QByteArray hex = openssl.readAllStandardOutput().trimmed().split('=').value(1);
    return u"SHA256:"_s
           + QString::fromLatin1(QByteArray::fromHex(QByteArray(hex).replace(':', ""))
                                     .toBase64(QByteArray::OmitTrailingEquals));
}

QStringList agentArguments(const QString &routerDir, const QString &usersFile,
                           const QStringList &extra)
{
    return QStringList{QStringLiteral("--root"),   routerDir,
                       QStringLiteral("--users"),  usersFile,
                       QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")}
           + extra;
}

} // namespace ChuteDeck::Tests
