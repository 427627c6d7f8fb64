#include "core/remote/ssh/sshconnection.h"

#include "core/remote/ssh/shellcommand.h"

#include <QDir>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QStringList>

#include <array>
#include <cstring>
#include <libssh/callbacks.h>
#include <libssh/libssh.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

using namespace Qt::StringLiterals;

namespace ChuteDeck::Core {

namespace {

constexpr int kReadPollMs = 500;
constexpr qsizetype kChunk = qsizetype{64} * 1024;

QString sshError(ssh_session session)
{
    return QString::fromUtf8(ssh_get_error(session));
}

struct SessionFree
{
    void operator()(ssh_session session) const { ssh_free(session); }
};

struct ChannelFree
{
    void operator()(ssh_channel channel) const
    {
        if (ssh_channel_is_open(channel) != 0)
            ssh_channel_close(channel);
        ssh_channel_free(channel);
    }
};

struct KeyFree
{
    void operator()(ssh_key key) const { ssh_key_free(key); }
};

struct StringFree
{
    void operator()(char *text) const { ssh_string_free_char(text); }
};

using SessionHandle = std::unique_ptr<ssh_session_struct, SessionFree>;
using ChannelHandle = std::unique_ptr<ssh_channel_struct, ChannelFree>;
using KeyHandle = std::unique_ptr<ssh_key_struct, KeyFree>;

// A dead link shows as a failing socket within seconds instead of a read that waits forever: probes
// after 5 s of silence, 3 more 2 s apart, and unacknowledged data gives up after 15 s.
void keepLinkWatched(int socket)
{
    const int on = 1;
    const int idle = 5;
    const int interval = 2;
    const int probes = 3;
    const unsigned userTimeoutMs = 15000;
    ::setsockopt(socket, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on);
    ::setsockopt(socket, IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof idle);
    ::setsockopt(socket, IPPROTO_TCP, TCP_KEEPINTVL, &interval, sizeof interval);
    ::setsockopt(socket, IPPROTO_TCP, TCP_KEEPCNT, &probes, sizeof probes);
    ::setsockopt(socket, IPPROTO_TCP, TCP_USER_TIMEOUT, &userTimeoutMs, sizeof userTimeoutMs);
}

QString defaultSshFolder()
{
    return QDir::homePath() + u"/.ssh"_s;
}

// The options with every default filled in (SshOptions: the SSH folder comes from $HOME).
SshOptions resolved(SshOptions options)
{
    if (options.sshFolder.isEmpty())
        options.sshFolder = defaultSshFolder();
    if (options.configFile.isEmpty())
        options.configFile = options.sshFolder + u"/config"_s;
    if (options.knownHostsFile.isEmpty())
        options.knownHostsFile = options.sshFolder + u"/known_hosts"_s;
    return options;
}

} // namespace

struct SshConnection::Session
{
    SessionHandle session{ssh_new()};
    ChannelHandle shell;
    SshOptions options;
    ssh_callbacks_struct callbacks{};
    QString label;
    QString loadingKey; // the --identity file while it is being loaded, for the passphrase prompt

    Error unreachable(const QString &why) const
    {
        return Error{ErrorCode::Unreachable, label + u": "_s + why};
    }

