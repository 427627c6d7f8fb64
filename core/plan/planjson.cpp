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

QJsonArray toJson(const PlanMap &plan)
{
    QJsonArray steps;
    for (qsizetype i = 0; i < plan.size(); ++i)
        steps.append(toJson(plan.at(i)));
    return steps;
}

} // namespace ChuteDeck::Core
