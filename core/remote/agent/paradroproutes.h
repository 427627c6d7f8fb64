#pragma once

#include "core/remote/agent/httpmessage.h"
#include "core/remote/agent/runcontrols.h"

#include <QStringList>

#include <optional>

class QWebSocket;

namespace ChuteDeck::Core {

class AgentChange;
class ChangeQueue;
class Router;
struct ChangeOrder;
class TokenSigner;
class UserAccounts;

// ParaDrop's local HTTP API (PLAN-SEMANTICS.md) over a router and the agent's change queue, as
// ParaDrop's pdtools uses it: login, chutes, changes and their stream, the host configuration.
// Paths answer with and without the trailing slash. Every route but the login needs a bearer
// token; gate() decides that from the request head alone.
class ParadropRoutes
{
public:
    ParadropRoutes(Router &router, ChangeQueue &changes, const UserAccounts &accounts,
                   const TokenSigner &tokens);

    // fail_at (injected failures) is refused with 403 unless the agent was started to allow it.
    void setFaultInjectionAllowed(bool allowed) { m_faultInjectionAllowed = allowed; }

    // nullopt lets the request on; else the refusal (401 without a valid token, 404 for a stream
    // of no change).
    std::optional<HttpResponse> gate(const HttpRequest &request) const;
    HttpResponse handle(const HttpRequest &request);
    // A websocket that passed gate(): /ws/changes/<id>/stream[?format=chutedeck&from=SEQ].
    void follow(QWebSocket *socket);

private:
    HttpResponse login(const HttpRequest &request) const;
    HttpResponse chutes(const HttpRequest &request, const QStringList &parts);
    HttpResponse chuteAction(const HttpRequest &request, const QString &name,
                             const QString &action);
    HttpResponse chuteConfig(const HttpRequest &request, const QString &name);
    HttpResponse changes(const HttpRequest &request, const QStringList &parts);
    HttpResponse hostConfig(const HttpRequest &request);
    HttpResponse route(const HttpRequest &request, const QStringList &parts);
    HttpResponse submit(const ChangeOrder &order);
    // ChuteDeck's routes: /api/v1/changes/preview and /api/v1/changes/<id>/<action>.
    HttpResponse changeOrderOf(const HttpRequest &request, bool preview);
    HttpResponse changeAction(const HttpRequest &request, AgentChange *change,
                              const QString &action);
    HttpResponse settleChange(const HttpRequest &request, AgentChange *change,
                              const QString &action);
    std::optional<HttpResponse> refuseFaults(const QList<StepMatcher> &failures) const;
    HttpResponse listChutes() const;
    HttpResponse getChute(const QString &name) const;
    HttpResponse submitChuteUpload(const HttpRequest &request, bool create, const QString &name);

    Router &m_router;
    ChangeQueue &m_changes;
    const UserAccounts &m_accounts;
    const TokenSigner &m_tokens;
    bool m_faultInjectionAllowed = false;
    // The controls of the request being handled: submit() gives them to the change it queues.
    RunControls m_controls;
};

} // namespace ChuteDeck::Core
