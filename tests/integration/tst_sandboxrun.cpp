#include "core/plan/executor.h"
#include "core/plan/runreport.h"
#include "core/router/routerstate.h"
#include "core/router/sandboxrouter.h"
#include "core/steps/builtinsteps.h"
#include "core/steps/changerun.h"
#include "core/steps/samplechutes.h"
#include "core/update/planning.h"
#include "core/update/stepcatalog.h"
#include "tests/support/sandboxfixture.h"
#include "tests/support/treesnapshot.h"

#include <QSet>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace ChuteDeck::Core;
using namespace ChuteDeck::Tests;
using namespace Qt::StringLiterals;

namespace {

const QString kSamples = QStringLiteral(CHUTEDECK_SAMPLE_CHUTES);

// The sample that exercises the most steps: a Wi-Fi access point with DHCP and a port binding.
const QString kSample = u"wifi-hotspot"_s;

ChuteSpec webChute(const QString &version)
{
    ChuteSpec chute;
    chute.name = u"web"_s;
    chute.version = version;
    chute.state = ChuteState::Running;
    ServiceSpec service;
    service.name = u"main"_s;
    service.type = ServiceType::Image;
    service.image = u"nginx:1.25"_s;
    service.environment = {{u"GREETING"_s, u"it's $(not) a `command`\n"_s}};
    chute.services.append(service);
    return chute;
}

Update fromSample(UpdateType type, const QString &version, const QList<ChuteSpec> &installed)
{
    ChuteSpec chute = loadChute(kSamples + u'/' + kSample).value();
    chute.version = version;
    Update update = makeChuteUpdate(type, chute, {}, installed);
    update.sourceFolder = kSamples + u'/' + kSample;
    return update;
}

// A change and the changes that bring the router to where it starts.
struct Scenario
{
    UpdateType type;
    QList<UpdateType> before; // applied first, with the sample
};

QList<Scenario> scenarios()
{
    using enum UpdateType;
    return {{Create, {}},
            {Update, {Create}},
            {Delete, {Create}},
            {Start, {Create, Stop}},
            {Stop, {Create}},
            {Restart, {Create}},
            {PreHostConfig, {Create}},
            {InitHostConfig, {Create}},
            {SetHostConfig, {Create}},
            {PatchHostConfig, {Create}},
            {FactoryReset, {Create}},
            {Reboot, {Create}},
            {Shutdown, {Create}}};
}

QList<Update> updatesFor(UpdateType type, Router &router)
{
    const QList<ChuteSpec> installed = readInstalledChutes(router).value();
    const HostConfig current = readHostConfig(router).value();
    switch (type) {
    case UpdateType::Create:
        return {fromSample(type, u"1"_s, installed)};
    case UpdateType::Update:
        return {fromSample(type, u"2"_s, installed)};
    case UpdateType::SetHostConfig: {
        QJsonObject tree = current.tree();
        tree.insert(u"telemetry"_s, QJsonObject{{u"enabled"_s, true}, {u"interval"_s, 30}});
        return {makeRouterUpdate(type, HostConfig(tree))};
    }
    case UpdateType::PatchHostConfig:
        return {makeRouterUpdate(
            type,
            current
                .patched(R"([{"op": "replace", "path": "/system/chutePrefixSize", "value": 25}])",
                         u"patch"_s)
                .value())};
    case UpdateType::InitHostConfig:
        return {makeRouterUpdate(type, HostConfig::defaults(readSystemDevices(router).value()))};
    default:
        if (updateClassOf(type) == UpdateClass::Router)
            return {makeRouterUpdate(type)};
        return {makeChuteUpdate(type, {}, kSample, installed)};
    }
}

QString callText(const StepCall &call)
{
    return call.toDisplayString()
           + (call.args.serviceOf() == ServiceOf::Old ? u"/old"_s : QString());
}

// PLAN-SEMANTICS.md's rollback rule, restated independently of PlanMap: the undo calls of the
// steps that ran before the failing one, newest first, list order, each identity once.
QStringList expectedRollback(const QList<Step> &runOrder, qsizetype failingIndex)
{
    QStringList expected;
    QSet<QString> seen;
    for (qsizetype i = failingIndex - 1; i >= 0; --i) {
        for (const StepCall &undo : runOrder.at(i).undo) {
            if (!seen.contains(identityKey(undo, runOrder.at(i).update))) {
                seen.insert(identityKey(undo, runOrder.at(i).update));
                expected.append(callText(undo));
            }
        }
    }
    return expected;
}

// A sandbox brought to where a scenario starts by applying its earlier changes.
class ScenarioFixture : public SandboxFixture
{
public:
    explicit ScenarioFixture(const QList<UpdateType> &before = {})
    {
        for (const UpdateType type : before) {
            if (run(updatesFor(type, *router)).resultName() != u"succeeded")
                qWarning("could not prepare the scenario");
        }
    }
};

QStringList undoCalls(const RunReport &report)
{
    QStringList calls;
    for (const ExecutionEvent &event : report.takenSteps()) {
        if (event.step.phase == Phase::Abort)
            calls.append(callText(event.step.call));
    }
    return calls;
}

} // namespace

class TestSandboxRun final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void failureAtEveryStep_data();
    void failureAtEveryStep();
    void workedExampleOnTheSandbox();
    void changesBuildOnEachOther();
    void everyStepFunctionHasABody();
    void aNewSandboxGetsTheSamples();
};

