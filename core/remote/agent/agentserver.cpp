#include "core/remote/agent/agentserver.h"

#include "core/remote/agent/changequeue.h"
#include "core/remote/agent/httpfront.h"
#include "core/remote/agent/paradroproutes.h"

#include <QWebSocket>

namespace ChuteDeck::Core {

using namespace Qt::StringLiterals;

AgentServer::AgentServer(Router &router, const UserAccounts &accounts, const TokenSigner &tokens,
                         const HttpLimits &limits, const AgentPolicy &policy, QObject *parent)
    : QObject(parent)
    , m_changes(std::make_unique<ChangeQueue>(router))
    , m_routes(std::make_unique<ParadropRoutes>(router, *m_changes, accounts, tokens))
    , m_front(new HttpFront(limits, this))
{
    m_changes->setUnattendedTimeout(policy.unattendedTimeout);
    m_changes->setJournal(ChangeJournal(policy.journalFolder));
    m_routes->setFaultInjectionAllowed(policy.allowFaultInjection);
    m_front->setGate([this](const HttpRequest &request) { return m_routes->gate(request); });
    m_front->setHandler([this](const HttpRequest &request) { return m_routes->handle(request); });
    connect(m_front, &HttpFront::webSocketConnected, this,
            [this](QWebSocket *socket) { m_routes->follow(socket); });
}

AgentServer::~AgentServer()
{
    delete m_front; // its connections use the routes
    m_front = nullptr;
}

Result<void> AgentServer::recover()
{
    return m_changes->recover();
}

Result<void> AgentServer::listen(const QHostAddress &address, quint16 port,
                                 const std::optional<QSslConfiguration> &tls)
{
    if (m_front->listen(address, port, tls))
        return {};
    return Error{ErrorCode::RouterIo, u"cannot listen on %1:%2: %3"_s.arg(address.toString())
                                          .arg(port)
                                          .arg(m_front->errorString())};
}

QHostAddress AgentServer::address() const
{
    return m_front->serverAddress();
}

quint16 AgentServer::port() const
{
    return m_front->serverPort();
}

void AgentServer::stop()
{
    m_front->close();
    connect(m_changes.get(), &ChangeQueue::idle, this, &AgentServer::stopped,
            Qt::SingleShotConnection);
    m_changes->stop();
}

} // namespace ChuteDeck::Core
