#include "core/chute/hostconfig.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace ChuteDeck::Core;
using namespace Qt::StringLiterals;

namespace {

const QString kFile = u"hostconfig.yaml"_s;
const QString kPatchFile = u"hostconfig.patch"_s;

// The sandbox router's devices (DESIGN.md, "Router state").
SystemDevices sandboxDevices()
{
    SystemDevices devices;
    devices.radios = {{u"phy0"_s, u"2.4"_s, u"11b/g/n"_s}, {u"phy1"_s, u"5"_s, u"11a/n/ac"_s}};
    return devices;
}

QJsonObject jsonObject(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s", qPrintable(error.errorString()));
    return document.object();
}

// Sets (or, with an undefined value, removes) the value at a path of object keys.
QJsonObject withValue(QJsonObject tree, const QStringList &path, const QJsonValue &value)
{
    if (path.size() == 1) {
        if (value.isUndefined())
            tree.remove(path.first());
        else
            tree.insert(path.first(), value);
        return tree;
    }
    tree.insert(path.first(), withValue(tree.value(path.first()).toObject(), path.mid(1), value));
    return tree;
}

QByteArray nested(int depth)
{
    QByteArray text;
    for (int i = 0; i < depth; ++i)
        text += QByteArray(qsizetype(i) * 2, ' ') + "a:\n";
    return text + QByteArray(qsizetype(depth) * 2, ' ') + "b: 1\n";
}

QString resultMessage(const Result<HostConfig> &result)
{
    return result.ok() ? QString() : result.error().message;
}

} // namespace

class TestHostConfig final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultsForTheSandboxDevices();
    void defaultsWithoutWanOrRadios();
    void defaultsValidateAndRoundTrip();
    void parseTypesScalars();
    void parseJson();
    void accessorsFillInDefaults();
    void unknownKeysAreKept();
    void yamlText();
    void parseErrors_data();
    void parseErrors();
    void fromJsonErrorsHaveNoLine();
    void hostileInput_data();
    void hostileInput();
    void deepestAllowedNesting();
    void loadMissingFile();
    void patched_data();
    void patched();
    void badPatch_data();
    void badPatch();
};

void TestHostConfig::defaultsForTheSandboxDevices()
{
    const QJsonObject expected = jsonObject(R"({
        "firewall": {"defaults": {"input": "ACCEPT", "output": "ACCEPT", "forward": "ACCEPT"}},
        "wan": {"interface": "eth0", "proto": "dhcp",
                "firewall": {"defaults": {"conntrack": "1", "masq": "1", "input": "ACCEPT",
                                          "output": "ACCEPT", "forward": "ACCEPT",
                                          "masq_src": ["10.0.0.0/24", "10.128.0.0/9"]}}},
        "lan": {"interfaces": ["eth1"], "proto": "static", "ipaddr": "10.0.0.1",
                "netmask": "255.255.255.0", "dhcp": {"start": 100, "limit": 100, "leasetime": "12h"},
                "firewall": {"defaults": {"conntrack": "1", "input": "ACCEPT", "output": "ACCEPT",
                                          "forward": "ACCEPT"},
                             "forwarding": [{"src": "lan", "dest": "wan"}]}},
        "wifi": [{"id": "phy0", "channel": 1, "hwmode": "11g", "htmode": "HT20"},
                 {"id": "phy1", "channel": 36, "hwmode": "11a", "htmode": "VHT80"}],
        "wifi-interfaces": [{"device": "phy0", "ssid": "ParaDrop", "mode": "ap", "network": "lan"}],
        "vlan-interfaces": [],
        "system": {"autoUpdate": true, "chuteSubnetPool": "10.128.0.0/9", "chutePrefixSize": 24,
                   "onMissingWiFi": "warn"},
        "telemetry": {"enabled": false, "interval": 60},
        "zerotier": {"enabled": false, "networks": []}
    })");
    const HostConfig config = HostConfig::defaults(sandboxDevices());
    QCOMPARE(config.tree().keys(), (QStringList{u"firewall"_s, u"lan"_s, u"system"_s,
                                                u"telemetry"_s, u"vlan-interfaces"_s, u"wan"_s,
                                                u"wifi"_s, u"wifi-interfaces"_s, u"zerotier"_s}));
    QCOMPARE(config.tree(), expected);
}

