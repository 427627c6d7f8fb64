#pragma once

#include "core/plan/executionsession.h"
#include "core/plan/planmap.h"
#include "core/plan/stepregistry.h"

#include <QObject>

#include <functional>
#include <memory>

namespace ChuteDeck::Core {

class EventBatcher;

struct ExecutorOptions
{
    // An object living in the thread that runs the steps (WorkerThread::context()): the router's
    // I/O thread, since the steps talk to the router. Required.
    QObject *runContext = nullptr;
    std::shared_ptr<StepEnvironment> environment;
    // For ParaDrop's final message "Completed <type> operation on chute <name>: ..."; no final
    // message when empty.
    QString changeType;
    QString chute;
    // Runs on the run thread when the run has ended, before the final state is announced: the
    // router transaction's commit (Succeeded) or restore (RolledBack, RollbackFailed). A failure
    // after a rollback makes it RollbackFailed; after success it is reported in the final
    // event's `detail`.
    std::function<Result<void>(ExecutorState)> onFinish;
};

// Runs a PlanMap as DESIGN.md's state machine:
//   Ready → Running ⇄ Paused → Succeeded
//                   ↘ (a step failed, or abort) → RollingBack ⇄ Paused → RolledBack |
//                   RollbackFailed
// Steps run on the options' run thread; commands come from any thread and take effect between
// steps. Pauses and breakpoints stop *before* a step is taken, so its undo is not yet recorded.
// In a rollback one failing undo step is reported and passed, a second in a row stops the
// rollback; any failed undo step ends in RollbackFailed.
class Executor final : public ExecutionSession
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Executor)

public:
    Executor(PlanMap plan, std::shared_ptr<const StepRegistry> registry, ExecutorOptions options,
             QObject *parent = nullptr);
    // Stops between steps; waits for a running step unless called on the run thread itself.
    ~Executor() override;

    ExecutorState state() const override;
    Result<void> step() override;
    Result<void> resume() override;
    Result<void> pause() override;
    Result<void> abort() override;
    void setBreakpoint(const StepMatcher &matcher, bool enabled) override;
    QStringList breakpoints() const override;
    void setInjectedFailure(const StepMatcher &matcher, bool enabled) override;
    QStringList injectedFailures() const override;

private:
    class Engine;

    void deliver(const EventBatch &batch);

    EventBatcher *m_batcher;
    std::shared_ptr<Engine> m_engine; // shared with work queued to the run thread
};

} // namespace ChuteDeck::Core
