#include "core/remote/agent/changequeue.h"

#include "core/router/router.h"
#include "core/router/transactions.h"
#include "core/steps/changerun.h"
#include "core/update/planning.h"

#include <QLoggingCategory>
#include <QTimer>

namespace ChuteDeck::Core {
namespace {

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcChanges, "chutedeck.agent.changes")

// What a ParaDrop request adds to the updates buildUpdates() made from the order's files.
void applyOrderExtras(const ChangeOrder &order, QList<Update> &updates)
{
    if (updates.size() != 1 || !updates.first().newChute)
        return;
    ChuteSpec &chute = *updates.first().newChute;
    if (order.replacement) {
        const ChuteState state = chute.state;
        const QString version = chute.version;
        const QString owner = chute.owner;
        chute = *order.replacement;
        chute.state = state;
        chute.version = version; // a restart keeps the installed images
        chute.owner = owner;
    }
    if (order.environment)
        chute.environment = *order.environment;
}

Result<void> rejectedCommand(const QString &why)
{
    return Result<void>::failure(ErrorCode::CommandRejected, why);
}

void applyMatchers(Executor &executor, const QList<StepMatcher> &matchers, bool failures)
{
    const QStringList current = failures ? executor.injectedFailures() : executor.breakpoints();
    for (const QString &spec : current) {
        if (const Result<StepMatcher> matcher = StepMatcher::parse(spec); matcher) {
            failures ? executor.setInjectedFailure(matcher.value(), false)
                     : executor.setBreakpoint(matcher.value(), false);
        }
    }
    for (const StepMatcher &matcher : matchers)
        failures ? executor.setInjectedFailure(matcher, true)
                 : executor.setBreakpoint(matcher, true);
}

Result<void> runCommand(Executor &executor, ChangeCommand command)
{
    switch (command) {
    case ChangeCommand::Step:
        return executor.step();
    case ChangeCommand::Continue:
        return executor.resume();
    case ChangeCommand::Pause:
        return executor.pause();
    case ChangeCommand::Abort:
        return executor.abort();
    }
    return rejectedCommand(u"unknown command"_s);
}

std::optional<TransactionInfo> findTransaction(const QList<TransactionInfo> &transactions,
                                               const QString &id)
{
    for (const TransactionInfo &transaction : transactions) {
        if (transaction.id == id)
            return transaction;
    }
    return std::nullopt;
}

// When the run kept its transaction pending for a confirmation: until when.
std::optional<QDateTime> confirmationDeadline(const ChangeRun &run)
{
    const Confirmation confirmation = run.confirmation();
    if (confirmation.outcome != TransactionOutcome::Pending)
        return std::nullopt;
    return confirmation.deadline;
}

} // namespace

std::optional<ChangeCommand> changeCommandFromName(const QString &name)
{
    if (name == u"step")
        return ChangeCommand::Step;
    if (name == u"continue")
        return ChangeCommand::Continue;
    if (name == u"pause")
        return ChangeCommand::Pause;
    if (name == u"abort")
        return ChangeCommand::Abort;
    return std::nullopt;
}

ChangeQueue::ChangeQueue(Router &router, QObject *parent)
    : QObject(parent)
    , m_router(router)
{
    m_unattended.setSingleShot(true);
    m_unattended.setInterval(std::chrono::minutes(5));
    connect(&m_unattended, &QTimer::timeout, this, &ChangeQueue::onUnattended);
    m_confirmDeadline.setSingleShot(true);
    connect(&m_confirmDeadline, &QTimer::timeout, this,
            [this] { (void)endHold(false, u"Reverted: no confirmation came by the deadline."_s); });
}

void ChangeQueue::setUnattendedTimeout(std::chrono::milliseconds timeout)
{
    m_unattended.setInterval(timeout);
}

ChangeQueue::~ChangeQueue() = default;

AgentChange *ChangeQueue::submit(ChangeOrder order, RunControls controls)
{
    auto *change = new AgentChange(m_nextId++, std::move(order), this);
    change->controls() = std::move(controls);
    m_changes.append(change);
    journal(change, change->journalHeader());
    journalProgress(change);
    qCInfo(lcChanges).noquote() << "change" << change->id() << "queued:" << change->typeName()
                                << change->order().name;
    if (m_stopping) {
        change->reject(u"the agent is stopping"_s);
        return change;
    }
    m_waiting.append(change);
    if (!m_current)
        QTimer::singleShot(0, this, &ChangeQueue::startNext);
    return change;
}