void TestHostConfig::defaultsWithoutWanOrRadios()
{
    SystemDevices devices;
    devices.wan.clear();
    devices.lan = {u"eth1"_s, u"eth2"_s};
    const QJsonObject tree = HostConfig::defaults(devices).tree();
    QVERIFY(!tree.contains(u"wan"_s));
    QCOMPARE(tree.value(u"wifi"_s).toArray(), QJsonArray());
    QCOMPARE(tree.value(u"wifi-interfaces"_s).toArray(), QJsonArray());
    QVERIFY(tree.value(u"system"_s).toObject().value(u"onMissingWiFi"_s).isNull());
    const QJsonObject lan = tree.value(u"lan"_s).toObject();
    QCOMPARE(lan.value(u"interfaces"_s).toArray(), (QJsonArray{u"eth1"_s, u"eth2"_s}));
    QCOMPARE(lan.value(u"firewall"_s).toObject().value(u"forwarding"_s).toArray(), QJsonArray());
}

void TestHostConfig::defaultsValidateAndRoundTrip()
{
    const HostConfig defaults = HostConfig::defaults(sandboxDevices());
    const Result<HostConfig> validated = HostConfig::fromJson(defaults.tree(), u"defaults"_s);
    QVERIFY2(validated.ok(), qPrintable(resultMessage(validated)));
    const QByteArray yaml = defaults.toYaml();
    const Result<HostConfig> parsed = HostConfig::parse(yaml, kFile);
    QVERIFY2(parsed.ok(), qPrintable(resultMessage(parsed)));
    QCOMPARE(parsed.value(), defaults);
    QCOMPARE(parsed.value().toYaml(), yaml);
}

void TestHostConfig::parseTypesScalars()
{
    const QByteArray text = R"(system:
  chutePrefixSize: 26
  chuteSubnetPool: 10.200.0.0/16
  autoUpdate: false
  onMissingWiFi: ~
lan:
  dhcp:
    leasetime: 12h
    start: 100
custom:
  quoted: "24"
  single: '7'
  float: 1.5
  negative: -3
  huge: 123456789012345678901234567890
  text: hello world
  yes: yes
  True: True
  empty:
  list: [1, "2", three, null]
)";
    const QJsonObject expected = jsonObject(R"({
        "system": {"chutePrefixSize": 26, "chuteSubnetPool": "10.200.0.0/16", "autoUpdate": false,
                   "onMissingWiFi": null},
        "lan": {"dhcp": {"leasetime": "12h", "start": 100}},
        "custom": {"quoted": "24", "single": "7", "float": 1.5, "negative": -3,
                   "huge": 1.2345678901234568e+29, "text": "hello world", "yes": "yes",
                   "True": true, "empty": null, "list": [1, "2", "three", null]}
    })");
    const Result<HostConfig> config = HostConfig::parse(text, kFile);
    QVERIFY2(config.ok(), qPrintable(resultMessage(config)));
    QCOMPARE(config.value().tree(), expected);
}

void TestHostConfig::parseJson()
{
    const QByteArray json = R"({"system": {"chutePrefixSize": 28, "autoUpdate": true},
        "zerotier": {"enabled": true, "networks": ["8056c2e21c000001"]}})";
    const Result<HostConfig> config = HostConfig::parse(json, u"hostconfig.json"_s);
    QVERIFY2(config.ok(), qPrintable(resultMessage(config)));
    QCOMPARE(config.value().tree(), jsonObject(json));
    QCOMPARE(config.value().chutePrefixSize(), 28);
}

void TestHostConfig::accessorsFillInDefaults()
{
    QCOMPARE(HostConfig().chuteSubnetPool(), u"10.128.0.0/9"_s);
    QCOMPARE(HostConfig().chutePrefixSize(), 24);
    const HostConfig custom(
        jsonObject(R"({"system": {"chuteSubnetPool": "172.20.0.0/14", "chutePrefixSize": 27}})"));
    QCOMPARE(custom.chuteSubnetPool(), u"172.20.0.0/14"_s);
    QCOMPARE(custom.chutePrefixSize(), 27);
}

