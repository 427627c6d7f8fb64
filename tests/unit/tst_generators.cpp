#include "core/plan/priority.h"
#include "core/update/generators.h"
#include "core/update/planning.h"
#include "core/update/stepcatalog.h"

#include <QTest>

using namespace ChuteDeck::Core;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(ChuteDeck::Core::Update)

namespace {

ChuteSpec chute(const QString &name, const QString &version, ChuteState state,
                const QStringList &services = {u"main"_s})
{
    ChuteSpec spec;
    spec.name = name;
    spec.version = version;
    spec.state = state;
    for (const QString &service : services) {
        ServiceSpec serviceSpec;
        serviceSpec.name = service;
        spec.services.append(serviceSpec);
    }
    return spec;
}

// The plan as it will run, one "priority function(args)" a step, with "/old" for the installed
// chute's services.
QStringList runOrder(const PlanMap &plan)
{
    QStringList result;
    for (const Step &step : plan.steps()) {
        QString text = QString::number(step.priority) + u' ' + step.todo.toDisplayString();
        if (step.todo.args.serviceOf() == ServiceOf::Old)
            text += u"/old"_s;
        result.append(text);
    }
    return result;
}

QStringList previewOf(const QList<Update> &updates)
{
    const Result<PlanMap> plan = generatePlan(updates);
    if (!plan)
        return {u"rejected: "_s + plan.error().message};
    return runOrder(previewPlan(plan.value(), updates));
}

// The steps every chute update has (name, struct, resource, traffic, runtime modules), as
// "priority function" in run order; the state module's steps are merged in by the caller.
QStringList withChuteModules(const QStringList &stateAndServiceSteps)
{
    QStringList steps{
        u"1 security.enforce_access_rights"_s,   u"6 files.download_chute_files"_s,
        u"7 files.load_chute_configuration"_s,   u"8 devices.getSystemDevices"_s,
        u"9 reservations.getReservations"_s,     u"10 hostconfig.getHostConfig"_s,
        u"11 network.getNetworkConfig"_s,        u"12 network.getOSNetworkConfig"_s,
        u"13 wifi.getOSWirelessConfig"_s,        u"14 network.getL3BridgeConfig"_s,
        u"18 firewall.getOSFirewallRules"_s,     u"19 firewall.getDeveloperFirewallRules"_s,
        u"20 dockerconfig.getVirtPreamble"_s,    u"21 dhcp.getVirtDHCPSettings"_s,
        u"41 resource.getResourceAllocation"_s,  u"45 configservice.reload_placeholder"_s,
        u"50 dockerconfig.createVolumeDirs"_s,   u"52 hostconfig.setHostConfig"_s,
        u"53 wifi.setOSWirelessConfig"_s,        u"54 network.setOSNetworkConfig"_s,
        u"55 firewall.setOSFirewallRules"_s,     u"56 network.setL3BridgeConfig"_s,
        u"61 dhcp.setVirtDHCPSettings"_s,        u"63 configservice.reloadAll"_s,
        u"96 dockerapi.setResourceAllocation"_s, u"98 haproxy.reconfigureProxy"_s};
    steps += stateAndServiceSteps;
    // Stable by priority, as the plan orders them: module steps were generated first only for
    // priorities below the state module's; equal priorities never occur between the two sets.
    std::stable_sort(steps.begin(), steps.end(), [](const QString &a, const QString &b) {
        return a.section(u' ', 0, 0).toInt() < b.section(u' ', 0, 0).toInt();
    });
    return steps;
}

QStringList withHostConfigModule(const QStringList &extra)
{
    QStringList steps{u"8 devices.getSystemDevices"_s, u"9 reservations.getReservations"_s,
                      u"10 hostconfig.getHostConfig"_s, u"11 network.getNetworkConfig"_s,
                      u"40 devices.checkSystemDevices"_s};
    steps += extra;
    steps.append(u"98 haproxy.reconfigureProxy"_s);
    std::stable_sort(steps.begin(), steps.end(), [](const QString &a, const QString &b) {
        return a.section(u' ', 0, 0).toInt() < b.section(u' ', 0, 0).toInt();
    });
    return steps;
}

const QList<ChuteSpec> kNothingInstalled;

} // namespace