AgentChange *ChangeQueue::find(int id) const
{
    // Ids are ascending; a journal may have lost some, so an id is not an index.
    const auto it
        = std::lower_bound(m_changes.begin(), m_changes.end(), id,
                           [](const AgentChange *c, int wanted) { return c->id() < wanted; });
    return it != m_changes.end() && (*it)->id() == id ? *it : nullptr;
}

void ChangeQueue::journal(AgentChange *change, const QJsonObject &line) const
{
    if (const Result<void> written = m_journal.append(change->id(), line); !written)
        qCWarning(lcChanges).noquote() << written.error().message;
}

// Every event and the change's end go to its journal as they happen.
void ChangeQueue::journalProgress(AgentChange *change)
{
    if (!m_journal.isEnabled())
        return;
    connect(change, &AgentChange::progressed, this, [this, change](const QJsonArray &events) {
        journal(change, QJsonObject{{u"journal"_s, u"events"_s}, {u"events"_s, events}});
    });
    for (const auto signal : {&AgentChange::finished, &AgentChange::statusChanged})
        connect(change, signal, this, [this, change] { journal(change, change->journalEnd()); });
}

Result<void> ChangeQueue::recover()
{
    const Result<QList<ChangeJournal::Entry>> entries = m_journal.load();
    if (!entries)
        return entries.error();
    for (const ChangeJournal::Entry &entry : entries.value()) {
        const Result<AgentChange *> change = AgentChange::fromJournal(entry, this);
        if (!change)
            return change.error();
        m_changes.append(change.value());
        m_nextId = entry.id + 1;
    }
    const Result<QList<TransactionInfo>> pending = pendingTransactions(m_router);
    if (!pending)
        return pending.error();
    QStringList claimed;
    for (AgentChange *change : std::as_const(m_changes)) {
        // A change that ended can still hold a pending transaction: awaiting confirmation, or
        // killed before its journal said so.
        const bool holds = findTransaction(pending.value(), change->transactionId()).has_value();
        if (holds)
            claimed.append(change->transactionId());
        if (!change->isFinished() || holds) {
            journalProgress(change);
            settleAfterRestart(change, pending.value());
        }
    }
    // Another program's (or a kill between beginning a transaction and journaling it): whose it
    // is cannot be told, so it is left to its owner; the router's lock refuses changes meanwhile.
    for (const TransactionInfo &transaction : pending.value()) {
        if (!claimed.contains(transaction.id))
            qCWarning(lcChanges).noquote()
                << "router transaction" << transaction.id
                << "is pending and no change of the agent's journal started it; left alone";
    }
    return {};
}

// A change the agent did not finish before it stopped: the router transaction it left pending
// is replayed (DESIGN.md: everything after a run replays the manifest), unless it awaits a
// confirmation whose deadline has not passed yet.
void ChangeQueue::settleAfterRestart(AgentChange *change, const QList<TransactionInfo> &pending)
{
    const std::optional<TransactionInfo> transaction
        = findTransaction(pending, change->transactionId());
    const bool awaiting
        = transaction && transaction->state == TransactionState::AwaitingConfirmation;
    if (change->status() == AgentChange::Status::Queued) {
        change->reject(u"Dropped: the agent restarted before the change ran."_s);
    } else if (awaiting && transaction->deadline > QDateTime::currentDateTimeUtc()) {
        holdForConfirmation(change, transaction->deadline);
    } else if (awaiting) {
        m_awaiting = change;
        (void)endHold(false, u"Reverted after a restart: no confirmation came by the deadline."_s);
    } else if (!transaction && isFinal(change->lastState())) {
        change->complete(QString()); // it ended; only its last journal line was lost
    } else if (!transaction) {
        change->endAfterRestart(
            u"The agent stopped during the change, after its router transaction ended; its "
            "outcome was not journaled."_s,
            std::nullopt);
    } else if (const Result<void> reverted = revertTransaction(m_router, transaction->id);
               reverted) {
        change->endAfterRestart(u"Rolled back after a restart."_s, ExecutorState::RolledBack);
    } else {
        change->endAfterRestart(u"Rolling back after a restart failed: "_s
                                    + reverted.error().message,
                                ExecutorState::RollbackFailed);
    }
    qCInfo(lcChanges).noquote() << "change" << change->id() << "after the restart:"
                                << change->summary().value(u"status"_s).toString()
                                << change->summary().value(u"message"_s).toString();
}

