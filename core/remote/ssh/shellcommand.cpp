#include "core/remote/ssh/shellcommand.h"

namespace ChuteDeck::Core::Shell {

QByteArray quote(const QByteArray &word)
{
    QByteArray quoted = word;
    quoted.replace('\'', "'\\''");
    return '\'' + quoted + '\'';
}

QByteArray quote(const QString &word)
{
    return quote(word.toUtf8());
}

QByteArray quoteArgv(const QStringList &argv)
{
    QByteArrayList words;
    words.reserve(argv.size());
    for (const QString &argument : argv)
        words.append(quote(argument));
    return words.join(' ');
}

QByteArray printfFormat(const QByteArray &data)
{
    QByteArray format;
    format.reserve(data.size() + 2);
    format.append('\'');
    for (const char byte : data) {
        const auto code = static_cast<unsigned char>(byte);
        // A leading '-' would read as an option ("printf: Illegal option -").
        const bool leadingDash = byte == '-' && format.size() == 1;
        const bool plain = code >= 0x20 && code < 0x7f && byte != '\'' && byte != '\\'
                           && byte != '%' && !leadingDash;
        if (plain) {
            format.append(byte);
            continue;
        }
        format.append('\\');
        format.append(static_cast<char>('0' + ((code >> 6) & 7)));
        format.append(static_cast<char>('0' + ((code >> 3) & 7)));
        format.append(static_cast<char>('0' + (code & 7)));
    }
    format.append('\'');
    return format;
}

} // namespace ChuteDeck::Core::Shell
