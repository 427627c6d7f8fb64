#pragma once

#include <QString>

#include <optional>
#include <span>

namespace ChuteDeck::Core {

// ParaDrop's step priorities (paradrop.core.plan.plangraph), names and numbers exactly as there.
// Lower values run first. Plans carry priorities as plain ints so that unusual values survive a
// round trip through JSON; this enum names the ones ParaDrop defined.
enum class Priority : int {
    EnforceAccessRights = 1,
    DownloadChuteFiles = 6,
    LoadChuteConfiguration = 7,
    StructGetSystemDevices = 8,
    StructGetReservations = 9,
    StructGetHostConfig = 10,
    StructGetIntNetwork = 11,
    StructGetOsNetwork = 12,
    StructGetOsWireless = 13,
    StructGetL3BridgeConfig = 14,
    TrafficGetOsFirewall = 18,
    TrafficGetDeveloperFirewall = 19,
    RuntimeGetVirtPreamble = 20,
    RuntimeGetVirtDhcp = 21,
    DhcpGetVirtRules = 22,
    StateGenerateServicePlans = 23,
    StateBuildImage = 30,
    StateCheckImage = 31,
    CheckSystemDevices = 40,
    ResourceGetAllocation = 41,
    RuntimeReloadConfigBackout = 45,
    CreateVolumeDirs = 50,
    StructSetSystemDevices = 51,
    StructSetHostConfig = 52,
    StructSetOsWireless = 53,
    StructSetOsNetwork = 54,
    TrafficSetOsFirewall = 55,
    StructSetL3BridgeConfig = 56,
    ResourceSetVirtQos = 57,
    NameMntPart = 58,
    StateSetVirtConfig = 59,
    StateSetVirtScript = 60,
    RuntimeSetVirtDhcp = 61,
    DhcpSetVirtRules = 62,
    RuntimeReloadConfig = 63,
    StateCallCfg = 70,
    FilesCopyFromOs = 71,
    ZerotierConfigure = 72,
    AirsharkConfigure = 73,
    TelemetryService = 74,
    ApplyWaitOnlineFix = 75,
    FilesCopyUser = 76,
    FilesCopyToMnt = 77,
    StartupCallEarlyStart = 78,
    StructReloadNetwork = 79,
    StructReloadWifi = 80,
    TrafficReloadFirewall = 81,
    DhcpReload = 82,
    StateMakeExec = 83,
    StateNetStop = 84,
    StateCreateBridge = 85,
    StateCallStop = 86,
    StateCallStart = 87,
    StateCallFreeze = 88,
    StateCallCleanup = 89,
    StateFilesStart = 90,
    StateNetStart = 91,
    StateRemoveBridge = 92,
    StateSaveChute = 95,
    ResourceSetAllocation = 96,
    ReconfigureProxy = 98,
    SnapInstall = 99,
    CoapChangeProcesses = 100,
};

// The stage of an update a priority belongs to; the GUI draws the timeline in these bands.
enum class PriorityBand {
    Security,
    ConfigurationGeneration,
    Image,
    Validation,
    WriteConfiguration,
    OperationsOnConfigChanges,
    Container,
    Final,
};

struct PriorityInfo
{
    Priority priority;
    const char *name; // ParaDrop's constant name, e.g. "STATE_CALL_START"
    PriorityBand band;

    constexpr int value() const { return static_cast<int>(priority); }
};

// Every ParaDrop priority, in ascending order.
std::span<const PriorityInfo> allPriorities();

// The ParaDrop name of a priority value ("STATE_CALL_START" for 87); empty for a value ParaDrop
// did not name.
QString priorityName(int value);
std::optional<int> priorityFromName(QStringView name);

// The band a value falls in. Values between named priorities belong to the band of the nearest
// named priority below them, so custom priorities still get a sensible band.
PriorityBand priorityBand(int value);
QString bandName(PriorityBand band); // "configuration generation"

constexpr int toInt(Priority priority)
{
    return static_cast<int>(priority);
}

} // namespace ChuteDeck::Core
