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

} // namespace

ChangeQueue::ChangeQueue(Router &router, QObject *parent)
    : QObject(parent)
    , m_router(router)
{}

ChangeQueue::~ChangeQueue() = default;

AgentChange *ChangeQueue::submit(ChangeOrder order)
{
    auto *change = new AgentChange(int(m_changes.size()) + 1, std::move(order), this);
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

Result<void> ChangeQueue::launch(AgentChange *change)
{
    Result<QList<Update>> updates = buildUpdates(change->order().request, m_router);
    if (!updates)
        return updates.error();
    applyOrderExtras(change->order(), updates.value());
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
    qCInfo(lcChanges).noquote() << "change" << change->id() << "running";
    return executor.resume();
}

void ChangeQueue::onFinished()
{
    AgentChange *change = m_current;
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
