#pragma once

#include <QObject>
#include <QString>
#include <QThread>

namespace ChuteDeck::Core {

// A thread with an event loop and an object living in it, so work can be queued there. Routers
// own one each (a libssh session must stay on one thread); the executor runs steps on it.
class WorkerThread final
{
    Q_DISABLE_COPY_MOVE(WorkerThread)

public:
    explicit WorkerThread(const QString &name);
    ~WorkerThread(); // stops the loop and waits for the thread

    // The object to queue work to: QMetaObject::invokeMethod(context(), ...).
    QObject *context() const { return m_context; }
    QThread *thread() { return &m_thread; }

private:
    QThread m_thread;
    QObject *m_context;
};

} // namespace ChuteDeck::Core
