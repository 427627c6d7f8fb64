#pragma once

#include <QObject>
#include <QString>
#include <QThread>

#include <optional>
#include <type_traits>

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

    // Runs `work` on this thread and returns what it returns: at once when called there, else
    // queued behind the work already there, the caller waiting (a router's primitives, a
    // transaction's confirmation: their I/O stays on the router's thread).
    template<typename Work>
    auto runAndWait(Work &&work) -> decltype(work())
    {
        using Returned = decltype(work());
        if (QThread::currentThread() == &m_thread)
            return work();
        if constexpr (std::is_void_v<Returned>) {
            // NOLINTNEXTLINE(clang-analyzer-cplusplus.NewDeleteLeaks): the queued call owns it
            QMetaObject::invokeMethod(m_context, std::forward<Work>(work),
                                      Qt::BlockingQueuedConnection);
        } else {
            std::optional<Returned> result;
            // NOLINTNEXTLINE(clang-analyzer-cplusplus.NewDeleteLeaks): the queued call owns it
            QMetaObject::invokeMethod(
                m_context, [&] { result.emplace(work()); }, Qt::BlockingQueuedConnection);
            return std::move(*result);
        }
    }

private:
    QThread m_thread;
    QObject *m_context;
};

} // namespace ChuteDeck::Core
