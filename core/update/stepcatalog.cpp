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

// Sorted by function name: looked up with a binary search.
constexpr std::array kCatalog{
    CatalogEntry{"airshark.configure", "Configure the Airshark spectrum monitor"},
    CatalogEntry{"configservice.reloadAll", "Reload network, wireless, firewall and DHCP"},
    CatalogEntry{"configservice.reload_placeholder",
                 "Mark the point from which a rollback reloads the configuration"},
    CatalogEntry{"devices.checkSystemDevices", "Check that the configured devices exist"},
    CatalogEntry{"devices.getSystemDevices", "Read the router's network devices and radios"},
    CatalogEntry{"devices.setSystemDevices", "Write the device settings of the host configuration"},
    CatalogEntry{"dhcp.getVirtDHCPSettings", "Work out the DHCP settings of the chute's networks"},
    CatalogEntry{"dhcp.revert_dhcp_settings", "Restore the previous DHCP configuration"},
    CatalogEntry{"dhcp.setVirtDHCPSettings", "Write the chute's DHCP settings"},
    CatalogEntry{"dockerapi.check_image", "Check that the image of service %1 is present"},
    CatalogEntry{"dockerapi.cleanup_net_interfaces", "Disconnect the chute's network interfaces"},
    CatalogEntry{"dockerapi.create_bridge", "Create the chute's network bridge"},
    CatalogEntry{"dockerapi.prepare_image", "Build or pull the image of service %1"},
    CatalogEntry{"dockerapi.removeAllContainers", "Remove every chute container"},
    CatalogEntry{"dockerapi.remove_bridge", "Remove the chute's network bridge"},
    CatalogEntry{"dockerapi.remove_container", "Stop and remove the container of service %1"},
    CatalogEntry{"dockerapi.remove_image", "Remove the image of service %1"},
    CatalogEntry{"dockerapi.revertResourceAllocation", "Restore the previous resource allocation"},
    CatalogEntry{"dockerapi.setResourceAllocation", "Apply the chutes' CPU shares"},
    CatalogEntry{"dockerapi.setup_net_interfaces", "Connect the chute's network interfaces"},
    CatalogEntry{"dockerapi.start_container", "Start the container of service %1"},
    CatalogEntry{"dockerconfig.abortCreateVolumeDirs",
                 "Remove the volume folders made for the chute"},
    CatalogEntry{"dockerconfig.createVolumeDirs", "Create the chute's volume folders"},
    CatalogEntry{"dockerconfig.getVirtPreamble", "Prepare the container settings"},
    CatalogEntry{"files.delete_chute_files", "Delete the chute files downloaded by this change"},
    CatalogEntry{"files.download_chute_files", "Download the chute's source files"},
    CatalogEntry{"files.load_chute_configuration", "Load the chute's configuration"},
    CatalogEntry{"firewall.getDeveloperFirewallRules", "Read the chute's own firewall rules"},
    CatalogEntry{"firewall.getOSFirewallRules", "Work out the firewall zones and port forwards"},
    CatalogEntry{"firewall.revert_os_firewall_rules",
                 "Restore the previous firewall configuration"},
    CatalogEntry{"firewall.setOSFirewallRules", "Write the chute's firewall zones and redirects"},
    CatalogEntry{"haproxy.reconfigureProxy", "Point the web proxy at the chutes' web ports"},
    CatalogEntry{"hostconfig.getHostConfig", "Read the host configuration"},
    CatalogEntry{"hostconfig.revertHostConfig", "Restore the previous host configuration"},
    CatalogEntry{"hostconfig.setHostConfig", "Write the new host configuration"},
    CatalogEntry{"network.abortNetworkConfig", "Release the chute's network reservations"},
    CatalogEntry{"network.getL3BridgeConfig", "Work out the layer-3 bridge settings"},
    CatalogEntry{"network.getNetworkConfig", "Assign the chute's interfaces and subnets"},
    CatalogEntry{"network.getOSNetworkConfig", "Work out the network sections for the chute"},
    CatalogEntry{"network.revert_l3_bridge_config", "Restore the previous layer-3 bridge settings"},
    CatalogEntry{"network.revert_os_network_config", "Restore the previous network configuration"},
    CatalogEntry{"network.setL3BridgeConfig", "Write the layer-3 bridge settings"},
    CatalogEntry{"network.setOSNetworkConfig", "Write the chute's network sections"},
    CatalogEntry{"power.reboot", "Reboot the router"},
    CatalogEntry{"power.shutdown", "Shut the router down"},
    CatalogEntry{"reservations.getReservations", "Read which devices and subnets are in use"},
    CatalogEntry{"resource.getResourceAllocation", "Work out the chutes' CPU shares"},
    CatalogEntry{"security.enforce_access_rights", "Check the chute's access rights"},
    CatalogEntry{"services.configure_telemetry", "Configure telemetry"},
    CatalogEntry{"snap.updateSnap", "Install the new ParaDrop version"},
    CatalogEntry{"state.generate_service_plans", "Plan the steps of each service"},
    CatalogEntry{"state.removeAllChutes", "Forget every installed chute"},
    CatalogEntry{"state.revertChute", "Restore the chute store"},
    CatalogEntry{"state.saveChute", "Record the chute in the chute store"},
    CatalogEntry{"wifi.getOSWirelessConfig", "Work out the chute's wireless sections"},
    CatalogEntry{"wifi.revert_os_wireless_config", "Restore the previous wireless configuration"},
    CatalogEntry{"wifi.setOSWirelessConfig", "Write the chute's wireless sections"},
    CatalogEntry{"zerotier.configure", "Configure ZeroTier"},
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
