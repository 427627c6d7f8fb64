#include "core/update/generators.h"

#include "core/plan/priority.h"
#include "core/update/stepcatalog.h"

namespace ChuteDeck::Core {
namespace {

using namespace Qt::StringLiterals;
using enum Priority;

StepCall call(const QString &function)
{
    return StepCall{function, {}};
}

StepCall serviceCall(const QString &function, const ServiceSpec &service, ServiceOf which)
{
    return StepCall{function, StepArgs::service(service.name, which)};
}

// Collects an update's steps with their descriptions, in generation order (which fixes the ids).
class Generation
{
public:
    Generation(QList<Step> &steps, const Update &update)
        : m_steps(steps)
        , m_update(update)
    {}

    const Update &update() const { return m_update; }

    void add(Priority priority, const StepCall &todo, const UndoCalls &undo = {})
    {
        m_steps.append(
            Step{0, toInt(priority), todo, undo.calls(), describeStep(todo), m_update.name, {}});
    }

private:
    QList<Step> &m_steps;
    const Update &m_update;
};

bool isRunning(const std::optional<ChuteSpec> &chute)
{
    return chute && chute->state == ChuteState::Running;
}

void generateName(Generation &g)
{
    g.add(EnforceAccessRights, call(u"security.enforce_access_rights"_s));
}

Result<void> generateState(Generation &g)
{
    const Update &update = g.update();
    if (Result<void> valid = validateChange(update); !valid)
        return valid;
    g.add(StateGenerateServicePlans, call(u"state.generate_service_plans"_s));
    if (isRunning(update.newChute)) {
        g.add(StateNetStart, call(u"dockerapi.setup_net_interfaces"_s),
              call(u"dockerapi.cleanup_net_interfaces"_s));
    }
    if (isRunning(update.newChute) && !update.oldChute) {
        g.add(StateCreateBridge, call(u"dockerapi.create_bridge"_s),
              call(u"dockerapi.remove_bridge"_s));
    }
    if (isRunning(update.oldChute)) {
        g.add(StateNetStop, call(u"dockerapi.cleanup_net_interfaces"_s),
              call(u"dockerapi.setup_net_interfaces"_s));
    }
    if (update.type == UpdateType::Delete) {
        g.add(StateRemoveBridge, call(u"dockerapi.remove_bridge"_s),
              call(u"dockerapi.create_bridge"_s));
    }
    g.add(StateSaveChute, call(u"state.saveChute"_s), call(u"state.revertChute"_s));
    return Result<void>::success();
}

void generateStruct(Generation &g)
{
    g.add(DownloadChuteFiles, call(u"files.download_chute_files"_s),
          call(u"files.delete_chute_files"_s));
    g.add(LoadChuteConfiguration, call(u"files.load_chute_configuration"_s));
    g.add(StructGetSystemDevices, call(u"devices.getSystemDevices"_s),
          call(u"network.abortNetworkConfig"_s));
    g.add(StructGetReservations, call(u"reservations.getReservations"_s));
    g.add(StructGetHostConfig, call(u"hostconfig.getHostConfig"_s));
    g.add(StructSetHostConfig, call(u"hostconfig.setHostConfig"_s),
          call(u"hostconfig.revertHostConfig"_s));
    g.add(StructGetIntNetwork, call(u"network.getNetworkConfig"_s));
    g.add(StructGetOsNetwork, call(u"network.getOSNetworkConfig"_s));
    g.add(StructGetOsWireless, call(u"wifi.getOSWirelessConfig"_s));
    g.add(StructSetOsNetwork, call(u"network.setOSNetworkConfig"_s),
          call(u"network.revert_os_network_config"_s));
    g.add(StructSetOsWireless, call(u"wifi.setOSWirelessConfig"_s),
          call(u"wifi.revert_os_wireless_config"_s));
    g.add(StructGetL3BridgeConfig, call(u"network.getL3BridgeConfig"_s));
    g.add(StructSetL3BridgeConfig, call(u"network.setL3BridgeConfig"_s),
          call(u"network.revert_l3_bridge_config"_s));
}

void generateResource(Generation &g)
{
    g.add(ResourceGetAllocation, call(u"resource.getResourceAllocation"_s));
    g.add(ResourceSetAllocation, call(u"dockerapi.setResourceAllocation"_s),
          call(u"dockerapi.revertResourceAllocation"_s));
}

void generateTraffic(Generation &g)
{
    g.add(TrafficGetOsFirewall, call(u"firewall.getOSFirewallRules"_s));
    g.add(TrafficGetDeveloperFirewall, call(u"firewall.getDeveloperFirewallRules"_s));
    g.add(TrafficSetOsFirewall, call(u"firewall.setOSFirewallRules"_s),
          call(u"firewall.revert_os_firewall_rules"_s));
    g.add(ReconfigureProxy, call(u"haproxy.reconfigureProxy"_s));
}

// The reload steps of the runtime and hostconfig modules: the reload itself, and a no-op at 45
// whose undo makes a rollback reload after the files are restored.
void generateReloads(Generation &g)
{
    g.add(RuntimeReloadConfig, call(u"configservice.reloadAll"_s));
    g.add(RuntimeReloadConfigBackout, call(u"configservice.reload_placeholder"_s),
          call(u"configservice.reloadAll"_s));
}

void generateRuntime(Generation &g)
{
    g.add(RuntimeGetVirtPreamble, call(u"dockerconfig.getVirtPreamble"_s));
    g.add(CreateVolumeDirs, call(u"dockerconfig.createVolumeDirs"_s),
          call(u"dockerconfig.abortCreateVolumeDirs"_s));
    g.add(RuntimeGetVirtDhcp, call(u"dhcp.getVirtDHCPSettings"_s));
    g.add(RuntimeSetVirtDhcp, call(u"dhcp.setVirtDHCPSettings"_s),
          call(u"dhcp.revert_dhcp_settings"_s));
    generateReloads(g);
}

void generateHostConfig(Generation &g)
{
    g.add(StructGetSystemDevices, call(u"devices.getSystemDevices"_s),
          call(u"network.abortNetworkConfig"_s));
    g.add(CheckSystemDevices, call(u"devices.checkSystemDevices"_s));
    g.add(StructGetReservations, call(u"reservations.getReservations"_s));
    g.add(StructGetHostConfig, call(u"hostconfig.getHostConfig"_s));
    g.add(StructGetIntNetwork, call(u"network.getNetworkConfig"_s));
    g.add(ReconfigureProxy, call(u"haproxy.reconfigureProxy"_s));
    const UpdateType type = g.update().type;
    if (type != UpdateType::InitHostConfig && type != UpdateType::SetHostConfig
        && type != UpdateType::PatchHostConfig) {
        return;
    }
    g.add(StructSetHostConfig, call(u"hostconfig.setHostConfig"_s),
          call(u"hostconfig.revertHostConfig"_s));
    g.add(StructSetSystemDevices, call(u"devices.setSystemDevices"_s),
          call(u"configservice.reloadAll"_s));
    g.add(ZerotierConfigure, call(u"zerotier.configure"_s));
    g.add(AirsharkConfigure, call(u"airshark.configure"_s));
    g.add(TelemetryService, call(u"services.configure_telemetry"_s));
    generateReloads(g);
}

void generateRouter(Generation &g)
{
    switch (g.update().type) {
    case UpdateType::FactoryReset:
        g.add(StateCallStop, call(u"dockerapi.removeAllContainers"_s));
        g.add(StateSaveChute, call(u"state.removeAllChutes"_s));
        break;
    case UpdateType::Reboot:
        g.add(StateCallStop, call(u"power.reboot"_s));
        break;
    case UpdateType::Shutdown:
        g.add(StateCallStop, call(u"power.shutdown"_s));
        break;
    default:
        break;
    }
}

void generateSnap(Generation &g)
{
    g.add(SnapInstall, call(u"snap.updateSnap"_s));
}

} // namespace

Result<QList<Step>> generateUpdateSteps(const Update &update)
{
    QList<Step> steps;
    Generation g(steps, update);
    switch (update.updateClass()) {
    case UpdateClass::Chute:
        generateName(g);
        if (const Result<void> state = generateState(g); !state)
            return state.error();
        generateStruct(g);
        generateResource(g);
        generateTraffic(g);
        generateRuntime(g);
        break;
    case UpdateClass::Router:
        generateHostConfig(g);
        generateRouter(g);
        break;
    case UpdateClass::Snap:
        generateSnap(g);
        break;
    }
    return steps;
}

Result<PlanMap> generateUpdatePlan(const Update &update)
{
    Result<QList<Step>> steps = generateUpdateSteps(update);
    if (!steps)
        return steps.error();
    PlanMap plan(update.name);
    (void)plan.addSteps(std::move(steps).value());
    return plan;
}

QList<Step> servicePlanSteps(const Update &update)
{
    QList<Step> steps;
    Generation g(steps, update);
    const auto add = [&g](Priority priority, const StepCall &todo, const UndoCalls &undo = {}) {
        g.add(priority, todo, undo);
    };
    const bool buildsImages
        = update.type == UpdateType::Create || update.type == UpdateType::Update;
    if (update.newChute) {
        for (const ServiceSpec &service : update.newChute->services) {
            if (buildsImages) {
                add(StateBuildImage,
                    serviceCall(u"dockerapi.prepare_image"_s, service, ServiceOf::New),
                    serviceCall(u"dockerapi.remove_image"_s, service, ServiceOf::New));
                add(StateCheckImage,
                    serviceCall(u"dockerapi.check_image"_s, service, ServiceOf::New));
            }
            if (isRunning(update.newChute)) {
                add(StateCallStart,
                    serviceCall(u"dockerapi.start_container"_s, service, ServiceOf::New),
                    serviceCall(u"dockerapi.remove_container"_s, service, ServiceOf::New));
            }
        }
    }
    if (update.oldChute) {
        const bool removesImages
            = update.type == UpdateType::Update || update.type == UpdateType::Delete;
        for (const ServiceSpec &service : update.oldChute->services) {
            if (isRunning(update.oldChute)) {
                add(StateCallStop,
                    serviceCall(u"dockerapi.remove_container"_s, service, ServiceOf::Old),
                    serviceCall(u"dockerapi.start_container"_s, service, ServiceOf::Old));
            }
            if (removesImages)
                add(StateCallCleanup,
                    serviceCall(u"dockerapi.remove_image"_s, service, ServiceOf::Old));
        }
    }
    return steps;
}

} // namespace ChuteDeck::Core
