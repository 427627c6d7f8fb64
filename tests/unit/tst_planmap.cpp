#include "core/plan/planjson.h"
#include "core/plan/planmap.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace ChuteDeck::Core;
using namespace Qt::StringLiterals;

namespace {

StepCall call(const QString &function, QStringList args = {})
{
    return StepCall{function, StepArgs(std::move(args))};
}

QList<int> runOrderPriorities(const PlanMap &plan)
{
    QList<int> result;
    for (const Step &step : plan.steps())
        result.append(step.priority);
    return result;
}

QStringList runOrderFunctions(const PlanMap &plan)
{
    QStringList result;
    for (const Step &step : plan.steps())
        result.append(step.todo.function);
    return result;
}

QStringList rollbackCalls(const PlanMap &plan)
{
    QStringList result;
    for (const UndoEntry &entry : plan.rollbackOrder())
        result.append(entry.call.toDisplayString()
                      + (entry.update.isEmpty() ? QString() : u'@' + entry.update));
    return result;
}

// Takes every step up to and including the one running `until`; marks it failed if asked.
void executeUntil(PlanMap &plan, const QString &until, bool fails)
{
    while (const auto taken = plan.takeNextTodo()) {
        if (taken->step->todo.function == until) {
            if (fails)
                plan.markCurrentFailed();
            return;
        }
    }
    QFAIL("the plan has no such step");
}

// A plan described as "priority:function>undo1,undo2@update" entries.
PlanMap planOf(const QStringList &entries)
{
    PlanMap plan;
    for (const QString &entry : entries) {
        const QString update = entry.section(u'@', 1);
        const QString body = entry.section(u'@', 0, 0);
        const int priority = body.section(u':', 0, 0).toInt();
        const QString todo = body.section(u':', 1).section(u'>', 0, 0);
        QList<StepCall> undo;
        const QString undoText = body.section(u'>', 1);
        for (const QString &function : undoText.split(u',', Qt::SkipEmptyParts))
            undo.append(call(function));
        (void)plan.add(priority, call(todo), undo, {}, update);
    }
    return plan;
}

} // namespace

class TestPlanMap final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void runOrder_data();
    void runOrder();
    void undoForms();
    void idsAreGivenInAdditionOrder();
    void outOfOrderAddDuringExecution_data();
    void outOfOrderAddDuringExecution();
    void stepAddedDuringExecutionRunsInOrder();
    void skippedStepRecordsNoUndo();
    void rollbackOrder_data();
    void rollbackOrder();
    void addMapAppends();
    void addMapToItselfDoublesIt();
    void stepsStayValidAsStepsAreAdded();
    void planFromJsonInvertsToJson();
    void planFromJsonNamesTheBadStep();
};

void TestPlanMap::runOrder_data()
{
    QTest::addColumn<QStringList>("entries");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("ascending priority") << QStringList{u"63:m.c"_s, u"1:m.a"_s, u"23:m.b"_s}
                                        << QStringList{u"m.a"_s, u"m.b"_s, u"m.c"_s};
    QTest::newRow("equal priorities keep insertion order")
        << QStringList{u"50:m.x"_s, u"10:m.first"_s, u"50:m.y"_s, u"10:m.second"_s, u"50:m.z"_s}
        << QStringList{u"m.first"_s, u"m.second"_s, u"m.x"_s, u"m.y"_s, u"m.z"_s};
    QTest::newRow("empty plan") << QStringList{} << QStringList{};
}

void TestPlanMap::runOrder()
{
    QFETCH(QStringList, entries);
    QFETCH(QStringList, expected);
    QCOMPARE(runOrderFunctions(planOf(entries)), expected);
}

void TestPlanMap::undoForms()
{
    PlanMap plan;
    (void)plan.add(1, call(u"m.none"_s));
    (void)plan.add(2, call(u"m.one"_s), call(u"m.undoOne"_s));
    (void)plan.add(3, call(u"m.list"_s), QList<StepCall>{call(u"m.u1"_s), call(u"m.u2"_s)});
    (void)plan.add(4, call(u"m.emptyList"_s), QList<StepCall>{});
    QCOMPARE(plan.at(0).undo, QList<StepCall>{});
    QCOMPARE(plan.at(1).undo, QList<StepCall>{call(u"m.undoOne"_s)});
    QCOMPARE(plan.at(2).undo, (QList<StepCall>{call(u"m.u1"_s), call(u"m.u2"_s)}));
    QCOMPARE(plan.at(3).undo, QList<StepCall>{});
}

void TestPlanMap::idsAreGivenInAdditionOrder()
{
    PlanMap plan;
    QCOMPARE(plan.add(50, call(u"m.late"_s)).value(), 1);
    QCOMPARE(plan.add(10, call(u"m.early"_s)).value(), 2);
    QCOMPARE(plan.at(0).id, 2);
    QCOMPARE(plan.at(1).id, 1);
    QCOMPARE(plan.find(1)->todo.function, u"m.late"_s);
    QCOMPARE(plan.find(3), nullptr);
    QCOMPARE(plan.find(0), nullptr);
}