    Result<void> configure(const SshAddress &address);
    void describe();
    Result<void> connect();
    Result<void> checkHostKey();
    Result<void> authenticate();
    Result<bool> tryPublicKeys(QStringList &tried);
    static int passphraseCallback(const char *prompt, char *buffer, size_t length, int echo,
                                  int verify, void *userdata);
    int tryIdentityFile();
    int tryKeyboardInteractive();
    int tryPassword();
    std::optional<QByteArray> ask(const QString &prompt, bool echo) const
    {
        return options.prompt ? options.prompt(prompt, echo) : std::nullopt;
    }
};

// libssh asks here for the passphrase of an encrypted key.
int SshConnection::Session::passphraseCallback(const char *prompt, char *buffer, size_t length,
                                               int echo, int /*verify*/, void *userdata)
{
    const auto *session = static_cast<const SshConnection::Session *>(userdata);
    std::optional<QByteArray> answer = session->options.passphrase;
    // libssh's own prompt is the bare word "Passphrase"; the --identity key can be named.
    const QString question = session->loadingKey.isEmpty()
                                 ? QString::fromUtf8(prompt) + u": "_s
                                 : u"Passphrase for %1: "_s.arg(session->loadingKey);
    if (!answer)
        answer = session->ask(question, echo != 0);
    if (!answer || static_cast<size_t>(answer->size()) >= length)
        return -1;
    std::memcpy(buffer, answer->constData(), static_cast<size_t>(answer->size()));
    buffer[answer->size()] = '\0';
    return 0;
}

Result<void> SshConnection::Session::configure(const SshAddress &address)
{
    ssh_session s = session.get();
    const int on = 1;
    const int off = 0;
    const long timeout = options.connectTimeoutSeconds;
    ssh_options_set(s, SSH_OPTIONS_PROCESS_CONFIG, &off); // read below, before the URL's parts
    ssh_options_set(s, SSH_OPTIONS_SSH_DIR, options.sshFolder.toUtf8().constData());
    if (ssh_options_set(s, SSH_OPTIONS_HOST, address.host.toUtf8().constData()) != SSH_OK)
        return unreachable(u"bad host name: "_s + sshError(s));
    if (QFileInfo::exists(options.configFile)
        && ssh_options_parse_config(s, options.configFile.toUtf8().constData()) != SSH_OK) {
        return unreachable(options.configFile + u": "_s + sshError(s));
    }
    // What the URL gives wins over the config file: set after reading it.
    if (!address.user.isEmpty())
        ssh_options_set(s, SSH_OPTIONS_USER, address.user.toUtf8().constData());
    if (address.port > 0) {
        const auto port = static_cast<unsigned>(address.port);
        ssh_options_set(s, SSH_OPTIONS_PORT, &port);
    }
    ssh_options_set(s, SSH_OPTIONS_KNOWNHOSTS, options.knownHostsFile.toUtf8().constData());
    ssh_options_set(s, SSH_OPTIONS_TIMEOUT, &timeout);
    // libssh leaves Nagle on: every small command would wait up to 40 ms for its ACK.
    ssh_options_set(s, SSH_OPTIONS_NODELAY, &on);
    ssh_callbacks_init(&callbacks);
    callbacks.userdata = this;
    callbacks.auth_function = passphraseCallback;
    ssh_set_callbacks(s, &callbacks);
    describe();
    return {};
}

// "user@host:port" as the session will use them, after the config file.
void SshConnection::Session::describe()
{
    char *user = nullptr;
    char *host = nullptr;
    unsigned port = 22;
    ssh_options_get(session.get(), SSH_OPTIONS_USER, &user);
    ssh_options_get(session.get(), SSH_OPTIONS_HOST, &host);
    ssh_options_get_port(session.get(), &port);
    const std::unique_ptr<char, StringFree> userText(user);
    const std::unique_ptr<char, StringFree> hostText(host);
    label = u"%1@%2:%3"_s.arg(QString::fromUtf8(user), QString::fromUtf8(host)).arg(port);
}

Result<void> SshConnection::Session::connect()
{
    if (ssh_connect(session.get()) != SSH_OK)
        return unreachable(u"cannot connect: "_s + sshError(session.get()));
    keepLinkWatched(ssh_get_fd(session.get()));
    return {};
}

namespace {

QString fingerprintOf(ssh_session session)
{
    ssh_key raw = nullptr;
    if (ssh_get_server_publickey(session, &raw) != SSH_OK)
        return u"(no key)"_s;
    const KeyHandle key(raw);
    unsigned char *hash = nullptr;
    size_t length = 0;
    if (ssh_get_publickey_hash(key.get(), SSH_PUBLICKEY_HASH_SHA256, &hash, &length) != 0)
        return u"(no fingerprint)"_s;
    char *text = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, length);
    ssh_clean_pubkey_hash(&hash);
    const QString fingerprint = QString::fromUtf8(text);
    ssh_string_free_char(text);
    const QString type = QString::fromUtf8(ssh_key_type_to_char(ssh_key_type(key.get())));
    return type + u" key "_s + fingerprint;
}

} // namespace

