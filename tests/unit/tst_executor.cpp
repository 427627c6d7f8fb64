#include "core/plan/executor.h"
#include "core/plan/workerthread.h"
#include "tests/support/recordingsteps.h"
#include "tests/support/sampleplans.h"

#include <QSemaphore>
#include <QSignalSpy>
#include <QTest>

#include <atomic>
#include <thread>

using namespace ChuteDeck::Core;
using namespace ChuteDeck::Tests;
using namespace Qt::StringLiterals;

namespace {

constexpr int kTimeoutMs = 10000;

StepCall call(const QString &function)
{
    return StepCall{function, {}};
}

// a (undo m.undoA), b (undo m.undoB), c (undo m.undoC), d (undo m.undoD) at priorities 10..40.
PlanMap fourStepPlan()
{
    PlanMap plan(u"web"_s);
    int priority = 10;
    for (const char letter : {'A', 'B', 'C', 'D'}) {
        const QString name = QString(QChar::fromLatin1(letter)).toLower();
        (void)plan.add(priority, call(u"m."_s + name),
                       call(u"m.undo"_s + QChar::fromLatin1(letter)), {}, u"web"_s);
        priority += 10;
    }
    return plan;
}

// Lets a test hold a step in the middle of running, to send commands while a step runs.
struct Gate
{
    QSemaphore entered;
    QSemaphore release;
};

// One executor on its own run thread, with every event it delivers.
class Run
{
public:
    Run(PlanMap plan, std::shared_ptr<StepRegistry> registry, const QString &changeType = {},
        std::function<Result<void>(ExecutorState)> onFinish = {})
        : m_thread(u"steps"_s)
        , executor(std::move(plan), std::move(registry),
                   ExecutorOptions{m_thread.context(), nullptr, changeType, u"web"_s,
                                   std::move(onFinish)})
    {
        QObject::connect(&executor, &ExecutionSession::eventsReady, &executor,
                         [this](const EventBatch &batch) { events += batch; });
    }

    bool waitFor(ExecutorState state)
    {
        return QTest::qWaitFor([&] { return lastState() == state; }, kTimeoutMs);
    }

    ExecutorState lastState() const
    {
        for (auto it = events.crbegin(); it != events.crend(); ++it) {
            if (it->kind == ExecutionEvent::Kind::State)
                return it->state;
        }
        return ExecutorState::Ready;
    }

    QStringList states() const
    {
        QStringList result;
        for (const ExecutionEvent &event : events) {
            if (event.kind == ExecutionEvent::Kind::State)
                result.append(executorStateName(event.state));
        }
        return result;
    }

    const ExecutionEvent *lastStateEvent(ExecutorState state) const
    {
        for (auto it = events.crbegin(); it != events.crend(); ++it) {
            if (it->kind == ExecutionEvent::Kind::State && it->state == state)
                return &*it;
        }
        return nullptr;
    }

    const ExecutionEvent *firstFailedStep() const
    {
        const auto failed
            = std::find_if(events.cbegin(), events.cend(), [](const ExecutionEvent &event) {
                  return event.kind == ExecutionEvent::Kind::Step
                         && event.status == StepStatus::Failed;
              });
        return failed == events.cend() ? nullptr : &*failed;
    }

    // Steps that started, in order: todo steps as their priority, undo steps by call.
    QList<int> startedTodoPriorities() const
    {
        QList<int> result;
        for (const ExecutionEvent &event : events) {
            if (isStart(event, Phase::Todo))
                result.append(event.step.priority);
        }
        return result;
    }

    QStringList startedUndoCalls() const
    {
        QStringList result;
        for (const ExecutionEvent &event : events) {
            if (isStart(event, Phase::Abort))
                result.append(event.step.call.toDisplayString());
        }
        return result;
    }

private:
    static bool isStart(const ExecutionEvent &event, Phase phase)
    {
        return event.kind == ExecutionEvent::Kind::Step && event.step.phase == phase
               && event.status == StepStatus::Running;
    }

