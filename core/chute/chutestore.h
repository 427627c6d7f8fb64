#pragma once

#include "core/base/result.h"
#include "core/chute/chutespec.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace ChuteDeck::Core {

// The chute store (var/lib/paradrop/chutes.yaml): the installed chutes in install order, as a YAML
// list of {name, state, version, owner, config}, where config is the chute's paradrop.yaml in the
// services form (chuteToJson()). The same list always gives the same bytes, and free text
// (environment values, SSIDs, keys) survives byte for byte.
QByteArray chuteStoreToYaml(const QList<ChuteSpec> &chutes);

// An empty file (or one holding only comments) is a store without chutes. Errors name the file,
// line and field: "chutes.yaml:14: [1].config.services.main.type: unknown service type 'x' ...".
Result<QList<ChuteSpec>> parseChuteStore(const QByteArray &text, const QString &fileName);

} // namespace ChuteDeck::Core
