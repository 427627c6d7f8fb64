#pragma once

#include "core/base/error.h"

#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTextStream>

namespace ChuteDeck::Cli {

// The CLI's exit codes.
enum ExitCode : int {
    ExitSucceeded = 0,
    ExitFailed = 1,      // rejected, rolled back, aborted, rollback failed
    ExitInvalid = 2,     // usage error or invalid input
    ExitUnreachable = 3, // the router cannot be reached, refused the login or its host key
    ExitBusy = 4,        // another transaction is pending on the router (confirm or revert it)
};

// stdout for results, stderr for progress, prompts and errors.
QTextStream &out();
QTextStream &err();

void printJson(const QJsonValue &value);
// A change that validate_change refused: {"result": "rejected", "message", "steps": []} or
// "Rejected: ..." on stderr; ExitFailed.
int reportRejection(const QString &message, bool json);
// An error as text on stderr, or with --json as {"result": result, "message": ...} on stdout.
// ErrorCode::Unreachable is always the result "unreachable" (exit code 3), ErrorCode::Busy the
// result "busy" (exit code 4).
int reportError(const Core::Error &error, bool json,
                const QString &result = QStringLiteral("invalid"));

// A plain text table: columns padded to their widest cell, the last one left ragged.
class TextTable
{
public:
    explicit TextTable(QStringList header);
    void addRow(QStringList cells);
    void print(QTextStream &stream) const;

private:
    QList<QStringList> m_rows;
};

} // namespace ChuteDeck::Cli