Result<void> SshConnection::Session::checkHostKey()
{
    ssh_session s = session.get();
    const QString fingerprint = fingerprintOf(s);
    switch (ssh_session_is_known_server(s)) {
    case SSH_KNOWN_HOSTS_OK:
        return {};
    case SSH_KNOWN_HOSTS_CHANGED:
    case SSH_KNOWN_HOSTS_OTHER:
        return unreachable(
            u"WARNING: the router's host key has CHANGED (it now shows %1). Someone may be "
            "intercepting the connection, or the router was reinstalled. Refused; if the change "
            "is expected, remove the router's old key from %2."_s.arg(fingerprint,
                                                                      options.knownHostsFile));
    case SSH_KNOWN_HOSTS_UNKNOWN:
    case SSH_KNOWN_HOSTS_NOT_FOUND:
        break;
    case SSH_KNOWN_HOSTS_ERROR:
        return unreachable(u"cannot check the host key: "_s + sshError(s));
    }
    bool accepted = options.acceptNewHostKey;
    if (!accepted) {
        const std::optional<QByteArray> answer
            = ask(u"The authenticity of %1 cannot be established.\n%2.\nAdd it to %3 and connect "
                  "(yes/no)? "_s.arg(label, fingerprint, options.knownHostsFile),
                  true);
        accepted = answer && answer->trimmed() == "yes";
    }
    if (!accepted)
        return unreachable(u"the router's host key is unknown (%1); check it, then connect with "
                           "--accept-new-host-key or answer yes at the prompt"_s.arg(fingerprint));
    if (ssh_session_update_known_hosts(s) != SSH_OK)
        return unreachable(options.knownHostsFile + u": cannot add the host key: "_s + sshError(s));
    return {};
}

int SshConnection::Session::tryIdentityFile()
{
    ssh_key raw = nullptr;
    const QByteArray passphrase = options.passphrase.value_or(QByteArray());
    loadingKey = options.identityFile;
    const int imported = ssh_pki_import_privkey_file(
        options.identityFile.toUtf8().constData(),
        options.passphrase ? passphrase.constData() : nullptr, passphraseCallback, this, &raw);
    loadingKey.clear();
    if (imported != SSH_OK) {
        return SSH_ERROR; // the key itself: the server was not asked
    }
    const KeyHandle key(raw);
    return ssh_userauth_publickey(session.get(), nullptr, key.get());
}

// True when logged in; an error only for an identity file that is not there.
Result<bool> SshConnection::Session::tryPublicKeys(QStringList &tried)
{
    if (!options.identityFile.isEmpty()) {
        if (!QFileInfo::exists(options.identityFile))
            return unreachable(options.identityFile + u": no such identity file"_s);
        const int status = tryIdentityFile();
        if (status == SSH_AUTH_SUCCESS)
            return true;
        tried.append(status == SSH_ERROR ? options.identityFile
                                               + u" (cannot load the key: wrong passphrase, or not "
                                                 "a private key)"_s
                                         : options.identityFile);
    }
    // The agent, then the default keys of the SSH folder and the config's IdentityFile lines.
    tried.append(u"ssh-agent and the keys in "_s + options.sshFolder);
    const QByteArray passphrase = options.passphrase.value_or(QByteArray());
    return ssh_userauth_publickey_auto(session.get(), nullptr,
                                       options.passphrase ? passphrase.constData() : nullptr)
           == SSH_AUTH_SUCCESS;
}

int SshConnection::Session::tryKeyboardInteractive()
{
    ssh_session s = session.get();
    int status = ssh_userauth_kbdint(s, nullptr, nullptr);
    while (status == SSH_AUTH_INFO) {
        const int prompts = ssh_userauth_kbdint_getnprompts(s);
        for (int i = 0; i < prompts; ++i) {
            char echo = 0;
            const QString prompt = QString::fromUtf8(
                ssh_userauth_kbdint_getprompt(s, static_cast<unsigned>(i), &echo));
            std::optional<QByteArray> answer;
            if (options.password && prompt.contains(u"assword"_s, Qt::CaseInsensitive))
                answer = options.password;
            else
                answer = ask(prompt, echo != 0);
            if (!answer)
                return SSH_AUTH_DENIED;
            ssh_userauth_kbdint_setanswer(s, static_cast<unsigned>(i), answer->constData());
        }
        status = ssh_userauth_kbdint(s, nullptr, nullptr);
    }
    return status;
}

