#pragma once

#include "core/plan/executionevent.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QObject>
#include <QTimer>

#include <memory>

namespace ChuteDeck::Core {

class EventBatcher;

// The producer's end of an EventBatcher: any thread may push. It outlives the batcher safely, so
// a step still running when its consumer is gone drops its events instead of crashing.
class EventSink
{
public:
    void push(ExecutionEvent event);

private:
    friend class EventBatcher;

    QMutex m_mutex;
    EventBatch m_pending;
    EventBatcher *m_consumer = nullptr; // cleared when the batcher goes
    bool m_deliveryQueued = false;
};

// Delivers events to one consumer thread in batches: at once when events are sparse or when a
// state event (a pause, the end of the run) comes, and otherwise at most ~30 times a second. One
// queued signal per event would cost more than the step it reports (over 1 µs on a 2-core machine),
// and no view redraws faster than that anyway.
class EventBatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventBatcher)

public:
    static constexpr int kMinimumIntervalMs = 33;

    explicit EventBatcher(QObject *parent = nullptr);
    ~EventBatcher() override;

    std::shared_ptr<EventSink> sink() const { return m_sink; }

    // Delivers whatever is pending now, ignoring the rate limit (consumer thread only).
    void flush();

Q_SIGNALS:
    void batchReady(const ChuteDeck::Core::EventBatch &batch);

private:
    friend class EventSink;
    void deliverWhenDue();

    std::shared_ptr<EventSink> m_sink;
    QTimer m_delayTimer;
    QElapsedTimer m_sinceDelivery;
};

} // namespace ChuteDeck::Core
