#include "tests/support/sshdfixture.h"

#include <QDir>
#include <QFile>
#include <QMultiHash>
#include <QRegularExpression>
#include <QTest>
#include <QUrl>

#include <arpa/inet.h>
#include <csignal>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace ChuteDeck::Tests {

using namespace Qt::StringLiterals;

namespace {

// A port nobody listens on right now: bind to port 0 and let the kernel choose.
int freeLoopbackPort()
{
    const int socket = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    int port = 0;
    // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): the sockets API
    auto *generic = reinterpret_cast<sockaddr *>(&address);
    if (::bind(socket, generic, length) == 0 && ::getsockname(socket, generic, &length) == 0)
        port = ntohs(address.sin_port);
    ::close(socket);
    return port;
}

bool acceptsConnections(int port)
{
    const int socket = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<quint16>(port));
    // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): the sockets API
    auto *generic = reinterpret_cast<sockaddr *>(&address);
    const bool connected = ::connect(socket, generic, sizeof address) == 0;
    ::close(socket);
    return connected;
}

QString runTool(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(30000) || process.exitCode() != 0)
        return {};
    return QString::fromUtf8(process.readAllStandardOutput());
}

bool makeKey(const QString &file, const QString &passphrase = {})
{
    QFile::remove(file);
    QFile::remove(file + u".pub"_s);
    QProcess keygen;
    keygen.start(u"ssh-keygen"_s, {u"-q"_s, u"-t"_s, u"ed25519"_s, u"-N"_s, passphrase, u"-C"_s,
                                   u"chutedeck-test"_s, u"-f"_s, file});
    return keygen.waitForFinished(30000) && keygen.exitCode() == 0;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeAll(const QString &path, const QByteArray &data, QIODevice::OpenMode extra = {})
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | extra) && file.write(data) == data.size();
}

// The parent of every process, from /proc/PID/stat ("PID (NAME) STATE PPID ...").
QMultiHash<qint64, qint64> childrenOfEachProcess()
{
    QMultiHash<qint64, qint64> children;
    for (const QString &entry : QDir(u"/proc"_s).entryList(QDir::Dirs)) {
        bool isPid = false;
        const qint64 pid = entry.toLongLong(&isPid);
        if (!isPid)
            continue;
        const QByteArray stat = readAll(u"/proc/"_s + entry + u"/stat"_s);
        const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
        if (fields.size() > 1)
            children.insert(fields.at(1).toLongLong(), pid);
    }
    return children;
}

QString sshdConfig(SshdFixture::Logins logins)
{
    if (logins == SshdFixture::Logins::KeyboardInteractiveOnly)
        return u"UsePAM yes\nPasswordAuthentication no\nKbdInteractiveAuthentication yes\n"
               "PubkeyAuthentication no\n"_s;
    return u"UsePAM no\nPasswordAuthentication yes\nKbdInteractiveAuthentication no\n"
           "PubkeyAuthentication yes\n"_s;
}

} // namespace

SshdFixture::SshdFixture(Logins logins)
{
    if (!QFile::exists(u"/usr/sbin/sshd"_s)) {
        m_problem = u"/usr/sbin/sshd is not installed (openssh-server)"_s;
        return;
    }
    if (!QDir(u"/run/sshd"_s).exists()) {
        m_problem = u"/run/sshd does not exist (scripts/test creates it)"_s;
        return;
    }
    // Readable by the other accounts that log in: sshd reads authorized_keys as the user.
    QFile::setPermissions(m_folder.path(), QFile::permissions(m_folder.path()) | QFile::ReadOther
                                               | QFile::ExeOther | QFile::ReadGroup
                                               | QFile::ExeGroup);
    QDir(m_folder.path()).mkpath(u"client"_s);
    if (!makeKey(m_folder.filePath(u"host_ed25519"_s)) || !makeKey(clientKey())) {
        m_problem = u"ssh-keygen failed"_s;
        return;
    }
    writeAll(m_folder.filePath(u"authorized_keys"_s), readAll(clientKey() + u".pub"_s));
    writeAll(knownHostsFile(), QByteArray());
    m_port = freeLoopbackPort();
    const QString config
        = u"Port %1\nListenAddress 127.0.0.1\nHostKey %2\nPidFile none\n"
          "AuthorizedKeysFile %3\nStrictModes no\nPermitRootLogin yes\n"
          "MaxSessions 64\nMaxStartups 64\nLogLevel VERBOSE\n"_s.arg(m_port)
              .arg(m_folder.filePath(u"host_ed25519"_s), m_folder.filePath(u"authorized_keys"_s))
          + sshdConfig(logins);
    writeAll(m_folder.filePath(u"sshd_config"_s), config.toUtf8());
    start();
}

