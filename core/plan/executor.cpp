#include "core/plan/executor.h"

#include "core/plan/eventbatcher.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QMutexLocker>
#include <QThread>
#include <QWaitCondition>

#include <chrono>
#include <exception>
#include <optional>

namespace ChuteDeck::Core {
namespace {

double epochSeconds()
{
    using namespace std::chrono;
    return duration<double>(system_clock::now().time_since_epoch()).count();
}

// What the user asked the run to do next.
enum class RunMode : quint8 {
    Hold,       // stay paused before the next step
    OneStep,    // run one step, then hold
    Continuous, // run until the end or a breakpoint
};

enum class Command : quint8 { Step, Resume, Pause, Abort };

Result<void> rejected(const QString &why)
{
    return Result<void>::failure(ErrorCode::CommandRejected, why);
}

// One unit of work picked under the lock and performed without it.
struct Work
{
    StepRef ref;
    const Step *step = nullptr; // the todo step, or the step whose undo this is
    bool skipped = false;
    bool injectedFailure = false;
};

} // namespace

// The state of one run, shared by the Executor (consumer thread) and the work it queues to the
// run thread, so queued work never outlives what it touches.
class Executor::Engine final : public std::enable_shared_from_this<Engine>
{
public:
    Engine(PlanMap plan, std::shared_ptr<const StepRegistry> registry, ExecutorOptions options,
           std::shared_ptr<EventSink> sink);

    Result<void> command(Command command);
    void shutDown();
    void emitState(); // the current state, as an event (the initial "ready")

    ExecutorState state() const;
    enum class Matchers : quint8 { Breakpoints, Failures };
    void setMatcher(Matchers which, const StepMatcher &matcher, bool enabled);
    QStringList matchers(Matchers which) const;

private:
    void wake();
    void drive();
    std::optional<Work> nextWork();
    std::optional<Work> nextTodo();
    std::optional<Work> nextUndo();
    bool holdBeforeStep(const StepRef &next);
    bool takeInjectedFailure(Phase phase, StepId stepId, const StepCall &call);
    bool perform(const Work &work);
    Result<void> callStep(const Work &work, StepContext &context) const;
    void afterWork(const Work &work, bool ok);
    void beginRollback(RollbackCause cause);
    void enterState(ExecutorState state, StepId breakpoint = 0, const StepRef &next = {});
    void finish(ExecutorState state);
    void completeRun(QMutexLocker<QMutex> &locker);
    void emitEvent(ExecutionEvent event);

    const std::shared_ptr<const StepRegistry> m_registry;
    const ExecutorOptions m_options;
    const std::shared_ptr<EventSink> m_sink;

    // Touched only by the run thread once the run has started.
    PlanMap m_plan;
    QList<UndoEntry> m_rollback;
    qsizetype m_rollbackNext = 0;
    QStringList m_failedUndo;
    int m_undoFailuresInARow = 0;
    qint64 m_seq = 0;

