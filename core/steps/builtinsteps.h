#pragma once

#include "core/plan/stepregistry.h"

#include <memory>

namespace ChuteDeck::Core {

// The registry of every step function of the catalog (core/update/stepcatalog.h), written against
// the router primitives, so the same steps act on a sandbox, over SSH or in the agent. Built
// once; shared by every executor.
std::shared_ptr<const StepRegistry> builtinSteps();

} // namespace ChuteDeck::Core