void TestHostConfig::unknownKeysAreKept()
{
    const QByteArray text = "system:\n  chutePrefixSize: 24\n  futureOption: [a, {b: 1}]\n"
                            "airshark:\n  enabled: true\n";
    const Result<HostConfig> config = HostConfig::parse(text, kFile);
    QVERIFY2(config.ok(), qPrintable(resultMessage(config)));
    QCOMPARE(config.value().tree().value(u"airshark"_s).toObject(),
             (QJsonObject{{u"enabled"_s, true}}));
    const Result<HostConfig> again = HostConfig::parse(config.value().toYaml(), kFile);
    QVERIFY2(again.ok(), qPrintable(resultMessage(again)));
    QCOMPARE(again.value(), config.value());
}

void TestHostConfig::yamlText()
{
    const HostConfig config(jsonObject(R"({
        "system": {"chutePrefixSize": 24, "onMissingWiFi": null, "autoUpdate": true},
        "custom": {"1st key": 0.25, "null": [], "empty": {}, "ssid": "Café \"x\"\nnext",
                   "key": "true"}
    })"));
    const QByteArray expected = "custom:\n"
                                "  \"1st key\": 0.25\n"
                                "  empty: {}\n"
                                "  key: \"true\"\n"
                                "  \"null\": []\n"
                                "  ssid: \"Café \\\"x\\\"\\nnext\"\n"
                                "system:\n"
                                "  autoUpdate: true\n"
                                "  chutePrefixSize: 24\n"
                                "  onMissingWiFi: ~\n";
    QCOMPARE(config.toYaml(), expected);
    const Result<HostConfig> parsed = HostConfig::parse(expected, kFile);
    QVERIFY2(parsed.ok(), qPrintable(resultMessage(parsed)));
    QCOMPARE(parsed.value(), config);
}