class TestGenerators final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stepSequence_data();
    void stepSequence();
    void validateChange_data();
    void validateChange();
    void idsInPreviewMatchGenerationOrder();
    void servicesInYamlOrder();
    void undoStepsOfEveryStep();
    void everyStepHasADescription();
    void aggregationOfThreeChutes();
    void aggregationRejectsAll();
};

void TestGenerators::stepSequence_data()
{
    QTest::addColumn<QList<Update>>("updates");
    QTest::addColumn<QStringList>("expected");

    const ChuteSpec newWeb = chute(u"web"_s, u"2"_s, ChuteState::Running);
    const QList<ChuteSpec> running{chute(u"web"_s, u"1"_s, ChuteState::Running)};
    const QList<ChuteSpec> stopped{chute(u"web"_s, u"1"_s, ChuteState::Stopped)};

    QTest::newRow("create")
        << QList<Update>{makeChuteUpdate(UpdateType::Create, newWeb, {}, kNothingInstalled)}
        << withChuteModules({u"23 state.generate_service_plans"_s,
                             u"30 dockerapi.prepare_image(main)"_s,
                             u"31 dockerapi.check_image(main)"_s, u"85 dockerapi.create_bridge"_s,
                             u"87 dockerapi.start_container(main)"_s,
                             u"91 dockerapi.setup_net_interfaces"_s, u"95 state.saveChute"_s});
    QTest::newRow("update")
        << QList<Update>{makeChuteUpdate(UpdateType::Update, newWeb, {}, running)}
        << withChuteModules(
               {u"23 state.generate_service_plans"_s, u"30 dockerapi.prepare_image(main)"_s,
                u"31 dockerapi.check_image(main)"_s, u"84 dockerapi.cleanup_net_interfaces"_s,
                u"86 dockerapi.remove_container(main)/old"_s,
                u"87 dockerapi.start_container(main)"_s, u"89 dockerapi.remove_image(main)/old"_s,
                u"91 dockerapi.setup_net_interfaces"_s, u"95 state.saveChute"_s});
    QTest::newRow("delete") << QList<Update>{makeChuteUpdate(UpdateType::Delete, {}, u"web"_s,
                                                             running)}
                            << withChuteModules({u"23 state.generate_service_plans"_s,
                                                 u"84 dockerapi.cleanup_net_interfaces"_s,
                                                 u"86 dockerapi.remove_container(main)/old"_s,
                                                 u"89 dockerapi.remove_image(main)/old"_s,
                                                 u"92 dockerapi.remove_bridge"_s,
                                                 u"95 state.saveChute"_s});
    QTest::newRow("start") << QList<Update>{makeChuteUpdate(UpdateType::Start, {}, u"web"_s,
                                                            stopped)}
                           << withChuteModules({u"23 state.generate_service_plans"_s,
                                                u"87 dockerapi.start_container(main)"_s,
                                                u"91 dockerapi.setup_net_interfaces"_s,
                                                u"95 state.saveChute"_s});
    QTest::newRow("stop") << QList<Update>{makeChuteUpdate(UpdateType::Stop, {}, u"web"_s, running)}
                          << withChuteModules({u"23 state.generate_service_plans"_s,
                                               u"84 dockerapi.cleanup_net_interfaces"_s,
                                               u"86 dockerapi.remove_container(main)/old"_s,
                                               u"95 state.saveChute"_s});
    QTest::newRow("restart") << QList<Update>{makeChuteUpdate(UpdateType::Restart, {}, u"web"_s,
                                                              running)}
                             << withChuteModules({u"23 state.generate_service_plans"_s,
                                                  u"84 dockerapi.cleanup_net_interfaces"_s,
                                                  u"86 dockerapi.remove_container(main)/old"_s,
                                                  u"87 dockerapi.start_container(main)"_s,
                                                  u"91 dockerapi.setup_net_interfaces"_s,
                                                  u"95 state.saveChute"_s});
    const QStringList hostConfigWrites{u"45 configservice.reload_placeholder"_s,
                                       u"51 devices.setSystemDevices"_s,
                                       u"52 hostconfig.setHostConfig"_s,
                                       u"63 configservice.reloadAll"_s,
                                       u"72 zerotier.configure"_s,
                                       u"73 airshark.configure"_s,
                                       u"74 services.configure_telemetry"_s};
    QTest::newRow("prehostconfig")
        << QList<Update>{makeRouterUpdate(UpdateType::PreHostConfig)} << withHostConfigModule({});
    for (const UpdateType type :
         {UpdateType::InitHostConfig, UpdateType::SetHostConfig, UpdateType::PatchHostConfig}) {
        QTest::newRow(qPrintable(updateTypeName(type)))
            << QList<Update>{makeRouterUpdate(type, HostConfig())}
            << withHostConfigModule(hostConfigWrites);
    }
    QTest::newRow("factoryreset") << QList<Update>{makeRouterUpdate(UpdateType::FactoryReset)}
                                  << withHostConfigModule({u"86 dockerapi.removeAllContainers"_s,
                                                           u"95 state.removeAllChutes"_s});
    QTest::newRow("reboot") << QList<Update>{makeRouterUpdate(UpdateType::Reboot)}
                            << withHostConfigModule({u"86 power.reboot"_s});
    QTest::newRow("shutdown") << QList<Update>{makeRouterUpdate(UpdateType::Shutdown)}
                              << withHostConfigModule({u"86 power.shutdown"_s});
    Update snap;
    snap.type = UpdateType::UpdateSnap;
    snap.name = u"paradrop"_s;
    QTest::newRow("snap") << QList<Update>{snap} << QStringList{u"99 snap.updateSnap"_s};
}

