#include "core/plan/executionevent.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace ChuteDeck::Core;
using namespace Qt::StringLiterals;

class TestExecutionEvent final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stepEventJson();
    void undoStepEventJson();
    void rollingBackEventJson();
    void finalEventJson();
    void fromJsonInvertsToJson_data();
    void fromJsonInvertsToJson();
    void fromJsonNamesTheBadField();
};

namespace {

QJsonObject parsed(const char *json)
{
    return QJsonDocument::fromJson(json).object();
}

} // namespace

void TestExecutionEvent::stepEventJson()
{
    ExecutionEvent event;
    event.kind = ExecutionEvent::Kind::Step;
    event.seq = 7;
    event.time = 1700000000.5;
    event.step
        = StepRef{{u"dockerapi.start_container"_s, StepArgs::service(u"main"_s, ServiceOf::New)},
                  31,
                  87,
                  Phase::Todo,
                  QStringList{u"web"_s}};
    event.status = StepStatus::Done;
    event.ms = 1.25;
    event.output = u"started web-main"_s;
    QCOMPARE(toJson(event), parsed(R"({"kind":"step","seq":7,"time":1700000000.5,"phase":"todo",
        "priority":87,"priorityName":"STATE_CALL_START","name":"dockerapi.start_container",
        "args":["main"],"serviceOf":"new","stepId":31,"chutes":["web"],"status":"done","ms":1.25,
        "output":"started web-main"})"));
}

void TestExecutionEvent::undoStepEventJson()
{
    const UndoEntry entry{
        {u"dockerapi.remove_image"_s, StepArgs::service(u"main"_s, ServiceOf::Old)},
        12,
        30,
        u"web"_s};
    ExecutionEvent event;
    event.kind = ExecutionEvent::Kind::Step;
    event.seq = 40;
    event.time = 2;
    event.step = StepRef::undo(entry);
    event.status = StepStatus::Running;
    event.message = u"Calling remove_image"_s;
    QCOMPARE(toJson(event), parsed(R"({"kind":"step","seq":40,"time":2,"phase":"abort",
        "priority":30,"priorityName":"STATE_BUILD_IMAGE","name":"dockerapi.remove_image",
        "args":["main"],"serviceOf":"old","stepId":12,"chutes":["web"],"status":"running",
        "message":"Calling remove_image"})"));
}

void TestExecutionEvent::rollingBackEventJson()
{
    ExecutionEvent event;
    event.seq = 3;
    event.time = 4;
    event.state = ExecutorState::RollingBack;
    event.cause = RollbackCause::Abort;
    event.pendingUndo = {StepRef::undo(UndoEntry{{u"files.delete_chute_files"_s, {}}, 2, 6, {}})};
    QCOMPARE(toJson(event), parsed(R"({"kind":"state","seq":3,"time":4,"state":"rolling-back",
        "cause":"abort","pendingUndo":[{"phase":"abort","priority":6,
        "priorityName":"DOWNLOAD_CHUTE_FILES","name":"files.delete_chute_files","args":[],
        "stepId":2,"chutes":[]}]})"));
}

void TestExecutionEvent::finalEventJson()
{
    ExecutionEvent event;
    event.seq = 9;
    event.time = 5;
    event.state = ExecutorState::RollbackFailed;
    event.cause = RollbackCause::Failure;
    event.failedUndo = {u"wifi.revert_os_wireless_config"_s};
    event.message = u"Completed create operation on chute web: failure"_s;
    QCOMPARE(toJson(event), parsed(R"({"kind":"state","seq":9,"time":5,"state":"rollback-failed",
        "cause":"failure","failedUndo":["wifi.revert_os_wireless_config"],
        "message":"Completed create operation on chute web: failure"})"));
}

void TestExecutionEvent::fromJsonInvertsToJson_data()
{
    QTest::addColumn<ExecutionEvent>("event");
    const StepRef start{
        {u"dockerapi.start_container"_s, StepArgs::service(u"main"_s, ServiceOf::New)},
        31,
        87,
        Phase::Todo,
        QStringList{u"web"_s, u"db"_s}};
    const StepRef undo{{u"network.revert_os_network_config"_s, StepArgs{u"a"_s, u"b"_s}},
                       15,
                       54,
                       Phase::Abort,
                       QStringList{u"web"_s}};
    ExecutionEvent step;
    step.kind = ExecutionEvent::Kind::Step;
    step.seq = 7;
    step.time = 1700000000.5;
    step.step = start;
    step.status = StepStatus::Failed;
    step.ms = 1.25;
    step.message = u"boom"_s;
    step.output = u"out"_s;
    QTest::newRow("failed step") << step;
    ExecutionEvent running = step;
    running.status = StepStatus::Running;
    running.ms = 0;
    running.output.clear();
    running.message = u"Calling start_container"_s;
    QTest::newRow("running step") << running;
    ExecutionEvent paused;
    paused.seq = 3;
    paused.state = ExecutorState::Paused;
    paused.step = start;
    paused.breakpoint = 31;
    QTest::newRow("paused at a breakpoint") << paused;
    ExecutionEvent rollingBack;
    rollingBack.state = ExecutorState::RollingBack;
    rollingBack.cause = RollbackCause::Abort;
    rollingBack.pendingUndo = {undo, undo};
    QTest::newRow("rolling back") << rollingBack;
    ExecutionEvent failed;
    failed.state = ExecutorState::RollbackFailed;
    failed.cause = RollbackCause::Failure;
    failed.failedUndo = {u"network.revert_os_network_config(a, b)"_s};
    failed.detail = u"restore failed"_s;
    failed.message = u"Completed create operation on chute web: failure"_s;
    QTest::newRow("rollback failed") << failed;
}

void TestExecutionEvent::fromJsonInvertsToJson()
{
    QFETCH(ExecutionEvent, event);
    const Result<ExecutionEvent> parsedEvent = executionEventFromJson(toJson(event));
    QVERIFY(parsedEvent.ok());
    QCOMPARE(toJson(parsedEvent.value()), toJson(event));
    QVERIFY(parsedEvent.value() == event);
}

void TestExecutionEvent::fromJsonNamesTheBadField()
{
    const auto error
        = [](const char *json) { return executionEventFromJson(parsed(json)).error().message; };
    QCOMPARE(error(R"({"kind":"rejected"})"), u"kind: unknown value 'rejected'"_s);
    QCOMPARE(error(R"({"kind":"state","state":"asleep"})"), u"state: unknown value 'asleep'"_s);
    QCOMPARE(error(R"({"kind":"step","name":"a.b","phase":"todo","status":"later"})"),
             u"status: unknown value 'later'"_s);
    QCOMPARE(error(R"({"kind":"step","phase":"todo"})"), u"name: must be a string"_s);
    QCOMPARE(error(R"({"kind":"state","state":"paused","next":{"name":"a.b","phase":"x"}})"),
             u"next: phase: unknown value 'x'"_s);
}

QTEST_APPLESS_MAIN(TestExecutionEvent)
#include "tst_executionevent.moc"
