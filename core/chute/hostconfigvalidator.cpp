#include "core/chute/hostconfigvalidator.h"

#include "core/chute/fieldfailure.h"
#include "core/chute/ipv4.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace ChuteDeck::Core {
namespace {

struct Origin
{
    const QString &name;
    const QHash<QString, int> &lines;

    // A missing field is reported on the line of its nearest parent.
    int lineOf(QString path) const
    {
        while (!path.isEmpty()) {
            if (const auto found = lines.constFind(path); found != lines.cend())
                return *found;
            const qsizetype cut = std::max(path.lastIndexOf(u'.'), path.lastIndexOf(u'['));
            path.truncate(std::max<qsizetype>(cut, 0));
        }
        return lines.value({});
    }
};

// One value of the tree with its path, like YamlField for YAML nodes. Absent (missing or null)
// values pass every check but requireText(): most known keys are optional.
class JsonField
{
public:
    JsonField(QJsonValue value, QString path, const Origin &origin)
        : m_value(std::move(value))
        , m_path(std::move(path))
        , m_origin(&origin)
    {}

    bool isAbsent() const { return m_value.isUndefined() || m_value.isNull(); }
    const QJsonValue &value() const { return m_value; }
    const QString &path() const { return m_path; }

    [[noreturn]] void fail(const QString &what) const
    {
        throwFieldFailure(m_origin->name, m_origin->lineOf(m_path), m_path, what);
    }

    JsonField operator[](const char *key) const { return member(QString::fromUtf8(key)); }

    JsonField member(const QString &name) const
    {
        requireMap();
        return {m_value.toObject().value(name), memberPath(m_path, name), *m_origin};
    }

    QList<JsonField> items() const
    {
        if (!isAbsent() && !m_value.isArray())
            fail(u"must be a list"_s);
        QList<JsonField> result;
        const QJsonArray array = m_value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            result.append({array.at(i), itemPath(m_path, i), *m_origin});
        return result;
    }

    void requireMap() const
    {
        if (!isAbsent() && !m_value.isObject())
            fail(u"must be a map"_s);
    }

    QString text() const
    {
        if (!isAbsent() && !m_value.isString())
            fail(u"must be a text value"_s);
        return m_value.toString();
    }

    void requireText() const
    {
        if (isAbsent())
            fail(u"is required"_s);
        (void)text();
    }

    void checkInteger(qint64 min, qint64 max) const
    {
        if (isAbsent())
            return;
        const double number = m_value.toDouble(std::nan(""));
        if (!m_value.isDouble() || std::floor(number) != number || number < double(min)
            || number > double(max)) {
            fail(u"must be an integer from %1 to %2"_s.arg(min).arg(max));
        }
    }

    void checkBoolean() const
    {
        if (!isAbsent() && !m_value.isBool())
            fail(u"must be true or false"_s);
    }

    void checkOneOf(const QStringList &allowed) const
    {
        if (!isAbsent() && !allowed.contains(text()))
            fail(u"must be one of %1"_s.arg(allowed.join(u", "_s)));
    }

    void checkPattern(bool (*valid)(QStringView), const QString &what) const
    {
        if (!isAbsent() && !valid(text()))
            fail(what);
    }

    void checkText() const { (void)text(); }

