#pragma once

#include "core/remote/agent/httpmessage.h"

#include <QObject>
#include <QTimer>

class QTcpSocket;

namespace ChuteDeck::Core {

class HttpFront;

// One client connection of the HttpFront: reads a request head (peeking until the empty line),
// then exactly Content-Length body bytes, answers, and starts over (keep-alive). Deletes itself
// when the socket closes or is handed over to the websocket server.
class HttpConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpConnection)

public:
    HttpConnection(QTcpSocket *socket, HttpFront &front);
    ~HttpConnection() override;

Q_SIGNALS:
    void closed();

private:
    void onReadyRead();
    bool readHead();
    bool readBody();
    void answer(const HttpResponse &response, bool keepAlive);
    void closeAfterAnswer();
    void halfCloseWhenSent();
    void refuse(int status, const QString &message);
    void timedOut(const QString &what);
    void handOverUpgrade();
    void finish(); // once: tells the front, then deletes the connection

    QTcpSocket *m_socket;
    HttpFront &m_front;
    QTimer m_idle;
    QTimer m_deadline;
    std::optional<HttpRequest> m_request; // set while its body is read
    bool m_closing = false;
    bool m_finished = false;
};

} // namespace ChuteDeck::Core
