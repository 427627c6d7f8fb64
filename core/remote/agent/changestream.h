#pragma once

#include <QJsonArray>
#include <QObject>

class QWebSocket;

namespace ChuteDeck::Core {

class AgentChange;

// One websocket following a change (/ws/changes/<id>/stream). ParaDrop format (the default): one
// text frame per ParaDrop frame, {"time", "message", ...step fields}. ChuteDeck format
// (?format=chutedeck): every DESIGN.md event, one JSON array per batch, from seq `from` on. What
// the change has done so far is replayed first; the socket is closed after the change's end.
class ChangeStream final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChangeStream)

public:
    enum class Format : quint8 { ParaDrop, ChuteDeck };

    // Takes ownership of the socket.
    ChangeStream(QWebSocket *socket, AgentChange &change, Format format, qint64 from,
                 QObject *parent = nullptr);
    ~ChangeStream() override;

private:
    void send(const QJsonArray &events, const QJsonArray &frames);
    void finish();

    QWebSocket *m_socket;
    Format m_format;
    qint64 m_from;
};

} // namespace ChuteDeck::Core
