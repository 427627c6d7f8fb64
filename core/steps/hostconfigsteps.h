#pragma once

#include "core/plan/stepregistry.h"

namespace ChuteDeck::Core {

// The router-wide steps (ParaDrop's core.config devices, hostconfig and configservice modules):
// devices.*, hostconfig.*, configservice.*, and the services the sandbox does not provide
// (zerotier.configure, airshark.configure, services.configure_telemetry), which succeed without
// doing anything.
void registerHostConfigSteps(StepRegistry &registry);

} // namespace ChuteDeck::Core