    WorkerThread m_thread; // declared first: the executor stops before its thread does

public:
    Executor executor;
    EventBatch events;
};

std::shared_ptr<StepRegistry> fourStepRegistry(const std::shared_ptr<CallLog> &log)
{
    return recordingRegistry(functionsOf(fourStepPlan()), log);
}

// Makes `function` in `registry` wait at `gate` after recording its call.
void gateFunction(StepRegistry &registry, const QString &function, Gate &gate,
                  const std::shared_ptr<CallLog> &log)
{
    registry.add(function, [&gate, log](StepContext &context) {
        log->record(context.phase(), context.call());
        gate.entered.release();
        gate.release.acquire();
        return Result<void>::success();
    });
}

void failingFunction(StepRegistry &registry, const QString &function,
                     const std::shared_ptr<CallLog> &log)
{
    registry.add(function, [log](StepContext &context) {
        log->record(context.phase(), context.call());
        return Result<void>::failure(ErrorCode::StepFailed, u"disk full"_s);
    });
}

} // namespace

class TestExecutor final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void runsToSuccess();
    void workedExampleCreateFailsAtStartContainer();
    void failurePoints_data();
    void failurePoints();
    void stepByStep();
    void pauseWhileRunningFinishesTheStepFirst();
    void abortWhilePausedUndoesEveryCompletedStep();
    void abortWhileRunningUndoesTheRunningStepToo();
    void abortBeforeStartRollsBackNothing();
    void breakpoints_data();
    void breakpoints();
    void breakpointInRollbackAndSteppingIt();
    void failureInjectedDuringRun();
    void injectedFailureMatchesArgumentsAndIsUsedUp_data();
    void injectedFailureMatchesArgumentsAndIsUsedUp();
    void pausedEventNamesTheNextStep();
    void oneFailingUndoIsPassed();
    void twoFailingUndosInARowStopTheRollback();
    void rejectedCommands();
    void skippedStepsReportAndRecordNoUndo();
    void outOfOrderAddFailsTheStep();
    void unknownFunctionAndExceptionFailTheStep();
    void commandsFromManyThreads();
    void finishingHookRunsBeforeTheFinalState_data();
    void finishingHookRunsBeforeTheFinalState();
};

void TestExecutor::runsToSuccess()
{
    auto log = std::make_shared<CallLog>();
    Run run(fourStepPlan(), fourStepRegistry(log), u"create"_s);
    QSignalSpy finished(&run.executor, &ExecutionSession::finished);
    QVERIFY(finished.isValid());
    QVERIFY(run.executor.resume().ok());
    QVERIFY(finished.wait(kTimeoutMs));
    QCOMPARE(finished.first().first().value<ExecutorState>(), ExecutorState::Succeeded);
    QCOMPARE(run.executor.state(), ExecutorState::Succeeded);
    QCOMPARE(run.states(), (QStringList{u"ready"_s, u"running"_s, u"succeeded"_s}));
    QCOMPARE(log->todoCalls(), (QStringList{u"m.a"_s, u"m.b"_s, u"m.c"_s, u"m.d"_s}));
    QCOMPARE(log->undoCalls(), QStringList{});
    QCOMPARE(run.events.last().message, u"Completed create operation on chute web: success"_s);
    for (qsizetype i = 0; i < run.events.size(); ++i)
        QCOMPARE(run.events.at(i).seq, i + 1);
    QCOMPARE(run.events.at(2).message, u"Calling a"_s);
}

