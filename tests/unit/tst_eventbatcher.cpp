#include "core/plan/eventbatcher.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <atomic>
#include <thread>

using namespace ChuteDeck::Core;

namespace {

ExecutionEvent eventNumber(qint64 seq, ExecutionEvent::Kind kind = ExecutionEvent::Kind::Step)
{
    ExecutionEvent event;
    event.kind = kind;
    event.seq = seq;
    return event;
}

} // namespace

class TestEventBatcher final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sparseEventsArriveAtOnce();
    void loadIsCoalescedInOrder();
    void producerOutlivesBatcher();
    void stateEventsAreNotHeldBack();
};

void TestEventBatcher::sparseEventsArriveAtOnce()
{
    EventBatcher batcher;
    QSignalSpy batches(&batcher, &EventBatcher::batchReady);
    QVERIFY(batches.isValid());
    batcher.sink()->push(eventNumber(1));
    QVERIFY(batches.wait(1000));
    QCOMPARE(batches.count(), 1);
    QCOMPARE(batches.first().first().value<EventBatch>().first().seq, 1);
}

void TestEventBatcher::loadIsCoalescedInOrder()
{
    constexpr qint64 kEvents = 300000;
    EventBatcher batcher;
    std::vector<qint64> received;
    int deliveries = 0;
    connect(&batcher, &EventBatcher::batchReady, this, [&](const EventBatch &batch) {
        ++deliveries;
        for (const ExecutionEvent &event : batch)
            received.push_back(event.seq);
    });
    QElapsedTimer clock;
    clock.start();
    std::thread producer([sink = batcher.sink()] {
        for (qint64 seq = 1; seq <= kEvents; ++seq)
            sink->push(eventNumber(seq));
    });
    QVERIFY(QTest::qWaitFor([&] { return qint64(received.size()) == kEvents; }, 30000));
    producer.join();
    const double seconds = double(clock.elapsed()) / 1000.0;
    for (qint64 i = 0; i < kEvents; ++i)
        QCOMPARE(received[size_t(i)], i + 1);
    // At most ~30 deliveries a second, plus the first one that is immediate.
    QVERIFY2(deliveries <= 2 + int(seconds * 1000 / EventBatcher::kMinimumIntervalMs),
             qPrintable(QStringLiteral("%1 deliveries in %2 s").arg(deliveries).arg(seconds)));
}

void TestEventBatcher::producerOutlivesBatcher()
{
    std::shared_ptr<EventSink> sink;
    {
        EventBatcher batcher;
        sink = batcher.sink();
    }
    sink->push(eventNumber(1)); // dropped, no crash
    QCoreApplication::processEvents();
}

// A pause or the end of a run goes out at once, with the step events before it, even when the
// rate limit holds step events back.
void TestEventBatcher::stateEventsAreNotHeldBack()
{
    EventBatcher batcher;
    QList<qint64> delivered;
    connect(&batcher, &EventBatcher::batchReady, this, [&](const EventBatch &batch) {
        for (const ExecutionEvent &event : batch)
            delivered.append(event.seq);
    });
    batcher.sink()->push(eventNumber(1));
    QCoreApplication::processEvents();    // the first batch: at once
    batcher.sink()->push(eventNumber(2)); // held back: too soon after the first
    batcher.sink()->push(eventNumber(3, ExecutionEvent::Kind::State));
    QCoreApplication::processEvents();
    QCOMPARE(delivered, (QList<qint64>{1, 2, 3}));
}

QTEST_GUILESS_MAIN(TestEventBatcher)
#include "tst_eventbatcher.moc"
