#pragma once

#include "core/base/result.h"
#include "core/remote/agent/httpmessage.h"

#include <QHostAddress>
#include <QObject>
#include <QSslConfiguration>

#include <chrono>
#include <memory>

namespace ChuteDeck::Core {

class ChangeQueue;
class HttpFront;
class ParadropRoutes;
class Router;
class TokenSigner;
class UserAccounts;

// What the agent allows beyond ParaDrop's API.
struct AgentPolicy
{
    bool allowFaultInjection = false; // fail_at in requests (tests, training)
    // A change paused with no client following it is aborted after this long.
    std::chrono::milliseconds unattendedTimeout = std::chrono::minutes(5);
    // Where each change is journaled (ROOT/var/lib/chutedeck/agent/changes); empty: nowhere.
    QString journalFolder;
};

// chutedeck-agent's server: the HTTP front, ParaDrop's routes and the change queue over one router.
class AgentServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AgentServer)

public:
    // The router, accounts and signer must outlive the server.
    AgentServer(Router &router, const UserAccounts &accounts, const TokenSigner &tokens,
                const HttpLimits &limits, const AgentPolicy &policy = {},
                QObject *parent = nullptr);
    ~AgentServer() override;

    // With `tls` (serverTlsConfiguration()), serves HTTPS and WSS only.
    // Before listen(): takes up the journaled changes and rolls back what a stop left pending
    // (ChangeQueue::recover()).
    Result<void> recover();
    Result<void> listen(const QHostAddress &address, quint16 port,
                        const std::optional<QSslConfiguration> &tls = std::nullopt);
    QHostAddress address() const;
    quint16 port() const;

    // Stops listening, drops waiting changes and rolls the running one back; stopped() follows.
    void stop();

Q_SIGNALS:
    void stopped();

private:
    std::unique_ptr<ChangeQueue> m_changes;
    std::unique_ptr<ParadropRoutes> m_routes;
    HttpFront *m_front;
};

} // namespace ChuteDeck::Core
