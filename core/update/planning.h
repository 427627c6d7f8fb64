#pragma once

#include "core/base/result.h"
#include "core/plan/planmap.h"
#include "core/update/update.h"

#include <QList>

namespace ChuteDeck::Core {

// One plan for one or several updates (DESIGN.md, "Steps, plans and aggregation"): each update's
// steps in generation order, interleaved by priority, ties in the order the updates are given.
// Router-wide steps (the reloads, the proxy) are kept once, at their first position, and name
// every update that asked for them. If one update is rejected, the whole plan is: the message is
// validate_change's, prefixed with the chute's name when there are several updates.
Result<PlanMap> generatePlan(const QList<Update> &updates);

// The plan as it will run: with the per-service steps that each state.generate_service_plans
// adds when it runs, under the ids the run will give them.
PlanMap previewPlan(const PlanMap &plan, const QList<Update> &updates);

// The update an aggregated plan's step belongs to, or nullptr.
const Update *findUpdate(const QList<Update> &updates, const QString &name);

} // namespace ChuteDeck::Core
