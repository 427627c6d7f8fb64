#include "core/plan/eventbatcher.h"

#include <QMutexLocker>

namespace ChuteDeck::Core {

void EventSink::push(ExecutionEvent event)
{
    const QMutexLocker locker(&m_mutex);
    if (!m_consumer)
        return;
    // State changes (a pause, the end of a run) are what a person waits for: they go out at once,
    // with the step events before them. Only step events wait for the rate limit.
    const bool urgent = event.kind == ExecutionEvent::Kind::State;
    m_pending.append(std::move(event));
    // Posting under the mutex is what makes this safe against the batcher's destructor, which
    // clears m_consumer under the same mutex.
    if (urgent) {
        m_deliveryQueued = true;
        QMetaObject::invokeMethod(m_consumer, &EventBatcher::flush, Qt::QueuedConnection);
        return;
    }
    if (m_deliveryQueued)
        return;
    m_deliveryQueued = true;
    QMetaObject::invokeMethod(m_consumer, &EventBatcher::deliverWhenDue, Qt::QueuedConnection);
}

EventBatcher::EventBatcher(QObject *parent)
    : QObject(parent)
    , m_sink(std::make_shared<EventSink>())
{
    m_sink->m_consumer = this;
    m_delayTimer.setSingleShot(true);
    connect(&m_delayTimer, &QTimer::timeout, this, &EventBatcher::flush);
}

EventBatcher::~EventBatcher()
{
    const QMutexLocker locker(&m_sink->m_mutex);
    m_sink->m_consumer = nullptr;
}

void EventBatcher::deliverWhenDue()
{
    const qint64 sinceLast
        = m_sinceDelivery.isValid() ? m_sinceDelivery.elapsed() : kMinimumIntervalMs;
    if (sinceLast >= kMinimumIntervalMs)
        flush();
    else if (!m_delayTimer.isActive())
        m_delayTimer.start(int(kMinimumIntervalMs - sinceLast));
}

void EventBatcher::flush()
{
    m_delayTimer.stop();
    EventBatch batch;
    {
        const QMutexLocker locker(&m_sink->m_mutex);
        batch.swap(m_sink->m_pending);
        m_sink->m_deliveryQueued = false;
    }
    if (batch.isEmpty())
        return;
    m_sinceDelivery.start();
    Q_EMIT batchReady(batch);
}

} // namespace ChuteDeck::Core
