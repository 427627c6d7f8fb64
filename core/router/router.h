#pragma once

#include "core/base/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace ChuteDeck::Core {

class WorkerThread;

struct DirEntry
{
    QString name;
    enum class Type : quint8 { File, Folder, Link, Other } type = Type::File;
    friend bool operator==(const DirEntry &, const DirEntry &) = default;
};

// How a router's container and reload steps act (DESIGN.md, "Router state"): `Sandbox` keeps
// images and containers as JSON files under var/lib/paradrop/ and only records the commands it
// would run; `Docker` drives the docker CLI through run(). A router whose root prefix is not "/"
// is always a sandbox, so that a test can never reload the network of the machine it runs on.
enum class ContainerRuntimeKind : quint8 { Sandbox, Docker };

struct CommandOutput
{
    int exitCode = 0;
    QByteArray standardOutput;
    QByteArray standardError;
};

// The primitives every step is written against (DESIGN.md, "The central idea"). Paths are relative
// to the router's root prefix and use '/' ("etc/config/network"); a path that leaves the root
// ("../x", an absolute path) is refused. Every primitive is all-or-nothing: writes go to a
// temporary file in the same folder and are renamed over the target.
//
// Primitives are blocking and are called on the router's own I/O thread (ioThread()), where the
// executor runs the steps; a libssh session must stay on one thread. Failures are
// ErrorCode::RouterIo, or ErrorCode::NotFound when what the primitive needs does not exist; the
// message names the relative path and the reason ("etc/config/network: cannot write: No space left
// on device").
// What keeps a transaction safe on the router itself while it lasts, should the process that runs
// it or the link to it go away (an SSH router's watchdog): it puts the router back by expiry().
class TransactionGuard
{
public:
    TransactionGuard() = default;
    Q_DISABLE_COPY_MOVE(TransactionGuard)
    virtual ~TransactionGuard();
    // When the router reverts the transaction if this process is not heard from again.
    virtual QDateTime expiry() const = 0;
};

class Router
{
    Q_DISABLE_COPY_MOVE(Router) // a router is a connection, with its own thread

public:
    Router() = default;
    virtual ~Router();

    virtual QString url() const = 0; // "sandbox:/path", "ssh://...", "http://..."
    virtual WorkerThread &ioThread() = 0;

    virtual Result<QByteArray> readFile(const QString &path) = 0;
    // Atomic replace (temporary file + rename); creates missing parent folders.
    virtual Result<void> writeFile(const QString &path, const QByteArray &data, int mode = 0644)
        = 0;
    // Appends to a file, creating it (0644) and its missing parents: for records that only grow,
    // such as a transaction's manifest, where rewriting the whole file each time would make a long
    // run quadratic. Not atomic: a crash may leave a partial last line, which readers ignore. The
    // default reads and rewrites the file; routers override it with a real append.
    virtual Result<void> appendFile(const QString &path, const QByteArray &data);
    // Whether the entry itself exists (a link counts, whatever it points to).
    virtual Result<bool> exists(const QString &path) = 0;
    // Copies on the router itself (backups never cross the wire); folders recursively, keeping
    // modes, links and empty folders. A file destination is replaced atomically; a folder copied
    // onto an existing folder merges into it (like "cp -a from/. to"). Creates missing parents.
    virtual Result<void> copy(const QString &from, const QString &to) = 0;
    // Atomic rename(2): replaces an existing file. Creates missing parents of the destination.
    virtual Result<void> rename(const QString &from, const QString &to) = 0;
    // Removes a file or a whole folder; removing what does not exist succeeds.
    virtual Result<void> remove(const QString &path) = 0;
    virtual Result<QList<DirEntry>> list(const QString &folder) = 0; // sorted by name
    // mkdir -p: `mode` applies to the folder itself, missing parents get 0755; existing folders are
    // left as they are.
    virtual Result<void> makeFolders(const QString &path, int mode = 0755) = 0;
    // mkdir(2) of one folder (mode 0755) whose parent exists: true when this call made it, false
    // when it was there already. The routers' one atomic test-and-set, for ChuteDeck's lock.
    virtual Result<bool> makeFolderIfAbsent(const QString &path) = 0;
    // Runs argv on the router (never a shell string built from user text).
    virtual Result<CommandOutput> run(const QStringList &argv) = 0;
    // Starts guarding the transaction `id`, whose folder exists, for as long as the guard lives.
    // Null when the router needs none: a sandbox lives and dies with this process.
    virtual Result<std::unique_ptr<TransactionGuard>> guardTransaction(const QString &id);
    // A step's body runs between these two (ChangeRun): meanwhile a remote router may let the
    // primitives that change something return before the router has confirmed them, and send the
    // next at once. endStep() waits for all of them and returns the first that failed — with the
    // text that primitive would have returned — so the step fails as it would have; after such a
    // failure nothing more of the step runs and its other primitives fail the same way.
    virtual void beginStep() {}
    virtual Result<void> endStep() { return {}; }
    // Which container runtime the steps use on this router.
    virtual ContainerRuntimeKind containerRuntime() const { return ContainerRuntimeKind::Sandbox; }
};

// Rejects paths that leave the root: absolute paths, any ".." segment, NUL. Collapses "." segments
// and repeated slashes and returns the clean relative path ("" is the root itself, for list()).
// Errors (ErrorCode::RouterIo) name the path.
Result<QString> checkedRouterPath(const QString &path);
// The same, but also refuses the root itself: for primitives that replace, move or remove an entry,
// so that remove("") can never wipe a whole router.
Result<QString> checkedRouterEntryPath(const QString &path);

} // namespace ChuteDeck::Core
