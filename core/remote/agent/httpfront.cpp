#include "core/remote/agent/httpfront.h"

#include "core/remote/agent/httpconnection.h"

#include <QSslServer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QWebSocket>
#include <QWebSocketServer>

namespace ChuteDeck::Core {

using namespace Qt::StringLiterals;

HttpFront::HttpFront(HttpLimits limits, QObject *parent)
    : QObject(parent)
    , m_limits(limits)
    , m_server(new QTcpServer(this))
    , m_webSockets(
          new QWebSocketServer(u"chutedeck-agent"_s, QWebSocketServer::NonSecureMode, this))
{
    watchServer();
    connect(m_webSockets, &QWebSocketServer::newConnection, this, [this] {
        while (m_webSockets->hasPendingConnections())
            Q_EMIT webSocketConnected(m_webSockets->nextPendingConnection());
    });
}

HttpFront::~HttpFront() = default;

void HttpFront::watchServer()
{
    m_server->setMaxPendingConnections(m_limits.maxConnections);
    connect(m_server, &QTcpServer::newConnection, this, &HttpFront::onNewConnection);
    // QSslServer queues a connection once its handshake is done, and says so only here.
    connect(m_server, &QTcpServer::pendingConnectionAvailable, this, &HttpFront::onNewConnection);
}

bool HttpFront::listen(const QHostAddress &address, quint16 port,
                       const std::optional<QSslConfiguration> &tls)
{
    if (tls) {
        auto *server = new QSslServer(this);
        server->setSslConfiguration(*tls);
        server->setHandshakeTimeout(int(m_limits.idleTimeout.count()));
        delete m_server;
        m_server = server;
        watchServer();
    }
    return m_server->listen(address, port);
}

QString HttpFront::errorString() const
{
    return m_server->errorString();
}

QHostAddress HttpFront::serverAddress() const
{
    return m_server->serverAddress();
}

quint16 HttpFront::serverPort() const
{
    return m_server->serverPort();
}

void HttpFront::close()
{
    m_server->close();
}

void HttpFront::onNewConnection()
{
    while (m_server->hasPendingConnections()) {
        QTcpSocket *socket = m_server->nextPendingConnection();
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        if (m_connections >= m_limits.maxConnections) {
            socket->write(HttpResponse::error(503, u"too many connections"_s).serialize(false));
            socket->disconnectFromHost();
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            continue;
        }
        ++m_connections;
        auto *connection = new HttpConnection(socket, *this);
        connect(connection, &HttpConnection::closed, this, [this] { --m_connections; });
    }
}

HttpResponse HttpFront::handle(const HttpRequest &request) const
{
    if (!m_handler)
        return HttpResponse::error(404, u"nothing is served here"_s);
    return m_handler(request);
}

std::optional<HttpResponse> HttpFront::admit(const HttpRequest &request) const
{
    return m_gate ? m_gate(request) : std::nullopt;
}

void HttpFront::handOver(QTcpSocket *socket)
{
    // The websocket server reparents the socket to the QWebSocket it makes (which then owns and
    // deletes it); a failed handshake leaves it with the server, which deletes it when the front
    // goes. Deleting it on disconnect here would free it under a live QWebSocket.
    socket->setParent(m_webSockets);
    m_webSockets->handleConnection(socket);
}

} // namespace ChuteDeck::Core
