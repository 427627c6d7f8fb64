#pragma once

#include "core/plan/stepregistry.h"

namespace ChuteDeck::Core {

// ParaDrop's state module: service plans and the chute store.
void registerStateSteps(StepRegistry &registry);

} // namespace ChuteDeck::Core
