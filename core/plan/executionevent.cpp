#include "core/plan/executionevent.h"

#include "core/plan/priority.h"

#include <QJsonArray>

namespace ChuteDeck::Core {

QString executorStateName(ExecutorState state)
{
    switch (state) {
    case ExecutorState::Ready:
        return QStringLiteral("ready");
    case ExecutorState::Running:
        return QStringLiteral("running");
    case ExecutorState::Paused:
        return QStringLiteral("paused");
    case ExecutorState::Succeeded:
        return QStringLiteral("succeeded");
    case ExecutorState::RollingBack:
        return QStringLiteral("rolling-back");
    case ExecutorState::RolledBack:
        return QStringLiteral("rolled-back");
    case ExecutorState::RollbackFailed:
        return QStringLiteral("rollback-failed");
    }
    return {};
}

bool isFinal(ExecutorState state)
{
    return state == ExecutorState::Succeeded || state == ExecutorState::RolledBack
           || state == ExecutorState::RollbackFailed;
}

QString rollbackCauseName(RollbackCause cause)
{
    switch (cause) {
    case RollbackCause::None:
        return {};
    case RollbackCause::Failure:
        return QStringLiteral("failure");
    case RollbackCause::Abort:
        return QStringLiteral("abort");
    }
    return {};
}

QString stepStatusName(StepStatus status)
{
    switch (status) {
    case StepStatus::Running:
        return QStringLiteral("running");
    case StepStatus::Done:
        return QStringLiteral("done");
    case StepStatus::Failed:
        return QStringLiteral("failed");
    case StepStatus::Skipped:
        return QStringLiteral("skipped");
    }
    return {};
}

QString phaseName(Phase phase)
{
    return phase == Phase::Todo ? QStringLiteral("todo") : QStringLiteral("abort");
}

StepRef StepRef::todo(const Step &step)
{
    return {step.todo, step.id, step.priority, Phase::Todo, step.chutes};
}

StepRef StepRef::undo(const UndoEntry &entry)
{
    return {entry.call, entry.recordedBy, entry.priority, Phase::Abort,
            entry.update.isEmpty() ? QStringList() : QStringList{entry.update}};
}

QJsonObject toJson(const StepRef &step)
{
    QJsonObject json{
        {QStringLiteral("phase"), phaseName(step.phase)},
        {QStringLiteral("priority"), step.priority},
        {QStringLiteral("priorityName"), priorityName(step.priority)},
        {QStringLiteral("name"), step.call.function},
        {QStringLiteral("args"), step.call.args.toJson()},
        {QStringLiteral("stepId"), step.stepId},
        {QStringLiteral("chutes"), QJsonArray::fromStringList(step.chutes)},
    };
    if (step.call.args.serviceOf() != ServiceOf::None)
        json.insert(QStringLiteral("serviceOf"), serviceOfName(step.call.args.serviceOf()));
    return json;
}

QJsonObject toJson(const ExecutionEvent &event)
{
    QJsonObject json;
    if (event.kind == ExecutionEvent::Kind::Step) {
        json = toJson(event.step);
        json.insert(QStringLiteral("kind"), QStringLiteral("step"));
        json.insert(QStringLiteral("status"), stepStatusName(event.status));
        if (event.status == StepStatus::Done || event.status == StepStatus::Failed)
            json.insert(QStringLiteral("ms"), event.ms);
        if (!event.output.isEmpty())
            json.insert(QStringLiteral("output"), event.output);
    } else {
        json.insert(QStringLiteral("kind"), QStringLiteral("state"));
        json.insert(QStringLiteral("state"), executorStateName(event.state));
        if (event.cause != RollbackCause::None)
            json.insert(QStringLiteral("cause"), rollbackCauseName(event.cause));
        if (event.state == ExecutorState::RollingBack) {
            QJsonArray pending;
            for (const StepRef &step : event.pendingUndo)
                pending.append(toJson(step));
            json.insert(QStringLiteral("pendingUndo"), pending);
        }
        if (event.state == ExecutorState::RollbackFailed)
            json.insert(QStringLiteral("failedUndo"), QJsonArray::fromStringList(event.failedUndo));
        if (!event.detail.isEmpty())
            json.insert(QStringLiteral("detail"), event.detail);
        if (event.state == ExecutorState::Paused && !event.step.call.function.isEmpty())
            json.insert(QStringLiteral("next"), toJson(event.step));
        if (event.breakpoint != 0)
            json.insert(QStringLiteral("breakpoint"), event.breakpoint);
    }
    json.insert(QStringLiteral("seq"), event.seq);
    json.insert(QStringLiteral("time"), event.time);
    if (!event.message.isEmpty())
        json.insert(QStringLiteral("message"), event.message);
    return json;
}

} // namespace ChuteDeck::Core