void TestExecutor::workedExampleCreateFailsAtStartContainer()
{
    auto log = std::make_shared<CallLog>();
    Run run(oneServiceCreatePlan(u"web"_s), oneServiceCreateRegistry(log), u"create"_s);
    run.executor.setInjectedFailure(StepMatcher::forTodo(u"dockerapi.start_container"_s), true);
    QVERIFY(run.executor.resume().ok());
    QVERIFY(run.waitFor(ExecutorState::RolledBack));

    QCOMPARE(run.startedTodoPriorities(),
             (QList<int>{1,  6,  7,  8,  9,  10, 11, 12, 13, 14, 18, 19, 20, 21, 23,
                         30, 31, 41, 45, 50, 52, 53, 54, 55, 56, 61, 63, 85, 87}));
    const QStringList expectedRollback{
        u"dockerapi.remove_bridge"_s,          u"dhcp.revert_dhcp_settings"_s,
        u"network.revert_l3_bridge_config"_s,  u"firewall.revert_os_firewall_rules"_s,
        u"network.revert_os_network_config"_s, u"wifi.revert_os_wireless_config"_s,
        u"hostconfig.revertHostConfig"_s,      u"dockerconfig.abortCreateVolumeDirs"_s,
        u"configservice.reloadAll"_s,          u"dockerapi.remove_image(main)"_s,
        u"network.abortNetworkConfig"_s,       u"files.delete_chute_files"_s};
    QCOMPARE(run.startedUndoCalls(), expectedRollback);
    QCOMPARE(log->undoCalls(), expectedRollback);
    QVERIFY(!log->todoCalls().contains(
        u"dockerapi.start_container(main)"_s)); // the failure replaced it

    const ExecutionEvent *rollingBack = run.lastStateEvent(ExecutorState::RollingBack);
    QVERIFY(rollingBack);
    QCOMPARE(rollingBack->cause, RollbackCause::Failure);
    QStringList pending;
    for (const StepRef &ref : rollingBack->pendingUndo)
        pending.append(ref.call.toDisplayString());
    QCOMPARE(pending, expectedRollback);
    QCOMPARE(rollingBack->pendingUndo.at(9).priority,
             30); // an undo step has its recorder's priority
    QCOMPARE(run.states(),
             (QStringList{u"ready"_s, u"running"_s, u"rolling-back"_s, u"rolled-back"_s}));
    QCOMPARE(run.events.last().message, u"Completed create operation on chute web: failure"_s);
}

void TestExecutor::failurePoints_data()
{
    QTest::addColumn<QString>("failAt");
    QTest::addColumn<QStringList>("rollback");
    QTest::newRow("first step fails: nothing to undo") << u"m.a"_s << QStringList{};
    QTest::newRow("third step fails: two undone")
        << u"m.c"_s << QStringList{u"m.undoB"_s, u"m.undoA"_s};
    QTest::newRow("last step fails")
        << u"m.d"_s << QStringList{u"m.undoC"_s, u"m.undoB"_s, u"m.undoA"_s};
    QTest::newRow("by step id 2") << u"2"_s << QStringList{u"m.undoA"_s};
}

void TestExecutor::failurePoints()
{
    QFETCH(QString, failAt);
    QFETCH(QStringList, rollback);
    auto log = std::make_shared<CallLog>();
    Run run(fourStepPlan(), fourStepRegistry(log));
    run.executor.setInjectedFailure(StepMatcher::parse(failAt).value(), true);
    QCOMPARE(run.executor.injectedFailures(), QStringList{failAt});
    QVERIFY(run.executor.resume().ok());
    QVERIFY(run.waitFor(ExecutorState::RolledBack));
    QCOMPARE(log->undoCalls(), rollback);
    QVERIFY(run.events.last().message.isEmpty()); // no change type, no ParaDrop final message
}

void TestExecutor::stepByStep()
{
    auto log = std::make_shared<CallLog>();
    Run run(fourStepPlan(), fourStepRegistry(log));
    QVERIFY(run.executor.step().ok());
    QVERIFY(run.waitFor(ExecutorState::Paused));
    QCOMPARE(log->todoCalls(), QStringList{u"m.a"_s});
    QVERIFY(run.executor.step().ok());
    QVERIFY(QTest::qWaitFor([&] { return run.states().size() == 5; }, kTimeoutMs));
    QCOMPARE(log->todoCalls(), (QStringList{u"m.a"_s, u"m.b"_s}));
    QCOMPARE(run.states(),
             (QStringList{u"ready"_s, u"running"_s, u"paused"_s, u"running"_s, u"paused"_s}));
    QVERIFY(run.executor.resume().ok());
    QVERIFY(run.waitFor(ExecutorState::Succeeded));
    QCOMPARE(log->todoCalls().size(), 4);
}

