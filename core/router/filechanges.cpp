#include "core/router/filechanges.h"

#include "core/router/transaction.h"

#include <QMap>

namespace ChuteDeck::Core {

namespace {

using Contents = QMap<QString, QByteArray>; // relative to the walked root: "" is the root itself

Result<void> readFileInto(Router &router, const QString &path, const QString &key, Contents &out)
{
    const Result<QByteArray> bytes = router.readFile(path);
    if (!bytes)
        return bytes.error();
    out.insert(key, bytes.value());
    return {};
}

// The files in a folder, recursively; links are shown by their target's bytes as the router reads
// them.
Result<void> readFolder(Router &router, const QString &path, const QString &key, Contents &out)
{
    const Result<QList<DirEntry>> entries = router.list(path);
    if (!entries)
        return entries.error();
    for (const DirEntry &entry : entries.value()) {
        const QString childPath = path + u'/' + entry.name;
        const QString childKey = key.isEmpty() ? entry.name : key + u'/' + entry.name;
        Result<void> read;
        if (entry.type == DirEntry::Type::Folder)
            read = readFolder(router, childPath, childKey, out);
        else if (entry.type != DirEntry::Type::Other)
            read = readFileInto(router, childPath, childKey, out);
        if (!read)
            return read;
    }
    return {};
}

// The files at `path` (a file, a folder or nothing), keyed below `path` ("" for a file).
Result<void> readTree(Router &router, const QString &path, Contents &out)
{
    const Result<bool> present = router.exists(path);
    if (!present)
        return present.error();
    if (!present.value())
        return {};
    // Only list() tells a folder from a file: a file fails to list.
    if (router.list(path).ok())
        return readFolder(router, path, QString(), out);
    return readFileInto(router, path, QString(), out);
}

std::optional<QByteArray> valueAt(const Contents &contents, const QString &key)
{
    const auto found = contents.constFind(key);
    return found == contents.cend() ? std::nullopt : std::optional<QByteArray>(found.value());
}

} // namespace

Result<QList<FileChange>> collectFileChanges(Router &router, const RouterTransaction &transaction)
{
    QMap<QString, FileChange> changes;
    for (const RouterTransaction::RecordedPath &recorded : transaction.recordedPaths()) {
        Contents before;
        Contents after;
        if (!recorded.copy.isEmpty()) {
            if (Result<void> read = readTree(router, recorded.copy, before); !read)
                return read.error();
        }
        if (Result<void> read = readTree(router, recorded.path, after); !read)
            return read.error();
        QStringList keys = before.keys() + after.keys();
        keys.removeDuplicates();
        for (const QString &key : std::as_const(keys)) {
            const QString path = key.isEmpty() ? recorded.path : recorded.path + u'/' + key;
            FileChange change{path, valueAt(before, key), valueAt(after, key)};
            if (change.before != change.after && !changes.contains(path))
                changes.insert(path, std::move(change));
        }
    }
    return changes.values();
}

} // namespace ChuteDeck::Core
