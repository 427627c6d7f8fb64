#pragma once

#include "core/plan/stepregistry.h"

namespace ChuteDeck::Core {

// ParaDrop's files, dockerconfig, haproxy, resource, security, power and snap steps, and the
// factory reset's dockerapi.removeAllContainers.
void registerFileSteps(StepRegistry &registry);

// The sandbox's stand-in for a chute's address when it has no allocated interface for its web
// service: what Docker gives the first container on its default bridge.
QString sandboxContainerAddress();

} // namespace ChuteDeck::Core
