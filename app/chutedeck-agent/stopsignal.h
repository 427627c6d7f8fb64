#pragma once

#include <QObject>

class QSocketNotifier;

namespace ChuteDeck::Agent {

// Turns SIGTERM and SIGINT into a Qt signal on the main thread (a self-pipe: the handler only
// writes one byte).
class StopSignal final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StopSignal)

public:
    explicit StopSignal(QObject *parent = nullptr);
    ~StopSignal() override;

Q_SIGNALS:
    void received(int signal);

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace ChuteDeck::Agent