int SshConnection::Session::tryPassword()
{
    std::optional<QByteArray> password = options.password;
    if (!password)
        password = ask(label + u"'s password: "_s, false);
    if (!password)
        return SSH_AUTH_DENIED;
    return ssh_userauth_password(session.get(), nullptr, password->constData());
}

Result<void> SshConnection::Session::authenticate()
{
    ssh_session s = session.get();
    if (ssh_userauth_none(s, nullptr) == SSH_AUTH_SUCCESS)
        return {};
    const int methods = ssh_userauth_list(s, nullptr);
    QStringList tried;
    if ((methods & SSH_AUTH_METHOD_PUBLICKEY) != 0) {
        const Result<bool> keys = tryPublicKeys(tried);
        if (!keys)
            return keys.error();
        if (keys.value())
            return {};
    }
    if ((methods & SSH_AUTH_METHOD_INTERACTIVE) != 0) {
        tried.append(u"keyboard-interactive"_s);
        if (tryKeyboardInteractive() == SSH_AUTH_SUCCESS)
            return {};
    }
    if ((methods & SSH_AUTH_METHOD_PASSWORD) != 0) {
        tried.append(u"password"_s);
        if (tryPassword() == SSH_AUTH_SUCCESS)
            return {};
    }
    if (tried.isEmpty())
        return unreachable(u"login refused: the router offers no method ChuteDeck supports"_s);
    return unreachable(u"login refused (tried %1)"_s.arg(tried.join(u", "_s)));
}

SshConnection::SshConnection(std::unique_ptr<Session> session, QString label)
    : m_session(std::move(session))
    , m_label(std::move(label))
    , m_token(QByteArray::number(QRandomGenerator::system()->generate64(), 16)
              + QByteArray::number(QRandomGenerator::system()->generate64(), 16))
{}

SshConnection::~SshConnection()
{
    if (m_session->shell)
        ssh_channel_send_eof(m_session->shell.get());
    m_session->shell.reset();
    ssh_disconnect(m_session->session.get());
}

Result<std::unique_ptr<SshConnection>> SshConnection::open(const SshAddress &address,
                                                           const SshOptions &options)
{
    auto session = std::make_unique<Session>();
    session->options = resolved(options);
    session->label = address.host;
    if (!session->session)
        return session->unreachable(u"cannot create an SSH session"_s);
    if (Result<void> configured = session->configure(address); !configured)
        return configured.error();
    for (auto stage : {&Session::connect, &Session::checkHostKey, &Session::authenticate}) {
        if (Result<void> done = (session.get()->*stage)(); !done)
            return done.error();
    }
    const QString label = session->label;
    std::unique_ptr<SshConnection> connection(new SshConnection(std::move(session), label));
    connection->m_socket = ssh_get_fd(connection->m_session->session.get());
    if (Result<void> shell = connection->startShell(); !shell)
        return shell.error();
    return connection;
}

Error SshConnection::lost(const QString &what)
{
    const QString detail = sshError(m_session->session.get());
    m_lostReason
        = Error{ErrorCode::Unreachable,
                m_label + u": "_s + what + (detail.isEmpty() ? QString() : u": "_s + detail)};
    return *m_lostReason;
}

// After a read time-out nothing is known about the command (it may still run when the link comes
// back), so the connection is given up.
Error SshConnection::silentFor(const QElapsedTimer &silence)
{
    m_lostReason
        = Error{ErrorCode::Unreachable,
                u"%1: the connection to the router was lost: no answer for %2 s"_s.arg(m_label).arg(
                    silence.elapsed() / 1000)};
    return *m_lostReason;
}

qint64 SshConnection::readTimeoutMs() const
{
    return qint64{std::max(m_session->options.readTimeoutSeconds, 1)} * 1000;
}

