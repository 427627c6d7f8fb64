#pragma once

#include "core/base/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace ChuteDeck::Core {

// What the router's devices are, as the default host configuration needs them.
struct SystemDevices
{
    QString wan = QStringLiteral("eth0");
    QStringList lan{QStringLiteral("eth1")};
    struct Radio
    {
        QString phy;     // "phy0"
        QString band;    // "2.4" or "5"
        QString hwmodes; // "11b/g/n"
    };
    QList<Radio> radios;
};

// The router's host configuration (ParaDrop's hostconfig.yaml): a tree with the keys firewall,
// wan, lan, wifi, wifi-interfaces, vlan-interfaces, system, telemetry and zerotier. Kept as JSON
// so that keys ChuteDeck does not know survive a round trip.
class HostConfig
{
public:
    HostConfig() = default;
    explicit HostConfig(QJsonObject tree)
        : m_tree(std::move(tree))
    {}

    // ParaDrop's default for these devices (system.chuteSubnetPool 10.128.0.0/9, prefix 24).
    static HostConfig defaults(const SystemDevices &devices);

    // YAML or JSON text. Validation names the file, line and field:
    // "hostconfig.yaml:7: system.chutePrefixSize: must be an integer from 8 to 30".
    static Result<HostConfig> parse(const QByteArray &text, const QString &fileName);
    static Result<HostConfig> load(const QString &file);
    // Validates a tree that did not come from text (the agent's JSON body): no line numbers.
    static Result<HostConfig> fromJson(const QJsonObject &tree, const QString &origin);

    const QJsonObject &tree() const { return m_tree; }
    QByteArray toYaml() const;

    // Values with defaults filled in.
    QString chuteSubnetPool() const;
    int chutePrefixSize() const;

    // RFC 6902 JSON Patch (nlohmann-json's patch()). The patched tree must validate too.
    Result<HostConfig> patched(const QByteArray &jsonPatch, const QString &fileName) const;

    friend bool operator==(const HostConfig &, const HostConfig &) = default;

private:
    QJsonObject m_tree;
};

} // namespace ChuteDeck::Core
