#pragma once

#include "core/chute/chutespec.h"
#include "core/chute/hostconfig.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <optional>

namespace ChuteDeck::Core {

// One chute interface as network.getNetworkConfig assigns it: its UCI section, its subnet from
// the host config's chuteSubnetPool, and for wifi-ap the radio it gets.
struct AllocatedInterface
{
    QString service; // the service that asked for it
    QString name;    // the in-chute name (the YAML key)
    QString section; // "<chute>_<name>": UCI section name in network, wireless, firewall, dhcp
    InterfaceType type = InterfaceType::WifiAp;
    QString subnet;  // "10.128.3.0/24"
    QString gateway; // the router's address in it, "10.128.3.1"
    QString address; // the chute's address in it, "10.128.3.2"
    QString netmask; // "255.255.255.0"
    QString radio;   // wifi-ap and monitor: the UCI wifi-device ("radio0"); empty otherwise
    QString bridge;  // the router-side device: "br-<section>"

    friend bool operator==(const AllocatedInterface &, const AllocatedInterface &) = default;
};

// ParaDrop's update.cache, typed: what the get steps read and work out for the set steps of the
// same update. Lives for one run; touched only on the router's thread.
struct UpdateState
{
    std::optional<SystemDevices> devices; // devices.getSystemDevices
    std::optional<HostConfig> hostConfig; // hostconfig.getHostConfig: the config as it is
    // reservations.getReservations: what other installed chutes hold.
    QStringList reservedSubnets;
    QHash<int, QString> reservedPorts; // router port → the chute holding it
    QStringList reservedRadios;
    QList<AllocatedInterface> interfaces; // network.getNetworkConfig
    // The content of each file before this update first replaced it (nullopt: it did not exist),
    // so a revert step restores exactly what its step replaced (replaceFile/restoreFile).
    QHash<QString, std::optional<QByteArray>> replaced;
    QVariantMap extra; // anything else one step leaves for another
};

} // namespace ChuteDeck::Core
