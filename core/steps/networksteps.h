#pragma once

#include "core/plan/stepregistry.h"

namespace ChuteDeck::Core {

// The chute's networks in the router's UCI files (ParaDrop's core.config network, wifi,
// firewall, dhcp and reservations modules): reservations.*, network.*, wifi.*, firewall.*,
// dhcp.*. Every section a chute owns is named after the chute and its interface and carries
// `option paradrop_chute '<chute>'`; each set step replaces those sections, and its revert step
// puts the file back as it was before (replaceFile/restoreFile).
void registerNetworkSteps(StepRegistry &registry);

} // namespace ChuteDeck::Core