// Short enough that a time-out is noticed on time.
int SshConnection::pollMs() const
{
    return int(std::min<qint64>(kReadPollMs, readTimeoutMs()));
}

namespace {

// A reply ends with "TOKEN STATUS\n" on stdout and "TOKEN\n" on stderr. Replies to commands sent
// without waiting (send()) follow one another on the streams, so each is cut at the first
// sentinel; the token is random, so a command's own output never holds it.
std::optional<qsizetype> stdoutEnd(const QByteArray &out, const QByteArray &token)
{
    const qsizetype at = out.indexOf(QByteArray(token + ' '));
    if (at < 0)
        return std::nullopt;
    const qsizetype newline = out.indexOf('\n', at);
    if (newline < 0)
        return std::nullopt;
    return at;
}

std::optional<qsizetype> stderrEnd(const QByteArray &err, const QByteArray &token)
{
    const qsizetype at = err.indexOf(QByteArray(token + '\n'));
    return at < 0 ? std::nullopt : std::optional<qsizetype>(at);
}

// Appends what the stream has now; the count, or SSH_ERROR.
int drain(ssh_channel channel, QByteArray &into, int isStderr)
{
    std::array<char, kChunk> buffer{};
    int total = 0;
    for (;;) {
        const int count
            = ssh_channel_read_nonblocking(channel, buffer.data(), buffer.size(), isStderr);
        if (count == SSH_EOF || count == 0)
            return total;
        if (count < 0)
            return count;
        into.append(buffer.data(), count);
        total += count;
    }
}

} // namespace

Result<void> SshConnection::startShell()
{
    ssh_session s = m_session->session.get();
    ChannelHandle channel(ssh_channel_new(s));
    if (!channel || ssh_channel_open_session(channel.get()) != SSH_OK)
        return lost(u"cannot open a channel"_s);
    // sshd runs this through the login shell; `exec` leaves a plain /bin/sh whatever that is.
    if (ssh_channel_request_exec(channel.get(), "exec /bin/sh") != SSH_OK)
        return lost(u"cannot start /bin/sh"_s);
    m_session->shell = std::move(channel);
    // The first reply doubles as the banner: whatever rc files printed before it is dropped.
    const Result<ShellReply> banner = runShell("umask 022");
    if (!banner)
        return banner.error();
    return {};
}

Result<ShellReply> SshConnection::runShell(const QByteArray &script)
{
    const QMutexLocker lock(&m_mutex);
    if (m_lostReason)
        return *m_lostReason;
    if (m_unanswered > 0) // a reply would be taken for another command's
        return Error{ErrorCode::RouterIo, m_label + u": commands sent earlier are unanswered"_s};
    if (Result<void> sent = sendLocked(script); !sent)
        return sent.error();
    return receiveLocked();
}

Result<void> SshConnection::send(const QByteArray &script)
{
    const QMutexLocker lock(&m_mutex);
    return sendLocked(script);
}

Result<ShellReply> SshConnection::receive()
{
    const QMutexLocker lock(&m_mutex);
    if (m_lostReason)
        return *m_lostReason;
    if (m_unanswered == 0)
        return Error{ErrorCode::RouterIo, m_label + u": no command awaits an answer"_s};
    return receiveLocked();
}

Result<void> SshConnection::sendLocked(const QByteArray &script)
{
    if (m_lostReason)
        return *m_lostReason;
    ssh_channel channel = m_session->shell.get();
    // `$?` is expanded before printf runs: the script's status.
    const QByteArray command = script + "\nprintf '%s %d\\n' " + m_token
                               + " \"$?\"; printf '%s\\n' " + m_token + " >&2\n";
    if (ssh_channel_write(channel, command.constData(), static_cast<uint32_t>(command.size()))
        != command.size()) {
        return lost(u"cannot send a command"_s);
    }
    ++m_unanswered;
    return {};
}

