#pragma once

#include "core/plan/planmap.h"

#include <QJsonArray>
#include <QJsonObject>

namespace ChuteDeck::Core {

// A plan as the CLI's `plan --json` and the agent's preview show it: per step id, priority,
// priorityName, name, args, serviceOf (per-service steps), chutes, description and abort
// ([{name, args}], empty when the step has no undo).
QJsonObject toJson(const Step &step);
QJsonArray toJson(const PlanMap &plan);

} // namespace ChuteDeck::Core
