#pragma once

#include "core/remote/agent/agentchange.h"
#include "core/router/transactions.h"

#include <QList>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <memory>

namespace ChuteDeck::Core {

class ChangeRun;
class Executor;
class Router;
struct Update;

// A client's command on a change (POST /api/v1/changes/<id>/control).
enum class ChangeCommand : quint8 { Step, Continue, Pause, Abort };
std::optional<ChangeCommand> changeCommandFromName(const QString &name);

// The agent's changes, one at a time, in the order they came (as ParaDrop's update manager):
// each is turned into updates and a plan when its turn comes, so it sees what the change before
// it left, and runs as a ChangeRun (router transaction, executor). A change whose updates cannot
// be built, or that validate_change refuses, fails without touching the router.
class ChangeQueue final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChangeQueue)

public:
    explicit ChangeQueue(Router &router, QObject *parent = nullptr);
    ~ChangeQueue() override;

    // A change paused (or waiting for its first step) that no websocket follows is aborted after
    // this long: its controller is gone, and the queue waits behind it.
    void setUnattendedTimeout(std::chrono::milliseconds timeout);
    // Where the changes are journaled (crash safety); set before recover() and submit().
    void setJournal(ChangeJournal journal) { m_journal = std::move(journal); }
    // After a restart, before serving: loads the journaled changes (their ids, events and
    // outcome; new ids continue after the highest), replays the manifest of each router
    // transaction a change left pending, and records on the change that it was rolled back
    // after a restart. Errors name the journal file or the transaction.
    Result<void> recover();

    AgentChange *submit(ChangeOrder order, RunControls controls = {});
    // The plan the change would run now, as the preview shows it (previewPlan()); the change is
    // not queued. A refusal of validate_change is ChangeRejected.
    Result<PlanMap> preview(const ChangeOrder &order);
    // The state name after the command was accepted ("queued" for a change not yet running), or
    // CommandRejected with the reason.
    Result<QString> command(AgentChange *change, ChangeCommand command);
    // Ends the wait of the change awaiting confirmation: commits its router transaction
    // (confirmed), or replays its manifest (reverted). CommandRejected when the change is not
    // awaiting confirmation.
    Result<void> settle(AgentChange *change, bool confirm);
    // Moves the deadline of the change awaiting confirmation to `seconds` from now.
    Result<void> extend(AgentChange *change, std::chrono::seconds seconds);
    // Replaces the change's breakpoints or injected failures.
    void setBreakpoints(AgentChange *change, const QList<StepMatcher> &matchers);
    void setFailures(AgentChange *change, const QList<StepMatcher> &matchers);
    AgentChange *find(int id) const;
    const QList<AgentChange *> &changes() const { return m_changes; }
    bool isIdle() const { return !m_current && !m_awaiting && m_waiting.isEmpty(); }

    // For a clean stop: drops the waiting changes and aborts the running one, which rolls back.
    // idle() follows when it has.
    void stop();

Q_SIGNALS:
    void idle();

private:
    void startNext();
    void start(AgentChange *change);
    Result<void> launch(AgentChange *change);
    void onFinished();
    Result<QList<Update>> updatesOf(const ChangeOrder &order);
    Executor *executorOf(const AgentChange *change) const;
    bool isUnattended() const;
    void watchAttendance();
    void onUnattended();
    void journal(AgentChange *change, const QJsonObject &line) const;
    void journalProgress(AgentChange *change);
    void settleAfterRestart(AgentChange *change, const QList<TransactionInfo> &pending);
    void holdForConfirmation(AgentChange *change, const QDateTime &deadline);
    Result<void> endHold(bool confirm, const QString &why);
    Result<void> checkAwaiting(const AgentChange *change) const;

    Router &m_router;
    QList<AgentChange *> m_changes; // every change, in id order
    int m_nextId = 1;
    ChangeJournal m_journal;
    QList<AgentChange *> m_waiting;
    AgentChange *m_current = nullptr;
    std::unique_ptr<ChangeRun> m_run;
    bool m_stopping = false;
    QTimer m_unattended;
    AgentChange *m_awaiting = nullptr; // its transaction awaits confirmation; the queue waits
    QTimer m_confirmDeadline;
};

} // namespace ChuteDeck::Core
