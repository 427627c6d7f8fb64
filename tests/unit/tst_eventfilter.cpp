#include "core/plan/eventfilter.h"

#include <QTest>

using namespace ChuteDeck::Core;
using namespace Qt::StringLiterals;

namespace {

ExecutionEvent stepEvent(const QString &function, Phase phase, StepStatus status,
                         const QStringList &chutes, const QString &message = {})
{
    ExecutionEvent event;
    event.kind = ExecutionEvent::Kind::Step;
    event.step.call = StepCall{function, StepArgs{u"main"_s}};
    event.step.phase = phase;
    event.step.chutes = chutes;
    event.status = status;
    event.message = message;
    return event;
}

ExecutionEvent stateEvent(ExecutorState state, const QString &detail = {})
{
    ExecutionEvent event;
    event.state = state;
    event.detail = detail;
    return event;
}

} // namespace

class TestEventFilter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void accepts_data();
    void accepts();
    void isEmpty();
};

void TestEventFilter::accepts_data()
{
    QTest::addColumn<EventFilter>("filter");
    QTest::addColumn<ExecutionEvent>("event");
    QTest::addColumn<bool>("accepted");

    const ExecutionEvent start
        = stepEvent(u"dockerapi.start_container"_s, Phase::Todo, StepStatus::Done,
                    {u"web"_s, u"cam"_s}, u"Calling start_container"_s);
    const ExecutionEvent undo
        = stepEvent(u"dockerapi.remove_container"_s, Phase::Abort, StepStatus::Failed, {u"web"_s});
    const ExecutionEvent rollingBack = stateEvent(ExecutorState::RollingBack);
    const ExecutionEvent rollbackFailed
        = stateEvent(ExecutorState::RollbackFailed, u"restore failed: disk full"_s);

    QTest::newRow("empty filter: a step") << EventFilter{} << start << true;
    QTest::newRow("empty filter: a state") << EventFilter{} << rollingBack << true;
    QTest::newRow("phase todo: todo step")
        << EventFilter{{Phase::Todo}, {}, {}, {}} << start << true;
    QTest::newRow("phase todo: undo step")
        << EventFilter{{Phase::Todo}, {}, {}, {}} << undo << false;
    QTest::newRow("phase abort: state event stays")
        << EventFilter{{Phase::Abort}, {}, {}, {}} << rollingBack << true;
    QTest::newRow("status failed: done step")
        << EventFilter{{}, {StepStatus::Failed}, {}, {}} << start << false;
    QTest::newRow("status failed or done: done step")
        << EventFilter{{}, {StepStatus::Failed, StepStatus::Done}, {}, {}} << start << true;
    QTest::newRow("chute cam: step asked for by web and cam")
        << EventFilter{{}, {}, u"cam"_s, {}} << start << true;
    QTest::newRow("chute cam: step of web only")
        << EventFilter{{}, {}, u"cam"_s, {}} << undo << false;
    QTest::newRow("chute is exact: ca") << EventFilter{{}, {}, u"ca"_s, {}} << start << false;
    QTest::newRow("text in call, any case")
        << EventFilter{{}, {}, {}, u"START_CONT"_s} << start << true;
    QTest::newRow("text in arguments") << EventFilter{{}, {}, {}, u"(main)"_s} << undo << true;
    QTest::newRow("text in message") << EventFilter{{}, {}, {}, u"calling"_s} << start << true;
    QTest::newRow("text missing") << EventFilter{{}, {}, {}, u"bridge"_s} << start << false;
    QTest::newRow("text in state name")
        << EventFilter{{}, {}, {}, u"rolling"_s} << rollingBack << true;
    QTest::newRow("text in state detail")
        << EventFilter{{}, {}, {}, u"disk full"_s} << rollbackFailed << true;
    QTest::newRow("text filters state events")
        << EventFilter{{Phase::Todo}, {}, {}, u"start"_s} << rollingBack << false;
    QTest::newRow("all fields must match")
        << EventFilter{{Phase::Abort}, {StepStatus::Failed}, u"web"_s, u"remove"_s} << undo << true;
    QTest::newRow("one field fails")
        << EventFilter{{Phase::Abort}, {StepStatus::Done}, u"web"_s, u"remove"_s} << undo << false;
}

void TestEventFilter::accepts()
{
    QFETCH(EventFilter, filter);
    QFETCH(ExecutionEvent, event);
    QFETCH(bool, accepted);
    QCOMPARE(filter.accepts(event), accepted);
}

void TestEventFilter::isEmpty()
{
    QVERIFY(EventFilter{}.isEmpty());
    QVERIFY(!EventFilter({{}, {}, {}, u"x"_s}).isEmpty());
    QVERIFY(!EventFilter({{Phase::Todo}, {}, {}, {}}).isEmpty());
}

QTEST_APPLESS_MAIN(TestEventFilter)
#include "tst_eventfilter.moc"
