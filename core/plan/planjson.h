#pragma once

#include "core/base/result.h"
#include "core/plan/planmap.h"

#include <QJsonArray>
#include <QJsonObject>

namespace ChuteDeck::Core {

// A plan as the CLI's `plan --json` and the agent's preview show it: per step id, priority,
// priorityName, name, args, serviceOf (per-service steps), chutes, description and abort
// ([{name, args}], empty when the step has no undo).
QJsonObject toJson(const Step &step);
QJsonArray toJson(const PlanMap &plan);
// The inverse, for a plan previewed elsewhere (the agent's POST /api/v1/changes/preview): the
// steps are added in id order, so the ids must run from 1 without gaps, as generation makes them.
Result<PlanMap> planFromJson(const QJsonArray &steps);

} // namespace ChuteDeck::Core
