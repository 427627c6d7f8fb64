#include "ui/models/eventfilterproxy.h"
#include "ui/models/eventlogmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace ChuteDeck::Core;
using namespace ChuteDeck::Ui;
using namespace Qt::StringLiterals;

namespace {

ExecutionEvent stepEvent(qint64 seq, const QString &function, Phase phase, StepStatus status,
                         const QString &chute)
{
    ExecutionEvent event;
    event.kind = ExecutionEvent::Kind::Step;
    event.seq = seq;
    event.time = 1700000000.0 + double(seq);
    event.step.call = StepCall{function, StepArgs{u"main"_s}};
    event.step.phase = phase;
    event.step.chutes = {chute};
    event.status = status;
    event.message = status == StepStatus::Failed ? u"disk full"_s : u"Calling "_s + function;
    return event;
}

ExecutionEvent stateEvent(qint64 seq, ExecutorState state)
{
    ExecutionEvent event;
    event.seq = seq;
    event.time = 1700000000.0 + double(seq);
    event.state = state;
    return event;
}

// A failed run of two chutes: the state events frame todo steps and a rollback.
EventBatch failedRun()
{
    return {stateEvent(1, ExecutorState::Running),
            stepEvent(2, u"files.download"_s, Phase::Todo, StepStatus::Done, u"web"_s),
            stepEvent(3, u"docker.start"_s, Phase::Todo, StepStatus::Done, u"cam"_s),
            stepEvent(4, u"docker.start"_s, Phase::Todo, StepStatus::Failed, u"web"_s),
            stateEvent(5, ExecutorState::RollingBack),
            stepEvent(6, u"docker.stop"_s, Phase::Abort, StepStatus::Done, u"cam"_s),
            stepEvent(7, u"files.delete"_s, Phase::Abort, StepStatus::Done, u"web"_s),
            stateEvent(8, ExecutorState::RolledBack)};
}

QList<qint64> seqs(const QAbstractItemModel &model)
{
    QList<qint64> result;
    for (int row = 0; row < model.rowCount(); ++row)
        result.append(model.index(row, 0).data(EventLogModel::SeqRole).toLongLong());
    return result;
}

} // namespace

class TestEventLogModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void appendsEachBatchAtOnce();
    void columns();
    void proxyFilters_data();
    void proxyFilters();
    void proxyFollowsAppends();

private:
    std::unique_ptr<EventLogModel> m_log;
    std::unique_ptr<EventFilterProxy> m_proxy;
    std::unique_ptr<QAbstractItemModelTester> m_logTester;
    std::unique_ptr<QAbstractItemModelTester> m_proxyTester;
};

void TestEventLogModel::init()
{
    m_log = std::make_unique<EventLogModel>();
    m_proxy = std::make_unique<EventFilterProxy>();
    m_proxy->setSourceModel(m_log.get());
    m_logTester = std::make_unique<QAbstractItemModelTester>(
        m_log.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_proxyTester = std::make_unique<QAbstractItemModelTester>(
        m_proxy.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TestEventLogModel::appendsEachBatchAtOnce()
{
    QSignalSpy inserted(m_log.get(), &EventLogModel::rowsInserted);
    QVERIFY(inserted.isValid());
    const EventBatch run = failedRun();
    m_log->appendEvents(run.mid(0, 5));
    m_log->appendEvents({});
    m_log->appendEvents(run.mid(5));
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(inserted.at(1).at(1).toInt(), 5);
    QCOMPARE(inserted.at(1).at(2).toInt(), 7);
    QCOMPARE(seqs(*m_log), (QList<qint64>{1, 2, 3, 4, 5, 6, 7, 8}));
    QCOMPARE(m_log->event(3), run.at(3));

    QSignalSpy reset(m_log.get(), &EventLogModel::modelReset);
    QVERIFY(reset.isValid());
    m_log->clear();
    QCOMPARE(reset.count(), 1);
    QCOMPARE(m_log->rowCount(), 0);
}

void TestEventLogModel::columns()
{
    m_log->appendEvents(failedRun());
    const auto text
        = [&](int row, int column) { return m_log->index(row, column).data().toString(); };
    QCOMPARE(text(3, EventLogModel::PhaseColumn), u"todo"_s);
    QCOMPARE(text(3, EventLogModel::StepColumn), u"docker.start(main)"_s);
    QCOMPARE(text(3, EventLogModel::StatusColumn), u"failed"_s);
    QCOMPARE(text(3, EventLogModel::MessageColumn), u"disk full"_s);
    QVERIFY(text(3, EventLogModel::TimeColumn).contains(u':'));
    QCOMPARE(text(5, EventLogModel::PhaseColumn), u"undo"_s);
    QCOMPARE(text(4, EventLogModel::PhaseColumn), u"state"_s);
    QCOMPARE(text(4, EventLogModel::StatusColumn), u"rolling back"_s);
    QCOMPARE(m_log->index(4, EventLogModel::TimeColumn).data(EventLogModel::SortRole).toLongLong(),
             5);
}

void TestEventLogModel::proxyFilters_data()
{
    QTest::addColumn<EventFilter>("filter");
    QTest::addColumn<QList<qint64>>("shown");
    QTest::newRow("no filter") << EventFilter{} << QList<qint64>{1, 2, 3, 4, 5, 6, 7, 8};
    QTest::newRow("undo steps and the states")
        << EventFilter{{Phase::Abort}, {}, {}, {}} << QList<qint64>{1, 5, 6, 7, 8};
    QTest::newRow("failed steps") << EventFilter{{}, {StepStatus::Failed}, {}, {}}
                                  << QList<qint64>{1, 4, 5, 8};
    QTest::newRow("chute cam") << EventFilter{{}, {}, u"cam"_s, {}} << QList<qint64>{1, 3, 5, 6, 8};
    QTest::newRow("text docker") << EventFilter{{}, {}, {}, u"DOCKER"_s} << QList<qint64>{3, 4, 6};
    QTest::newRow("text rolled") << EventFilter{{}, {}, {}, u"rolled"_s} << QList<qint64>{8};
}

void TestEventLogModel::proxyFilters()
{
    QFETCH(EventFilter, filter);
    QFETCH(QList<qint64>, shown);
    m_log->appendEvents(failedRun());
    m_proxy->setFilter(filter);
    QCOMPARE(m_proxy->filter(), filter);
    QCOMPARE(seqs(*m_proxy), shown);
    m_proxy->setFilter({});
    QCOMPARE(m_proxy->rowCount(), m_log->rowCount());
}

void TestEventLogModel::proxyFollowsAppends()
{
    m_proxy->setFilter(EventFilter{{}, {StepStatus::Failed}, {}, u"disk"_s});
    QSignalSpy inserted(m_proxy.get(), &EventFilterProxy::rowsInserted);
    QVERIFY(inserted.isValid());
    m_log->appendEvents(failedRun());
    QCOMPARE(seqs(*m_proxy), QList<qint64>{4});
    QCOMPARE(inserted.count(), 1);
}

QTEST_GUILESS_MAIN(TestEventLogModel)
#include "tst_eventlogmodel.moc"