void TestHostConfig::parseErrors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("expected");

    QTest::newRow("empty document")
        << QByteArray("") << u"hostconfig.yaml:1: a host configuration must be a map of settings"_s;
    QTest::newRow("a list at the top")
        << QByteArray("- system\n")
        << u"hostconfig.yaml:1: a host configuration must be a map of settings"_s;
    QTest::newRow("syntax error") << QByteArray("system:\n  a: b\n c: d\n")
                                  << u"hostconfig.yaml:3: invalid YAML: end of map not found"_s;
    QTest::newRow("duplicate key")
        << QByteArray("system: {}\nsystem: {}\n") << u"hostconfig.yaml:2: system: duplicate key"_s;
    QTest::newRow("system is a list")
        << QByteArray("wan: {}\nsystem: [a]\n") << u"hostconfig.yaml:2: system: must be a map"_s;
    QTest::newRow("chutePrefixSize 4")
        << QByteArray("system:\n  chutePrefixSize: 4\n")
        << u"hostconfig.yaml:2: system.chutePrefixSize: must be an integer from 8 to 30"_s;
    QTest::newRow("chutePrefixSize quoted")
        << QByteArray("system:\n  chutePrefixSize: \"24\"\n")
        << u"hostconfig.yaml:2: system.chutePrefixSize: must be an integer from 8 to 30"_s;
    QTest::newRow("chutePrefixSize 24.5")
        << QByteArray("system:\n  chutePrefixSize: 24.5\n")
        << u"hostconfig.yaml:2: system.chutePrefixSize: must be an integer from 8 to 30"_s;
    QTest::newRow("chutePrefixSize shorter than the pool's")
        << QByteArray("system:\n  chuteSubnetPool: 10.0.0.0/16\n  chutePrefixSize: 12\n")
        << u"hostconfig.yaml:3: system.chutePrefixSize: must be at least the prefix length of chuteSubnetPool (16)"_s;
    QTest::newRow("chuteSubnetPool without a prefix")
        << QByteArray("system:\n  chuteSubnetPool: 10.128.0.0\n")
        << u"hostconfig.yaml:2: system.chuteSubnetPool: must be an IPv4 network such as 10.128.0.0/9"_s;
    QTest::newRow("chuteSubnetPool with host bits")
        << QByteArray("system:\n  chuteSubnetPool: 10.128.0.1/9\n")
        << u"hostconfig.yaml:2: system.chuteSubnetPool: must be an IPv4 network such as 10.128.0.0/9"_s;
    QTest::newRow("autoUpdate yes (YAML 1.2: text)")
        << QByteArray("system:\n  autoUpdate: yes\n")
        << u"hostconfig.yaml:2: system.autoUpdate: must be true or false"_s;
    QTest::newRow("onMissingWiFi unknown")
        << QByteArray("system:\n  onMissingWiFi: panic\n")
        << u"hostconfig.yaml:2: system.onMissingWiFi: must be one of ignore, reboot, warn"_s;
    QTest::newRow("wan.interface a number")
        << QByteArray("wan:\n  proto: dhcp\n  interface: 0\n")
        << u"hostconfig.yaml:3: wan.interface: must be a text value"_s;
    QTest::newRow("wan.firewall.defaults a list")
        << QByteArray("wan:\n  firewall:\n    defaults: []\n")
        << u"hostconfig.yaml:3: wan.firewall.defaults: must be a map"_s;
    QTest::newRow("lan.interfaces a text")
        << QByteArray("lan:\n  interfaces: eth1\n")
        << u"hostconfig.yaml:2: lan.interfaces: must be a list"_s;
    QTest::newRow("lan.interfaces item a map")
        << QByteArray("lan:\n  interfaces:\n    - eth1\n    - {name: eth2}\n")
        << u"hostconfig.yaml:4: lan.interfaces[1]: must be a text value"_s;
    QTest::newRow("lan.interfaces twice the same")
        << QByteArray("lan:\n  interfaces: [eth1, eth1]\n")
        << u"hostconfig.yaml:2: lan.interfaces: names an interface twice"_s;
    QTest::newRow("lan.ipaddr 10.0.0.256")
        << QByteArray("lan:\n  ipaddr: 10.0.0.256\n")
        << u"hostconfig.yaml:2: lan.ipaddr: must be an IPv4 address such as 10.0.0.1"_s;
    QTest::newRow("lan.netmask not contiguous")
        << QByteArray("lan:\n  netmask: 255.0.255.0\n")
        << u"hostconfig.yaml:2: lan.netmask: must be a netmask such as 255.255.255.0"_s;
    QTest::newRow("lan.dhcp.leasetime forever")
        << QByteArray("lan:\n  dhcp:\n    leasetime: forever\n")
        << u"hostconfig.yaml:3: lan.dhcp.leasetime: must be a lease time such as 12h"_s;
    QTest::newRow("lan.dhcp.limit 0")
        << QByteArray("lan:\n  dhcp:\n    limit: 0\n")
        << u"hostconfig.yaml:3: lan.dhcp.limit: must be an integer from 1 to 65535"_s;
    QTest::newRow("wifi a map") << QByteArray("wifi: {id: phy0}\n")
                                << u"hostconfig.yaml:1: wifi: must be a list"_s;
    QTest::newRow("wifi item a text")
        << QByteArray("wifi:\n  - phy0\n") << u"hostconfig.yaml:2: wifi[0]: must be a map"_s;
    QTest::newRow("wifi item without id") << QByteArray("wifi:\n  - id: phy0\n  - channel: 6\n")
                                          << u"hostconfig.yaml:3: wifi[1].id: is required"_s;
    QTest::newRow("wifi radio twice")
        << QByteArray("wifi:\n  - id: phy0\n  - id: phy0\n")
        << u"hostconfig.yaml:3: wifi[1].id: radio phy0 is configured twice"_s;
    QTest::newRow("wifi channel 0")
        << QByteArray("wifi:\n  - id: phy0\n    channel: 0\n")
        << u"hostconfig.yaml:3: wifi[0].channel: must be an integer from 1 to 196"_s;
    QTest::newRow("wifi hwmode 11n")
        << QByteArray("wifi:\n  - id: phy0\n    hwmode: 11n\n")
        << u"hostconfig.yaml:3: wifi[0].hwmode: must be one of 11a, 11b, 11g"_s;
    QTest::newRow("wifi-interfaces item without device")
        << QByteArray("wifi:\n  - id: phy0\nwifi-interfaces:\n  - mode: ap\n")
        << u"hostconfig.yaml:4: wifi-interfaces[0].device: is required"_s;
    QTest::newRow("wifi-interfaces device not a radio")
        << QByteArray("wifi:\n  - id: phy0\nwifi-interfaces:\n  - mode: ap\n    device: phy9\n")
        << u"hostconfig.yaml:5: wifi-interfaces[0].device: no radio with id 'phy9' in wifi"_s;
    QTest::newRow("wifi-interfaces item without mode")
        << QByteArray("wifi:\n  - id: phy0\nwifi-interfaces:\n  - device: phy0\n")
        << u"hostconfig.yaml:4: wifi-interfaces[0].mode: is required"_s;
    QTest::newRow("wifi-interfaces mode unknown")
        << QByteArray("wifi:\n  - id: phy0\nwifi-interfaces:\n  - device: phy0\n    mode: mesh\n")
        << u"hostconfig.yaml:5: wifi-interfaces[0].mode: must be one of ap, sta, managed, monitor, airshark"_s;
    QTest::newRow("wifi-interfaces key a number")
        << QByteArray("wifi:\n  - id: phy0\nwifi-interfaces:\n  - device: phy0\n    mode: ap\n"
                      "    key: 12345678\n")
        << u"hostconfig.yaml:6: wifi-interfaces[0].key: must be a text value"_s;
    QTest::newRow("vlan-interfaces id 5000")
        << QByteArray("vlan-interfaces:\n  - id: 5000\n")
        << u"hostconfig.yaml:2: vlan-interfaces[0].id: must be an integer from 1 to 4094"_s;
    QTest::newRow("telemetry interval 0")
        << QByteArray("telemetry:\n  enabled: true\n  interval: 0\n")
        << u"hostconfig.yaml:3: telemetry.interval: must be an integer from 1 to 2147483647"_s;
    QTest::newRow("zerotier networks item a number")
        << QByteArray("zerotier:\n  networks:\n    - 42\n")
        << u"hostconfig.yaml:3: zerotier.networks[0]: must be a text value"_s;
    QTest::newRow("firewall a text")
        << QByteArray("firewall: open\n") << u"hostconfig.yaml:1: firewall: must be a map"_s;
    QTest::newRow("non-text key") << QByteArray("system:\n  [a, b]: 1\n")
                                  << u"hostconfig.yaml:2: system: keys must be text"_s;
    QTest::newRow("JSON text, one line")
        << QByteArray(R"({"system": {"chutePrefixSize": 40}})")
        << u"hostconfig.yaml:1: system.chutePrefixSize: must be an integer from 8 to 30"_s;
}

