#include "core/update/stepcatalog.h"

#include <QHash>

#include <algorithm>
#include <array>

namespace ChuteDeck::Core {
namespace {

struct CatalogEntry
{
    const char *function;
    const char *description; // %1: the service, for per-service steps
};

// Sorted by function name: looked up with a binary search. The descriptions are marked for lupdate:
// the desktop shows them translated (context "ChuteDeck::StepCatalog").
constexpr std::array kCatalog{
    CatalogEntry{
        "airshark.configure",
        QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog", "Configure the Airshark spectrum monitor")},
    CatalogEntry{
        "configservice.reloadAll",
        QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog", "Reload network, wireless, firewall and DHCP")},
    CatalogEntry{
        "configservice.reload_placeholder",
        QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog",
                          "Mark the point from which a rollback reloads the configuration")},
    CatalogEntry{
        "devices.checkSystemDevices",
        QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog", "Check that the configured devices exist")},
    CatalogEntry{"devices.getSystemDevices",
                 QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog",
                                   "Read the router's network devices and radios")},
    CatalogEntry{"devices.setSystemDevices",
                 QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog",
                                   "Write the device settings of the host configuration")},
    CatalogEntry{"dhcp.getVirtDHCPSettings",
                 QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog",
                                   "Work out the DHCP settings of the chute's networks")},
    CatalogEntry{
        "dhcp.revert_dhcp_settings",
        QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog", "Restore the previous DHCP configuration")},
    CatalogEntry{"dhcp.setVirtDHCPSettings",
                 QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog", "Write the chute's DHCP settings")},
    CatalogEntry{"dockerapi.check_image",
                 QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog",
                                   "Check that the image of service %1 is present")},
    CatalogEntry{
        "dockerapi.cleanup_net_interfaces",
        QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog", "Disconnect the chute's network interfaces")},
    CatalogEntry{"dockerapi.create_bridge",
                 QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog", "Create the chute's network bridge")},
    CatalogEntry{
        "dockerapi.prepare_image",
        QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog", "Build or pull the image of service %1")},
    CatalogEntry{"dockerapi.removeAllContainers",
                 QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog", "Remove every chute container")},
    CatalogEntry{"dockerapi.remove_bridge",
                 QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog", "Remove the chute's network bridge")},
    CatalogEntry{
        "dockerapi.remove_container",
        QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog", "Stop and remove the container of service %1")},
    CatalogEntry{"dockerapi.remove_image",
                 QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog", "Remove the image of service %1")},
    CatalogEntry{
        "dockerapi.revertResourceAllocation",
        QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog", "Restore the previous resource allocation")},
    CatalogEntry{"dockerapi.setResourceAllocation",
                 QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog", "Apply the chutes' CPU shares")},
    CatalogEntry{
        "dockerapi.setup_net_interfaces",
        QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog", "Connect the chute's network interfaces")},
    CatalogEntry{"dockerapi.start_container",
                 QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog", "Start the container of service %1")},
    CatalogEntry{"dockerconfig.abortCreateVolumeDirs",
                 QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog",
                                   "Remove the volume folders made for the chute")},
    CatalogEntry{"dockerconfig.createVolumeDirs",
                 QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog", "Create the chute's volume folders")},
    CatalogEntry{"dockerconfig.getVirtPreamble",
                 QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog", "Prepare the container settings")},
    CatalogEntry{"files.delete_chute_files",
                 QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog",
                                   "Delete the chute files downloaded by this change")},
    CatalogEntry{"files.download_chute_files",
                 QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog", "Download the chute's source files")},
    CatalogEntry{"files.load_chute_configuration",
                 QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog", "Load the chute's configuration")},
    CatalogEntry{
        "firewall.getDeveloperFirewallRules",
        QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog", "Read the chute's own firewall rules")},
    CatalogEntry{"firewall.getOSFirewallRules",
                 QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog",
                                   "Work out the firewall zones and port forwards")},
    CatalogEntry{
        "firewall.revert_os_firewall_rules",
        QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog", "Restore the previous firewall configuration")},
    CatalogEntry{"firewall.setOSFirewallRules",
                 QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog",
                                   "Write the chute's firewall zones and redirects")},
    CatalogEntry{"haproxy.reconfigureProxy",
                 QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog",
                                   "Point the web proxy at the chutes' web ports")},
    CatalogEntry{"hostconfig.getHostConfig",
                 QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog", "Read the host configuration")},
    CatalogEntry{
        "hostconfig.revertHostConfig",
        QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog", "Restore the previous host configuration")},
    CatalogEntry{"hostconfig.setHostConfig",
                 QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog", "Write the new host configuration")},
    CatalogEntry{
        "network.abortNetworkConfig",
        QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog", "Release the chute's network reservations")},
    CatalogEntry{
        "network.getL3BridgeConfig",
        QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog", "Work out the layer-3 bridge settings")},
    CatalogEntry{
        "network.getNetworkConfig",
        QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog", "Assign the chute's interfaces and subnets")},
    CatalogEntry{
        "network.getOSNetworkConfig",
        QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog", "Work out the network sections for the chute")},
    CatalogEntry{"network.revert_l3_bridge_config",
                 QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog",
                                   "Restore the previous layer-3 bridge settings")},
    CatalogEntry{
        "network.revert_os_network_config",
        QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog", "Restore the previous network configuration")},
    CatalogEntry{"network.setL3BridgeConfig",
                 QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog", "Write the layer-3 bridge settings")},
    CatalogEntry{"network.setOSNetworkConfig",
                 QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog", "Write the chute's network sections")},
    CatalogEntry{"power.reboot", QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog", "Reboot the router")},
    CatalogEntry{"power.shutdown",
                 QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog", "Shut the router down")},
    CatalogEntry{
        "reservations.getReservations",
        QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog", "Read which devices and subnets are in use")},
    CatalogEntry{"resource.getResourceAllocation",
                 QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog", "Work out the chutes' CPU shares")},
    CatalogEntry{"security.enforce_access_rights",
                 QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog", "Check the chute's access rights")},
    CatalogEntry{"services.configure_telemetry",
                 QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog", "Configure telemetry")},
    CatalogEntry{"snap.updateSnap",
                 QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog", "Install the new ParaDrop version")},
    CatalogEntry{"state.generate_service_plans",
                 QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog", "Plan the steps of each service")},
    CatalogEntry{"state.removeAllChutes",
                 QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog", "Forget every installed chute")},
    CatalogEntry{"state.revertChute",
                 QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog", "Restore the chute store")},
    CatalogEntry{"state.saveChute", QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog",
                                                      "Record the chute in the chute store")},
    CatalogEntry{
        "wifi.getOSWirelessConfig",
        QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog", "Work out the chute's wireless sections")},
    CatalogEntry{
        "wifi.revert_os_wireless_config",
        QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog", "Restore the previous wireless configuration")},
    CatalogEntry{
        "wifi.setOSWirelessConfig",
        QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog", "Write the chute's wireless sections")},
    CatalogEntry{"zerotier.configure",
                 QT_TRANSLATE_NOOP("ChuteDeck::StepCatalog", "Configure ZeroTier")},
};

constexpr bool isSortedByFunction()
{
    for (size_t i = 1; i < kCatalog.size(); ++i) {
        if (std::string_view(kCatalog[i - 1].function) >= std::string_view(kCatalog[i].function))
            return false;
    }
    return true;
}
static_assert(isSortedByFunction(), "the catalog is searched by function name");

const CatalogEntry *findEntry(const QString &function)
{
    const QByteArray key = function.toLatin1();
    const auto *const it = std::ranges::lower_bound(
        kCatalog, std::string_view(key), {},
        [](const CatalogEntry &entry) { return std::string_view(entry.function); });
    return it != kCatalog.end() && std::string_view(it->function) == std::string_view(key)
               ? it
               : nullptr;
}

} // namespace

QStringList allStepFunctions()
{
    QStringList names;
    names.reserve(qsizetype(kCatalog.size()));
    for (const CatalogEntry &entry : kCatalog)
        names.append(QString::fromLatin1(entry.function));
    return names;
}

bool isKnownStepFunction(const QString &function)
{
    return findEntry(function) != nullptr;
}

const char *stepDescriptionSource(const QString &function)
{
    const QByteArray name = function.toLatin1();
    const auto found = std::lower_bound(kCatalog.cbegin(), kCatalog.cend(), name,
                                        [](const CatalogEntry &entry, const QByteArray &key) {
                                            return key.compare(entry.function) > 0;
                                        });
    return found != kCatalog.cend() && name == found->function ? found->description : nullptr;
}

QString describeStep(const StepCall &call)
{
    // Built once: generators describe every step they add, thousands for a large aggregation,
    // and a shared QString costs no allocation.
    static const QHash<QString, QString> descriptions = [] {
        QHash<QString, QString> table;
        for (const CatalogEntry &entry : kCatalog)
            table.insert(QString::fromLatin1(entry.function),
                         QString::fromLatin1(entry.description));
        return table;
    }();
    const auto entry = descriptions.constFind(call.function);
    if (entry == descriptions.cend())
        return call.function;
    if (!entry.value().contains(u"%1"))
        return entry.value();
    QString text = entry.value().arg(call.args.value(0));
    if (call.args.serviceOf() == ServiceOf::Old)
        text += QStringLiteral(" (installed version)");
    return text;
}

} // namespace ChuteDeck::Core
