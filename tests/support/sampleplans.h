#pragma once

#include "core/plan/planmap.h"
#include "core/plan/stepregistry.h"
#include "tests/support/recordingsteps.h"

#include <memory>

namespace ChuteDeck::Tests {

// The plan ParaDrop generates to create a one-service chute (PLAN-SEMANTICS.md, "Steps per
// module"), before state.generate_service_plans at 23 adds the service's steps at 30, 31 and 87.
Core::PlanMap oneServiceCreatePlan(const QString &chute);

// A recording registry for that plan whose state.generate_service_plans really adds the steps
// of service "main" while the plan runs, as ParaDrop's does.
std::shared_ptr<Core::StepRegistry> oneServiceCreateRegistry(const std::shared_ptr<CallLog> &log);

// The preview of creating `count` copies of the chute in `chuteFolder` (named chute-0, chute-1,
// ...) in one aggregated plan: about 33 steps each for the two-services sample.
Core::PlanMap aggregatedCreatePreview(const QString &chuteFolder, int count);

// `count` steps of a no-op function at ascending priorities, for load tests and benchmarks.
Core::PlanMap noOpPlan(int count, const QString &function = QStringLiteral("bench.noop"));

} // namespace ChuteDeck::Tests
