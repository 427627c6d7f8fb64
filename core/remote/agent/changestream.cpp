#include "core/remote/agent/changestream.h"

#include "core/remote/agent/agentchange.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QWebSocket>

namespace ChuteDeck::Core {

using namespace Qt::StringLiterals;

ChangeStream::ChangeStream(QWebSocket *socket, AgentChange &change, Format format, qint64 from,
                           QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_format(format)
    , m_from(from)
{
    m_socket->setParent(this);
    connect(m_socket, &QWebSocket::disconnected, this, &QObject::deleteLater);
    change.addFollower();
    connect(m_socket, &QWebSocket::disconnected, &change, &AgentChange::removeFollower);
    send(change.events(), change.frames());
    if (change.isFinished()) {
        finish();
        return;
    }
    connect(&change, &AgentChange::progressed, this, &ChangeStream::send);
    connect(&change, &AgentChange::finished, this, &ChangeStream::finish);
}

ChangeStream::~ChangeStream() = default;

void ChangeStream::send(const QJsonArray &events, const QJsonArray &frames)
{
    if (m_format == Format::ParaDrop) {
        for (const auto &frame : frames)
            m_socket->sendTextMessage(
                QString::fromUtf8(QJsonDocument(frame.toObject()).toJson(QJsonDocument::Compact)));
        return;
    }
    QJsonArray batch;
    for (const auto &event : events) {
        if (event[u"seq"_s].toInteger() >= m_from)
            batch.append(event);
    }
    if (!batch.isEmpty())
        m_socket->sendTextMessage(
            QString::fromUtf8(QJsonDocument(batch).toJson(QJsonDocument::Compact)));
}

void ChangeStream::finish()
{
    m_socket->close(QWebSocketProtocol::CloseCodeNormal, u"change completed"_s);
}

} // namespace ChuteDeck::Core