void TestExecutor::pauseWhileRunningFinishesTheStepFirst()
{
    auto log = std::make_shared<CallLog>();
    auto registry = fourStepRegistry(log);
    Gate gate;
    gateFunction(*registry, u"m.b"_s, gate, log);
    Run run(fourStepPlan(), registry);
    QVERIFY(run.executor.resume().ok());
    QVERIFY(gate.entered.tryAcquire(1, kTimeoutMs));
    QVERIFY(run.executor.pause().ok());
    QCOMPARE(run.executor.state(), ExecutorState::Running); // the step in progress is not cut short
    gate.release.release();
    QVERIFY(run.waitFor(ExecutorState::Paused));
    QCOMPARE(log->todoCalls(), (QStringList{u"m.a"_s, u"m.b"_s}));
    QVERIFY(run.executor.resume().ok());
    QVERIFY(run.waitFor(ExecutorState::Succeeded));
    QCOMPARE(log->todoCalls().size(), 4);
}

void TestExecutor::abortWhilePausedUndoesEveryCompletedStep()
{
    auto log = std::make_shared<CallLog>();
    Run run(fourStepPlan(), fourStepRegistry(log), u"create"_s);
    run.executor.setBreakpoint(StepMatcher::forTodo(u"m.c"_s), true);
    QVERIFY(run.executor.resume().ok());
    QVERIFY(run.waitFor(ExecutorState::Paused));
    QVERIFY(run.executor.abort().ok());
    QVERIFY(run.waitFor(ExecutorState::RolledBack));
    QCOMPARE(log->todoCalls(), (QStringList{u"m.a"_s, u"m.b"_s}));
    QCOMPARE(log->undoCalls(), (QStringList{u"m.undoB"_s, u"m.undoA"_s}));
    QCOMPARE(run.lastStateEvent(ExecutorState::RollingBack)->cause, RollbackCause::Abort);
    QCOMPARE(run.lastStateEvent(ExecutorState::RolledBack)->cause, RollbackCause::Abort);
}

void TestExecutor::abortWhileRunningUndoesTheRunningStepToo()
{
    auto log = std::make_shared<CallLog>();
    auto registry = fourStepRegistry(log);
    Gate gate;
    gateFunction(*registry, u"m.b"_s, gate, log);
    Run run(fourStepPlan(), registry);
    QVERIFY(run.executor.resume().ok());
    QVERIFY(gate.entered.tryAcquire(1, kTimeoutMs));
    QVERIFY(run.executor.abort().ok());
    gate.release.release();
    QVERIFY(run.waitFor(ExecutorState::RolledBack));
    QCOMPARE(log->todoCalls(), (QStringList{u"m.a"_s, u"m.b"_s}));
    QCOMPARE(log->undoCalls(), (QStringList{u"m.undoB"_s, u"m.undoA"_s}));
}

void TestExecutor::abortBeforeStartRollsBackNothing()
{
    auto log = std::make_shared<CallLog>();
    Run run(fourStepPlan(), fourStepRegistry(log));
    QVERIFY(run.executor.abort().ok());
    QVERIFY(run.waitFor(ExecutorState::RolledBack));
    QCOMPARE(log->size(), 0);
    QCOMPARE(run.states(), (QStringList{u"ready"_s, u"rolling-back"_s, u"rolled-back"_s}));
}

void TestExecutor::breakpoints_data()
{
    QTest::addColumn<QString>("breakpoint");
    QTest::addColumn<QStringList>("ranBeforeStop");
    QTest::addColumn<int>("stoppedAtId");
    QTest::newRow("by id stops before that step") << u"3"_s << QStringList{u"m.a"_s, u"m.b"_s} << 3;
    QTest::newRow("by name stops before that step") << u"m.b"_s << QStringList{u"m.a"_s} << 2;
    QTest::newRow("on the first step") << u"m.a"_s << QStringList{} << 1;
}

