#pragma once

#include "core/base/result.h"
#include "core/update/update.h"

#include <QList>
#include <QStringList>

namespace ChuteDeck::Core {

class Router;

// A change as a front end asks for it: the type and the inputs that type needs.
struct ChangeRequest
{
    UpdateType type = UpdateType::Create;
    QStringList chuteSources; // create, update: chute folders or paradrop.yaml files
    QStringList chuteNames;   // start, stop, restart, delete
    QString hostConfigFile;   // sethostconfig: YAML or JSON
    QString patchFile;        // patchhostconfig: RFC 6902 JSON Patch
    // The desktop's editors give text instead of a file (used when the file is empty); errors name
    // the text by `textName` ("hostconfig:7: system.chutePrefixSize: ...").
    QByteArray hostConfigText = {};
    QByteArray patchText = {};
    QString textName = QStringLiteral("editor");
};

// Reads what the request names and what the router has installed, and makes the updates of one
// (possibly aggregated) plan. Invalid input fails with the file, line and field
// (InvalidChute, InvalidHostConfig, InvalidPatch); a request lacking what its type needs fails
// with InvalidRequest. Rejections (validate_change) are not decided here but by generatePlan().
Result<QList<Update>> buildUpdates(const ChangeRequest &request, Router &router);

// "Chute web create success" for each update, as ParaDrop reported a successful change.
QString successMessage(const QList<Update> &updates);

} // namespace ChuteDeck::Core
