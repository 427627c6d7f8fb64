#pragma once

#include "core/base/result.h"
#include "core/plan/planmap.h"
#include "core/plan/stepregistry.h"

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace ChuteDeck::Core {

enum class ExecutorState : quint8 {
    Ready,
    Running,
    Paused,
    Succeeded,
    RollingBack,
    RolledBack,
    RollbackFailed,
};
QString executorStateName(ExecutorState state); // "rolling-back"
bool isFinal(ExecutorState state);

enum class RollbackCause : quint8 { None, Failure, Abort };
QString rollbackCauseName(RollbackCause cause); // "", "failure", "abort"

enum class StepStatus : quint8 { Running, Done, Failed, Skipped };
QString stepStatusName(StepStatus status);

QString phaseName(Phase phase); // "todo", "abort"

// A step as the event stream names it: a todo step, or an undo call with the id and priority of
// the step that recorded it.
struct StepRef
{
    StepCall call;
    StepId stepId = 0;
    int priority = 0;
    Phase phase = Phase::Todo;
    QStringList chutes; // the update it belongs to, then any others that asked for it

    static StepRef todo(const Step &step);
    static StepRef undo(const UndoEntry &entry);

    friend bool operator==(const StepRef &, const StepRef &) = default;
};

// One event of a change's run (DESIGN.md, "Execution and safety"): a state transition of the
// executor, or a step starting or ending. seq numbers the events of one change from 1, so a client
// that reconnects can drop what it has already seen.
struct ExecutionEvent
{
    enum class Kind : quint8 { State, Step };

    Kind kind = Kind::State;
    qint64 seq = 0;
    double time = 0; // epoch seconds

    // State events.
    ExecutorState state = ExecutorState::Ready;
    RollbackCause cause = RollbackCause::None; // set from the start of a rollback on
    QList<StepRef> pendingUndo;                // on rolling-back: the undo steps about to run
    StepId breakpoint = 0;                     // on paused at a breakpoint: the step it stops at
    QStringList failedUndo;                    // on rollback-failed: the undo steps that failed
    QString detail; // on the final state: what went wrong after the run (a failed commit)

    // Step events: the step. Paused state events: the step the run stopped before.
    StepRef step;
    StepStatus status = StepStatus::Running;
    double ms = 0; // duration, on done and failed

    // ParaDrop's progress text: "Calling <function>" for a step, the error for a failed step,
    // and "Completed <type> operation on chute <name>: success|failure" on the final state.
    QString message;
    QString output;

    friend bool operator==(const ExecutionEvent &, const ExecutionEvent &) = default;
};

using EventBatch = QList<ExecutionEvent>;

// The one serializer for the CLI's JSON, the agent's stream and the journal.
QJsonObject toJson(const ExecutionEvent &event);
QJsonObject toJson(const StepRef &step);
// The inverse, for clients of the agent's stream: fromJson(toJson(e)) == e for every event the
// executor emits. Errors name the field ("status: unknown value 'later'").
Result<ExecutionEvent> executionEventFromJson(const QJsonObject &json);
Result<StepRef> stepRefFromJson(const QJsonObject &json);

} // namespace ChuteDeck::Core

Q_DECLARE_METATYPE(ChuteDeck::Core::ExecutionEvent)
Q_DECLARE_METATYPE(ChuteDeck::Core::EventBatch)
