#pragma once

#include <QByteArray>
#include <QStringList>

namespace ChuteDeck::Core::Shell {

// Commands for a POSIX shell (dash, BusyBox ash, bash) built only from quoted words, so that no
// byte of a path, an SSID or an environment value is ever interpreted by the shell.

// One word in single quotes; a single quote inside becomes '\''. UTF-8.
QByteArray quote(const QByteArray &word);
QByteArray quote(const QString &word);
// Every argument quoted, separated by spaces.
QByteArray quoteArgv(const QStringList &argv);

// `printf` format text that prints `data` byte for byte: printable ASCII as itself, everything
// else (quotes, '\', '%', newlines, NUL, UTF-8, a leading '-') as a three-digit octal escape.
// Already quoted. The
// shells above print NUL from "\000" in a printf format, so binary data is safe too.
QByteArray printfFormat(const QByteArray &data);

} // namespace ChuteDeck::Core::Shell
