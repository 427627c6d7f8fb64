#pragma once

#include "core/base/result.h"
#include "core/plan/stepmatcher.h"
#include "core/remote/http/agentclient.h"
#include "core/update/changerequest.h"

#include <QDateTime>
#include <QJsonValue>

namespace ChuteDeck::Core {

// How a change should run on the agent (its query parameters, issue 9).
struct RemoteRunOptions
{
    bool stepMode = false;
    QStringList breakpoints; // StepMatcher specs
    QStringList failures;    // fail_at: the agent must allow fault injection
    // confirm_timeout: ChuteDeck always asks the agent to hold a change to the network
    // configuration until it is confirmed (DESIGN.md, confirm-or-revert); 0 leaves it out.
    int confirmTimeoutSeconds = 90;
};

// The request that submits `change` to an agent (POST /api/v1/changes/, or .../preview): a chute
// folder as a tar with ?updateType=create|update, any other change as ParaDrop's raw update.
// Files are read here, so their errors name the file. Aggregated plans of several chutes are
// refused: they stay with local and SSH routers.
Result<AgentRequest> remoteChangeRequest(const ChangeRequest &change, const RemoteRunOptions &run,
                                         bool preview = false);

// Whether an agent's change summary ({"status", "deadline", ...}) says that the agent holds the
// change for a confirmation, and until when (its "deadline", epoch seconds; returned in UTC).
bool isHeldForConfirmation(const QJsonValue &summary);
QDateTime heldUntil(const QJsonValue &summary);

// A tar of a chute: every file under a folder (names relative to it), or one paradrop.yaml.
Result<QByteArray> chuteTar(const QString &source);

} // namespace ChuteDeck::Core