    QStringList textList() const
    {
        QStringList result;
        for (const JsonField &item : items()) {
            item.requireText();
            result.append(item.text());
        }
        return result;
    }

private:
    QJsonValue m_value;
    QString m_path;
    const Origin *m_origin;
};

bool isIPv4(QStringView text)
{
    return parseIPv4(text).has_value();
}

bool isIPv4Network(QStringView text)
{
    return parseIPv4Network(text).has_value();
}

bool isLeaseTime(QStringView text)
{
    static const QRegularExpression pattern(u"^(\\d+[dhms]?|infinite)$"_s);
    return pattern.match(text).hasMatch();
}

void checkFirewall(const JsonField &firewall)
{
    firewall.requireMap();
    firewall["defaults"].requireMap();
}

void checkDhcp(const JsonField &dhcp)
{
    dhcp.requireMap();
    dhcp["start"].checkInteger(1, 65535);
    dhcp["limit"].checkInteger(1, 65535);
    dhcp["leasetime"].checkPattern(isLeaseTime, u"must be a lease time such as 12h"_s);
}

void checkSystem(const JsonField &system)
{
    system.requireMap();
    system["autoUpdate"].checkBoolean();
    const JsonField pool = system["chuteSubnetPool"];
    pool.checkPattern(isIPv4Network, u"must be an IPv4 network such as 10.128.0.0/9"_s);
    const JsonField prefix = system["chutePrefixSize"];
    prefix.checkInteger(8, 30);
    if (!pool.isAbsent() && !prefix.isAbsent()) {
        const int poolPrefix = parseIPv4Network(pool.text())->prefixLength;
        if (prefix.value().toInt() < poolPrefix)
            prefix.fail(
                u"must be at least the prefix length of chuteSubnetPool (%1)"_s.arg(poolPrefix));
    }
    system["onMissingWiFi"].checkOneOf({u"ignore"_s, u"reboot"_s, u"warn"_s});
}

void checkWan(const JsonField &wan)
{
    wan.requireMap();
    wan["interface"].checkText();
    wan["proto"].checkText();
    checkFirewall(wan["firewall"]);
}

void checkLan(const JsonField &lan)
{
    lan.requireMap();
    const QStringList interfaces = lan["interfaces"].textList();
    if (QSet<QString>(interfaces.cbegin(), interfaces.cend()).size() != interfaces.size())
        lan["interfaces"].fail(u"names an interface twice"_s);
    lan["proto"].checkText();
    lan["ipaddr"].checkPattern(isIPv4, u"must be an IPv4 address such as 10.0.0.1"_s);
    lan["netmask"].checkPattern(isIPv4Netmask, u"must be a netmask such as 255.255.255.0"_s);
    checkDhcp(lan["dhcp"]);
    checkFirewall(lan["firewall"]);
}

// Returns the radio ids, which wifi-interfaces refer to.
QSet<QString> checkRadios(const JsonField &wifi)
{
    QSet<QString> ids;
    for (const JsonField &radio : wifi.items()) {
        if (!radio.value().isObject())
            radio.fail(u"must be a map"_s);
        const JsonField id = radio["id"];
        id.requireText();
        if (ids.contains(id.text()))
            id.fail(u"radio %1 is configured twice"_s.arg(id.text()));
        ids.insert(id.text());
        radio["channel"].checkInteger(1, 196);
        radio["hwmode"].checkOneOf({u"11a"_s, u"11b"_s, u"11g"_s});
        radio["htmode"].checkOneOf(
            {u"HT20"_s, u"HT40+"_s, u"HT40-"_s, u"VHT20"_s, u"VHT40"_s, u"VHT80"_s, u"VHT160"_s});
    }
    return ids;
}

void checkWifiInterfaces(const JsonField &interfaces, const QSet<QString> &radios)
{
    for (const JsonField &entry : interfaces.items()) {
        if (!entry.value().isObject())
            entry.fail(u"must be a map"_s);
        const JsonField device = entry["device"];
        device.requireText();
        if (!radios.contains(device.text()))
            device.fail(u"no radio with id '%1' in wifi"_s.arg(device.text()));
        const JsonField mode = entry["mode"];
        mode.requireText();
        mode.checkOneOf({u"ap"_s, u"sta"_s, u"managed"_s, u"monitor"_s, u"airshark"_s});
        for (const char *key : {"ssid", "network", "encryption", "key"})
            entry[key].checkText();
    }
}

void checkVlanInterfaces(const JsonField &interfaces)
{
    for (const JsonField &entry : interfaces.items()) {
        if (!entry.value().isObject())
            entry.fail(u"must be a map"_s);
        entry["id"].checkInteger(1, 4094);
    }
}

void checkTelemetry(const JsonField &telemetry)
{
    telemetry.requireMap();
    telemetry["enabled"].checkBoolean();
    telemetry["interval"].checkInteger(1, std::numeric_limits<int>::max());
}

void checkDepth(const JsonField &field, int depth)
{
    if (depth > kMaxHostConfigDepth)
        field.fail(u"nested too deeply"_s);
    if (field.value().isObject()) {
        const QJsonObject object = field.value().toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            checkDepth(field.member(it.key()), depth + 1);
    }
    if (field.value().isArray()) {
        for (const JsonField &item : field.items())
            checkDepth(item, depth + 1);
    }
}

void checkZerotier(const JsonField &zerotier)
{
    zerotier.requireMap();
    zerotier["enabled"].checkBoolean();
    (void)zerotier["networks"].textList();
}

} // namespace

void validateHostConfig(const QJsonObject &tree, const QString &origin,
                        const QHash<QString, int> &lines)
{
    const Origin where{origin, lines};
    const JsonField root(tree, {}, where);
    checkDepth(root, 0);
    checkFirewall(root["firewall"]);
    checkWan(root["wan"]);
    checkLan(root["lan"]);
    checkWifiInterfaces(root["wifi-interfaces"], checkRadios(root["wifi"]));
    checkVlanInterfaces(root["vlan-interfaces"]);
    checkSystem(root["system"]);
    checkTelemetry(root["telemetry"]);
    checkZerotier(root["zerotier"]);
}

} // namespace ChuteDeck::Core
