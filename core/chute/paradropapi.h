#pragma once

#include "core/chute/chutespec.h"

#include <QJsonObject>

namespace ChuteDeck::Core {

// A chute as ParaDrop's API lists it (GET /api/v1/chutes/): {name, owner, state, version,
// environment, resources, services: {<service>: {name, state, allocation}}}. The CLI's
// `chutes --json` prints the same array.
QJsonObject chuteListEntry(const ChuteSpec &chute);

} // namespace ChuteDeck::Core