void TestExecutor::breakpoints()
{
    QFETCH(QString, breakpoint);
    QFETCH(QStringList, ranBeforeStop);
    QFETCH(int, stoppedAtId);
    auto log = std::make_shared<CallLog>();
    Run run(fourStepPlan(), fourStepRegistry(log));
    run.executor.setBreakpoint(StepMatcher::parse(breakpoint).value(), true);
    QCOMPARE(run.executor.breakpoints(), QStringList{breakpoint});
    QVERIFY(run.executor.resume().ok());
    QVERIFY(run.waitFor(ExecutorState::Paused));
    QCOMPARE(log->todoCalls(), ranBeforeStop);
    QCOMPARE(run.lastStateEvent(ExecutorState::Paused)->breakpoint, stoppedAtId);
    // Continuing from a breakpoint runs the step it stopped before.
    QVERIFY(run.executor.resume().ok());
    QVERIFY(run.waitFor(ExecutorState::Succeeded));
    QCOMPARE(log->todoCalls().size(), 4);
}

void TestExecutor::breakpointInRollbackAndSteppingIt()
{
    auto log = std::make_shared<CallLog>();
    Run run(fourStepPlan(), fourStepRegistry(log));
    run.executor.setInjectedFailure(StepMatcher::forTodo(u"m.d"_s), true);
    run.executor.setBreakpoint(StepMatcher::forAbort(u"m.undoB"_s), true);
    QVERIFY(run.executor.resume().ok());
    QVERIFY(run.waitFor(ExecutorState::Paused));
    QCOMPARE(log->undoCalls(), QStringList{u"m.undoC"_s});
    QVERIFY(!run.executor.abort().ok()); // a rollback is never aborted
    QVERIFY(run.executor.step().ok());
    const QStringList steppedOnce{u"ready"_s,  u"running"_s,      u"rolling-back"_s,
                                  u"paused"_s, u"rolling-back"_s, u"paused"_s};
    QVERIFY(QTest::qWaitFor([&] { return run.states() == steppedOnce; }, kTimeoutMs));
    QCOMPARE(log->undoCalls(), (QStringList{u"m.undoC"_s, u"m.undoB"_s}));
    QVERIFY(run.executor.resume().ok());
    QVERIFY(run.waitFor(ExecutorState::RolledBack));
    QCOMPARE(log->undoCalls(), (QStringList{u"m.undoC"_s, u"m.undoB"_s, u"m.undoA"_s}));
    // Each rolling-back event lists what is still to run.
    QCOMPARE(run.lastStateEvent(ExecutorState::RollingBack)->pendingUndo.size(), 1);
}

void TestExecutor::failureInjectedDuringRun()
{
    auto log = std::make_shared<CallLog>();
    Run run(fourStepPlan(), fourStepRegistry(log));
    QVERIFY(run.executor.step().ok());
    QVERIFY(run.waitFor(ExecutorState::Paused));
    run.executor.setInjectedFailure(StepMatcher::forTodo(u"m.c"_s), true);
    QVERIFY(run.executor.resume().ok());
    QVERIFY(run.waitFor(ExecutorState::RolledBack));
    QCOMPARE(log->todoCalls(), (QStringList{u"m.a"_s, u"m.b"_s}));
    QCOMPARE(log->undoCalls(), (QStringList{u"m.undoB"_s, u"m.undoA"_s}));
    QVERIFY(run.firstFailedStep());
    QCOMPARE(run.firstFailedStep()->message, u"Injected failure in m.c"_s);
}

void TestExecutor::injectedFailureMatchesArgumentsAndIsUsedUp_data()
{
    QTest::addColumn<QString>("failAt");
    QTest::addColumn<QStringList>("ran");
    QTest::newRow("name: only the first call fails") << u"m.set"_s << QStringList{};
    QTest::newRow("name with argument: that call fails")
        << u"m.set[db]"_s << QStringList{u"m.set(web)"_s};
}

