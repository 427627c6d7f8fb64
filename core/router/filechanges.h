#pragma once

#include "core/base/result.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace ChuteDeck::Core {

class Router;
class RouterTransaction;

// A router file as it was before a change and as it is after; an empty side did not exist.
struct FileChange
{
    QString path; // relative to the router's root
    std::optional<QByteArray> before;
    std::optional<QByteArray> after;

    friend bool operator==(const FileChange &, const FileChange &) = default;
};

// Every file that the transaction's change touched, read before the transaction commits or
// restores: the backups hold the "before" side, the router the "after" side. Folders count by
// the files in them; files whose bytes did not change are left out. Sorted by path. For the
// desktop's before/after view of a run.
Result<QList<FileChange>> collectFileChanges(Router &router, const RouterTransaction &transaction);

} // namespace ChuteDeck::Core
