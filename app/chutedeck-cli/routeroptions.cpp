#include "app/chutedeck-cli/routeroptions.h"

#include <QFile>

#include <termios.h>
#include <unistd.h>

namespace ChuteDeck::Cli {

using namespace Qt::StringLiterals;
using namespace ChuteDeck::Core;

namespace {

// The first line of a secret file, without its line end (as `sshpass -f` reads it).
Result<QByteArray> readSecret(const QString &path, const QString &option)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{ErrorCode::InvalidRequest,
                     u"--%1 %2: %3"_s.arg(option, path, file.errorString())};
    QByteArray secret = file.readAll();
    const qsizetype end = secret.indexOf('\n');
    if (end >= 0)
        secret.truncate(end);
    if (secret.endsWith('\r'))
        secret.chop(1);
    return secret;
}

// Asks on the controlling terminal; stdin belongs to --step. Without a terminal nobody can answer.
std::optional<QByteArray> askTerminal(const QString &prompt, bool echo)
{
    QFile tty(u"/dev/tty"_s);
    if (!tty.open(QIODevice::ReadWrite | QIODevice::Unbuffered))
        return std::nullopt;
    tty.write(prompt.toUtf8());
    termios saved{};
    const bool hide = !echo && ::tcgetattr(tty.handle(), &saved) == 0;
    if (hide) {
        termios silent = saved;
        silent.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(tty.handle(), TCSAFLUSH, &silent);
    }
    QByteArray answer;
    char byte = 0;
    while (tty.read(&byte, 1) == 1 && byte != '\n')
        answer.append(byte);
    if (hide) {
        ::tcsetattr(tty.handle(), TCSAFLUSH, &saved);
        tty.write("\n");
    }
    return answer;
}

} // namespace

void RouterOptions::addTo(QCommandLineParser &parser) const
{
    parser.addOptions(
        {identity, knownHosts, acceptNewHostKey, passwordFile, passphraseFile, runtime});
}

Result<SshOptions> RouterOptions::sshOptions(const QCommandLineParser &parser) const
{
    SshOptions options;
    options.identityFile = parser.value(identity);
    options.knownHostsFile = parser.value(knownHosts);
    options.acceptNewHostKey = parser.isSet(acceptNewHostKey);
    options.prompt = askTerminal;
    for (const auto &[option, secret] : {std::pair{&passwordFile, &options.password},
                                         std::pair{&passphraseFile, &options.passphrase}}) {
        if (!parser.isSet(*option))
            continue;
        Result<QByteArray> read = readSecret(parser.value(*option), option->names().constFirst());
        if (!read)
            return read.error();
        *secret = std::move(read).value();
    }
    const QString runtimeName = parser.value(runtime);
    if (runtimeName == u"docker")
        options.runtime = ContainerRuntimeKind::Docker;
    else if (runtimeName != u"sandbox")
        return Error{ErrorCode::InvalidRequest,
                     u"--runtime '%1': use sandbox or docker"_s.arg(runtimeName)};
    return options;
}

} // namespace ChuteDeck::Cli