void TestSandboxRun::failureAtEveryStep_data()
{
    QTest::addColumn<int>("scenarioIndex");
    QTest::addColumn<int>("failingIndex");
    const QList<Scenario> all = scenarios();
    for (qsizetype s = 0; s < all.size(); ++s) {
        ScenarioFixture fixture(all.at(s).before);
        const QList<Update> updates = updatesFor(all.at(s).type, *fixture.router);
        const QList<Step> steps = previewPlan(generatePlan(updates).value(), updates).steps();
        for (qsizetype i = 0; i < steps.size(); ++i) {
            QTest::addRow("%s fails at #%d %s", qPrintable(updateTypeName(all.at(s).type)),
                          steps.at(i).id, qPrintable(steps.at(i).todo.toDisplayString()))
                << int(s) << int(i);
        }
    }
}

// For every update type and every step of its plan: fail it, and the rollback is ParaDrop's
// order and leaves the router tree exactly as it was (DESIGN.md's identical-tree invariant).
void TestSandboxRun::failureAtEveryStep()
{
    QFETCH(int, scenarioIndex);
    QFETCH(int, failingIndex);
    const Scenario scenario = scenarios().at(scenarioIndex);
    ScenarioFixture fixture(scenario.before);
    const QList<Update> updates = updatesFor(scenario.type, *fixture.router);
    const QList<Step> runOrder = previewPlan(generatePlan(updates).value(), updates).steps();
    const auto before = snapshotTree(fixture.root());

    const RunReport report
        = fixture.run(updates, {StepMatcher::forId(runOrder.at(failingIndex).id)});

    QCOMPARE(report.resultName(), u"rolled-back"_s);
    QCOMPARE(report.failureMessage(),
             u"Injected failure in "_s + runOrder.at(failingIndex).todo.function);
    QCOMPARE(undoCalls(report), expectedRollback(runOrder, failingIndex));
    QCOMPARE(snapshotTree(fixture.root()), before);
}

void TestSandboxRun::workedExampleOnTheSandbox()
{
    ScenarioFixture fixture;
    const QList<Update> updates = updatesFor(UpdateType::Create, *fixture.router);
    const RunReport report
        = fixture.run(updates, {StepMatcher::forTodo(u"dockerapi.start_container"_s)});
    QList<int> executed;
    for (const ExecutionEvent &event : report.takenSteps()) {
        if (event.step.phase == Phase::Todo)
            executed.append(event.step.priority);
    }
    QCOMPARE(executed, (QList<int>{1,  6,  7,  8,  9,  10, 11, 12, 13, 14, 18, 19, 20, 21, 23,
                                   30, 31, 41, 45, 50, 52, 53, 54, 55, 56, 61, 63, 85, 87}));
    QCOMPARE(
        undoCalls(report),
        (QStringList{u"dockerapi.remove_bridge"_s, u"dhcp.revert_dhcp_settings"_s,
                     u"network.revert_l3_bridge_config"_s, u"firewall.revert_os_firewall_rules"_s,
                     u"network.revert_os_network_config"_s, u"wifi.revert_os_wireless_config"_s,
                     u"hostconfig.revertHostConfig"_s, u"dockerconfig.abortCreateVolumeDirs"_s,
                     u"configservice.reloadAll"_s, u"dockerapi.remove_image(main)"_s,
                     u"network.abortNetworkConfig"_s, u"files.delete_chute_files"_s}));
    QCOMPARE(report.finalMessage(), u"Completed create operation on chute wifi-hotspot: failure"_s);
}

void TestSandboxRun::changesBuildOnEachOther()
{
    ScenarioFixture fixture;
    QCOMPARE(
        fixture.run({makeChuteUpdate(UpdateType::Create, webChute(u"1"_s), {}, {})}).resultName(),
        u"succeeded"_s);
    QList<ChuteSpec> installed = readInstalledChutes(*fixture.router).value();
    QCOMPARE(installed.size(), 1);
    QCOMPARE(installed.first().state, ChuteState::Running);
    QCOMPARE(installed.first().services.first().environment,
             webChute(u"1"_s).services.first().environment);

    QCOMPARE(fixture.run({makeChuteUpdate(UpdateType::Stop, {}, u"web"_s, installed)}).resultName(),
             u"succeeded"_s);
    installed = readInstalledChutes(*fixture.router).value();
    QCOMPARE(installed.first().state, ChuteState::Stopped);

    QCOMPARE(
        fixture.run({makeChuteUpdate(UpdateType::Delete, {}, u"web"_s, installed)}).resultName(),
        u"succeeded"_s);
    QCOMPARE(readInstalledChutes(*fixture.router).value(), QList<ChuteSpec>{});
}

void TestSandboxRun::everyStepFunctionHasABody()
{
    for (const QString &function : allStepFunctions())
        QVERIFY2(builtinSteps()->contains(function), qPrintable(function));
}

void TestSandboxRun::aNewSandboxGetsTheSamples()
{
    ScenarioFixture fixture;
    const Result<QStringList> installed = installSampleChutes(*fixture.router, kSamples);
    QVERIFY(installed.ok());
    QCOMPARE(installed.value(),
             (QStringList{u"hello-web"_s, u"wifi-hotspot"_s, u"two-services"_s}));
    QCOMPARE(fixture.installed().size(), 3);
    // Installing again adds nothing: creating an installed chute is rejected.
    QCOMPARE(installSampleChutes(*fixture.router, kSamples).value(), QStringList{});
}

QTEST_GUILESS_MAIN(TestSandboxRun)
#include "tst_sandboxrun.moc"