void TestGenerators::stepSequence()
{
    QFETCH(QList<Update>, updates);
    QFETCH(QStringList, expected);
    QCOMPARE(previewOf(updates), expected);
}

void TestGenerators::validateChange_data()
{
    QTest::addColumn<Update>("update");
    QTest::addColumn<QString>("message");
    const ChuteSpec web2 = chute(u"web"_s, u"2"_s, ChuteState::Running);
    const QList<ChuteSpec> running{chute(u"web"_s, u"2"_s, ChuteState::Running)};
    const QList<ChuteSpec> stopped{chute(u"web"_s, u"1"_s, ChuteState::Stopped)};
    for (const UpdateType type :
         {UpdateType::Start, UpdateType::Stop, UpdateType::Delete, UpdateType::Restart}) {
        QTest::newRow(qPrintable(updateTypeName(type) + u" of a chute not installed"_s))
            << makeChuteUpdate(type, {}, u"ghost"_s, running) << u"No chute found with id: ghost"_s;
    }
    QTest::newRow("create of an installed chute")
        << makeChuteUpdate(UpdateType::Create, web2, {}, running) << u"Chute already exists."_s;
    QTest::newRow("start when running") << makeChuteUpdate(UpdateType::Start, {}, u"web"_s, running)
                                        << u"Chute is already running."_s;
    QTest::newRow("stop when stopped") << makeChuteUpdate(UpdateType::Stop, {}, u"web"_s, stopped)
                                       << u"Chute is already stopped."_s;
    QTest::newRow("update to the same version")
        << makeChuteUpdate(UpdateType::Update, web2, {}, running)
        << u"Version 2 of the chute is already installed."_s;
    ChuteSpec older = chute(u"web"_s, u"1.9"_s, ChuteState::Running);
    const QList<ChuteSpec> dotted{chute(u"web"_s, u"1.10"_s, ChuteState::Running)};
    QTest::newRow("update to an older dotted version")
        << makeChuteUpdate(UpdateType::Update, older, {}, dotted)
        << u"Version 1.10 of the chute is already installed."_s;
    Update invalid = makeChuteUpdate(UpdateType::Create, web2, {}, kNothingInstalled);
    invalid.newChute->state = ChuteState::Invalid;
    QTest::newRow("invalid new state") << invalid << u"Chute state is invalid."_s;
    QTest::newRow("update of a newer version passes") << makeChuteUpdate(
        UpdateType::Update, chute(u"web"_s, u"1.10"_s, ChuteState::Running), {}, stopped)
                                                      << QString();
    QTest::newRow("update of a chute not installed (version 0) passes")
        << makeChuteUpdate(UpdateType::Update, web2, {}, kNothingInstalled) << QString();
}