SshdFixture::~SshdFixture()
{
    stop();
}

void SshdFixture::start()
{
    m_server.setStandardErrorFile(m_folder.filePath(u"sshd.log"_s), QIODevice::Append);
    m_server.start(u"/usr/sbin/sshd"_s,
                   {u"-D"_s, u"-e"_s, u"-f"_s, m_folder.filePath(u"sshd_config"_s)});
    if (!m_server.waitForStarted(10000)) {
        m_problem = u"sshd did not start: "_s + m_server.errorString();
        return;
    }
    for (int attempt = 0; attempt < 200 && !acceptsConnections(m_port); ++attempt) {
        if (m_server.state() == QProcess::NotRunning)
            break;
        QTest::qSleep(25);
    }
    if (m_server.state() == QProcess::NotRunning || !acceptsConnections(m_port))
        m_problem = u"sshd is not listening on port %1: %2"_s.arg(m_port).arg(log());
}

// Ends the server by its PID: SIGTERM, then SIGKILL if it lingers. Sessions it forked end with
// their connections.
void SshdFixture::stop()
{
    if (m_server.state() == QProcess::NotRunning)
        return;
    m_server.terminate();
    if (!m_server.waitForFinished(5000)) {
        m_server.kill();
        m_server.waitForFinished(5000);
    }
}

QString SshdFixture::url(const QString &root, const QString &user) const
{
    QUrl url;
    url.setScheme(u"ssh"_s);
    url.setUserName(user);
    url.setHost(u"127.0.0.1"_s);
    url.setPort(m_port);
    url.setPath(root);
    return url.toString(QUrl::FullyEncoded);
}

Core::SshOptions SshdFixture::sshOptions() const
{
    Core::SshOptions options;
    options.sshFolder = clientFolder();
    options.configFile = clientFolder() + u"/config"_s;
    options.knownHostsFile = knownHostsFile();
    return options;
}

QString SshdFixture::knownHostsFile() const
{
    return clientFolder() + u"/known_hosts"_s;
}

QString SshdFixture::clientKey() const
{
    return clientFolder() + u"/id_ed25519"_s;
}

void SshdFixture::trustHostKey() const
{
    const QByteArray key = readAll(m_folder.filePath(u"host_ed25519.pub"_s)).trimmed();
    const QList<QByteArray> parts = key.split(' ');
    const QByteArray line = "[127.0.0.1]:" + QByteArray::number(m_port) + ' ' + parts.value(0) + ' '
                            + parts.value(1) + '\n';
    writeAll(knownHostsFile(), line, QIODevice::Append);
}

QString SshdFixture::hostKeyFingerprint() const
{
    const QString listed
        = runTool(u"ssh-keygen"_s, {u"-l"_s, u"-f"_s, m_folder.filePath(u"host_ed25519.pub"_s)});
    return listed.section(u' ', 1, 1);
}

void SshdFixture::changeHostKey()
{
    stop();
    makeKey(m_folder.filePath(u"host_ed25519"_s));
    start();
}

QString SshdFixture::makeUnknownKey() const
{
    QString file = m_folder.filePath(u"unknown_ed25519"_s);
    makeKey(file);
    return file;
}

QString SshdFixture::makeAcceptedKey(const QString &name, const QString &passphrase) const
{
    QString file = m_folder.filePath(name);
    makeKey(file, passphrase);
    writeAll(m_folder.filePath(u"authorized_keys"_s), readAll(file + u".pub"_s), QIODevice::Append);
    return file;
}

void SshdFixture::signalSessions(int signal) const
{
    const QMultiHash<qint64, qint64> children = childrenOfEachProcess();
    QList<qint64> pending = children.values(m_server.processId());
    while (!pending.isEmpty()) {
        const qint64 pid = pending.takeLast();
        ::kill(static_cast<pid_t>(pid), signal);
        pending += children.values(pid);
    }
}

int SshdFixture::acceptedLogins() const
{
    // VERBOSE also logs "Accepted key ..." while the client probes its keys: count the logins.
    static const QRegularExpression login(u"Accepted [a-z/-]+ for "_s);
    return int(log().count(login));
}

QString SshdFixture::log() const
{
    return QString::fromUtf8(readAll(m_folder.filePath(u"sshd.log"_s)));
}

} // namespace ChuteDeck::Tests