void TestExecutor::injectedFailureMatchesArgumentsAndIsUsedUp()
{
    QFETCH(QString, failAt);
    QFETCH(QStringList, ran);
    auto log = std::make_shared<CallLog>();
    PlanMap plan;
    (void)plan.add(10, StepCall{u"m.set"_s, StepArgs{u"web"_s}});
    (void)plan.add(20, StepCall{u"m.set"_s, StepArgs{u"db"_s}});
    Run run(plan, recordingRegistry({u"m.set"_s}, log));
    run.executor.setInjectedFailure(StepMatcher::parse(failAt).value(), true);
    QVERIFY(run.executor.resume().ok());
    QVERIFY(run.waitFor(ExecutorState::RolledBack));
    QCOMPARE(log->todoCalls(), ran);
    QCOMPARE(run.executor.injectedFailures(), QStringList{});
}

void TestExecutor::pausedEventNamesTheNextStep()
{
    auto log = std::make_shared<CallLog>();
    Run run(fourStepPlan(), fourStepRegistry(log));
    QVERIFY(run.executor.step().ok());
    QVERIFY(run.waitFor(ExecutorState::Paused));
    const ExecutionEvent *paused = run.lastStateEvent(ExecutorState::Paused);
    QCOMPARE(paused->step.call.function, u"m.b"_s);
    QCOMPARE(paused->step.stepId, 2);
    QCOMPARE(paused->breakpoint, 0);
    QCOMPARE(toJson(*paused).value(u"next"_s).toObject().value(u"name"_s).toString(), u"m.b"_s);
}

void TestExecutor::oneFailingUndoIsPassed()
{
    auto log = std::make_shared<CallLog>();
    auto registry = fourStepRegistry(log);
    failingFunction(*registry, u"m.undoB"_s, log);
    Run run(fourStepPlan(), registry);
    run.executor.setInjectedFailure(StepMatcher::forTodo(u"m.d"_s), true);
    QVERIFY(run.executor.resume().ok());
    QVERIFY(run.waitFor(ExecutorState::RollbackFailed));
    QCOMPARE(log->undoCalls(), (QStringList{u"m.undoC"_s, u"m.undoB"_s, u"m.undoA"_s}));
    QCOMPARE(run.lastStateEvent(ExecutorState::RollbackFailed)->failedUndo,
             QStringList{u"m.undoB"_s});
}

void TestExecutor::twoFailingUndosInARowStopTheRollback()
{
    auto log = std::make_shared<CallLog>();
    auto registry = fourStepRegistry(log);
    Run run(fourStepPlan(), registry);
    run.executor.setInjectedFailure(StepMatcher::forTodo(u"m.d"_s), true);
    run.executor.setInjectedFailure(StepMatcher::forAbort(u"m.undoC"_s), true);
    run.executor.setInjectedFailure(StepMatcher::forAbort(u"m.undoB"_s), true);
    QVERIFY(run.executor.resume().ok());
    QVERIFY(run.waitFor(ExecutorState::RollbackFailed));
    QCOMPARE(run.startedUndoCalls(), (QStringList{u"m.undoC"_s, u"m.undoB"_s}));
    QCOMPARE(log->undoCalls(), QStringList{}); // injected failures replace the bodies
    QCOMPARE(run.lastStateEvent(ExecutorState::RollbackFailed)->failedUndo,
             (QStringList{u"m.undoC"_s, u"m.undoB"_s}));
}

void TestExecutor::rejectedCommands()
{
    auto log = std::make_shared<CallLog>();
    Run run(fourStepPlan(), fourStepRegistry(log));
    const Result<void> pauseBeforeStart = run.executor.pause();
    QVERIFY(!pauseBeforeStart.ok());
    QCOMPARE(pauseBeforeStart.error().code, ErrorCode::CommandRejected);
    QVERIFY(run.executor.resume().ok());
    QVERIFY(run.waitFor(ExecutorState::Succeeded));
    for (const Result<void> &late :
         {run.executor.step(), run.executor.resume(), run.executor.pause(), run.executor.abort()}) {
        QVERIFY(!late.ok());
        QCOMPARE(late.error().message, u"The change has ended (succeeded)."_s);
    }
}

