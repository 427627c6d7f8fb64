#pragma once

#include "core/chute/chutespec.h"

#include <nlohmann/json.hpp>

namespace ChuteDeck::Core {

// The services form of paradrop.yaml as an ordered tree (services, interfaces and environment
// variables in the chute's order), for chuteToJson() and the chute store. Fields at their default
// are left out; ChuteReader reads the tree back to an equal chute.
nlohmann::ordered_json chuteTree(const ChuteSpec &chute);

} // namespace ChuteDeck::Core