void TestGenerators::validateChange()
{
    QFETCH(Update, update);
    QFETCH(QString, message);
    const Result<PlanMap> plan = generateUpdatePlan(update);
    QCOMPARE(plan.ok(), message.isEmpty());
    if (!message.isEmpty()) {
        QCOMPARE(plan.error().code, ErrorCode::ChangeRejected);
        QCOMPARE(plan.error().message, message);
    }
}

void TestGenerators::idsInPreviewMatchGenerationOrder()
{
    const QList<Update> updates{makeChuteUpdate(
        UpdateType::Create, chute(u"web"_s, u"1"_s, ChuteState::Running), {}, kNothingInstalled)};
    const PlanMap preview = previewPlan(generatePlan(updates).value(), updates);
    QCOMPARE(preview.size(), 33);
    // Generation order: name (1), state (2-5), struct (6-18), resource, traffic, runtime (19-30),
    // then the service steps that step 23 adds when it runs (31-33).
    QCOMPARE(preview.find(1)->todo.function, u"security.enforce_access_rights"_s);
    QCOMPARE(preview.find(2)->todo.function, u"state.generate_service_plans"_s);
    QCOMPARE(preview.find(30)->todo.function, u"configservice.reload_placeholder"_s);
    QCOMPARE(preview.find(31)->todo.toDisplayString(), u"dockerapi.prepare_image(main)"_s);
    QCOMPARE(preview.find(33)->todo.toDisplayString(), u"dockerapi.start_container(main)"_s);
}

void TestGenerators::servicesInYamlOrder()
{
    const QList<Update> updates{makeChuteUpdate(
        UpdateType::Create, chute(u"app"_s, u"1"_s, ChuteState::Running, {u"zeta"_s, u"alpha"_s}),
        {}, kNothingInstalled)};
    QStringList services;
    for (const QString &step : previewOf(updates)) {
        if (step.contains(u"dockerapi.") && step.contains(u'('))
            services.append(step);
    }
    QCOMPARE(
        services,
        (QStringList{u"30 dockerapi.prepare_image(zeta)"_s, u"30 dockerapi.prepare_image(alpha)"_s,
                     u"31 dockerapi.check_image(zeta)"_s, u"31 dockerapi.check_image(alpha)"_s,
                     u"87 dockerapi.start_container(zeta)"_s,
                     u"87 dockerapi.start_container(alpha)"_s}));
}

void TestGenerators::undoStepsOfEveryStep()
{
    const QList<ChuteSpec> running{chute(u"web"_s, u"1"_s, ChuteState::Running)};
    const QList<Update> updates{makeChuteUpdate(
        UpdateType::Update, chute(u"web"_s, u"2"_s, ChuteState::Running), {}, running)};
    QStringList withUndo;
    for (const Step &step : previewPlan(generatePlan(updates).value(), updates).steps()) {
        if (step.undo.isEmpty())
            continue;
        QStringList undo;
        for (const StepCall &call : step.undo)
            undo.append(call.toDisplayString()
                        + (call.args.serviceOf() == ServiceOf::Old ? u"/old"_s : QString()));
        withUndo.append(step.todo.function + u" > "_s + undo.join(u", "_s));
    }
    QCOMPARE(withUndo,
             (QStringList{
                 u"files.download_chute_files > files.delete_chute_files"_s,
                 u"devices.getSystemDevices > network.abortNetworkConfig"_s,
                 u"dockerapi.prepare_image > dockerapi.remove_image(main)"_s,
                 u"configservice.reload_placeholder > configservice.reloadAll"_s,
                 u"dockerconfig.createVolumeDirs > dockerconfig.abortCreateVolumeDirs"_s,
                 u"hostconfig.setHostConfig > hostconfig.revertHostConfig"_s,
                 u"wifi.setOSWirelessConfig > wifi.revert_os_wireless_config"_s,
                 u"network.setOSNetworkConfig > network.revert_os_network_config"_s,
                 u"firewall.setOSFirewallRules > firewall.revert_os_firewall_rules"_s,
                 u"network.setL3BridgeConfig > network.revert_l3_bridge_config"_s,
                 u"dhcp.setVirtDHCPSettings > dhcp.revert_dhcp_settings"_s,
                 u"dockerapi.cleanup_net_interfaces > dockerapi.setup_net_interfaces"_s,
                 u"dockerapi.remove_container > dockerapi.start_container(main)/old"_s,
                 u"dockerapi.start_container > dockerapi.remove_container(main)"_s,
                 u"dockerapi.setup_net_interfaces > dockerapi.cleanup_net_interfaces"_s,
                 u"state.saveChute > state.revertChute"_s,
                 u"dockerapi.setResourceAllocation > dockerapi.revertResourceAllocation"_s,
             }));
}

