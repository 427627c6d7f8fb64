#include "core/remote/agent/httpconnection.h"

#include "core/remote/agent/httpfront.h"

#include <QLoggingCategory>
#include <QSslSocket>
#include <QTcpSocket>

#include <sys/socket.h>

namespace ChuteDeck::Core {
namespace {

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcHttp, "chutedeck.agent.http")

constexpr QByteArrayView kHeadEnd("\r\n\r\n");

QString seconds(std::chrono::milliseconds duration)
{
    return QString::number(double(duration.count()) / 1000.0);
}

// What is still to be sent; a TLS socket also holds encrypted bytes of its own.
qint64 unsentBytes(QTcpSocket *socket)
{
    const auto *tls = qobject_cast<QSslSocket *>(socket);
    return socket->bytesToWrite() + (tls ? tls->encryptedBytesToWrite() : 0);
}

} // namespace

HttpConnection::HttpConnection(QTcpSocket *socket, HttpFront &front)
    : QObject(&front)
    , m_socket(socket)
    , m_front(front)
{
    m_socket->setParent(this);
    m_idle.setSingleShot(true);
    m_idle.setInterval(front.limits().idleTimeout);
    m_deadline.setSingleShot(true);
    m_deadline.setInterval(front.limits().requestTimeout);
    connect(&m_idle, &QTimer::timeout, this, [this] {
        timedOut(u"no data came for %1 s"_s.arg(seconds(m_front.limits().idleTimeout)));
    });
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        timedOut(u"the request did not arrive within %1 s"_s.arg(
            seconds(m_front.limits().requestTimeout)));
    });
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpConnection::finish);
    m_idle.start();
    if (m_socket->bytesAvailable() > 0)
        onReadyRead();
}

HttpConnection::~HttpConnection() = default;

void HttpConnection::onReadyRead()
{
    if (m_closing) {
        m_socket->readAll(); // the answer is out; what the client still sends is dropped
        return;
    }
    m_idle.start();
    while (!m_closing && (m_request ? readBody() : readHead())) {}
}

// Peeks until the head is complete, so that an upgrade can be handed over with its handshake
// still unread in the socket.
bool HttpConnection::readHead()
{
    if (m_socket->bytesAvailable() == 0)
        return false;
    if (!m_deadline.isActive())
        m_deadline.start();
    const HttpLimits &limits = m_front.limits();
    const QByteArray peeked = m_socket->peek(limits.maxHeadBytes + kHeadEnd.size());
    const qsizetype end = peeked.indexOf(kHeadEnd);
    if (end < 0) {
        if (peeked.size() > limits.maxHeadBytes)
            refuse(431, u"the request head is larger than %1 bytes"_s.arg(limits.maxHeadBytes));
        return false;
    }
    const QByteArray head = peeked.left(end + kHeadEnd.size());
    auto parsed = parseRequestHead(head, limits);
    if (const auto *failure = std::get_if<HttpFailure>(&parsed)) {
        refuse(failure->status, failure->message);
        return false;
    }
    HttpRequest request = std::get<HttpRequest>(std::move(parsed));
    if (const std::optional<HttpResponse> refusal = m_front.admit(request)) {
        qCInfo(lcHttp).noquote() << request.method << request.target << refusal->status;
        answer(*refusal, false);
        return false;
    }
    if (request.upgrade) {
        if (request.path.startsWith(u"/ws/"))
            handOverUpgrade();
        else
            refuse(404, u"no websocket is served at %1"_s.arg(request.path));
        return false;
    }
    m_socket->read(head.size());
    if (request.header("expect").compare("100-continue", Qt::CaseInsensitive) == 0)
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    request.body.reserve(request.contentLength);
    m_request = std::move(request);
    return true;
}

bool HttpConnection::readBody()
{
    const qint64 missing = m_request->contentLength - m_request->body.size();
    if (missing > 0) {
        const QByteArray chunk = m_socket->read(missing);
        if (chunk.isEmpty())
            return false;
        m_request->body.append(chunk);
        if (m_request->body.size() < m_request->contentLength)
            return false;
    }
    const HttpRequest request = std::move(*m_request);
    m_request.reset();
    m_deadline.stop();
    const HttpResponse response = m_front.handle(request);
    qCInfo(lcHttp).noquote() << request.method << request.target << response.status;
    answer(response, request.keepAlive);
    return true;
}

void HttpConnection::answer(const HttpResponse &response, bool keepAlive)
{
    m_socket->write(response.serialize(keepAlive));
    if (!keepAlive)
        closeAfterAnswer();
}

// Closing a socket that still has unread input makes the kernel send a reset, which can destroy
// the answer before the client reads it (a refused upload is exactly that case). So the agent
// half-closes once the answer is out and drains what the client still sends until it closes,
// for at most one request time-out; a client that never reads is cut off after an idle period.
void HttpConnection::closeAfterAnswer()
{
    m_closing = true;
    m_idle.start();
    m_deadline.start();
    connect(m_socket, &QTcpSocket::bytesWritten, this, &HttpConnection::halfCloseWhenSent);
    if (auto *tls = qobject_cast<QSslSocket *>(m_socket))
        connect(tls, &QSslSocket::encryptedBytesWritten, this, &HttpConnection::halfCloseWhenSent);
    halfCloseWhenSent();
}

void HttpConnection::halfCloseWhenSent()
{
    if (unsentBytes(m_socket) > 0 && (m_socket->flush(), unsentBytes(m_socket) > 0))
        return;
    ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
}

void HttpConnection::refuse(int status, const QString &message)
{
    qCInfo(lcHttp).noquote() << "refused" << m_socket->peerAddress().toString() << status
                             << message;
    answer(HttpResponse::error(status, message), false);
}

void HttpConnection::timedOut(const QString &what)
{
    if (m_closing) {
        m_socket->abort();
        finish();
        return;
    }
    const bool midRequest = m_request || m_socket->bytesAvailable() > 0 || m_deadline.isActive();
    if (midRequest) {
        refuse(408, what);
        return;
    }
    m_socket->disconnectFromHost(); // an idle keep-alive connection ends quietly
}

void HttpConnection::handOverUpgrade()
{
    m_idle.stop();
    m_deadline.stop();
    disconnect(m_socket, nullptr, this, nullptr);
    QTcpSocket *socket = m_socket;
    m_socket = nullptr;
    m_front.handOver(socket);
    finish();
}

void HttpConnection::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    Q_EMIT closed();
    deleteLater();
}

} // namespace ChuteDeck::Core
