#include "core/router/router.h"

using namespace Qt::StringLiterals;

namespace ChuteDeck::Core {

Router::~Router() = default;

TransactionGuard::~TransactionGuard() = default;

Result<std::unique_ptr<TransactionGuard>> Router::guardTransaction(const QString & /*id*/)
{
    return std::unique_ptr<TransactionGuard>();
}

Result<void> Router::appendFile(const QString &path, const QByteArray &data)
{
    const Result<QByteArray> before = readFile(path);
    if (before)
        return writeFile(path, before.value() + data);
    if (before.error().code == ErrorCode::NotFound)
        return writeFile(path, data);
    return before.error();
}

namespace {

Result<QString> refused(const QString &path, const QString &why)
{
    return Error{ErrorCode::RouterIo, path + u": "_s + why};
}

} // namespace

Result<QString> checkedRouterPath(const QString &path)
{
    if (path.contains(QChar(0)))
        return refused(path, u"router paths cannot contain NUL"_s);
    if (path.startsWith(u'/'))
        return refused(path, u"absolute path; router paths are relative to the router's root"_s);
    QStringList segments;
    for (const QString &segment : path.split(u'/', Qt::SkipEmptyParts)) {
        if (segment == u"..")
            return refused(path, u"'..' would leave the router's root"_s);
        if (segment != u".")
            segments.append(segment);
    }
    return segments.join(u'/');
}

Result<QString> checkedRouterEntryPath(const QString &path)
{
    Result<QString> checked = checkedRouterPath(path);
    if (checked && checked.value().isEmpty())
        return refused(path.isEmpty() ? u"\"\""_s : path, u"names the router's root itself"_s);
    return checked;
}

} // namespace ChuteDeck::Core