void TestHostConfig::parseErrors()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, expected);
    const Result<HostConfig> config = HostConfig::parse(text, kFile);
    QVERIFY(!config.ok());
    QCOMPARE(config.error().code, ErrorCode::InvalidHostConfig);
    QCOMPARE(config.error().message, expected);
}

void TestHostConfig::fromJsonErrorsHaveNoLine()
{
    const QJsonObject tree
        = withValue(HostConfig::defaults(sandboxDevices()).tree(), {u"wifi-interfaces"_s},
                    QJsonArray{QJsonObject{{u"device"_s, u"phy7"_s}, {u"mode"_s, u"ap"_s}}});
    const Result<HostConfig> config
        = HostConfig::fromJson(tree, u"PUT /api/v1/config/hostconfig"_s);
    QVERIFY(!config.ok());
    QCOMPARE(config.error().code, ErrorCode::InvalidHostConfig);
    QCOMPARE(
        config.error().message,
        u"PUT /api/v1/config/hostconfig: wifi-interfaces[0].device: no radio with id 'phy7' in "
        "wifi"_s);
}

void TestHostConfig::hostileInput_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("expected"); // empty: any InvalidHostConfig error naming the file

    QByteArray manyAliases = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
    for (char level = 'b'; level <= 'f'; ++level) {
        manyAliases += QByteArray(1, level) + ": &" + QByteArray(1, level) + " [";
        for (int i = 0; i < 10; ++i)
            manyAliases += (i ? ", *" : "*") + QByteArray(1, char(level - 1));
        manyAliases += "]\n";
    }
    QByteArray garbage;
    for (int i = 0; i < 4096; ++i)
        garbage.append(char((i * 7919 + 13) % 256));

    QTest::newRow("100000 nested flow lists") << QByteArray(100000, '[') << QString();
    QTest::newRow("65 nested maps")
        << nested(65)
        << u"hostconfig.yaml:65: "_s + QStringList(65, u"a"_s).join(u'.')
               + u": nested too deeply"_s;
    // Aliased values carry the line of their anchor.
    QTest::newRow("alias bomb")
        << manyAliases
        << u"hostconfig.yaml:1: e[7][8][8][8][9]: holds more than 100000 values (through aliases?)"_s;
    QTest::newRow("self-referencing alias") << QByteArray("a: &a [*a]\n") << QString();
    QTest::newRow("binary garbage") << garbage << QString();
    QTest::newRow("NUL bytes") << QByteArray("system:\0\n  a: 1\n", 16) << QString();
}

