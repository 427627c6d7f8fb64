#pragma once

#include "core/base/result.h"
#include "core/remote/agent/agentchange.h"

#include <QJsonArray>
#include <QJsonObject>

namespace ChuteDeck::Core {

class Router;

// Turns what a ParaDrop request carries into a checked ChangeOrder: the input is validated now, so
// a bad request is a 4xx at once and never reaches the router; whether the change applies
// (validate_change) is decided when its turn comes. Files go to the order's staging folder.
namespace ChangeOrders {

// create/update from a chute's configuration (paradrop.yaml as JSON). `urlName`, when given, must
// match the configuration's name (which it provides when missing).
Result<ChangeOrder> fromConfig(UpdateType type, QJsonObject config, const QString &urlName = {});
// create/update from a tar upload holding paradrop.yaml and the chute's sources.
Result<ChangeOrder> fromTar(UpdateType type, const QByteArray &tar, const QString &urlName = {});
// start/stop/restart/delete of an installed chute; start and restart may replace its environment.
Result<ChangeOrder> forChute(UpdateType type, const QString &name,
                             std::optional<TextPairs> environment = {});
// PUT /api/v1/chutes/<name>/config: a restart with a new configuration, as ParaDrop did.
Result<ChangeOrder> withConfig(const QString &name, QJsonObject config);
// sethostconfig with a whole host configuration.
Result<ChangeOrder> setHostConfig(const QJsonObject &config);
// patchhostconfig with an RFC 6902 patch, checked against the router's host configuration now.
Result<ChangeOrder> patchHostConfig(const QJsonArray &patch, Router &router);
// POST /api/v1/changes/: ParaDrop's raw update {name, updateClass, updateType, config, patch,
// environment}.
Result<ChangeOrder> fromRawUpdate(const QJsonObject &update, Router &router);

} // namespace ChangeOrders
} // namespace ChuteDeck::Core
