#pragma once

#include "core/plan/stepregistry.h"

namespace ChuteDeck::Core {

// ParaDrop's dockerapi module on the sandbox container runtime (containerruntime.h): images,
// containers, the chute's bridge and interfaces, and the CPU shares. Undo steps restore exactly
// what their own step changed (runtimesupport.h).
void registerDockerSteps(StepRegistry &registry);

} // namespace ChuteDeck::Core