void TestGenerators::everyStepHasADescription()
{
    const QList<ChuteSpec> running{chute(u"web"_s, u"1"_s, ChuteState::Running)};
    for (const UpdateType type : {UpdateType::Update, UpdateType::Delete}) {
        const QList<Update> updates{
            makeChuteUpdate(type, chute(u"web"_s, u"2"_s, ChuteState::Running), u"web"_s, running)};
        for (const Step &step : previewPlan(generatePlan(updates).value(), updates).steps()) {
            QVERIFY2(isKnownStepFunction(step.todo.function), qPrintable(step.todo.function));
            QVERIFY(!step.description.isEmpty());
            QVERIFY(step.description != step.todo.function);
        }
    }
    QCOMPARE(describeStep(
                 StepCall{u"dockerapi.remove_image"_s, StepArgs::service(u"db"_s, ServiceOf::Old)}),
             u"Remove the image of service db (installed version)"_s);
}

void TestGenerators::aggregationOfThreeChutes()
{
    QList<Update> updates;
    for (const QString &name : {u"alpha"_s, u"beta"_s, u"gamma"_s})
        updates.append(makeChuteUpdate(UpdateType::Create, chute(name, u"1"_s, ChuteState::Running),
                                       {}, kNothingInstalled));
    const Result<PlanMap> plan = generatePlan(updates);
    QVERIFY(plan.ok());
    const PlanMap preview = previewPlan(plan.value(), updates);
    // 33 steps each, less the router-wide steps kept once: reloadAll, reload_placeholder, proxy.
    QCOMPARE(preview.size(), 3 * 33 - 2 * 3);
    QStringList routerWide;
    QMap<QString, int> perChute;
    for (const Step &step : preview.steps()) {
        if (isRouterWide(step.todo.function))
            routerWide.append(step.todo.function + u" for "_s + step.chutes.join(u','));
        else
            ++perChute[step.update];
    }
    QCOMPARE(routerWide, (QStringList{u"configservice.reload_placeholder for alpha,beta,gamma"_s,
                                      u"configservice.reloadAll for alpha,beta,gamma"_s,
                                      u"haproxy.reconfigureProxy for alpha,beta,gamma"_s}));
    QCOMPARE(perChute.value(u"alpha"_s), 30);
    QCOMPARE(perChute.value(u"gamma"_s), 30);
    // Interleaved by priority, ties in the order the updates were given.
    QStringList firstSteps;
    for (qsizetype i = 0; i < 4; ++i)
        firstSteps.append(preview.at(i).update + u' ' + preview.at(i).todo.function);
    QCOMPARE(firstSteps, (QStringList{u"alpha security.enforce_access_rights"_s,
                                      u"beta security.enforce_access_rights"_s,
                                      u"gamma security.enforce_access_rights"_s,
                                      u"alpha files.download_chute_files"_s}));
}

void TestGenerators::aggregationRejectsAll()
{
    const QList<ChuteSpec> installed{chute(u"beta"_s, u"1"_s, ChuteState::Running)};
    QList<Update> updates;
    for (const QString &name : {u"alpha"_s, u"beta"_s})
        updates.append(makeChuteUpdate(UpdateType::Create, chute(name, u"1"_s, ChuteState::Running),
                                       {}, installed));
    const Result<PlanMap> plan = generatePlan(updates);
    QVERIFY(!plan.ok());
    QCOMPARE(plan.error().message, u"beta: Chute already exists."_s);
}

QTEST_APPLESS_MAIN(TestGenerators)
#include "tst_generators.moc"
