#pragma once

#include "core/router/router.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace ChuteDeck::Core {

// Every apply is a router transaction (DESIGN.md, "Execution and safety"): a Router that passes
// each primitive on to the real router and first records, on the router itself, what the
// primitive is about to replace, so that restore() can put the tree back exactly as it was,
// whatever ran — the undo steps, or steps that have none — and so that a plain shell can replay
// it after a crash.
//
// Records live in var/lib/chutedeck/txn/<id>/: `manifest`, one line each, appended as they
// happen (Router::appendFile; a crash may leave the last line without its newline: a replay
// ignores it, as its change had not started), with shell-safe single-quoted paths:
//   backup 'PATH' 'COPY' MODE   PATH existed; COPY (under the transaction folder) holds it
//   created 'PATH'              PATH did not exist; restoring removes it
//   tmp 'PATH'                  a temporary file that restoring or committing removes
//   undo-cmd 'ARG' 'ARG' ...    a command to run when restoring (docker rm -f NAME)
//   defer-rm 'PATH'             removed at commit (the removal already looks done: the path is
//                               moved into the transaction folder and backed up there)
//   commit-cmd 'ARG' 'ARG' ...  a destructive command run only at commit (docker image rm NAME)
// Only the first change of a path is recorded: that is its state before the transaction. Paths
// under var/lib/chutedeck/ are ChuteDeck's own records and are never recorded; the folders that
// hold them (var, var/lib) cannot be replaced, moved or removed through a transaction.
//
// MODE is "-": the Router primitives have no stat, and none is needed, because COPY is made by
// copy() or rename(), which keep modes. A backup line is written before its change, and a removal's
// COPY appears only when the move into the transaction folder is done, so a replay must leave PATH
// alone when COPY is missing (restore() does, and reports it).
//
// One transaction at a time per router: begin() takes the lock var/lib/chutedeck/lock/ (its file
// `owner` names the transaction) and refuses while another transaction holds it; commit() and a
// complete restore() release it. A lock whose transaction folder is gone (a crash between the two)
// is stale and taken over. A transaction that changed networking or the host configuration can be
// left pending after a successful run, awaiting confirmation: its folder then holds `confirm-by`
// (the deadline, epoch seconds), and whoever holds it commits at confirmation or restores at the
// deadline — in this process, or later through open().
class RouterTransaction final : public Router
{
    Q_DISABLE_COPY_MOVE(RouterTransaction)

public:
    // Starts a transaction on `router` (which must outlive it): makes its folder and manifest.
    static Result<std::unique_ptr<RouterTransaction>> begin(Router &router, const QString &id);
    // A pending transaction, read back from its manifest: after a crash or a restart, or from
    // another process, so that restore() or commit() can finish it.
    static Result<std::unique_ptr<RouterTransaction>> open(Router &router, const QString &id);
    ~RouterTransaction() override;

    const QString &id() const { return m_id; }
    QString folder() const; // "var/lib/chutedeck/txn/<id>"
    static QString folderOf(const QString &id);
    static QString lockFolder(); // "var/lib/chutedeck/lock"

    // Puts every recorded path back as it was, newest record first, runs the undo commands and
    // removes the transaction folder. The tree is then as before begin(). A failing record does not
    // stop the others; the error names each one, and the transaction stays pending with only the
    // failed records (in the manifest too), so that nothing still needed is destroyed and a second
    // restore() retries them. Once restored or committed, every call but the pass-through
    // primitives (readFile, exists, list, run) is an error.
    Result<void> restore();
    // restore(), then, when the transaction changed networking or the host configuration
    // (needsConfirmation()), `reload_config` on the router, so that the running network follows
    // the files again: for reverts after the run ended (a confirmation refused or timed out),
    // which have no undo steps of a plan to reload it.
    Result<void> restoreAndReload();
    // Makes the changes permanent: removes the temporary files, then the transaction folder, which
    // destroys the deferred removals and the backups.
    Result<void> commit();
    // A command run now whose effect restore() must undo with `undoArgv`. Recorded only when the
    // command succeeds (exit code 0): a failed command is taken to have changed nothing.
    Result<CommandOutput> runWithUndo(const QStringList &argv, const QStringList &undoArgv);
    // A destructive command that only commit() runs (restore() drops it): a docker image removal,
    // which nothing could undo.
    Result<void> runAtCommit(const QStringList &argv);
    // A path the caller is about to write for the duration of the transaction (a downloaded
    // archive); restore() and commit() both remove it. It must not exist yet.
    Result<void> recordTemporary(const QString &path);

