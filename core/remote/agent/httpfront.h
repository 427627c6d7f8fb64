#pragma once

#include "core/remote/agent/httpmessage.h"

#include <QHostAddress>
#include <QObject>
#include <QSslConfiguration>

#include <functional>
#include <optional>

class QTcpServer;
class QTcpSocket;
class QWebSocket;
class QWebSocketServer;

namespace ChuteDeck::Core {

// A small HTTP/1.1 server on QTcpServer, in front of the agent's routes. Qt HttpServer 6.4 buffers
// whole bodies before any check, has no time-outs and lets websocket upgrades bypass its routes;
// this front instead
//  - parses each request head with http_parser and refuses bad ones before reading a body,
//  - asks the gate (authentication) with the head alone, so an unauthenticated upload is refused
//    before a byte of it is buffered, and so is an unauthenticated websocket handshake,
//  - enforces the size limits and the idle and whole-request time-outs of HttpLimits,
//  - hands accepted upgrades on /ws/ to QWebSocketServer::handleConnection(), untouched (the head
//    is only peeked at, so the websocket server reads the handshake itself),
//  - sets LowDelayOption on every socket: Nagle's algorithm would hold each streamed event ~40 ms,
//  - serves HTTPS and WSS when given a TLS configuration: QSslServer hands over a connection once
//    its handshake is done (within the idle time-out), and everything above reads plain bytes.
class HttpFront final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpFront)

public:
    // Answers a request; runs on the front's thread.
    using Handler = std::function<HttpResponse(const HttpRequest &)>;
    // Looks at a request head before its body is read: a response refuses it, nullopt lets it on.
    using Gate = std::function<std::optional<HttpResponse>(const HttpRequest &)>;

    explicit HttpFront(HttpLimits limits, QObject *parent = nullptr);
    ~HttpFront() override;

    void setHandler(Handler handler) { m_handler = std::move(handler); }
    void setGate(Gate gate) { m_gate = std::move(gate); }

    // Port 0 picks a free port; serverPort() tells which. With `tls`, only TLS is spoken.
    bool listen(const QHostAddress &address, quint16 port,
                const std::optional<QSslConfiguration> &tls = std::nullopt);
    QString errorString() const;
    QHostAddress serverAddress() const;
    quint16 serverPort() const;
    void close();

    const HttpLimits &limits() const { return m_limits; }

Q_SIGNALS:
    // An accepted websocket (the handshake passed the gate and the websocket server). The receiver
    // takes ownership.
    void webSocketConnected(QWebSocket *socket);

private:
    friend class HttpConnection;
    void watchServer();
    void onNewConnection();
    HttpResponse handle(const HttpRequest &request) const;
    std::optional<HttpResponse> admit(const HttpRequest &request) const;
    void handOver(QTcpSocket *socket);

    HttpLimits m_limits;
    Handler m_handler;
    Gate m_gate;
    QTcpServer *m_server;
    QWebSocketServer *m_webSockets;
    int m_connections = 0;
};

} // namespace ChuteDeck::Core
