#include "core/chute/fieldfailure.h"

using namespace Qt::StringLiterals;

namespace ChuteDeck::Core {

QString fieldMessage(const QString &file, int line, const QString &field, const QString &what)
{
    QString message = file;
    if (line > 0)
        message += u':' + QString::number(line);
    message += u": "_s;
    if (!field.isEmpty())
        message += field + u": "_s;
    return message + what;
}

void throwFieldFailure(const QString &file, int line, const QString &field, const QString &what)
{
    throw FieldFailure{fieldMessage(file, line, field, what)};
}

QString memberPath(const QString &parent, QStringView key)
{
    return parent.isEmpty() ? key.toString() : parent + u'.' + key;
}

QString itemPath(const QString &parent, qsizetype index)
{
    return parent + u'[' + QString::number(index) + u']';
}

} // namespace ChuteDeck::Core
