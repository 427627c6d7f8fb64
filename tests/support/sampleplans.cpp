#include "tests/support/sampleplans.h"

#include "core/chute/chutespec.h"
#include "core/plan/priority.h"
#include "core/update/planning.h"

namespace ChuteDeck::Tests {

using namespace ChuteDeck::Core;
using namespace Qt::StringLiterals;

namespace {

// Literals (u""_s) keep plan building free of string allocations, as generators should be.
StepCall call(const QString &function)
{
    return StepCall{function, {}};
}

StepCall serviceCall(const QString &function, ServiceOf which = ServiceOf::New)
{
    return StepCall{function, StepArgs::service(u"main"_s, which)};
}

} // namespace

PlanMap oneServiceCreatePlan(const QString &chute)
{
    PlanMap plan(chute);
    const auto add = [&](Priority priority, StepCall todo, UndoCalls undo = {}) {
        (void)plan.add(toInt(priority), std::move(todo), std::move(undo), {}, chute);
    };
    using enum Priority;
    // name
    add(EnforceAccessRights, call(u"security.enforce_access_rights"_s));
    // state
    add(StateGenerateServicePlans, call(u"state.generate_service_plans"_s));
    add(StateNetStart, call(u"dockerapi.setup_net_interfaces"_s),
        call(u"dockerapi.cleanup_net_interfaces"_s));
    add(StateCreateBridge, call(u"dockerapi.create_bridge"_s), call(u"dockerapi.remove_bridge"_s));
    add(StateSaveChute, call(u"state.saveChute"_s), call(u"state.revertChute"_s));
    // struct
    add(DownloadChuteFiles, call(u"files.download_chute_files"_s),
        call(u"files.delete_chute_files"_s));
    add(LoadChuteConfiguration, call(u"files.load_chute_configuration"_s));
    add(StructGetSystemDevices, call(u"devices.getSystemDevices"_s),
        call(u"network.abortNetworkConfig"_s));
    add(StructGetReservations, call(u"reservations.getReservations"_s));
    add(StructGetHostConfig, call(u"hostconfig.getHostConfig"_s));
    add(StructSetHostConfig, call(u"hostconfig.setHostConfig"_s),
        call(u"hostconfig.revertHostConfig"_s));
    add(StructGetIntNetwork, call(u"network.getNetworkConfig"_s));
    add(StructGetOsNetwork, call(u"network.getOSNetworkConfig"_s));
    add(StructGetOsWireless, call(u"wifi.getOSWirelessConfig"_s));
    add(StructSetOsNetwork, call(u"network.setOSNetworkConfig"_s),
        call(u"network.revert_os_network_config"_s));
    add(StructSetOsWireless, call(u"wifi.setOSWirelessConfig"_s),
        call(u"wifi.revert_os_wireless_config"_s));
    add(StructGetL3BridgeConfig, call(u"network.getL3BridgeConfig"_s));
    add(StructSetL3BridgeConfig, call(u"network.setL3BridgeConfig"_s),
        call(u"network.revert_l3_bridge_config"_s));
    // resource
    add(ResourceGetAllocation, call(u"resource.getResourceAllocation"_s));
    add(ResourceSetAllocation, call(u"dockerapi.setResourceAllocation"_s),
        call(u"dockerapi.revertResourceAllocation"_s));
    // traffic
    add(TrafficGetOsFirewall, call(u"firewall.getOSFirewallRules"_s));
    add(TrafficGetDeveloperFirewall, call(u"firewall.getDeveloperFirewallRules"_s));
    add(TrafficSetOsFirewall, call(u"firewall.setOSFirewallRules"_s),
        call(u"firewall.revert_os_firewall_rules"_s));
    add(ReconfigureProxy, call(u"haproxy.reconfigureProxy"_s));
    // runtime
    add(RuntimeGetVirtPreamble, call(u"dockerconfig.getVirtPreamble"_s));
    add(CreateVolumeDirs, call(u"dockerconfig.createVolumeDirs"_s),
        call(u"dockerconfig.abortCreateVolumeDirs"_s));
    add(RuntimeGetVirtDhcp, call(u"dhcp.getVirtDHCPSettings"_s));
    add(RuntimeSetVirtDhcp, call(u"dhcp.setVirtDHCPSettings"_s),
        call(u"dhcp.revert_dhcp_settings"_s));
    add(RuntimeReloadConfig, call(u"configservice.reloadAll"_s));
    add(RuntimeReloadConfigBackout, call(u"configservice.reload_placeholder"_s),
        call(u"configservice.reloadAll"_s));
    return plan;
}

std::shared_ptr<StepRegistry> oneServiceCreateRegistry(const std::shared_ptr<CallLog> &log)
{
    QStringList functions = functionsOf(oneServiceCreatePlan(QStringLiteral("web")));
    functions << QStringLiteral("dockerapi.prepare_image")
              << QStringLiteral("dockerapi.remove_image") << QStringLiteral("dockerapi.check_image")
              << QStringLiteral("dockerapi.start_container")
              << QStringLiteral("dockerapi.remove_container");
    auto registry = recordingRegistry(functions, log);
    registry->add(QStringLiteral("state.generate_service_plans"), [log](StepContext &context) {
        log->record(context.phase(), context.call());
        using enum Priority;
        for (const auto &[priority, todo, undo] :
             {std::tuple{StateBuildImage, serviceCall(u"dockerapi.prepare_image"_s),
                         UndoCalls(serviceCall(u"dockerapi.remove_image"_s))},
              std::tuple{StateCheckImage, serviceCall(u"dockerapi.check_image"_s), UndoCalls()},
              std::tuple{StateCallStart, serviceCall(u"dockerapi.start_container"_s),
                         UndoCalls(serviceCall(u"dockerapi.remove_container"_s))}}) {
            const Result<StepId> added = context.addStep(toInt(priority), todo, undo);
            if (!added)
                return Result<void>(added.error());
        }
        return Result<void>::success();
    });
    return registry;
}

PlanMap noOpPlan(int count, const QString &function)
{
    PlanMap plan(QStringLiteral("noop"));
    // Ascending priorities over ParaDrop's range, as generated plans are mostly added.
    for (int i = 0; i < count; ++i)
        (void)plan.add(1 + int(qint64(i) * 100 / count), StepCall{function, {}},
                       StepCall{function, {}});
    return plan;
}

} // namespace ChuteDeck::Tests

namespace ChuteDeck::Tests {

Core::PlanMap aggregatedCreatePreview(const QString &chuteFolder, int count)
{
    const Core::ChuteSpec sample = Core::loadChute(chuteFolder).value();
    QList<Core::Update> updates;
    for (int i = 0; i < count; ++i) {
        Core::ChuteSpec chute = sample;
        chute.name = QStringLiteral("chute-%1").arg(i);
        updates.append(Core::makeChuteUpdate(Core::UpdateType::Create, chute, chute.name, {}));
    }
    return Core::previewPlan(Core::generatePlan(updates).value(), updates);
}

} // namespace ChuteDeck::Tests