// The next reply in the order the commands were sent.
Result<ShellReply> SshConnection::receiveLocked()
{
    if (m_lostReason)
        return *m_lostReason;
    ssh_channel channel = m_session->shell.get();
    std::array<char, kChunk> buffer{};
    QElapsedTimer silence;
    silence.start();
    for (;;) {
        const std::optional<qsizetype> outEnd = stdoutEnd(m_stdout, m_token);
        const std::optional<qsizetype> errEnd = stderrEnd(m_stderr, m_token);
        if (outEnd && errEnd)
            return takeReply(*outEnd, *errEnd);
        const int stream = outEnd ? 1 : 0;
        const int count
            = ssh_channel_read_timeout(channel, buffer.data(), buffer.size(), stream, pollMs());
        if (count == SSH_ERROR || (count == 0 && ssh_channel_is_eof(channel) != 0))
            return lost(u"the connection to the router's shell was lost"_s);
        (stream == 0 ? m_stdout : m_stderr).append(buffer.data(), std::max(count, 0));
        const int drained = stream == 0 ? drain(channel, m_stderr, 1) : 0;
        if (drained < 0)
            return lost(u"the connection to the router's shell was lost"_s);
        if (count > 0 || drained > 0)
            silence.restart();
        else if (silence.hasExpired(readTimeoutMs()))
            return silentFor(silence);
    }
}

ShellReply SshConnection::takeReply(qsizetype outEnd, qsizetype errEnd)
{
    ShellReply reply;
    reply.standardOutput = m_stdout.left(outEnd);
    const qsizetype newline = m_stdout.indexOf('\n', outEnd);
    reply.exitCode
        = m_stdout.mid(outEnd + m_token.size() + 1, newline - outEnd - m_token.size() - 1)
              .trimmed()
              .toInt();
    m_stdout.remove(0, newline + 1);
    reply.standardError = m_stderr.left(errEnd);
    m_stderr.remove(0, errEnd + m_token.size() + 1);
    --m_unanswered;
    return reply;
}

Result<ShellReply> SshConnection::exec(const QByteArray &command, const QByteArray &input,
                                       const std::function<void(qint64 sent)> &progress)
{
    const QMutexLocker lock(&m_mutex);
    if (m_lostReason)
        return *m_lostReason;
    ChannelHandle channel(ssh_channel_new(m_session->session.get()));
    if (!channel || ssh_channel_open_session(channel.get()) != SSH_OK)
        return lost(u"cannot open a channel"_s);
    if (ssh_channel_request_exec(channel.get(), command.constData()) != SSH_OK)
        return lost(u"cannot run a command"_s);
    for (qsizetype sent = 0; sent < input.size();) {
        const auto size = static_cast<uint32_t>(std::min(kChunk, input.size() - sent));
        const int written = ssh_channel_write(channel.get(), input.constData() + sent, size);
        if (written <= 0)
            return lost(u"cannot send data"_s);
        sent += written;
        if (progress)
            progress(sent);
    }
    ssh_channel_send_eof(channel.get());
    ShellReply reply;
    std::array<char, kChunk> buffer{};
    QElapsedTimer silence;
    silence.start();
    while (ssh_channel_is_eof(channel.get()) == 0) {
        const int count
            = ssh_channel_read_timeout(channel.get(), buffer.data(), buffer.size(), 0, pollMs());
        const int drained = count == SSH_ERROR ? 0 : drain(channel.get(), reply.standardError, 1);
        if (count == SSH_ERROR || drained < 0)
            return lost(u"the connection was lost during a command"_s);
        reply.standardOutput.append(buffer.data(), std::max(count, 0));
        if (count > 0 || drained > 0)
            silence.restart();
        else if (silence.hasExpired(readTimeoutMs()))
            return silentFor(silence);
    }
    drain(channel.get(), reply.standardOutput, 0);
    drain(channel.get(), reply.standardError, 1);
    reply.exitCode = ssh_channel_get_exit_status(channel.get());
    return reply;
}

void SshConnection::cancel()
{
    const int socket = m_socket.load();
    if (socket >= 0)
        ::shutdown(socket, SHUT_RDWR);
}

QString sshLibraryVersion()
{
    return QString::fromLatin1(ssh_version(0));
}

} // namespace ChuteDeck::Core