void ChangeQueue::holdForConfirmation(AgentChange *change, const QDateTime &deadline)
{
    m_awaiting = change;
    change->awaitConfirmation(deadline);
    const qint64 left = QDateTime::currentDateTimeUtc().msecsTo(deadline);
    m_confirmDeadline.start(std::chrono::milliseconds(std::max<qint64>(left, 0)));
    qCInfo(lcChanges).noquote() << "change" << change->id() << "awaits confirmation until"
                                << deadline.toString(Qt::ISODate);
}

Result<void> ChangeQueue::checkAwaiting(const AgentChange *change) const
{
    if (change == m_awaiting)
        return {};
    return Result<void>::failure(ErrorCode::CommandRejected,
                                 u"The change is not awaiting confirmation (%1)."_s.arg(
                                     change->summary().value(u"status"_s).toString()));
}

Result<void> ChangeQueue::settle(AgentChange *change, bool confirm)
{
    if (Result<void> awaiting = checkAwaiting(change); !awaiting)
        return awaiting;
    return endHold(confirm, confirm ? QString() : u"Reverted on request."_s);
}

Result<void> ChangeQueue::extend(AgentChange *change, std::chrono::seconds seconds)
{
    if (Result<void> awaiting = checkAwaiting(change); !awaiting)
        return awaiting;
    const QDateTime deadline = QDateTime::currentDateTimeUtc().addSecs(seconds.count());
    if (Result<void> moved = extendTransaction(m_router, change->transactionId(), deadline); !moved)
        return moved;
    holdForConfirmation(change, deadline);
    return {};
}

// Commits or reverts the held transaction; the queue goes on once it is done.
Result<void> ChangeQueue::endHold(bool confirm, const QString &why)
{
    AgentChange *change = m_awaiting;
    const QString &transaction = change->transactionId();
    Result<void> done = confirm ? confirmTransaction(m_router, transaction)
                                : revertTransaction(m_router, transaction);
    if (!done) {
        qCWarning(lcChanges).noquote() << "change" << change->id() << done.error().message;
        return done;
    }
    m_confirmDeadline.stop();
    m_awaiting = nullptr;
    change->settleConfirmation(confirm, why);
    qCInfo(lcChanges).noquote() << "change" << change->id() << (confirm ? "confirmed" : "reverted:")
                                << why;
    if (!m_stopping) {
        // NOLINTNEXTLINE(clang-analyzer-cplusplus.NewDeleteLeaks): the queued call owns the slot
        QTimer::singleShot(0, this, &ChangeQueue::startNext);
    }
    return {};
}

void ChangeQueue::stop()
{
    m_stopping = true;
    for (AgentChange *change : std::exchange(m_waiting, {}))
        change->reject(u"the agent is stopping"_s);
    if (m_run)
        (void)m_run->executor().abort();
    else
        Q_EMIT idle();
}

void ChangeQueue::startNext()
{
    while (!m_current && !m_awaiting && !m_waiting.isEmpty())
        start(m_waiting.takeFirst());
    if (isIdle())
        Q_EMIT idle();
}

void ChangeQueue::start(AgentChange *change)
{
    m_current = change;
    change->begin();
    if (const Result<void> launched = launch(change); !launched) {
        qCInfo(lcChanges).noquote()
            << "change" << change->id() << "rejected:" << launched.error().message;
        m_current = nullptr;
        change->reject(launched.error().message);
    }
}

Result<QList<Update>> ChangeQueue::updatesOf(const ChangeOrder &order)
{
    Result<QList<Update>> updates = buildUpdates(order.request, m_router);
    if (updates)
        applyOrderExtras(order, updates.value());
    return updates;
}

Result<PlanMap> ChangeQueue::preview(const ChangeOrder &order)
{
    const Result<QList<Update>> updates = updatesOf(order);
    if (!updates)
        return updates.error();
    const Result<PlanMap> plan = generatePlan(updates.value());
    if (!plan)
        return plan.error();
    return previewPlan(plan.value(), updates.value());
}

Executor *ChangeQueue::executorOf(const AgentChange *change) const
{
    return change == m_current && m_run ? &m_run->executor() : nullptr;
}

