#pragma once

#include "core/base/result.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace ChuteDeck::Core {

// Ordered key/value text, kept byte for byte (environment variables, wireless options): YAML order
// is preserved so that what is written to the router matches what the developer wrote.
using TextPairs = QList<QPair<QString, QString>>;

enum class ChuteState : quint8 { Invalid, Disabled, Running, Frozen, Stopped };
QString chuteStateName(ChuteState state); // "running"
std::optional<ChuteState> chuteStateFromName(QStringView name);

struct PortBinding
{
    int external = 0;
    int internal = 0;
    friend bool operator==(const PortBinding &, const PortBinding &) = default;
};

struct DhcpSpec
{
    QString leasetime = QStringLiteral("12h");
    int limit = 250;
    int start = 4;
    friend bool operator==(const DhcpSpec &, const DhcpSpec &) = default;
};

enum class InterfaceType : quint8 { WifiAp, Monitor, Vlan };
QString interfaceTypeName(InterfaceType type); // "wifi-ap", "monitor", "vlan"

struct InterfaceSpec
{
    QString name; // the in-chute interface name (the YAML key), at most 16 characters
    InterfaceType type = InterfaceType::WifiAp;
    std::optional<DhcpSpec> dhcp;
    QStringList dns;
    TextPairs wireless;  // ssid, key, hidden, isolate, maxassoc, ... as written
    QString hwmode;      // requirements.hwmode ("11g", "11a", ...), empty when not required
    QString ipv4Network; // requirements.ipv4_network, empty when the pool chooses
    int vlanId = 0;      // for type vlan

    QString wirelessOption(const QString &key) const; // empty when absent
    friend bool operator==(const InterfaceSpec &, const InterfaceSpec &) = default;
};

enum class ServiceType : quint8 { Light, Normal, Image };
QString serviceTypeName(ServiceType type);

struct ServiceSpec
{
    QString name;
    ServiceType type = ServiceType::Normal;
    QString source; // folder of the build context, relative to the chute folder
    QString image;  // for type image: the image to pull
    QStringList command;
    QStringList dns;
    TextPairs environment;
    QList<InterfaceSpec> interfaces; // in YAML order
    bool asRoot = false;
    bool privileged = false;
    std::optional<double> cpuFraction;
    QList<PortBinding> portBindings;

    friend bool operator==(const ServiceSpec &, const ServiceSpec &) = default;
};

struct WebSpec
{
    QString service;
    int port = 0;
    friend bool operator==(const WebSpec &, const WebSpec &) = default;
};

// One chute as paradrop.yaml describes it, plus what the router records about an installed one.
struct ChuteSpec
{
    QString name;
    QString description;
    QString version; // as written; compareVersions() orders them
    QString owner;
    TextPairs environment;
    QList<ServiceSpec> services; // in YAML order: generation takes them in this order
    std::optional<WebSpec> web;
    ChuteState state = ChuteState::Stopped;

    const ServiceSpec *service(const QString &name) const;
    // Container "<chute>-<service>"; image "<chute>-<service>:<version>" for light and normal
    // services, else the service's own image.
    QString containerName(const ServiceSpec &service) const;
    QString imageName(const ServiceSpec &service) const;

    friend bool operator==(const ChuteSpec &, const ChuteSpec &) = default;
};

// Chute names become file, UCI section and container names: letters, digits, '-' and '_' only,
// 1 to 64 characters, not starting with '-'.
bool isValidChuteName(const QString &name);

// ParaDrop's order: as integers when both are integers, otherwise as dotted versions
// ("1.10" > "1.9"). Returns <0, 0 or >0. An empty version counts as 0.
int compareVersions(const QString &a, const QString &b);

// Parses paradrop.yaml text (YAML, or JSON, which is YAML too), the services form or the older
// single-service form. Errors read "FILE:LINE: FIELD: what is wrong", e.g.
// "web/paradrop.yaml:12: services.main.interfaces.wlan0-with-a-long-name: interface name is longer
// than 16 characters".
Result<ChuteSpec> parseChute(const QByteArray &text, const QString &fileName);
// A chute folder (holding paradrop.yaml) or a YAML file.
Result<ChuteSpec> loadChute(const QString &folderOrFile);

// The paradrop.yaml form of a chute (services form) as compact UTF-8 JSON text; parseChute() reads
// it back equal (state and owner are the router's record, kept by the chute store, not part of
// paradrop.yaml). Text rather than a QJsonObject because QJsonObject sorts its keys, and the order
// of services, interfaces and environment variables is part of the chute.
QByteArray chuteToJson(const ChuteSpec &chute);

} // namespace ChuteDeck::Core
