#include "core/plan/workerthread.h"

namespace ChuteDeck::Core {

WorkerThread::WorkerThread(const QString &name)
    : m_context(new QObject)
{
    m_thread.setObjectName(name);
    m_context->moveToThread(&m_thread);
    // The context is deleted in its own thread, after any work already queued to it.
    QObject::connect(&m_thread, &QThread::finished, m_context, &QObject::deleteLater);
    m_thread.start();
}

WorkerThread::~WorkerThread()
{
    m_thread.quit();
    m_thread.wait();
}

} // namespace ChuteDeck::Core