    // Guarded by m_mutex.
    mutable QMutex m_mutex;
    QWaitCondition m_idle;
    ExecutorState m_state = ExecutorState::Ready;
    Phase m_phase = Phase::Todo;
    RollbackCause m_cause = RollbackCause::None;
    RunMode m_mode = RunMode::Hold;
    bool m_abortRequested = false;
    // Where the run last stopped, so resuming there does not stop at the same breakpoint again.
    std::pair<Phase, qsizetype> m_stoppedAt{Phase::Todo, -1};
    bool m_driveQueued = false;
    bool m_driving = false;
    bool m_shutDown = false;
    std::optional<ExecutorState> m_ending; // the run has ended: its final state, not yet announced
    QString m_finishDetail;
    StepMatcherSet m_breakpoints;
    StepMatcherSet m_failures;
};

Executor::Engine::Engine(PlanMap plan, std::shared_ptr<const StepRegistry> registry,
                         ExecutorOptions options, std::shared_ptr<EventSink> sink)
    : m_registry(std::move(registry))
    , m_options(std::move(options))
    , m_sink(std::move(sink))
    , m_plan(std::move(plan))
{
    Q_ASSERT(m_options.runContext);
}

ExecutorState Executor::Engine::state() const
{
    const QMutexLocker locker(&m_mutex);
    return m_state;
}

void Executor::Engine::setMatcher(Matchers which, const StepMatcher &matcher, bool enabled)
{
    const QMutexLocker locker(&m_mutex);
    StepMatcherSet &set = which == Matchers::Breakpoints ? m_breakpoints : m_failures;
    if (enabled)
        set.insert(matcher);
    else
        set.remove(matcher);
}

QStringList Executor::Engine::matchers(Matchers which) const
{
    const QMutexLocker locker(&m_mutex);
    return (which == Matchers::Breakpoints ? m_breakpoints : m_failures).toStringList();
}

Result<void> Executor::Engine::command(Command command)
{
    const QMutexLocker locker(&m_mutex);
    if (isFinal(m_state) || m_shutDown || m_ending) {
        const ExecutorState ended = m_ending.value_or(m_state);
        return rejected(QStringLiteral("The change has ended (%1).").arg(executorStateName(ended)));
    }
    switch (command) {
    case Command::Step:
        m_mode = RunMode::OneStep;
        break;
    case Command::Resume:
        m_mode = RunMode::Continuous;
        break;
    case Command::Pause:
        if (m_state == ExecutorState::Ready)
            return rejected(QStringLiteral("The change has not started."));
        m_mode = RunMode::Hold;
        break;
    case Command::Abort:
        if (m_phase == Phase::Abort)
            return rejected(QStringLiteral("A rollback cannot be aborted."));
        m_abortRequested = true;
        m_mode = RunMode::Continuous;
        break;
    }
    wake();
    return Result<void>::success();
}

void Executor::Engine::wake()
{
    if (m_driveQueued)
        return;
    m_driveQueued = true;
    // NOLINTNEXTLINE(clang-analyzer-cplusplus.NewDeleteLeaks): the queued call owns the functor
    QMetaObject::invokeMethod(
        m_options.runContext, [self = shared_from_this()] { self->drive(); }, Qt::QueuedConnection);
}

void Executor::Engine::shutDown()
{
    QMutexLocker locker(&m_mutex);
    m_shutDown = true;
    if (QThread::currentThread() == m_options.runContext->thread())
        return;
    while (m_driving)
        m_idle.wait(&m_mutex);
}

void Executor::Engine::drive()
{
    QMutexLocker locker(&m_mutex);
    m_driving = true;
    while (!m_shutDown) {
        const std::optional<Work> work = nextWork();
        if (!work) {
            if (m_ending)
                completeRun(locker);
            break;
        }
        locker.unlock();
        const bool ok = perform(*work);
        locker.relock();
        afterWork(*work, ok);
    }
    m_driving = false;
    m_driveQueued = false;
    m_idle.wakeAll();
}

std::optional<Work> Executor::Engine::nextWork()
{
    if (isFinal(m_state) || m_ending)
        return std::nullopt;
    if (m_abortRequested) {
        m_abortRequested = false;
        beginRollback(RollbackCause::Abort);
    }
    return m_phase == Phase::Todo ? nextTodo() : nextUndo();
}

// Pauses before the step if the user asked for it or a breakpoint matches; true when paused.
bool Executor::Engine::holdBeforeStep(const StepRef &next)
{
    const std::pair here{m_phase, m_phase == Phase::Todo ? m_plan.nextRunIndex() : m_rollbackNext};
    const bool atBreakpoint
        = here != m_stoppedAt && m_breakpoints.matches(m_phase, next.stepId, next.call);
    if (m_mode != RunMode::Hold && !atBreakpoint)
        return false;
    m_mode = RunMode::Hold;
    m_stoppedAt = here;
    if (m_state != ExecutorState::Paused)
        enterState(ExecutorState::Paused, atBreakpoint ? next.stepId : 0, next);
    return true;
}

// An injected failure fails the first step it matches, then is gone, as a simulated fault would.
bool Executor::Engine::takeInjectedFailure(Phase phase, StepId stepId, const StepCall &call)
{
    const QString spec = m_failures.match(phase, stepId, call);
    if (spec.isEmpty())
        return false;
    m_failures.remove(spec);
    return true;
}

std::optional<Work> Executor::Engine::nextTodo()
{
    const Step *next = m_plan.peekNextTodo();
    if (!next) {
        finish(ExecutorState::Succeeded);
        return std::nullopt;
    }
    const bool skipped = m_plan.isSkipped(next->todo.function);
    StepRef ref = StepRef::todo(*next);
    if (!skipped && holdBeforeStep(ref))
        return std::nullopt;
    if (m_state != ExecutorState::Running)
        enterState(ExecutorState::Running);
    const PlanMap::Taken taken = *m_plan.takeNextTodo();
    const bool fails = !skipped && takeInjectedFailure(Phase::Todo, next->id, next->todo);
    return Work{std::move(ref), taken.step, skipped, fails};
}

std::optional<Work> Executor::Engine::nextUndo()
{
    if (m_rollbackNext >= m_rollback.size()) {
        finish(m_failedUndo.isEmpty() ? ExecutorState::RolledBack : ExecutorState::RollbackFailed);
        return std::nullopt;
    }
    const UndoEntry &entry = m_rollback.at(m_rollbackNext);
    StepRef ref = StepRef::undo(entry);
    if (holdBeforeStep(ref))
        return std::nullopt;
    if (m_state != ExecutorState::RollingBack)
        enterState(ExecutorState::RollingBack);
    ++m_rollbackNext;
    const bool fails = takeInjectedFailure(Phase::Abort, entry.recordedBy, entry.call);
    return Work{std::move(ref), m_plan.find(entry.recordedBy), false, fails};
}

bool Executor::Engine::perform(const Work &work)
{
    ExecutionEvent event;
    event.kind = ExecutionEvent::Kind::Step;
    event.step = work.ref;
    if (work.skipped) {
        event.status = StepStatus::Skipped;
        emitEvent(std::move(event));
        return true;
    }
    event.status = StepStatus::Running;
    event.message = QStringLiteral("Calling ") + work.ref.call.bareName();
    emitEvent(event);

    QElapsedTimer timer;
    timer.start();
    StepContext context(*work.step, work.ref.call, work.ref.phase, m_plan,
                        m_options.environment.get());
    const Result<void> result = callStep(work, context);

    event.ms = double(timer.nsecsElapsed()) / 1e6;
    event.status = result.ok() ? StepStatus::Done : StepStatus::Failed;
    event.message = result.ok() ? QString() : result.error().message;
    event.output = context.output();
    emitEvent(std::move(event));
    return result.ok();
}

Result<void> Executor::Engine::callStep(const Work &work, StepContext &context) const
{
    const QString &function = work.ref.call.function;
    if (work.injectedFailure) {
        return Result<void>::failure(ErrorCode::InjectedFailure,
                                     QStringLiteral("Injected failure in %1").arg(function));
    }
    const StepFunction *body = m_registry->find(function);
    if (!body) {
        return Result<void>::failure(
            ErrorCode::UnknownStepFunction,
            QStringLiteral("No step function is registered as %1").arg(function));
    }
    try {
        return (*body)(context);
    } catch (const std::exception &error) {
        // Step functions report failures as results; an exception (yaml-cpp, the standard
        // library) still fails only this step.
        return Result<void>::failure(ErrorCode::StepFailed, QString::fromUtf8(error.what()));
    } catch (...) {
        return Result<void>::failure(
            ErrorCode::StepFailed, QStringLiteral("%1 raised an unknown exception").arg(function));
    }
}

void Executor::Engine::afterWork(const Work &work, bool ok)
{
    if (work.skipped)
        return;
    if (m_mode == RunMode::OneStep)
        m_mode = RunMode::Hold;
    if (work.ref.phase == Phase::Todo) {
        if (!ok) {
            m_plan.markCurrentFailed();
            beginRollback(RollbackCause::Failure);
        }
        return;
    }
    if (ok) {
        m_undoFailuresInARow = 0;
        return;
    }
    m_failedUndo.append(work.ref.call.toDisplayString());
    // ParaDrop's rule: one failing undo step is passed, a second in a row means the router
    // cannot be restored by going on.
    if (++m_undoFailuresInARow >= 2)
        finish(ExecutorState::RollbackFailed);
}

void Executor::Engine::beginRollback(RollbackCause cause)
{
    m_phase = Phase::Abort;
    m_cause = cause;
    m_rollback = m_plan.rollbackOrder();
    m_rollbackNext = 0;
    enterState(ExecutorState::RollingBack);
}

void Executor::Engine::enterState(ExecutorState state, StepId breakpoint, const StepRef &next)
{
    m_state = state;
    ExecutionEvent event;
    event.kind = ExecutionEvent::Kind::State;
    event.state = state;
    event.cause = m_cause;
    event.breakpoint = breakpoint;
    event.step = next;
    if (state == ExecutorState::RollingBack) {
        for (qsizetype i = m_rollbackNext; i < m_rollback.size(); ++i)
            event.pendingUndo.append(StepRef::undo(m_rollback.at(i)));
    }
    if (state == ExecutorState::RollbackFailed)
        event.failedUndo = m_failedUndo;
    if (isFinal(state))
        event.detail = m_finishDetail;
    if (isFinal(state) && !m_options.changeType.isEmpty()) {
        event.message = QStringLiteral("Completed %1 operation on chute %2: %3")
                            .arg(m_options.changeType, m_options.chute,
                                 state == ExecutorState::Succeeded ? QStringLiteral("success")
                                                                   : QStringLiteral("failure"));
    }
    emitEvent(std::move(event));
}

void Executor::Engine::finish(ExecutorState state)
{
    m_ending = state;
}

// The end of a run: the finishing hook (without the lock: it may talk to the router for a
// while), then the final state.
void Executor::Engine::completeRun(QMutexLocker<QMutex> &locker)
{
    ExecutorState state = *m_ending;
    if (m_options.onFinish) {
        locker.unlock();
        const Result<void> finished = m_options.onFinish(state);
        locker.relock();
        if (!finished && state == ExecutorState::Succeeded) {
            m_finishDetail = finished.error().message;
        } else if (!finished) {
            m_failedUndo.append(QStringLiteral("restore the router: ") + finished.error().message);
            state = ExecutorState::RollbackFailed;
        }
    }
    enterState(state);
}

void Executor::Engine::emitState()
{
    const QMutexLocker locker(&m_mutex);
    enterState(m_state);
}

void Executor::Engine::emitEvent(ExecutionEvent event)
{
    event.seq = ++m_seq;
    event.time = epochSeconds();
    m_sink->push(std::move(event));
}

Executor::Executor(PlanMap plan, std::shared_ptr<const StepRegistry> registry,
                   ExecutorOptions options, QObject *parent)
    : ExecutionSession(parent)
    , m_batcher(new EventBatcher(this))
    , m_engine(std::make_shared<Engine>(std::move(plan), std::move(registry), std::move(options),
                                        m_batcher->sink()))
{
    connect(m_batcher, &EventBatcher::batchReady, this, &Executor::deliver);
    m_engine->emitState();
}

Executor::~Executor()
{
    m_engine->shutDown();
}

void Executor::deliver(const EventBatch &batch)
{
    Q_EMIT eventsReady(batch);
    for (const ExecutionEvent &event : batch) {
        if (event.kind == ExecutionEvent::Kind::State && isFinal(event.state))
            Q_EMIT finished(event.state);
    }
}

ExecutorState Executor::state() const
{
    return m_engine->state();
}

Result<void> Executor::step()
{
    return m_engine->command(Command::Step);
}

Result<void> Executor::resume()
{
    return m_engine->command(Command::Resume);
}

Result<void> Executor::pause()
{
    return m_engine->command(Command::Pause);
}

Result<void> Executor::abort()
{
    return m_engine->command(Command::Abort);
}

void Executor::setBreakpoint(const StepMatcher &matcher, bool enabled)
{
    m_engine->setMatcher(Engine::Matchers::Breakpoints, matcher, enabled);
}

QStringList Executor::breakpoints() const
{
    return m_engine->matchers(Engine::Matchers::Breakpoints);
}

void Executor::setInjectedFailure(const StepMatcher &matcher, bool enabled)
{
    m_engine->setMatcher(Engine::Matchers::Failures, matcher, enabled);
}

QStringList Executor::injectedFailures() const
{
    return m_engine->matchers(Engine::Matchers::Failures);
}

} // namespace ChuteDeck::Core
