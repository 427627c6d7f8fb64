#include "app/chutedeck-cli/console.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cstdio>

namespace ChuteDeck::Cli {

using namespace Qt::StringLiterals;

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

void printJson(const QJsonValue &value)
{
    const QJsonDocument document
        = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    out() << QString::fromUtf8(document.toJson(QJsonDocument::Indented)) << Qt::flush;
}

int reportRejection(const QString &message, bool json)
{
    if (json) {
        printJson(QJsonObject{
            {u"result"_s, u"rejected"_s}, {u"message"_s, message}, {u"steps"_s, QJsonArray()}});
    } else {
        err() << "Rejected: " << message << Qt::endl;
    }
    return ExitFailed;
}

int reportError(const Core::Error &error, bool json, const QString &givenResult)
{
    const bool unreachable = error.code == Core::ErrorCode::Unreachable;
    const bool busy = error.code == Core::ErrorCode::Busy;
    const QString result = unreachable ? u"unreachable"_s : busy ? u"busy"_s : givenResult;
    if (json)
        printJson(QJsonObject{{u"result"_s, result}, {u"message"_s, error.message}});
    else
        err() << "chutedeck-cli: " << error.message << Qt::endl;
    if (unreachable)
        return ExitUnreachable;
    if (busy)
        return ExitBusy;
    return result == u"invalid" ? ExitInvalid : ExitFailed;
}

TextTable::TextTable(QStringList header)
    : m_rows{std::move(header)}
{}

void TextTable::addRow(QStringList cells)
{
    m_rows.append(std::move(cells));
}

void TextTable::print(QTextStream &stream) const
{
    QList<qsizetype> widths;
    for (const QStringList &row : m_rows) {
        widths.resize(std::max(widths.size(), row.size()));
        for (qsizetype i = 0; i < row.size(); ++i)
            widths[i] = std::max(widths[i], row[i].size());
    }
    for (const QStringList &row : m_rows) {
        QString line;
        for (qsizetype i = 0; i < row.size(); ++i)
            line += i + 1 < row.size() ? row[i].leftJustified(widths[i] + 2) : row[i];
        stream << line.trimmed() << '\n';
    }
    stream.flush();
}

} // namespace ChuteDeck::Cli
