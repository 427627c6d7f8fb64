#pragma once

#include "core/remote/ssh/sshoptions.h"
#include "core/router/router.h"

#include <QMap>

#include <functional>
#include <memory>
#include <optional>

namespace ChuteDeck::Core {

class SshConnection;
struct ShellReply;

// The router primitives over one SSH session (DESIGN.md, "The central idea"): an OpenWrt router,
// or any Linux router that keeps UCI configs, managed with nothing installed on it. Every
// primitive is one POSIX shell command line on the session's long-lived /bin/sh channel
// (sshconnection.h), built from single-quoted words only, so a path, SSID or key is never
// interpreted; file contents travel as printf escapes inside commands (in 32 KiB pieces), or over
// an exec channel when over 1 MiB. Atomic replace is a temporary file in the target's folder and
// `mv -f` (with the checks that GNU's `mv -T` would make, which BusyBox lacks).
//
// Paths are relative to the root prefix of the address (ssh://host/PATH; "/" when absent). The
// commands are POSIX, for GNU coreutils and BusyBox alike (`mv -f`, `cp -a`, `rm -rf`, `mkdir -p`,
// `cat`, `wc -c`). Unlike the sandbox, the primitives do not resolve symbolic links placed inside
// the tree by others: the router's own files are trusted.
//
// Container and reload steps follow the container runtime (sshoptions.h): with `sandbox`, run()
// never executes anything on the router; it appends the argv as a JSON line to
// var/lib/chutedeck/commands.log under the root prefix, exactly as SandboxRouter does, so a tree
// applied over SSH compares byte for byte with one applied locally. With `docker` (only under the
// root prefix "/"), run() runs the argv on the router's shell channel and the container steps use
// the docker CLI (core/steps/dockerruntime.h).
//
// Reads are cached while a router transaction is open on this router (from the creation of its
// folder var/lib/chutedeck/txn/<id> to its removal): then ChuteDeck is the router's only writer
// (DESIGN.md, one transaction at a time), and every later change of a path goes through this
// object, which keeps the cache exact — a write stores the new bytes, a copy, rename or removal
// forgets what it touches, and a failed change forgets everything. Outside a transaction every
// read goes to the router, so a front end that stays connected never plans on stale files. The
// cache matters because reading a file is the one primitive that needs a remote process (`cat`)
// and steps read the same configuration files again and again; so when a transaction begins, the
// files that steps read (UCI, host configuration, chute store, image and container records,
// radios) are fetched together, with two processes. Whether a path exists is cached
// the same way: a transaction asks before every first change of a path, and after a change of
// its own the answer is known without a round trip.
//
// The session is opened, used and closed on the router's own I/O thread; a primitive called from
// another thread is carried over to it and waited for.
class SshRouter final : public Router
{
    Q_DISABLE_COPY_MOVE(SshRouter)

public:
    // Connects and logs in (ErrorCode::Unreachable on failure); the root prefix must exist.
    static Result<std::unique_ptr<SshRouter>> open(const SshAddress &address,
                                                   const SshOptions &options);
    ~SshRouter() override;

    const QString &rootPrefix() const { return m_address.rootPrefix; }
    // Ends a blocked primitive at once (any thread): the socket is shut down, the router unusable.
    void cancel();

    // Observes the large writes (over 1 MiB: the exec-channel path) for a progress display: called
    // on the I/O thread after each chunk sent, with the router-relative path ("var/lib/paradrop/
    // chute-files/web/big.bin"), the bytes sent so far and the file's size; the last call has
    // done == total. Smaller writes travel inside one or a few shell commands and are not reported.
    // Set from any thread (it is handed to the I/O thread); an empty function stops the calls.
    using TransferProgress = std::function<void(const QString &path, qint64 done, qint64 total)>;
    void setTransferProgress(TransferProgress progress);

    QString url() const override;
    WorkerThread &ioThread() override;
    Result<QByteArray> readFile(const QString &path) override;
    Result<void> writeFile(const QString &path, const QByteArray &data, int mode = 0644) override;
    Result<void> appendFile(const QString &path, const QByteArray &data) override;
    Result<bool> exists(const QString &path) override;
    Result<void> copy(const QString &from, const QString &to) override;
    Result<void> rename(const QString &from, const QString &to) override;
    Result<void> remove(const QString &path) override;
    Result<QList<DirEntry>> list(const QString &folder) override;
    Result<void> makeFolders(const QString &path, int mode = 0755) override;
    Result<bool> makeFolderIfAbsent(const QString &path) override;
    Result<CommandOutput> run(const QStringList &argv) override;
    // Starts the transaction's SshWatchdog (its default lease).
    Result<std::unique_ptr<TransactionGuard>> guardTransaction(const QString &id) override;
    ContainerRuntimeKind containerRuntime() const override;
    void beginStep() override;
    Result<void> endStep() override;

private:
    friend class SshWatchdog; // runs its own script on the session (sshwatchdog.h)

    explicit SshRouter(SshAddress address);

    template<typename Work>
    auto onIoThread(Work &&work) -> decltype(work());
    Result<ShellReply> shell(const QByteArray &script);
    Result<void> change(const QByteArray &script, const QString &shown, const QString &what,
                        bool confirmNow = false);
    Result<void> confirmSent();
    void answeredFromCache();
    QByteArray remotePath(const QString &checkedPath) const;
    Result<void> writeLarge(const QString &shown, const QByteArray &target, const QByteArray &data,
                            int mode);
    Result<void> writeChecked(const QString &checked, const QByteArray &data, int mode);
    Result<void> appendChecked(const QString &checked, const QByteArray &data);
    void forget(const QString &checkedPath);
    void noteChange(const QString &checkedPath, bool succeeded);
    void notePresence(const QString &checkedPath, bool present);
    void prefetch();
    void stopCaching(); // the session is no longer the router's only writer
    QByteArray movedAsideAndRemoved(const QByteArray &folder) const;

    SshAddress m_address;
    std::unique_ptr<WorkerThread> m_ioThread;
    std::unique_ptr<SshConnection> m_connection;
    bool m_caching = false; // a transaction is open
    ContainerRuntimeKind m_runtime = ContainerRuntimeKind::Sandbox;

    // Pipelining (change()): the changes sent without waiting during the step, oldest first, and
    // the step's first failure, kept until endStep().
    struct Unconfirmed
    {
        QString shown;
        QString what;
    };
    bool m_pipelining = true;
    bool m_inStep = false;
    QList<Unconfirmed> m_unconfirmed;
    std::optional<Error> m_stepFailure;

    // Called before each shell command and each answer from the cache, on the I/O thread:
    // SshWatchdog renews its lease there.
    std::function<void()> m_beforeShell;
    TransferProgress m_transferProgress; // used on the I/O thread only

    // Sorted, so that forgetting a folder's entries is a range, not a scan: a 200-chute plan makes
    // thousands of changes with thousands of known paths.
    QMap<QString, QByteArray> m_cache; // checked path -> contents, only while m_caching
    QMap<QString, bool> m_present;     // checked path -> whether it exists, only while m_caching
};

} // namespace ChuteDeck::Core
