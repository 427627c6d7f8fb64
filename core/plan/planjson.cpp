#include "core/plan/planjson.h"

#include "core/plan/priority.h"

namespace ChuteDeck::Core {
namespace {

using namespace Qt::StringLiterals;

QJsonObject callToJson(const StepCall &call)
{
    QJsonObject json{{u"name"_s, call.function}, {u"args"_s, call.args.toJson()}};
    if (call.args.serviceOf() != ServiceOf::None)
        json.insert(u"serviceOf"_s, serviceOfName(call.args.serviceOf()));
    return json;
}

} // namespace

QJsonObject toJson(const Step &step)
{
    QJsonObject json = callToJson(step.todo);
    json.insert(u"id"_s, step.id);
    json.insert(u"priority"_s, step.priority);
    json.insert(u"priorityName"_s, priorityName(step.priority));
    json.insert(u"chutes"_s, QJsonArray::fromStringList(step.chutes));
    json.insert(u"description"_s, step.description);
    QJsonArray abort;
    for (const StepCall &undo : step.undo)
        abort.append(callToJson(undo));
    json.insert(u"abort"_s, abort);
    return json;
}

namespace {

Result<Step> stepFromJson(const QJsonObject &json)
{
    Result<StepCall> todo = stepCallFromJson(json);
    if (!todo)
        return todo.error();
    Step step;
    step.id = json.value(u"id"_s).toInt();
    step.priority = json.value(u"priority"_s).toInt();
    step.todo = std::move(todo).value();
    step.description = json.value(u"description"_s).toString();
    for (const auto &chute : json.value(u"chutes"_s).toArray())
        step.chutes.append(chute.toString());
    step.update = step.chutes.value(0);
    for (const auto &undo : json.value(u"abort"_s).toArray()) {
        Result<StepCall> call = stepCallFromJson(undo.toObject());
        if (!call)
            return Error{call.error().code, u"abort: "_s + call.error().message};
        step.undo.append(std::move(call).value());
    }
    return step;
}

} // namespace

Result<PlanMap> planFromJson(const QJsonArray &steps)
{
    QList<Step> parsed(steps.size());
    for (qsizetype i = 0; i < steps.size(); ++i) {
        Result<Step> step = stepFromJson(steps.at(i).toObject());
        if (!step)
            return Error{step.error().code, u"steps[%1]: %2"_s.arg(i).arg(step.error().message)};
        const StepId id = step.value().id;
        if (id < 1 || id > steps.size() || parsed.at(id - 1).id != 0)
            return Error{ErrorCode::InvalidRequest,
                         u"steps[%1]: id %2: the ids must run from 1 to %3 without gaps"_s.arg(i)
                             .arg(id)
                             .arg(steps.size())};
        parsed[id - 1] = std::move(step).value();
    }
    PlanMap plan;
    for (const Step &step : std::as_const(parsed)) {
        if (const Result<StepId> added = plan.add(step); !added) // keeps step.chutes
            return added.error();
    }
    return plan;
}

QJsonArray toJson(const PlanMap &plan)
{
    QJsonArray steps;
    for (qsizetype i = 0; i < plan.size(); ++i)
        steps.append(toJson(plan.at(i)));
    return steps;
}

} // namespace ChuteDeck::Core
