#pragma once

#include "core/base/result.h"
#include "core/plan/executor.h"
#include "core/plan/heldchange.h"
#include "core/plan/planmap.h"
#include "core/plan/runreport.h"
#include "core/router/filechanges.h"
#include "core/router/router.h"
#include "core/update/update.h"

#include <QDateTime>
#include <QList>
#include <QMutex>
#include <QObject>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace ChuteDeck::Core {

class ChangeEnvironment;
class Router;
class RouterTransaction;

struct ChangeRunOptions
{
    // Confirm-or-revert (DESIGN.md): a successful run whose transaction changed networking or the
    // host configuration keeps it pending this long after the run ends, to be confirmed or
    // reverted. Unset: committed at once (ParaDrop's behaviour).
    std::optional<std::chrono::seconds> confirmTimeout;
};

// One change applied to a router: its router transaction, the state its steps share, and the
// executor that runs its plan with the built-in steps. When the run ends the transaction is
// committed (succeeded) or restored (rolled back), so a failure or an abort at any step leaves
// the router's tree exactly as it was; with a confirmation time-out, a successful run that changed
// networking leaves it pending instead, until confirm() or revert().
class ChangeRun final : public HeldChange
{
    Q_DISABLE_COPY_MOVE(ChangeRun)

public:
    // Begins the transaction and has the router guard it (Router::guardTransaction(): over SSH a
    // watchdog reverts it should this process or the link go away); the run waits for the
    // executor's first command. Not on the router's I/O thread.
    static Result<std::unique_ptr<ChangeRun>>
    prepare(Router &router, QList<Update> updates, PlanMap plan, ChangeRunOptions runOptions = {});
    ~ChangeRun();

    Executor &executor() { return *m_executor; }
    // Before the run starts: keep, at its end, every router file it touched as it was before and
    // after (read before the commit or restore), for fileChanges(). Off by default: it reads every
    // touched file once more.
    void setRecordFileChanges(bool record) { m_recordFileChanges = record; }
    // After finished(): the files the run changed (a rolled-back run: what it changed before the
    // rollback put everything back), or the error that kept them from being read.
    const Result<QList<FileChange>> &fileChanges() const { return m_fileChanges; }
    const QList<Update> &updates() const { return m_updates; }
    QString transactionId() const;
    // The router's guard of the transaction; null when the router needs none.
    const TransactionGuard *guard() const { return m_guard.get(); }

    Confirmation confirmation() const override;
    // Their router I/O runs on the router's I/O thread; they wait for it.
    Result<void> confirm() override;
    Result<void> revert() override;
    Result<void> extend(const QDateTime &deadline) override;

private:
    ChangeRun() = default;
    Result<void> finishRun(ExecutorState state);
    Result<void> onRouterThread(const std::function<Result<void>()> &work);
    Result<void> checkAwaitingConfirmation() const;
    void setConfirmation(Confirmation confirmation);

    Router *m_router = nullptr;
    QList<Update> m_updates;
    std::unique_ptr<RouterTransaction> m_transaction;
    ChangeRunOptions m_options;
    mutable QMutex m_confirmationMutex;
    Confirmation m_confirmation;
    std::atomic_bool m_recordFileChanges = false;
    Result<QList<FileChange>> m_fileChanges = QList<FileChange>(); // written on the run thread
    std::unique_ptr<TransactionGuard> m_guard; // goes after the executor, before the transaction
    std::unique_ptr<Executor> m_executor;      // declared last: stops before what its steps use
};

// Generates the plan of `updates`, runs it to its end at once and returns how it went (a local
// event loop waits): for seeding a new sandbox and for tools. Interactive front ends drive a
// ChangeRun's executor themselves.
Result<RunReport> applyAndWait(Router &router, const QList<Update> &updates);

} // namespace ChuteDeck::Core
