#pragma once

#include "core/plan/planmap.h"
#include "core/plan/stepmatcher.h"
#include "core/remote/http/agentclient.h"
#include "core/update/changerequest.h"
#include "core/update/update.h"

#include <QList>

namespace ChuteDeck::Core {
class Router;
}

namespace ChuteDeck::Cli {

struct ApplyOptions
{
    bool json = false;
    bool stepByStep = false;
    QList<Core::StepMatcher> breakpoints;
    QList<Core::StepMatcher> failures;
    // http(s):// routers: the agent holds a change to the network configuration this long for a
    // confirmation, which the CLI sends once the change succeeded (it can still reach the agent),
    // unless `confirm` is off (then `chutedeck-cli confirm|revert` settles it).
    int confirmTimeoutSeconds = 90;
    bool confirm = true;
};

// Runs the plan on the router's thread and reports it: live step lines on stdout (text), or one
// JSON object at the end {"result", "message", "steps"}. Returns the exit code.
int runApply(Core::Router &router, const QList<Core::Update> &updates, Core::PlanMap plan,
             const ApplyOptions &options);

// The same, on a chutedeck-agent at `router` (http://host:port): the agent runs the change, this
// process follows and drives it, and prints and exits exactly as a local apply does.
struct AgentLogin
{
    Core::AgentCredentials credentials;
    Core::CertificateTrust certificate; // https:// agents
};
int runRemoteApply(const QUrl &router, const AgentLogin &login, const Core::ChangeRequest &request,
                   const ApplyOptions &options);

} // namespace ChuteDeck::Cli
