#pragma once

#include <QString>
#include <QStringView>

namespace ChuteDeck::Core {

// Thrown by the readers and validators of this library and caught where reading a document starts
// (parseChute, HostConfig::parse, ...), so that the readers stay straight-line code instead of
// checking a result after every field. It never leaves the library: the public functions return
// Result<T>.
struct FieldFailure
{
    QString message;
};

// "FILE:LINE: FIELD: what", leaving out the line when it is 0 and the field when it is empty.
QString fieldMessage(const QString &file, int line, const QString &field, const QString &what);
[[noreturn]] void throwFieldFailure(const QString &file, int line, const QString &field,
                                    const QString &what);

// Dotted field paths as the messages show them: "services.main.requests.port-bindings[0]".
QString memberPath(const QString &parent, QStringView key);
QString itemPath(const QString &parent, qsizetype index);

} // namespace ChuteDeck::Core