void TestExecutor::skippedStepsReportAndRecordNoUndo()
{
    auto log = std::make_shared<CallLog>();
    auto registry = fourStepRegistry(log);
    registry->add(u"m.a"_s, [log](StepContext &context) {
        log->record(context.phase(), context.call());
        context.skipLater(u"m.b"_s); // nothing changed, so b has nothing to do
        return Result<void>::success();
    });
    Run run(fourStepPlan(), registry);
    run.executor.setInjectedFailure(StepMatcher::forTodo(u"m.d"_s), true);
    QVERIFY(run.executor.resume().ok());
    QVERIFY(run.waitFor(ExecutorState::RolledBack));
    QCOMPARE(log->todoCalls(), (QStringList{u"m.a"_s, u"m.c"_s}));
    QCOMPARE(log->undoCalls(), (QStringList{u"m.undoC"_s, u"m.undoA"_s}));
    const auto skipped
        = std::count_if(run.events.cbegin(), run.events.cend(), [](const ExecutionEvent &event) {
              return event.status == StepStatus::Skipped && event.step.call.function == u"m.b";
          });
    QCOMPARE(skipped, 1);
}

void TestExecutor::outOfOrderAddFailsTheStep()
{
    auto log = std::make_shared<CallLog>();
    auto registry = fourStepRegistry(log);
    registry->add(u"m.c"_s, [](StepContext &context) -> Result<void> {
        const Result<StepId> added = context.addStep(5, call(u"m.tooEarly"_s));
        if (!added)
            return added.error();
        return Result<void>::success();
    });
    Run run(fourStepPlan(), registry);
    QVERIFY(run.executor.resume().ok());
    QVERIFY(run.waitFor(ExecutorState::RolledBack));
    QVERIFY(run.firstFailedStep());
    QCOMPARE(run.firstFailedStep()->message, u"Added plan out of order during execution."_s);
    QCOMPARE(run.firstFailedStep()->step.call.function, u"m.c"_s);
}

void TestExecutor::unknownFunctionAndExceptionFailTheStep()
{
    auto log = std::make_shared<CallLog>();
    auto registry = std::make_shared<StepRegistry>();
    registry->add(u"m.a"_s, [](StepContext &) -> Result<void> {
        throw std::runtime_error("yaml-cpp: bad file");
    });
    PlanMap plan;
    (void)plan.add(1, call(u"m.unregistered"_s));
    (void)plan.add(2, call(u"m.a"_s));
    {
        Run run(plan, registry);
        QVERIFY(run.executor.resume().ok());
        QVERIFY(run.waitFor(ExecutorState::RolledBack));
        QVERIFY(run.firstFailedStep());
        QCOMPARE(run.firstFailedStep()->message,
                 u"No step function is registered as m.unregistered"_s);
    }
    plan = PlanMap();
    (void)plan.add(2, call(u"m.a"_s));
    Run run(plan, registry);
    QVERIFY(run.executor.resume().ok());
    QVERIFY(run.waitFor(ExecutorState::RolledBack));
    QVERIFY(run.firstFailedStep());
    QCOMPARE(run.firstFailedStep()->message, u"yaml-cpp: bad file"_s);
}

