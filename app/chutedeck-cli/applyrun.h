#pragma once

#include "app/chutedeck-cli/agentoptions.h"
#include "core/plan/planmap.h"
#include "core/plan/stepmatcher.h"
#include "core/remote/http/agentclient.h"
#include "core/update/changerequest.h"
#include "core/update/update.h"

#include <QList>

#include <chrono>
#include <functional>
#include <memory>

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
    // Confirm-or-revert (DESIGN.md): how long a change that touched networking or the host
    // configuration stays pending after its run, whether the user confirms it by hand, and how to
    // open a fresh connection that proves the router is still reachable before confirming (an
    // agent is asked over the connection that followed the run: reaching it is the proof).
    std::chrono::seconds confirmTimeout{90};
    bool manualConfirm = false;
    std::function<Core::Result<std::unique_ptr<Core::Router>>()> reopenRouter;
};

// Runs the plan on the router's thread and reports it: live step lines on stdout (text), or one
// JSON object at the end {"result", "message", "steps", "transaction"}. Over SSH a watchdog
// guards the transaction (sshwatchdog.h); a pending transaction is then confirmed, or left
// pending with --manual-confirm (transactioncommands.h). Returns the exit code.
int runApply(Core::Router &router, const QList<Core::Update> &updates, Core::PlanMap plan,
             const ApplyOptions &options);

// The same, on a chutedeck-agent at `router` (http://host:port): the agent runs the change, this
// process follows and drives it, and prints and exits exactly as a local apply does.
int runRemoteApply(const QUrl &router, const AgentLogin &login, const Core::ChangeRequest &request,
                   const ApplyOptions &options);

} // namespace ChuteDeck::Cli
