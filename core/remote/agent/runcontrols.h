#pragma once

#include "core/base/result.h"
#include "core/plan/stepmatcher.h"
#include "core/remote/agent/httpmessage.h"

#include <QList>

#include <chrono>
#include <optional>

namespace ChuteDeck::Core {

// How a client wants a change run (ChuteDeck's extensions of ParaDrop's requests): paused before
// its first step (`mode: "step"`), with breakpoints, and with injected failures (`fail_at`, only
// on an agent started with --allow-fault-injection). Taken from the JSON body's top-level fields,
// or from query parameters for tar uploads (comma-separated lists).
struct RunControls
{
    bool stepMode = false;
    QList<StepMatcher> breakpoints;
    QList<StepMatcher> failures;
    // `confirm_timeout` (seconds): a change to the network, wireless, firewall, DHCP or host
    // configuration then awaits confirmation this long after it succeeds, and is reverted without
    // it. ParaDrop's clients do not send it, and get ParaDrop's behaviour: committed at once.
    std::optional<std::chrono::seconds> confirmTimeout;

    // The controls of `request`, and the request with the control fields taken out of its JSON
    // body (so the routes see ParaDrop's body). Errors name the field: "breakpoints[1]: ...".
    static Result<RunControls> take(HttpRequest &request);
    // A list of matchers in JSON: step ids (integers) and names, as `field` (for errors).
    static Result<QList<StepMatcher>> matchers(const QJsonValue &value, const QString &field);
};

QJsonArray toJson(const QList<StepMatcher> &matchers);

} // namespace ChuteDeck::Core