void TestPlanMap::outOfOrderAddDuringExecution_data()
{
    QTest::addColumn<int>("priority");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("lower than the executing step fails") << 22 << false;
    QTest::newRow("same priority is allowed") << 23 << true;
    QTest::newRow("higher priority is allowed") << 87 << true;
}

void TestPlanMap::outOfOrderAddDuringExecution()
{
    QFETCH(int, priority);
    QFETCH(bool, accepted);
    PlanMap plan = planOf({u"1:m.a"_s, u"23:m.generate"_s, u"95:m.save"_s});
    QVERIFY(plan.add(0, call(u"m.beforeStart"_s)).ok()); // any order before execution
    executeUntil(plan, u"m.generate"_s, false);
    const Result<StepId> added = plan.add(priority, call(u"m.added"_s));
    QCOMPARE(added.ok(), accepted);
    if (!accepted) {
        QCOMPARE(added.error().code, ErrorCode::PlanOutOfOrder);
        QCOMPARE(added.error().message, u"Added plan out of order during execution."_s);
        QCOMPARE(plan.size(), 4);
    }
}

void TestPlanMap::stepAddedDuringExecutionRunsInOrder()
{
    PlanMap plan = planOf({u"23:m.generate"_s, u"30:m.existing30"_s, u"95:m.save"_s});
    executeUntil(plan, u"m.generate"_s, false);
    (void)plan.add(87, call(u"m.start"_s));
    (void)plan.add(30, call(u"m.added30"_s));
    (void)plan.add(23, call(u"m.added23"_s));
    QStringList rest;
    while (const auto taken = plan.takeNextTodo())
        rest.append(taken->step->todo.function);
    QCOMPARE(rest, (QStringList{u"m.added23"_s, u"m.existing30"_s, u"m.added30"_s, u"m.start"_s,
                                u"m.save"_s}));
}

void TestPlanMap::skippedStepRecordsNoUndo()
{
    PlanMap plan
        = planOf({u"54:network.set>network.revert"_s, u"79:network.reload>network.unreload"_s,
                  u"80:wifi.reload>wifi.unreload"_s});
    QVERIFY(plan.takeNextTodo().has_value());
    plan.registerSkip(u"network.reload"_s);
    QVERIFY(plan.isSkipped(u"network.reload"_s));
    const auto skipped = plan.takeNextTodo();
    QVERIFY(skipped->skipped);
    QCOMPARE(skipped->step->todo.function, u"network.reload"_s);
    QVERIFY(!plan.takeNextTodo()->skipped);
    QCOMPARE(rollbackCalls(plan), (QStringList{u"wifi.unreload"_s, u"network.revert"_s}));
}

void TestPlanMap::rollbackOrder_data()
{
    QTest::addColumn<QStringList>("entries");
    QTest::addColumn<QString>("until");
    QTest::addColumn<bool>("fails");
    QTest::addColumn<QStringList>("expected");

    const QStringList chain{u"1:m.a>m.undoA"_s, u"2:m.b>m.undoB"_s, u"3:m.c>m.undoC"_s,
                            u"4:m.d>m.undoD"_s};
    QTest::newRow("failed step: its own undo does not run")
        << chain << u"m.c"_s << true << QStringList{u"m.undoB"_s, u"m.undoA"_s};
    QTest::newRow("user abort between steps: every completed step is undone")
        << chain << u"m.c"_s << false << QStringList{u"m.undoC"_s, u"m.undoB"_s, u"m.undoA"_s};
    QTest::newRow("first step fails: nothing to undo")
        << chain << u"m.a"_s << true << QStringList{};
    QTest::newRow("undo list runs in list order")
        << QStringList{u"1:m.a>m.u1,m.u2,m.u3"_s, u"2:m.b>m.undoB"_s, u"3:m.fail"_s} << u"m.fail"_s
        << true << QStringList{u"m.undoB"_s, u"m.u1"_s, u"m.u2"_s, u"m.u3"_s};
    QTest::newRow("steps without undo are passed")
        << QStringList{u"1:m.a>m.undoA"_s, u"2:m.get"_s, u"3:m.b>m.undoB"_s, u"4:m.fail>m.x"_s}
        << u"m.fail"_s << true << QStringList{u"m.undoB"_s, u"m.undoA"_s};
    QTest::newRow("duplicate undo runs once, at its newest position")
        << QStringList{u"45:c.placeholder>c.reload"_s, u"50:d.create>d.abort"_s,
                       u"51:d.set>c.reload"_s, u"52:h.set>h.revert"_s, u"60:m.fail"_s}
        << u"m.fail"_s << true << QStringList{u"h.revert"_s, u"c.reload"_s, u"d.abort"_s};
    QTest::newRow("same undo for different updates runs for each")
        << QStringList{u"50:files.get>files.delete@alpha"_s, u"50:files.get>files.delete@beta"_s,
                       u"60:m.fail"_s}
        << u"m.fail"_s << true << QStringList{u"files.delete@beta"_s, u"files.delete@alpha"_s};
    QTest::newRow("router-wide undo runs once across updates")
        << QStringList{u"45:configservice.reload_placeholder>configservice.reloadAll@alpha"_s,
                       u"45:configservice.reload_placeholder>configservice.reloadAll@beta"_s,
                       u"60:m.fail"_s}
        << u"m.fail"_s << true << QStringList{u"configservice.reloadAll@beta"_s};
}