void TestHostConfig::hostileInput()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, expected);
    const Result<HostConfig> config = HostConfig::parse(text, kFile);
    QVERIFY(!config.ok());
    QCOMPARE(config.error().code, ErrorCode::InvalidHostConfig);
    if (expected.isEmpty())
        QVERIFY2(config.error().message.startsWith(kFile), qPrintable(config.error().message));
    else
        QCOMPARE(config.error().message, expected);
}

void TestHostConfig::deepestAllowedNesting()
{
    // 63 maps and a value: 64 levels below the top.
    const Result<HostConfig> config = HostConfig::parse(nested(63), kFile);
    QVERIFY2(config.ok(), qPrintable(resultMessage(config)));
    const Result<HostConfig> again = HostConfig::parse(config.value().toYaml(), kFile);
    QVERIFY2(again.ok(), qPrintable(resultMessage(again)));
    QCOMPARE(again.value(), config.value());
}

void TestHostConfig::loadMissingFile()
{
    const Result<HostConfig> config = HostConfig::load(u"/nonexistent/hostconfig.yaml"_s);
    QVERIFY(!config.ok());
    QCOMPARE(config.error().code, ErrorCode::NotFound);
    QVERIFY(config.error().message.startsWith(u"/nonexistent/hostconfig.yaml: "_s));
}

void TestHostConfig::patched_data()
{
    QTest::addColumn<QByteArray>("patch");
    QTest::addColumn<QJsonObject>("expected");
    const QJsonObject defaults = HostConfig::defaults(sandboxDevices()).tree();

    QTest::newRow("replace the prefix size")
        << QByteArray(R"([{"op": "replace", "path": "/system/chutePrefixSize", "value": 26}])")
        << withValue(defaults, {u"system"_s, u"chutePrefixSize"_s}, 26);
    QTest::newRow("add a ZeroTier network")
        << QByteArray(
               R"([{"op": "add", "path": "/zerotier/networks/-", "value": "8056c2e21c000001"}])")
        << withValue(defaults, {u"zerotier"_s, u"networks"_s}, QJsonArray{u"8056c2e21c000001"_s});
    QTest::newRow("remove the default access point")
        << QByteArray(R"([{"op": "remove", "path": "/wifi-interfaces/0"}])")
        << withValue(defaults, {u"wifi-interfaces"_s}, QJsonArray());
    QTest::newRow("test, then replace")
        << QByteArray(R"([{"op": "test", "path": "/lan/ipaddr", "value": "10.0.0.1"},
                          {"op": "replace", "path": "/lan/ipaddr", "value": "10.1.0.1"}])")
        << withValue(defaults, {u"lan"_s, u"ipaddr"_s}, u"10.1.0.1"_s);
    QTest::newRow("add a key ChuteDeck does not know")
        << QByteArray(R"([{"op": "add", "path": "/airshark", "value": {"enabled": true}}])")
        << withValue(defaults, {u"airshark"_s}, QJsonObject{{u"enabled"_s, true}});
    QTest::newRow("remove a whole section")
        << QByteArray(R"([{"op": "remove", "path": "/telemetry"}])")
        << withValue(defaults, {u"telemetry"_s}, QJsonValue(QJsonValue::Undefined));
    QTest::newRow("empty patch") << QByteArray("[]") << defaults;
}

void TestHostConfig::patched()
{
    QFETCH(QByteArray, patch);
    QFETCH(QJsonObject, expected);
    const HostConfig original = HostConfig::defaults(sandboxDevices());
    const Result<HostConfig> config = original.patched(patch, kPatchFile);
    QVERIFY2(config.ok(), qPrintable(resultMessage(config)));
    QCOMPARE(config.value().tree(), expected);
    QCOMPARE(original, HostConfig::defaults(sandboxDevices()));
}

