#include "core/plan/priority.h"

#include <algorithm>
#include <array>

namespace ChuteDeck::Core {
namespace {

using enum Priority;
using B = PriorityBand;

constexpr std::array kPriorities{
    PriorityInfo{EnforceAccessRights, "ENFORCE_ACCESS_RIGHTS", B::Security},
    PriorityInfo{DownloadChuteFiles, "DOWNLOAD_CHUTE_FILES", B::ConfigurationGeneration},
    PriorityInfo{LoadChuteConfiguration, "LOAD_CHUTE_CONFIGURATION", B::ConfigurationGeneration},
    PriorityInfo{StructGetSystemDevices, "STRUCT_GET_SYSTEM_DEVICES", B::ConfigurationGeneration},
    PriorityInfo{StructGetReservations, "STRUCT_GET_RESERVATIONS", B::ConfigurationGeneration},
    PriorityInfo{StructGetHostConfig, "STRUCT_GET_HOST_CONFIG", B::ConfigurationGeneration},
    PriorityInfo{StructGetIntNetwork, "STRUCT_GET_INT_NETWORK", B::ConfigurationGeneration},
    PriorityInfo{StructGetOsNetwork, "STRUCT_GET_OS_NETWORK", B::ConfigurationGeneration},
    PriorityInfo{StructGetOsWireless, "STRUCT_GET_OS_WIRELESS", B::ConfigurationGeneration},
    PriorityInfo{StructGetL3BridgeConfig, "STRUCT_GET_L3BRIDGE_CONFIG", B::ConfigurationGeneration},
    PriorityInfo{TrafficGetOsFirewall, "TRAFFIC_GET_OS_FIREWALL", B::ConfigurationGeneration},
    PriorityInfo{TrafficGetDeveloperFirewall, "TRAFFIC_GET_DEVELOPER_FIREWALL",
                 B::ConfigurationGeneration},
    PriorityInfo{RuntimeGetVirtPreamble, "RUNTIME_GET_VIRT_PREAMBLE", B::ConfigurationGeneration},
    PriorityInfo{RuntimeGetVirtDhcp, "RUNTIME_GET_VIRT_DHCP", B::ConfigurationGeneration},
    PriorityInfo{DhcpGetVirtRules, "DHCP_GET_VIRT_RULES", B::ConfigurationGeneration},
    PriorityInfo{StateGenerateServicePlans, "STATE_GENERATE_SERVICE_PLANS",
                 B::ConfigurationGeneration},
    PriorityInfo{StateBuildImage, "STATE_BUILD_IMAGE", B::Image},
    PriorityInfo{StateCheckImage, "STATE_CHECK_IMAGE", B::Image},
    PriorityInfo{CheckSystemDevices, "CHECK_SYSTEM_DEVICES", B::Validation},
    PriorityInfo{ResourceGetAllocation, "RESOURCE_GET_ALLOCATION", B::Validation},
    PriorityInfo{RuntimeReloadConfigBackout, "RUNTIME_RELOAD_CONFIG_BACKOUT",
                 B::WriteConfiguration},
    PriorityInfo{CreateVolumeDirs, "CREATE_VOLUME_DIRS", B::WriteConfiguration},
    PriorityInfo{StructSetSystemDevices, "STRUCT_SET_SYSTEM_DEVICES", B::WriteConfiguration},
    PriorityInfo{StructSetHostConfig, "STRUCT_SET_HOST_CONFIG", B::WriteConfiguration},
    PriorityInfo{StructSetOsWireless, "STRUCT_SET_OS_WIRELESS", B::WriteConfiguration},
    PriorityInfo{StructSetOsNetwork, "STRUCT_SET_OS_NETWORK", B::WriteConfiguration},
    PriorityInfo{TrafficSetOsFirewall, "TRAFFIC_SET_OS_FIREWALL", B::WriteConfiguration},
    PriorityInfo{StructSetL3BridgeConfig, "STRUCT_SET_L3BRIDGE_CONFIG", B::WriteConfiguration},
    PriorityInfo{ResourceSetVirtQos, "RESOURCE_SET_VIRT_QOS", B::WriteConfiguration},
    PriorityInfo{NameMntPart, "NAME_MNT_PART", B::WriteConfiguration},
    PriorityInfo{StateSetVirtConfig, "STATE_SET_VIRT_CONFIG", B::WriteConfiguration},
    PriorityInfo{StateSetVirtScript, "STATE_SET_VIRT_SCRIPT", B::WriteConfiguration},
    PriorityInfo{RuntimeSetVirtDhcp, "RUNTIME_SET_VIRT_DHCP", B::WriteConfiguration},
    PriorityInfo{DhcpSetVirtRules, "DHCP_SET_VIRT_RULES", B::WriteConfiguration},
    PriorityInfo{RuntimeReloadConfig, "RUNTIME_RELOAD_CONFIG", B::WriteConfiguration},
    PriorityInfo{StateCallCfg, "STATE_CALL_CFG", B::OperationsOnConfigChanges},
    PriorityInfo{FilesCopyFromOs, "FILES_COPY_FROM_OS", B::OperationsOnConfigChanges},
    PriorityInfo{ZerotierConfigure, "ZEROTIER_CONFIGURE", B::OperationsOnConfigChanges},
    PriorityInfo{AirsharkConfigure, "AIRSHARK_CONFIGURE", B::OperationsOnConfigChanges},
    PriorityInfo{TelemetryService, "TELEMETRY_SERVICE", B::OperationsOnConfigChanges},
    PriorityInfo{ApplyWaitOnlineFix, "APPLY_WAIT_ONLINE_FIX", B::OperationsOnConfigChanges},
    PriorityInfo{FilesCopyUser, "FILES_COPY_USER", B::OperationsOnConfigChanges},
    PriorityInfo{FilesCopyToMnt, "FILES_COPY_TO_MNT", B::OperationsOnConfigChanges},
    PriorityInfo{StartupCallEarlyStart, "STARTUP_CALL_EARLY_START", B::OperationsOnConfigChanges},
    PriorityInfo{StructReloadNetwork, "STRUCT_RELOAD_NETWORK", B::OperationsOnConfigChanges},
    PriorityInfo{StructReloadWifi, "STRUCT_RELOAD_WIFI", B::OperationsOnConfigChanges},
    PriorityInfo{TrafficReloadFirewall, "TRAFFIC_RELOAD_FIREWALL", B::OperationsOnConfigChanges},
    PriorityInfo{DhcpReload, "DHCP_RELOAD", B::OperationsOnConfigChanges},
    PriorityInfo{StateMakeExec, "STATE_MAKE_EXEC", B::OperationsOnConfigChanges},
    PriorityInfo{StateNetStop, "STATE_NET_STOP", B::Container},
    PriorityInfo{StateCreateBridge, "STATE_CREATE_BRIDGE", B::Container},
    PriorityInfo{StateCallStop, "STATE_CALL_STOP", B::Container},
    PriorityInfo{StateCallStart, "STATE_CALL_START", B::Container},
    PriorityInfo{StateCallFreeze, "STATE_CALL_FREEZE", B::Container},
    PriorityInfo{StateCallCleanup, "STATE_CALL_CLEANUP", B::Container},
    PriorityInfo{StateFilesStart, "STATE_FILES_START", B::Container},
    PriorityInfo{StateNetStart, "STATE_NET_START", B::Container},
    PriorityInfo{StateRemoveBridge, "STATE_REMOVE_BRIDGE", B::Container},
    PriorityInfo{StateSaveChute, "STATE_SAVE_CHUTE", B::Final},
    PriorityInfo{ResourceSetAllocation, "RESOURCE_SET_ALLOCATION", B::Final},
    PriorityInfo{ReconfigureProxy, "RECONFIGURE_PROXY", B::Final},
    PriorityInfo{SnapInstall, "SNAP_INSTALL", B::Final},
    PriorityInfo{CoapChangeProcesses, "COAP_CHANGE_PROCESSES", B::Final},
};

static_assert(std::ranges::is_sorted(kPriorities, {}, &PriorityInfo::value),
              "the table is searched by value");

const PriorityInfo *findByValue(int value)
{
    const auto *const it = std::ranges::lower_bound(kPriorities, value, {}, &PriorityInfo::value);
    return it != kPriorities.end() && it->value() == value ? &*it : nullptr;
}

} // namespace

std::span<const PriorityInfo> allPriorities()
{
    return kPriorities;
}

QString priorityName(int value)
{
    const PriorityInfo *info = findByValue(value);
    return info ? QString::fromLatin1(info->name) : QString();
}

std::optional<int> priorityFromName(QStringView name)
{
    for (const PriorityInfo &info : kPriorities) {
        if (name == QLatin1StringView(info.name))
            return info.value();
    }
    return std::nullopt;
}

PriorityBand priorityBand(int value)
{
    const auto *const it = std::ranges::upper_bound(kPriorities, value, {}, &PriorityInfo::value);
    return it == kPriorities.begin() ? PriorityBand::Security : std::prev(it)->band;
}

QString bandName(PriorityBand band)
{
    switch (band) {
    case PriorityBand::Security:
        return QStringLiteral("security");
    case PriorityBand::ConfigurationGeneration:
        return QStringLiteral("configuration generation");
    case PriorityBand::Image:
        return QStringLiteral("image");
    case PriorityBand::Validation:
        return QStringLiteral("validation");
    case PriorityBand::WriteConfiguration:
        return QStringLiteral("write configuration");
    case PriorityBand::OperationsOnConfigChanges:
        return QStringLiteral("operations on config changes");
    case PriorityBand::Container:
        return QStringLiteral("container");
    case PriorityBand::Final:
        return QStringLiteral("final");
    }
    return {};
}

} // namespace ChuteDeck::Core
