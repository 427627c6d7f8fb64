#pragma once

#include "core/plan/executionevent.h"

#include <QJsonArray>
#include <QList>
#include <QString>

namespace ChuteDeck::Core {

// Follows a run's events and keeps what its end shows: every step taken, in order, with its final
// status, and how the run ended. The CLI's `apply --json` and the GUI's summary read it.
class RunReport
{
public:
    void add(const EventBatch &events);
    void add(const ExecutionEvent &event);

    bool isFinished() const { return isFinal(m_state); }
    ExecutorState state() const { return m_state; }
    RollbackCause cause() const { return m_cause; }
    // "succeeded", "rolled-back", "aborted" (rolled back after a user abort), "rollback-failed".
    QString resultName() const;
    // The first failed step's message (the failure that caused the rollback), or empty.
    const QString &failureMessage() const { return m_failureMessage; }
    // ParaDrop's final text, when the executor knew the change ("Completed create operation ...").
    const QString &finalMessage() const { return m_finalMessage; }

    // The last event of each step taken (todo and undo), in the order they started.
    const QList<ExecutionEvent> &takenSteps() const { return m_steps; }
    QJsonArray takenStepsJson() const;

private:
    QList<ExecutionEvent> m_steps;
    QString m_failureMessage;
    QString m_finalMessage;
    ExecutorState m_state = ExecutorState::Ready;
    RollbackCause m_cause = RollbackCause::None;
};

} // namespace ChuteDeck::Core
