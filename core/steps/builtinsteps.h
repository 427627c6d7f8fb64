#pragma once

#include "core/plan/stepregistry.h"

#include <memory>

namespace ChuteDeck::Core {

// The registry of every step function of the catalog (core/update/stepcatalog.h), written against
// the router primitives. Built once; shared by every executor.
//
// Real so far: state.generate_service_plans and the chute store steps (state.saveChute,
// state.revertChute, state.removeAllChutes). Every other step only records its call in
// var/lib/chutedeck/steps.log until it gets its effect on the router.
std::shared_ptr<const StepRegistry> builtinSteps();

// Where the recording steps write, relative to the router root.
QString recordedStepsLogPath();

} // namespace ChuteDeck::Core