void TestPlanMap::rollbackOrder()
{
    QFETCH(QStringList, entries);
    QFETCH(QString, until);
    QFETCH(bool, fails);
    QFETCH(QStringList, expected);
    PlanMap plan = planOf(entries);
    executeUntil(plan, until, fails);
    QCOMPARE(rollbackCalls(plan), expected);
}

void TestPlanMap::addMapAppends()
{
    PlanMap first = planOf({u"1:a.one"_s, u"50:a.fifty"_s});
    const PlanMap second = planOf({u"1:b.one"_s, u"20:b.twenty"_s});
    first.addMap(second);
    QCOMPARE(runOrderFunctions(first),
             (QStringList{u"a.one"_s, u"b.one"_s, u"b.twenty"_s, u"a.fifty"_s}));
    QCOMPARE(first.size(), 4);
    QCOMPARE(first.find(3)->todo.function, u"b.one"_s);
    QCOMPARE(first.find(4)->todo.function, u"b.twenty"_s);
}

// ParaDrop's own test: adding a map to itself doubles it.
void TestPlanMap::addMapToItselfDoublesIt()
{
    PlanMap plan = planOf({u"1:m.a>m.undoA"_s, u"2:m.b"_s});
    plan.addMap(plan);
    QCOMPARE(plan.size(), 4);
    QCOMPARE(runOrderPriorities(plan), (QList<int>{1, 1, 2, 2}));
    QCOMPARE(plan.at(1).undo, QList<StepCall>{call(u"m.undoA"_s)});
    QCOMPARE(plan.at(1).id, 3);
}

void TestPlanMap::stepsStayValidAsStepsAreAdded()
{
    PlanMap plan = planOf({u"1:m.first"_s});
    const Step *first = plan.takeNextTodo()->step;
    for (int i = 0; i < 10000; ++i)
        (void)plan.add(2, call(u"m.more"_s));
    QCOMPARE(first->todo.function, u"m.first"_s);
    QCOMPARE(first->id, 1);
}

// A preview fetched from the agent becomes the same PlanMap: ids, order, undo, services, chutes.
void TestPlanMap::planFromJsonInvertsToJson()
{
    PlanMap plan;
    QVERIFY(plan.add(87,
                     {u"dockerapi.start_container"_s, StepArgs::service(u"main"_s, ServiceOf::New)},
                     StepCall{u"dockerapi.remove_container"_s,
                              StepArgs::service(u"main"_s, ServiceOf::New)},
                     u"Start the container"_s, u"web"_s)
                .ok());
    QVERIFY(plan.add(1, {u"security.enforce_access_rights"_s, {}}, {}, {}, u"web"_s).ok());
    const Result<StepId> reload
        = plan.add(63, {u"configservice.reloadAll"_s, {}}, {}, u"Reload"_s, u"web"_s);
    QVERIFY(reload.ok());
    plan.addRequester(reload.value(), u"db"_s);
    QVERIFY(plan.add(63, {u"network.setOSNetworkConfig"_s, {u"a"_s, u"b"_s}},
                     {StepCall{u"x.y"_s, {}}, StepCall{u"x.z"_s, {u"1"_s}}}, {}, u"web"_s)
                .ok());
    const Result<PlanMap> parsed = planFromJson(toJson(plan));
    QVERIFY(parsed.ok());
    QCOMPARE(toJson(parsed.value()), toJson(plan));
    QCOMPARE(parsed.value().steps(), plan.steps());
}

void TestPlanMap::planFromJsonNamesTheBadStep()
{
    const auto error = [](const char *json) {
        return planFromJson(QJsonDocument::fromJson(json).array()).error().message;
    };
    QCOMPARE(error(R"([{"id":1,"name":"a.b"},{"id":3,"name":"a.c"}])"),
             u"steps[1]: id 3: the ids must run from 1 to 2 without gaps"_s);
    QCOMPARE(error(R"([{"id":1}])"), u"steps[0]: name: must be a string"_s);
    QCOMPARE(error(R"([{"id":1,"name":"a.b","abort":[{"name":"c.d","serviceOf":"both"}]}])"),
             u"steps[0]: abort: serviceOf: unknown value 'both'"_s);
}

QTEST_APPLESS_MAIN(TestPlanMap)
#include "tst_planmap.moc"
