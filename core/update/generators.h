#pragma once

#include "core/base/result.h"
#include "core/plan/planmap.h"
#include "core/update/update.h"

#include <QList>

namespace ChuteDeck::Core {

// The plan of one update, from ParaDrop's generators (PLAN-SEMANTICS.md, "Steps per module"):
// the modules of the update's class in order; validate_change rejects with ParaDrop's message.
// Per-service steps are not part of it: state.generate_service_plans adds them when it runs.
Result<PlanMap> generateUpdatePlan(const Update &update);
// The same steps in generation order, not yet in a plan (ids 0).
Result<QList<Step>> generateUpdateSteps(const Update &update);

// The steps state.generate_service_plans adds for an update, in the order it adds them:
// per new service (YAML order) prepare_image, check_image, start_container; then per installed
// service remove_container and remove_image.
QList<Step> servicePlanSteps(const Update &update);

} // namespace ChuteDeck::Core