// Commands from several threads while a long plan runs: every step runs exactly once, in order,
// and the event stream stays complete and ordered.
void TestExecutor::commandsFromManyThreads()
{
    constexpr int kSteps = 20000;
    auto log = std::make_shared<CallLog>();
    auto registry = std::make_shared<StepRegistry>();
    std::atomic<int> ran{0};
    registry->add(u"bench.noop"_s, [&ran](StepContext &context) {
        if (context.phase() == Phase::Todo)
            ran.fetch_add(1, std::memory_order_relaxed);
        return Result<void>::success();
    });
    Run run(noOpPlan(kSteps), registry);
    QVERIFY(run.executor.resume().ok());

    std::atomic<bool> stop{false};
    std::vector<std::thread> hammers;
    for (int t = 0; t < 4; ++t) {
        hammers.emplace_back([&, t] {
            int i = 0;
            while (!stop.load()) {
                switch ((i++ + t) % 5) {
                case 0:
                    (void)run.executor.pause();
                    break;
                case 1:
                    (void)run.executor.step();
                    break;
                case 2:
                case 3:
                    (void)run.executor.resume();
                    break;
                case 4:
                    run.executor.setBreakpoint(StepMatcher::forId(1 + i % kSteps), i % 2 == 0);
                    (void)run.executor.state();
                    break;
                }
            }
        });
    }
    QTest::qWait(300);
    stop = true;
    for (std::thread &hammer : hammers)
        hammer.join();
    for (const QString &breakpoint : run.executor.breakpoints())
        run.executor.setBreakpoint(StepMatcher::parse(breakpoint).value(), false);
    QVERIFY(QTest::qWaitFor(
        [&] {
            (void)run.executor.resume();
            return run.lastState() == ExecutorState::Succeeded;
        },
        60000));

    QCOMPARE(ran.load(), kSteps);
    QList<int> order;
    for (qsizetype i = 0; i < run.events.size(); ++i) {
        const ExecutionEvent &event = run.events.at(i);
        QCOMPARE(event.seq, i + 1);
        if (event.kind == ExecutionEvent::Kind::Step && event.status == StepStatus::Done)
            order.append(event.step.stepId);
    }
    QCOMPARE(order.size(), kSteps);
    QVERIFY(std::is_sorted(order.cbegin(), order.cend()));
}

void TestExecutor::finishingHookRunsBeforeTheFinalState_data()
{
    QTest::addColumn<QString>("failAt");
    QTest::addColumn<bool>("hookFails");
    QTest::addColumn<QString>("hookSaw");
    QTest::addColumn<QString>("finalState");
    QTest::addColumn<QString>("detail");
    QTest::newRow("success, commit works")
        << QString() << false << u"succeeded"_s << u"succeeded"_s << QString();
    QTest::newRow("success, commit fails: reported, still succeeded")
        << QString() << true << u"succeeded"_s << u"succeeded"_s << u"disk full"_s;
    QTest::newRow("rollback, restore works")
        << u"m.c"_s << false << u"rolled-back"_s << u"rolled-back"_s << QString();
    QTest::newRow("rollback, restore fails: rollback failed")
        << u"m.c"_s << true << u"rolled-back"_s << u"rollback-failed"_s << QString();
}

// The router transaction is committed or restored by this hook, on the run thread, before the
// final state is announced.
void TestExecutor::finishingHookRunsBeforeTheFinalState()
{
    QFETCH(QString, failAt);
    QFETCH(bool, hookFails);
    QFETCH(QString, hookSaw);
    QFETCH(QString, finalState);
    QFETCH(QString, detail);
    auto log = std::make_shared<CallLog>();
    QString seen;
    QThread *hookThread = nullptr;
    Run run(fourStepPlan(), fourStepRegistry(log), {}, [&](ExecutorState state) {
        seen = executorStateName(state);
        hookThread = QThread::currentThread();
        return hookFails ? Result<void>::failure(ErrorCode::RouterIo, u"disk full"_s)
                         : Result<void>::success();
    });
    if (!failAt.isEmpty())
        run.executor.setInjectedFailure(StepMatcher::parse(failAt).value(), true);
    QSignalSpy finished(&run.executor, &ExecutionSession::finished);
    QVERIFY(run.executor.resume().ok());
    QVERIFY(finished.wait(kTimeoutMs));
    QCOMPARE(seen, hookSaw);
    QVERIFY(hookThread != QThread::currentThread());
    QCOMPARE(run.states().last(), finalState);
    QCOMPARE(run.events.last().detail, detail);
    if (finalState == u"rollback-failed")
        QCOMPARE(run.events.last().failedUndo, QStringList{u"restore the router: disk full"_s});
}

QTEST_GUILESS_MAIN(TestExecutor)
#include "tst_executor.moc"
