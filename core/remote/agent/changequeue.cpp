#include "core/remote/agent/changequeue.h"

#include "core/router/router.h"
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
}

void ChangeQueue::setUnattendedTimeout(std::chrono::milliseconds timeout)
{
    m_unattended.setInterval(timeout);
}

ChangeQueue::~ChangeQueue() = default;

AgentChange *ChangeQueue::submit(ChangeOrder order, RunControls controls)
{
    auto *change = new AgentChange(int(m_changes.size()) + 1, std::move(order), this);
    change->controls() = std::move(controls);
    m_changes.append(change);
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
    return id >= 1 && id <= m_changes.size() ? m_changes.at(id - 1) : nullptr;
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
    while (!m_current && !m_waiting.isEmpty())
        start(m_waiting.takeFirst());
    if (!m_current)
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
    Result<std::unique_ptr<ChangeRun>> run
        = ChangeRun::prepare(m_router, updates.value(), std::move(plan).value());
    if (!run)
        return run.error();
    m_run = std::move(run).value();
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