Result<QString> ChangeQueue::command(AgentChange *change, ChangeCommand command)
{
    if (change->isFinished())
        return Error{ErrorCode::CommandRejected, u"The change has ended (%1)."_s.arg(
                                                     change->summary()[u"result"_s].toString())};
    if (Executor *executor = executorOf(change)) {
        if (const Result<void> accepted = runCommand(*executor, command); !accepted)
            return accepted.error();
        return executorStateName(executor->state());
    }
    // Not running yet: the command decides how it starts.
    if (command == ChangeCommand::Abort) {
        m_waiting.removeOne(change);
        change->reject(u"Aborted before it ran."_s);
        return u"rejected"_s;
    }
    change->controls().stepMode = command != ChangeCommand::Continue;
    return u"queued"_s;
}

void ChangeQueue::setBreakpoints(AgentChange *change, const QList<StepMatcher> &matchers)
{
    change->controls().breakpoints = matchers;
    if (Executor *executor = executorOf(change))
        applyMatchers(*executor, matchers, false);
}

void ChangeQueue::setFailures(AgentChange *change, const QList<StepMatcher> &matchers)
{
    change->controls().failures = matchers;
    if (Executor *executor = executorOf(change))
        applyMatchers(*executor, matchers, true);
}

bool ChangeQueue::isUnattended() const
{
    if (!m_run || m_current->followers() > 0)
        return false;
    const ExecutorState state = m_run->executor().state();
    return state == ExecutorState::Ready || state == ExecutorState::Paused;
}

void ChangeQueue::watchAttendance()
{
    if (!isUnattended())
        m_unattended.stop();
    else if (!m_unattended.isActive())
        m_unattended.start();
}

void ChangeQueue::onUnattended()
{
    if (!isUnattended())
        return;
    qCInfo(lcChanges).noquote() << "change" << m_current->id()
                                << "aborted: paused and followed by no client";
    // A paused rollback cannot be aborted: it runs to its end instead.
    if (!m_run->executor().abort())
        (void)m_run->executor().resume();
}

Result<void> ChangeQueue::launch(AgentChange *change)
{
    Result<QList<Update>> updates = updatesOf(change->order());
    if (!updates)
        return updates.error();
    Result<PlanMap> plan = generatePlan(updates.value());
    if (!plan)
        return plan.error();
    ChangeRunOptions options;
    options.confirmTimeout = change->controls().confirmTimeout;
    Result<std::unique_ptr<ChangeRun>> run
        = ChangeRun::prepare(m_router, updates.value(), std::move(plan).value(), options);
    if (!run)
        return run.error();
    m_run = std::move(run).value();
    change->setTransactionId(m_run->transactionId());
    journal(change,
            QJsonObject{{u"journal"_s, u"started"_s}, {u"transaction"_s, change->transactionId()}});
    Executor &executor = m_run->executor();
    connect(&executor, &ExecutionSession::eventsReady, change, &AgentChange::addEvents);
    connect(&executor, &ExecutionSession::finished, this, &ChangeQueue::onFinished);
    connect(&executor, &ExecutionSession::eventsReady, this, &ChangeQueue::watchAttendance);
    connect(change, &AgentChange::followersChanged, this, &ChangeQueue::watchAttendance);
    const RunControls &controls = change->controls();
    applyMatchers(executor, controls.breakpoints, false);
    applyMatchers(executor, controls.failures, true);
    qCInfo(lcChanges).noquote() << "change" << change->id()
                                << (controls.stepMode ? "waiting for its first step" : "running");
    if (controls.stepMode) {
        watchAttendance();
        return {};
    }
    return executor.resume();
}

void ChangeQueue::onFinished()
{
    AgentChange *change = m_current;
    m_unattended.stop();
    disconnect(change, &AgentChange::followersChanged, this, &ChangeQueue::watchAttendance);
    change->complete(successMessage(m_run->updates()));
    if (const std::optional<QDateTime> deadline = confirmationDeadline(*m_run))
        holdForConfirmation(change, *deadline);
    qCInfo(lcChanges).noquote() << "change" << change->id()
                                << "ended:" << change->summary().value(u"result"_s).toString();
    // The run is released once the executor's signal has returned.
    // NOLINTNEXTLINE(clang-analyzer-cplusplus.NewDeleteLeaks): the queued call owns the functor
    QTimer::singleShot(0, this, [this] {
        m_run.reset();
        m_current = nullptr;
        if (m_stopping)
            Q_EMIT idle();
        else
            startNext();
    });
}

} // namespace ChuteDeck::Core