    // Whether committing this transaction could cut the admin off the router: it changed
    // etc/config/{network,wireless,firewall,dhcp} or the host configuration (DESIGN.md,
    // "Confirm-or-revert").
    bool needsConfirmation() const;
    // Keeps the transaction pending until `deadline` (also to extend it): writes `confirm-by`.
    Result<void> awaitConfirmation(const QDateTime &deadline);

    // What the transaction has recorded so far: each changed path with the copy that holds its
    // state before (a backup), or an empty copy when the path did not exist (created).
    struct RecordedPath
    {
        QString path;
        QString copy;
    };
    QList<RecordedPath> recordedPaths() const;

    // Router: primitives pass through after recording.
    QString url() const override;
    WorkerThread &ioThread() override;
    Result<QByteArray> readFile(const QString &path) override;
    Result<void> writeFile(const QString &path, const QByteArray &data, int mode = 0644) override;
    Result<bool> exists(const QString &path) override;
    Result<void> copy(const QString &from, const QString &to) override;
    Result<void> rename(const QString &from, const QString &to) override;
    // Removing an existing path defers its destruction: it moves into the transaction folder.
    Result<void> remove(const QString &path) override;
    Result<QList<DirEntry>> list(const QString &folder) override;
    Result<void> makeFolders(const QString &path, int mode = 0755) override;
    Result<bool> makeFolderIfAbsent(const QString &path) override;
    Result<CommandOutput> run(const QStringList &argv) override;
    ContainerRuntimeKind containerRuntime() const override { return m_router.containerRuntime(); }
    void beginStep() override { m_router.beginStep(); }
    Result<void> endStep() override { return m_router.endStep(); }

private:
    struct Record
    {
        enum class Kind : quint8 {
            Backup,
            Created,
            Temporary,
            UndoCommand,
            DeferredRemoval,
            CommitCommand
        };
        Kind kind = Kind::Created;
        QStringList args; // the paths, COPY second for a backup; the argv for an undo command
    };
    enum class State : quint8 { Pending, Restored, Committed };
    enum class IfPresent : bool { BackUp, Leave };

    RouterTransaction(Router &router, QString id);

    Result<void> checkPending() const;
    Result<QString> checkedTarget(const QString &path) const;
    Result<QString> prepareChange(const QString &path);
    bool isCovered(const QString &path) const;
    Result<void> recordChange(const QString &path, IfPresent ifPresent);
    Result<QString> topmostMissing(const QString &path);
    Result<void> backUp(const QString &path);
    QString nextCopy(QLatin1StringView kind);
    Result<void> record(const QList<Record> &records);
    void replaceRecords(QList<Record> records);
    void index(const Record &record);
    QString manifestFile() const;
    static QByteArray manifestText(const QList<Record> &records);
    Result<void> writeManifest();
    Result<void> undo(const Record &record);
    Result<void> runCommand(const QString &kind, const QStringList &argv);
    Result<void> removeIfPresent(const QString &path);
    Result<void> finish(State state, QStringList problems);
    Result<void> takeLock();
    Result<void> releaseLock();
    Result<void> readManifest();

    Router &m_router;
    QString m_id;
    QList<Record> m_records;
    QHash<QString, Record::Kind> m_recorded; // the paths whose first change is recorded
    int m_copies = 0;
    State m_state = State::Pending;
};

} // namespace ChuteDeck::Core
