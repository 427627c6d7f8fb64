#pragma once

#include "core/base/result.h"
#include "core/plan/executionevent.h"
#include "core/plan/stepmatcher.h"

#include <QObject>
#include <QStringList>

namespace ChuteDeck::Core {

// How a front end (GUI, CLI, tests) drives one change, wherever it runs: the local Executor
// implements it, and so does the client that follows an agent's executor over HTTP.
//
// Commands may be called from any thread and return at once: a command that the current state
// allows is accepted and takes effect between steps; anything else is rejected with the reason.
// Events arrive in batches through eventsReady() on the session's own thread, and finished() comes
// after the batch that holds the final state event.
class ExecutionSession : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExecutionSession)

public:
    using QObject::QObject;
    ~ExecutionSession() override;

    virtual ExecutorState state() const = 0;

    // Run one step (or one undo step during a rollback), then pause. While running: pause after
    // the step in progress.
    virtual Result<void> step() = 0;
    // Run until the end, a breakpoint or a pause.
    virtual Result<void> resume() = 0;
    // Pause before the next step.
    virtual Result<void> pause() = 0;
    // Roll back everything done so far. A rollback itself cannot be aborted.
    virtual Result<void> abort() = 0;

    virtual void setBreakpoint(const StepMatcher &matcher, bool enabled) = 0;
    virtual QStringList breakpoints() const = 0;
    // The first step matched does nothing and fails (then the failure is used up); for
    // simulation and tests.
    virtual void setInjectedFailure(const StepMatcher &matcher, bool enabled) = 0;
    virtual QStringList injectedFailures() const = 0;

Q_SIGNALS:
    void eventsReady(const ChuteDeck::Core::EventBatch &events);
    void finished(ChuteDeck::Core::ExecutorState state);
};

} // namespace ChuteDeck::Core
