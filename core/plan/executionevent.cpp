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

namespace {

Error invalidEvent(const QString &message)
{
    return Error{ErrorCode::InvalidRequest, message};
}

// The enum value whose name (as `nameOf` gives it) is json[key].
template<typename Enum, typename NameOf>
Result<Enum> enumField(const QJsonObject &json, const QString &key, std::initializer_list<Enum> all,
                       NameOf nameOf)
{
    const QString name = json.value(key).toString();
    for (Enum value : all) {
        if (nameOf(value) == name)
            return value;
    }
    return invalidEvent(QStringLiteral("%1: unknown value '%2'").arg(key, name.left(40)));
}

Result<ExecutorState> stateField(const QJsonObject &json)
{
    using S = ExecutorState;
    return enumField(json, QStringLiteral("state"),
                     {S::Ready, S::Running, S::Paused, S::Succeeded, S::RollingBack, S::RolledBack,
                      S::RollbackFailed},
                     executorStateName);
}

Result<void> readStateEvent(const QJsonObject &json, ExecutionEvent &event)
{
    const Result<ExecutorState> state = stateField(json);
    if (!state)
        return state.error();
    event.state = state.value();
    if (json.contains(QStringLiteral("cause"))) {
        const Result<RollbackCause> cause
            = enumField(json, QStringLiteral("cause"),
                        {RollbackCause::Failure, RollbackCause::Abort}, rollbackCauseName);
        if (!cause)
            return cause.error();
        event.cause = cause.value();
    }
    for (const auto &pending : json.value(QStringLiteral("pendingUndo")).toArray()) {
        const Result<StepRef> step = stepRefFromJson(pending.toObject());
        if (!step)
            return invalidEvent(QStringLiteral("pendingUndo: ") + step.error().message);
        event.pendingUndo.append(step.value());
    }
    for (const auto &failed : json.value(QStringLiteral("failedUndo")).toArray())
        event.failedUndo.append(failed.toString());
    event.detail = json.value(QStringLiteral("detail")).toString();
    event.breakpoint = json.value(QStringLiteral("breakpoint")).toInt();
    if (json.contains(QStringLiteral("next"))) {
        const Result<StepRef> next = stepRefFromJson(json.value(QStringLiteral("next")).toObject());
        if (!next)
            return invalidEvent(QStringLiteral("next: ") + next.error().message);
        event.step = next.value();
    }
    return Result<void>::success();
}

Result<void> readStepEvent(const QJsonObject &json, ExecutionEvent &event)
{
    const Result<StepRef> step = stepRefFromJson(json);
    if (!step)
        return step.error();
    using S = StepStatus;
    const Result<StepStatus> status
        = enumField(json, QStringLiteral("status"), {S::Running, S::Done, S::Failed, S::Skipped},
                    stepStatusName);
    if (!status)
        return status.error();
    event.step = step.value();
    event.status = status.value();
    event.ms = json.value(QStringLiteral("ms")).toDouble();
    event.output = json.value(QStringLiteral("output")).toString();
    return Result<void>::success();
}

} // namespace

Result<StepRef> stepRefFromJson(const QJsonObject &json)
{
    const Result<StepCall> call = stepCallFromJson(json);
    if (!call)
        return call.error();
    const Result<Phase> phase
        = enumField(json, QStringLiteral("phase"), {Phase::Todo, Phase::Abort}, phaseName);
    if (!phase)
        return phase.error();
    QStringList chutes;
    for (const auto &chute : json.value(QStringLiteral("chutes")).toArray())
        chutes.append(chute.toString());
    return StepRef{call.value(), StepId(json.value(QStringLiteral("stepId")).toInt()),
                   json.value(QStringLiteral("priority")).toInt(), phase.value(), chutes};
}

Result<ExecutionEvent> executionEventFromJson(const QJsonObject &json)
{
    ExecutionEvent event;
    const QString kind = json.value(QStringLiteral("kind")).toString();
    if (kind != QStringLiteral("state") && kind != QStringLiteral("step"))
        return invalidEvent(QStringLiteral("kind: unknown value '%1'").arg(kind.left(40)));
    event.kind
        = kind == QStringLiteral("step") ? ExecutionEvent::Kind::Step : ExecutionEvent::Kind::State;
    event.seq = json.value(QStringLiteral("seq")).toInteger();
    event.time = json.value(QStringLiteral("time")).toDouble();
    event.message = json.value(QStringLiteral("message")).toString();
    const Result<void> read = event.kind == ExecutionEvent::Kind::Step
                                  ? readStepEvent(json, event)
                                  : readStateEvent(json, event);
    if (!read)
        return read.error();
    return event;
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
