#include "ui/models/runcontroller.h"

#include "core/plan/executor.h"
#include "core/plan/workerthread.h"
#include "core/router/router.h"
#include "core/update/planning.h"
#include "ui/models/planmodel.h"

namespace ChuteDeck::Ui {

using namespace Qt::StringLiterals;

RunController::RunController(Core::Router &router, PlanModel *plan, QObject *parent)
    : QObject(parent)
    , m_router(&router)
    , m_plan(plan)
{
    connect(plan, &PlanModel::breakpointChanged, this, [this](Core::StepId id, bool enabled) {
        if (m_session && id != m_runToHere)
            m_session->setBreakpoint(Core::StepMatcher::forId(id), enabled);
    });
    connect(plan, &PlanModel::injectedFailureChanged, this, [this](Core::StepId id, bool enabled) {
        if (m_session)
            m_session->setInjectedFailure(Core::StepMatcher::forId(id), enabled);
    });
}

RunController::~RunController() = default;

bool RunController::setRouter(Core::Router &router)
{
    if (isLive() || awaitsConfirmation())
        return false;
    forget();
    m_router = &router;
    m_updates.clear();
    m_request = {};
    m_preview = Core::PlanMap();
    m_plan->setPlan(m_preview);
    return true;
}

bool RunController::isSandbox() const
{
    return m_router->url().startsWith(u"sandbox:"_s);
}

Core::Result<void> RunController::plan(const Core::ChangeRequest &request)
{
    if (isLive())
        return Core::Error{Core::ErrorCode::CommandRejected,
                           tr("A run is in progress: finish or abort it first.")};
    if (awaitsConfirmation())
        return Core::Error{Core::ErrorCode::CommandRejected,
                           tr("The last change awaits confirmation: confirm or revert it first.")};
    forget();
    m_request = request;
    m_updates.clear();
    m_preview = Core::PlanMap();
    m_plan->setPlan(m_preview);
    const Core::Result<QList<Core::Update>> updates = Core::buildUpdates(request, *m_router);
    if (!updates)
        return updates.error();
    const Core::Result<Core::PlanMap> plan = Core::generatePlan(updates.value());
    if (!plan)
        return Core::Error{plan.error().code, tr("Rejected: %1").arg(plan.error().message)};
    m_updates = updates.value();
    showPlan(Core::previewPlan(plan.value(), m_updates));
    Q_EMIT planned();
    return {};
}

Core::Result<void> RunController::replan()
{
    return plan(m_request);
}

QString RunController::planSummary() const
{
    if (m_updates.isEmpty())
        return {};
    QStringList names;
    for (const Core::Update &update : m_updates)
        names.append(update.name);
    //: %1 is the change's type (create, update, sethostconfig...), %2 the chutes it changes
    return tr("%1 of %2: %n step(s)", nullptr, plannedStepCount())
        .arg(Core::updateTypeName(m_updates.first().type), names.join(u", "_s));
}

Core::Result<QList<Core::FileChange>> RunController::fileChanges() const
{
    return m_run ? m_run->fileChanges() : QList<Core::FileChange>();
}

// The planned run, or a followed session that may be held (an agent's change).
Core::HeldChange *RunController::heldChange() const
{
    if (m_run)
        return m_run.get();
    return dynamic_cast<Core::HeldChange *>(m_followed.get());
}

Core::Confirmation RunController::confirmation() const
{
    Core::HeldChange *held = heldChange();
    return held && Core::isFinal(m_report.state()) ? held->confirmation() : Core::Confirmation{};
}

bool RunController::awaitsConfirmation() const
{
    return confirmation().outcome == Core::TransactionOutcome::Pending;
}

// A confirmation is a few file operations or one request, so the GUI waits for it rather than
// juggling a run that may go meanwhile.
Core::Result<void>
RunController::settleHeld(const std::function<Core::Result<void>(Core::HeldChange &)> &call)
{
    if (!awaitsConfirmation())
        return Core::Error{Core::ErrorCode::CommandRejected,
                           tr("No change is awaiting confirmation.")};
    Core::Result<void> result = call(*heldChange());
    Q_EMIT confirmationChanged();
    return result;
}

Core::Result<void> RunController::confirmRun()
{
    return settleHeld([](Core::HeldChange &held) { return held.confirm(); });
}

Core::Result<void> RunController::revertRun()
{
    return settleHeld([](Core::HeldChange &held) { return held.revert(); });
}

Core::Result<void> RunController::extendRun(std::chrono::seconds more)
{
    const QDateTime deadline = confirmation().deadline.addSecs(more.count());
    return settleHeld([deadline](Core::HeldChange &held) { return held.extend(deadline); });
}

bool RunController::isLive() const
{
    return m_session && !Core::isFinal(m_report.state());
}

Core::ExecutorState RunController::state() const
{
    return m_session ? m_report.state() : Core::ExecutorState::Ready;
}

void RunController::forget()
{
    m_session = nullptr;
    m_run.reset();
    m_followed.reset();
    m_report = {};
    m_runToHere = 0;
    m_start = {};
}

// Shows the preview in the plan model, with the steps the command line's matchers name marked in
// the gutter (the matchers themselves still go to the executor, for steps a run adds).
void RunController::showPlan(Core::PlanMap preview)
{
    m_preview = std::move(preview);
    m_plan->setPlan(m_preview);
    Core::StepMatcherSet breakpoints;
    Core::StepMatcherSet failures;
    for (const Core::StepMatcher &matcher : std::as_const(m_runBreakpoints))
        breakpoints.insert(matcher);
    for (const Core::StepMatcher &matcher : std::as_const(m_runFailures))
        failures.insert(matcher);
    for (qsizetype i = 0; i < m_preview.size(); ++i) {
        const Core::Step &step = m_preview.at(i);
        if (breakpoints.matches(Core::Phase::Todo, step.id, step.todo))
            m_plan->setBreakpoint(step.id, true);
        // A failure is one-shot: only the first step a matcher names fails.
        if (const QString spec = failures.match(Core::Phase::Todo, step.id, step.todo);
            !spec.isEmpty()) {
            m_plan->setInjectedFailure(step.id, true);
            failures.remove(spec);
        }
    }
}

void RunController::followSession(std::unique_ptr<Core::ExecutionSession> session,
                                  Core::PlanMap preview, SessionStart start)
{
    forget();
    m_start = std::move(start);
    m_request = {};
    m_updates.clear();
    showPlan(std::move(preview));
    m_followed = std::move(session);
    attach(*m_followed);
    Q_EMIT planned();
}

// Hands the plan model's breakpoints and failures and the command line's matchers to the session,
// and follows its events.
void RunController::attach(Core::ExecutionSession &session)
{
    m_session = &session;
    m_report = {};
    for (int row = 0; row < m_plan->rowCount(); ++row) {
        const QModelIndex index = m_plan->index(row, 0);
        const auto id = Core::StepId(index.data(PlanModel::StepIdRole).toInt());
        if (index.data(PlanModel::BreakpointRole).toBool())
            session.setBreakpoint(Core::StepMatcher::forId(id), true);
        if (index.data(PlanModel::InjectedFailureRole).toBool())
            session.setInjectedFailure(Core::StepMatcher::forId(id), true);
    }
    for (const Core::StepMatcher &matcher : std::as_const(m_runBreakpoints))
        session.setBreakpoint(matcher, true);
    for (const Core::StepMatcher &matcher : std::as_const(m_runFailures))
        session.setInjectedFailure(matcher, true);
    connect(&session, &Core::ExecutionSession::eventsReady, this, &RunController::onEvents);
    connect(&session, &Core::ExecutionSession::finished, this, &RunController::finished);
}

Core::Result<void> RunController::startRun()
{
    const Core::Result<Core::PlanMap> plan = Core::generatePlan(m_updates);
    if (!plan)
        return plan.error();
    auto run = Core::ChangeRun::prepare(*m_router, m_updates, plan.value(),
                                        Core::ChangeRunOptions{m_confirmTimeout});
    if (!run)
        return run.error();
    m_run = std::move(run).value();
    m_run->setRecordFileChanges(true);
    attach(m_run->executor());
    return {};
}

Core::Result<void> RunController::command(Command sessionCommand)
{
    if (!hasPlan())
        return Core::Error{Core::ErrorCode::CommandRejected, tr("Nothing is planned.")};
    if (m_session && Core::isFinal(m_report.state()))
        return Core::Error{Core::ErrorCode::CommandRejected,
                           tr("The run has ended: preview the change again to run it anew.")};
    if (!m_session) {
        if (Core::Result<void> started = startRun(); !started)
            return started;
    }
    startFollowed();
    return (m_session->*sessionCommand)();
}

Core::Result<void> RunController::step()
{
    return command(&Core::ExecutionSession::step);
}

Core::Result<void> RunController::resume()
{
    return command(&Core::ExecutionSession::resume);
}

Core::Result<void> RunController::pause()
{
    return command(&Core::ExecutionSession::pause);
}

Core::Result<void> RunController::abort()
{
    return command(&Core::ExecutionSession::abort);
}

Core::Result<void> RunController::runToStep(Core::StepId id)
{
    if (m_plan->rowOfStep(id) < 0)
        return Core::Error{Core::ErrorCode::NotFound, tr("Step %1 is not in the plan.").arg(id)};
    if (!m_session) {
        if (Core::Result<void> started = startRun(); !started)
            return started;
    }
    clearRunToHere();
    if (!m_plan->hasBreakpoint(id)) {
        m_runToHere = id;
        m_session->setBreakpoint(Core::StepMatcher::forId(id), true);
    }
    return resume();
}

void RunController::abandonSession()
{
    // It may be the session's own signal that calls here: it goes once that returns.
    if (m_followed)
        m_followed.release()->deleteLater();
    forget();
}

void RunController::startFollowed()
{
    if (m_start)
        std::exchange(m_start, {})(*m_session);
}

void RunController::clearRunToHere()
{
    if (m_runToHere == 0)
        return;
    if (m_session && !m_plan->hasBreakpoint(m_runToHere))
        m_session->setBreakpoint(Core::StepMatcher::forId(m_runToHere), false);
    m_runToHere = 0;
}

void RunController::addRunMatchers(const QList<Core::StepMatcher> &breakpoints,
                                   const QList<Core::StepMatcher> &failures)
{
    m_runBreakpoints += breakpoints;
    m_runFailures += failures;
}

void RunController::onEvents(const Core::EventBatch &events)
{
    m_report.add(events);
    // "Run to here" is one-shot: once the run stops, wherever that is, the breakpoint goes.
    const Core::ExecutorState state = m_report.state();
    if (state == Core::ExecutorState::Paused || Core::isFinal(state))
        clearRunToHere();
    m_plan->applyEvents(events);
    Q_EMIT eventsReady(events);
}

} // namespace ChuteDeck::Ui