void TestHostConfig::badPatch_data()
{
    QTest::addColumn<QByteArray>("patch");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("expected");

    QByteArray deepValue = R"([{"op": "add", "path": "/deep", "value": )";
    deepValue += QByteArray(70, '[') + QByteArray(70, ']') + "}]";

    QTest::newRow("test fails")
        << QByteArray(R"([{"op": "test", "path": "/lan/ipaddr", "value": "10.9.9.9"}])")
        << ErrorCode::InvalidPatch
        << uR"(hostconfig.patch: [0]: [json.exception.other_error.501] unsuccessful: {"op":"test","path":"/lan/ipaddr","value":"10.9.9.9"})"_s;
    QTest::newRow("second operation removes what is not there")
        << QByteArray(R"([{"op": "replace", "path": "/system/autoUpdate", "value": false},
                          {"op": "remove", "path": "/nope"}])")
        << ErrorCode::InvalidPatch
        << u"hostconfig.patch: [1]: [json.exception.out_of_range.403] key 'nope' not found"_s;
    QTest::newRow("operation without op")
        << QByteArray(R"([{"path": "/system"}])") << ErrorCode::InvalidPatch
        << u"hostconfig.patch: [0]: [json.exception.parse_error.105] parse error: operation must have member 'op'"_s;
    QTest::newRow("unknown operation")
        << QByteArray(R"([{"op": "merge", "path": "/system", "value": {}}])")
        << ErrorCode::InvalidPatch
        << u"hostconfig.patch: [0]: [json.exception.parse_error.105] parse error: operation value 'merge' is invalid"_s;
    QTest::newRow("not JSON")
        << QByteArray(R"([{"op": )") << ErrorCode::InvalidPatch
        << u"hostconfig.patch: invalid JSON at offset 8: unterminated object"_s;
    QTest::newRow("not a list") << QByteArray(R"({"op": "remove", "path": "/wan"})")
                                << ErrorCode::InvalidPatch
                                << u"hostconfig.patch: a JSON Patch must be a list of operations"_s;
    QTest::newRow("result fails validation")
        << QByteArray(R"([{"op": "replace", "path": "/system/chutePrefixSize", "value": 40}])")
        << ErrorCode::InvalidHostConfig
        << u"hostconfig.patch: system.chutePrefixSize: must be an integer from 8 to 30"_s;
    QTest::newRow("result refers to a removed radio")
        << QByteArray(R"([{"op": "remove", "path": "/wifi/0"}])") << ErrorCode::InvalidHostConfig
        << u"hostconfig.patch: wifi-interfaces[0].device: no radio with id 'phy0' in wifi"_s;
    QTest::newRow("result is not a map")
        << QByteArray(R"([{"op": "replace", "path": "", "value": [1]}])")
        << ErrorCode::InvalidHostConfig
        << u"hostconfig.patch: the patched host configuration is not a map"_s;
    QByteArray deepestValue = R"([{"op": "add", "path": "/wan/firewall/defaults/deep", "value": )";
    deepestValue += QByteArray(1021, '[') + QByteArray(1021, ']') + "}]";
    QTest::newRow("result nested beyond what Qt's JSON reader takes")
        << deepestValue << ErrorCode::InvalidHostConfig
        << u"hostconfig.patch: the patched host configuration cannot be read back: too deeply nested document"_s;
    QTest::newRow("result nested too deeply")
        << deepValue << ErrorCode::InvalidHostConfig
        << u"hostconfig.patch: deep"_s + QString(u"[0]"_s).repeated(64) + u": nested too deeply"_s;
}

void TestHostConfig::badPatch()
{
    QFETCH(QByteArray, patch);
    QFETCH(ErrorCode, code);
    QFETCH(QString, expected);
    const Result<HostConfig> config
        = HostConfig::defaults(sandboxDevices()).patched(patch, kPatchFile);
    QVERIFY(!config.ok());
    QCOMPARE(config.error().message, expected);
    QCOMPARE(config.error().code, code);
}

QTEST_APPLESS_MAIN(TestHostConfig)
#include "tst_hostconfig.moc"
