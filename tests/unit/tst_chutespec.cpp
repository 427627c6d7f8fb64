#include "core/chute/chutespec.h"
#include "tests/unit/chutetesting.h"

#include <QTest>

using namespace ChuteDeck::Core;
using namespace ChuteDeck::Tests;
using namespace Qt::StringLiterals;

// The expected chutes are written with designated initializers, which leave the other members at
// their defaults by definition; GCC still warns about each of them.
QT_WARNING_DISABLE_GCC("-Wmissing-field-initializers")

namespace {

const QString kFile = u"paradrop.yaml"_s;

ChuteSpec helloWeb()
{
    return ChuteSpec{
        .name = u"hello-web"_s,
        .description = u"Serves a hello page from the router."_s,
        .version = u"1"_s,
        .services = {ServiceSpec{
            .name = u"main"_s,
            .type = ServiceType::Light,
            .source = u"."_s,
            .image = u"python3"_s,
            .command = {u"python3 -u server.py"_s},
            .environment = {{u"GREETING"_s, u"Hello from a ParaDrop chute!"_s}},
        }},
        .web = WebSpec{u"main"_s, 8000},
    };
}

ChuteSpec wifiHotspot()
{
    const InterfaceSpec accessPoint{
        .name = u"wlan0"_s,
        .type = InterfaceType::WifiAp,
        .dhcp = DhcpSpec{u"2h"_s, 100, 10},
        .dns = {u"1.1.1.1"_s, u"9.9.9.9"_s},
        .wireless = {{u"ssid"_s, u"Café Guest ☕"_s},
                     {u"key"_s, u"Tr0ub4dor&3 \"guest\" $HOME;#1"_s},
                     {u"hidden"_s, u"false"_s},
                     {u"isolate"_s, u"true"_s},
                     {u"maxassoc"_s, u"50"_s}},
        .hwmode = u"11g"_s,
    };
    return ChuteSpec{
        .name = u"wifi-hotspot"_s,
        .description = u"Guest Wi-Fi with its own address pool and a welcome page."_s,
        .version = u"2"_s,
        .services = {ServiceSpec{
            .name = u"main"_s,
            .type = ServiceType::Normal,
            .source = u"."_s,
            .environment = {{u"PORTAL_TITLE"_s, u"Welcome to the café's guest Wi-Fi"_s},
                            {u"PORTAL_NOTE"_s, u"Be kind: no \"torrents\" here."_s}},
            .interfaces = {accessPoint},
            .asRoot = true,
            .portBindings = {PortBinding{8088, 80}},
        }},
        .web = WebSpec{u"main"_s, 80},
    };
}

ChuteSpec twoServices()
{
    return ChuteSpec{
        .name = u"two-services"_s,
        .description = u"A visit counter with a web service and a Redis cache."_s,
        .version = u"1.2"_s,
        .environment = {{u"COUNTER_NAME"_s, u"visits"_s}},
        .services
        = {ServiceSpec{
               .name = u"web"_s,
               .type = ServiceType::Light,
               .source = u"web"_s,
               .image = u"python3"_s,
               .command = {u"python3"_s, u"-u"_s, u"counter.py"_s},
               .environment = {{u"REDIS_HOST"_s, u"cache"_s}, {u"REDIS_PORT"_s, u"6379"_s}},
           },
           ServiceSpec{
               .name = u"cache"_s,
               .type = ServiceType::Image,
               .image = u"redis:7"_s,
               .command = {u"redis-server"_s, u"--save"_s, u""_s, u"--appendonly"_s, u"no"_s},
           }},
        .web = WebSpec{u"web"_s, 5000},
    };
}

ChuteSpec portClash()
{
    return ChuteSpec{
        .name = u"port-clash"_s,
        .description = u"Binds the same router port as wifi-hotspot."_s,
        .version = u"1"_s,
        .services = {ServiceSpec{
            .name = u"main"_s,
            .type = ServiceType::Image,
            .image = u"nginx:1.25-alpine"_s,
            .portBindings = {PortBinding{8088, 80}},
        }},
    };
}

// A pre-0.12 chute, as ParaDrop's SingleServiceChuteBuilder documented it.
const QByteArray kSingleServiceForm = R"(name: seccam
description: Motion detection with a Wi-Fi camera.
version: 1
type: light
use: python2
command: python -u seccam.py
as_root: true
environment:
  MODE: detect
config:
  environment:
    IMAGE_INTERVAL: 2.0
  net:
    wifi:
      type: wifi
      intfName: wlan0
      dhcp:
        start: 4
        limit: 250
        lease: 12h
      ssid: seccam42
      key: paradropseccam
      options:
        isolate: true
        maxassoc: 100
  host_config:
    port_bindings:
      81/tcp: 8081
      5000: 5000
  web:
    port: 5000
)";

ChuteSpec singleServiceFormChute()
{
    return ChuteSpec{
        .name = u"seccam"_s,
        .description = u"Motion detection with a Wi-Fi camera."_s,
        .version = u"1"_s,
        .environment = {{u"MODE"_s, u"detect"_s}},
        .services = {ServiceSpec{
            .name = u"main"_s,
            .type = ServiceType::Light,
            .source = u"."_s,
            .image = u"python2"_s,
            .command = {u"python -u seccam.py"_s},
            .environment = {{u"IMAGE_INTERVAL"_s, u"2.0"_s}},
            .interfaces = {InterfaceSpec{.name = u"wlan0"_s,
                                         .type = InterfaceType::WifiAp,
                                         .dhcp = DhcpSpec{u"12h"_s, 250, 4},
                                         .wireless = {{u"ssid"_s, u"seccam42"_s},
                                                      {u"key"_s, u"paradropseccam"_s},
                                                      {u"isolate"_s, u"true"_s},
                                                      {u"maxassoc"_s, u"100"_s}}}},
            .asRoot = true,
            .portBindings = {PortBinding{8081, 81}, PortBinding{5000, 5000}},
        }},
        .web = WebSpec{u"main"_s, 5000},
    };
}

// Every field set, for the JSON round trip.
ChuteSpec everyField()
{
    ChuteSpec chute = twoServices();
    ServiceSpec &web = chute.services[0];
    web.dns = {u"8.8.8.8"_s};
    web.privileged = true;
    web.cpuFraction = 0.25;
    web.portBindings = {PortBinding{8443, 443}, PortBinding{2222, 22}};
    web.interfaces = {
        InterfaceSpec{.name = u"mon0"_s, .type = InterfaceType::Monitor, .hwmode = u"11a"_s},
        InterfaceSpec{.name = u"vlan.10"_s,
                      .type = InterfaceType::Vlan,
                      .dhcp = DhcpSpec{},
                      .ipv4Network = u"192.168.30.0/24"_s,
                      .vlanId = 10},
    };
    chute.environment.append({u"MULTI LINE"_s, u"first\nsecond \"quoted\" `tick` $(rm -rf /)"_s});
    return chute;
}

// A valid chute whose VALUE placeholder is an environment value and an SSID.
QByteArray freeTextChute(const QByteArray &value)
{
    QByteArray text = R"(name: text
services:
  main:
    type: image
    image: alpine:3
    environment:
      VALUE: @
    interfaces:
      wlan0:
        type: wifi-ap
        wireless:
          ssid: @
)";
    return text.replace('@', value);
}

QByteArray imageChute(const QByteArray &serviceBody)
{
    return "name: bad\nservices:\n  main:\n    type: image\n    image: alpine:3\n" + serviceBody;
}

} // namespace

class TestChuteSpec final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sampleChutes_data();
    void sampleChutes();
    void singleServiceForm();
    void singleServiceFormExtras_data();
    void singleServiceFormExtras();
    void freeTextKeptByteForByte_data();
    void freeTextKeptByteForByte();
    void literalBlockKeepsNewlines();
    void commandForms_data();
    void commandForms();
    void defaults();
    void jsonInput();
    void badInput_data();
    void badInput();
    void hostileInput_data();
    void hostileInput();
    void loadChuteErrors();
    void chuteNames_data();
    void chuteNames();
    void compareVersions_data();
    void compareVersions();
    void names();
    void containerAndImageNames();
    void wirelessOption();
    void jsonRoundTrip_data();
    void jsonRoundTrip();
    void jsonKeepsOrder();
};

void TestChuteSpec::sampleChutes_data()
{
    QTest::addColumn<QString>("folder");
    QTest::addColumn<ChuteSpec>("expected");
    QTest::newRow("hello-web: one light service with a web port") << u"hello-web"_s << helloWeb();
    QTest::newRow("wifi-hotspot: access point, DHCP, port binding")
        << u"wifi-hotspot"_s << wifiHotspot();
    QTest::newRow("two-services: light then image, in YAML order")
        << u"two-services"_s << twoServices();
    QTest::newRow("port-clash: image service binding 8088") << u"port-clash"_s << portClash();
}

void TestChuteSpec::sampleChutes()
{
    QFETCH(QString, folder);
    QFETCH(ChuteSpec, expected);
    const Result<ChuteSpec> chute = loadChute(sampleChuteFolder(folder));
    QVERIFY2(chute.ok(), qPrintable(chute.ok() ? QString() : chute.error().message));
    QCOMPARE(chute.value(), expected);
}

void TestChuteSpec::singleServiceForm()
{
    const Result<ChuteSpec> chute = parseChute(kSingleServiceForm, kFile);
    QVERIFY2(chute.ok(), qPrintable(chute.ok() ? QString() : chute.error().message));
    QCOMPARE(chute.value(), singleServiceFormChute());
}

void TestChuteSpec::singleServiceFormExtras_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<ServiceSpec>("expected");
    QTest::newRow("no use, no type: a normal service built from the chute folder")
        << QByteArray("name: old\n")
        << ServiceSpec{.name = u"main"_s, .type = ServiceType::Normal, .source = u"."_s};
    QTest::newRow("heavy is the old name of normal")
        << QByteArray("name: old\ntype: heavy\n")
        << ServiceSpec{.name = u"main"_s, .type = ServiceType::Normal, .source = u"."_s};
    QTest::newRow("wifi in monitor mode, wireless map and options merged")
        << QByteArray(
               "name: old\nconfig:\n  net:\n    mon:\n      type: wifi\n      mode: monitor\n"
               "      intfName: mon0\n      wireless: {ssid: a, hidden: false}\n"
               "      ssid: b\n      options: {hidden: true}\n")
        << ServiceSpec{.name = u"main"_s,
                       .type = ServiceType::Normal,
                       .source = u"."_s,
                       .interfaces = {InterfaceSpec{
                           .name = u"mon0"_s,
                           .type = InterfaceType::Monitor,
                           .wireless = {{u"ssid"_s, u"b"_s}, {u"hidden"_s, u"true"_s}}}}};
}

void TestChuteSpec::singleServiceFormExtras()
{
    QFETCH(QByteArray, text);
    QFETCH(ServiceSpec, expected);
    const Result<ChuteSpec> chute = parseChute(text, kFile);
    QVERIFY2(chute.ok(), qPrintable(chute.ok() ? QString() : chute.error().message));
    QCOMPARE(chute.value().services.size(), 1);
    QVERIFY(chute.value().services.first() == expected);
}

void TestChuteSpec::freeTextKeptByteForByte_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QString>("expected");
    QTest::newRow("command substitution, plain") << QByteArray("$(rm -rf /)") << u"$(rm -rf /)"_s;
    QTest::newRow("command substitution, quoted")
        << QByteArray("'$(rm -rf /); echo $HOME'") << u"$(rm -rf /); echo $HOME"_s;
    QTest::newRow("backticks") << QByteArray("'`reboot`'") << u"`reboot`"_s;
    QTest::newRow("double quotes inside single quotes")
        << QByteArray(R"('say "hi"')") << u"say \"hi\""_s;
    QTest::newRow("doubled single quote") << QByteArray("'it''s'") << u"it's"_s;
    QTest::newRow("escaped newline and tab")
        << QByteArray(R"("line one\nline\ttwo")") << u"line one\nline\ttwo"_s;
    QTest::newRow("backslashes") << QByteArray(R"("C:\\path\\x")") << u"C:\\path\\x"_s;
    QTest::newRow("UTF-8 text") << QByteArray("Café ☕ 漢字 ✓") << u"Café ☕ 漢字 ✓"_s;
    QTest::newRow("unicode escape") << QByteArray(R"("caf\u00e9")") << u"café"_s;
    QTest::newRow("surrounding spaces, quoted") << QByteArray("\"  padded  \"") << u"  padded  "_s;
    QTest::newRow("shell metacharacters") << QByteArray("a;b|c&d>e<f*?") << u"a;b|c&d>e<f*?"_s;
    QTest::newRow("hash without a space is text") << QByteArray("pass#word") << u"pass#word"_s;
    QTest::newRow("hash quoted") << QByteArray("\"#1 # not a comment\"") << u"#1 # not a comment"_s;
    QTest::newRow("leading zeros stay") << QByteArray("007") << u"007"_s;
    QTest::newRow("a float stays as written") << QByteArray("2.50") << u"2.50"_s;
    QTest::newRow("a YAML 1.1 boolean stays as written") << QByteArray("yes") << u"yes"_s;
    QTest::newRow("empty quoted") << QByteArray("\"\"") << QString(u""_s);
}

void TestChuteSpec::freeTextKeptByteForByte()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QString, expected);
    const Result<ChuteSpec> chute = parseChute(freeTextChute(yaml), kFile);
    QVERIFY2(chute.ok(), qPrintable(chute.ok() ? QString() : chute.error().message));
    const ServiceSpec &service = chute.value().services.first();
    QCOMPARE(service.environment.value(0).second, expected);
    QCOMPARE(service.interfaces.first().wirelessOption(u"ssid"_s), expected);
    QCOMPARE(service.environment.value(0).second.toUtf8(), expected.toUtf8());
}

void TestChuteSpec::literalBlockKeepsNewlines()
{
    const QByteArray text
        = "name: text\nenvironment:\n  SCRIPT: |\n    echo \"$1\"\n"
          "      indented\n    last\nservices:\n  main: {type: image, image: a}\n";
    const Result<ChuteSpec> chute = parseChute(text, kFile);
    QVERIFY2(chute.ok(), qPrintable(chute.ok() ? QString() : chute.error().message));
    QCOMPARE(chute.value().environment,
             (TextPairs{{u"SCRIPT"_s, u"echo \"$1\"\n  indented\nlast\n"_s}}));
}

void TestChuteSpec::commandForms_data()
{
    QTest::addColumn<QByteArray>("command");
    QTest::addColumn<QStringList>("expected");
    // A string stays one element: it is a shell-form command, as ParaDrop passed it to Docker.
    QTest::newRow("string stays one element") << QByteArray("python3 -u 'my app.py' --flag")
                                              << QStringList{u"python3 -u 'my app.py' --flag"_s};
    QTest::newRow("flow list") << QByteArray("[python3, -u, \"my app.py\"]")
                               << QStringList{u"python3"_s, u"-u"_s, u"my app.py"_s};
    QTest::newRow("list with an empty argument")
        << QByteArray("[redis-server, --save, \"\"]")
        << QStringList{u"redis-server"_s, u"--save"_s, u""_s};
    QTest::newRow("empty list") << QByteArray("[]") << QStringList{};
}

void TestChuteSpec::commandForms()
{
    QFETCH(QByteArray, command);
    QFETCH(QStringList, expected);
    const Result<ChuteSpec> chute = parseChute(imageChute("    command: " + command + '\n'), kFile);
    QVERIFY2(chute.ok(), qPrintable(chute.ok() ? QString() : chute.error().message));
    QCOMPARE(chute.value().services.first().command, expected);
}

void TestChuteSpec::defaults()
{
    const QByteArray text = "name: plain\nservices:\n  main: {}\n  web:\n    interfaces:\n"
                            "      wlan0: {type: wifi-ap, dhcp: {}}\n";
    const Result<ChuteSpec> chute = parseChute(text, kFile);
    QVERIFY2(chute.ok(), qPrintable(chute.ok() ? QString() : chute.error().message));
    const ChuteSpec expected{
        .name = u"plain"_s,
        .services
        = {ServiceSpec{.name = u"main"_s, .type = ServiceType::Normal, .source = u"."_s},
           ServiceSpec{.name = u"web"_s,
                       .type = ServiceType::Normal,
                       .source = u"."_s,
                       .interfaces = {InterfaceSpec{.name = u"wlan0"_s,
                                                    .type = InterfaceType::WifiAp,
                                                    .dhcp = DhcpSpec{u"12h"_s, 250, 4}}}}},
    };
    QCOMPARE(chute.value(), expected);
    QCOMPARE(chute.value().state, ChuteState::Stopped);
}

void TestChuteSpec::jsonInput()
{
    const QByteArray json = R"({"name": "j", "version": 3, "services": {"b": {"type": "image",
        "image": "redis:7", "requests": {"port-bindings": [{"external": 6380, "internal": 6379}]}},
        "a": {"type": "light", "image": "node", "command": ["node", "x.js"]}}})";
    const Result<ChuteSpec> chute = parseChute(json, u"config.json"_s);
    QVERIFY2(chute.ok(), qPrintable(chute.ok() ? QString() : chute.error().message));
    QCOMPARE(chute.value().version, u"3"_s);
    QCOMPARE(chute.value().services.size(), 2);
    QCOMPARE(chute.value().services[0].name, u"b"_s);
    QCOMPARE(chute.value().services[0].portBindings, (QList<PortBinding>{PortBinding{6380, 6379}}));
    QCOMPARE(chute.value().services[1].command, (QStringList{u"node"_s, u"x.js"_s}));
}

void TestChuteSpec::badInput_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("expected");

    QTest::newRow("empty document")
        << QByteArray("") << u"paradrop.yaml:1: a chute configuration must be a map of settings"_s;
    QTest::newRow("a list at the top")
        << QByteArray("- name: x\n")
        << u"paradrop.yaml:1: a chute configuration must be a map of settings"_s;
    QTest::newRow("syntax error") << QByteArray("name: x\n  bad: indent\n")
                                  << u"paradrop.yaml:2: invalid YAML: illegal map value"_s;
    QTest::newRow("unclosed flow list")
        << QByteArray("name: x\nservices: [a\n")
        << u"paradrop.yaml:3: invalid YAML: end of sequence flow not found"_s;
    QTest::newRow("name missing") << QByteArray("version: 1\nservices:\n  main: {}\n")
                                  << u"paradrop.yaml:1: name: is required"_s;
    QTest::newRow("name starting with '-'")
        << QByteArray("version: 1\nname: -x\n")
        << u"paradrop.yaml:2: name: must be 1 to 64 letters, digits, '-' or '_', not starting with '-'"_s;
    QTest::newRow("name with a slash")
        << QByteArray("name: ../etc\n")
        << u"paradrop.yaml:1: name: must be 1 to 64 letters, digits, '-' or '_', not starting with '-'"_s;
    QTest::newRow("name of 65 characters")
        << QByteArray("name: " + QByteArray(65, 'a') + '\n')
        << u"paradrop.yaml:1: name: must be 1 to 64 letters, digits, '-' or '_', not starting with '-'"_s;
    QTest::newRow("name is a map")
        << QByteArray("name: {a: b}\n") << u"paradrop.yaml:1: name: must be a text value"_s;
    QTest::newRow("services is a list") << QByteArray("name: x\nservices:\n  - main\n")
                                        << u"paradrop.yaml:2: services: must be a map"_s;
    QTest::newRow("no services") << QByteArray("name: x\nservices: {}\n")
                                 << u"paradrop.yaml:2: services: must name at least one service"_s;
    QTest::newRow("service is a list") << QByteArray("name: x\nservices:\n  main: [1, 2]\n")
                                       << u"paradrop.yaml:3: services.main: must be a map"_s;
    QTest::newRow("service named twice")
        << QByteArray("name: x\nservices:\n  main: {}\n  main: {}\n")
        << u"paradrop.yaml:4: services.main: duplicate key"_s;
    QTest::newRow("service name with a space")
        << QByteArray("name: x\nservices:\n  my service: {}\n")
        << u"paradrop.yaml:3: services.my service: service names are 1 to 64 letters, digits, '-' or '_', not starting with '-'"_s;
    QTest::newRow("unknown service type")
        << QByteArray("name: x\nservices:\n  main:\n    type: heavy\n")
        << u"paradrop.yaml:4: services.main.type: unknown service type 'heavy' (expected light, normal or image)"_s;
    QTest::newRow("image service without image")
        << QByteArray("name: x\nservices:\n  main: {}\n  db:\n    type: image\n")
        << u"paradrop.yaml:4: services.db.image: is required for a service of type image"_s;
    QTest::newRow("light service without image")
        << QByteArray("name: x\nservices:\n  main:\n    type: light\n    command: run\n")
        << u"paradrop.yaml:3: services.main.image: is required for a light service (the base image, e.g. python3 or node)"_s;
    QTest::newRow("light service without command")
        << QByteArray("name: x\nservices:\n  main:\n    type: light\n    image: node\n")
        << u"paradrop.yaml:3: services.main.command: is required for a light service"_s;
    QTest::newRow("source outside the chute")
        << QByteArray("name: x\nservices:\n  main:\n    source: ../../etc\n")
        << u"paradrop.yaml:4: services.main.source: must be a folder inside the chute"_s;
    QTest::newRow("absolute source")
        << QByteArray("name: x\nservices:\n  main:\n    source: /etc\n")
        << u"paradrop.yaml:4: services.main.source: must be a folder inside the chute"_s;
    QTest::newRow("command is a map")
        << imageChute("    command: {run: x}\n")
        << u"paradrop.yaml:6: services.main.command: must be a list"_s;
    QTest::newRow("interface name over 16 characters")
        << imageChute("    interfaces:\n      wlan0-with-a-long-name:\n        type: wifi-ap\n")
        << u"paradrop.yaml:7: services.main.interfaces.wlan0-with-a-long-name: interface name is longer than 16 characters"_s;
    QTest::newRow("interface name with a slash")
        << imageChute("    interfaces:\n      wl/an:\n        type: wifi-ap\n")
        << u"paradrop.yaml:7: services.main.interfaces.wl/an: interface names use letters, digits, '-', '_' and '.', not starting with '-'"_s;
    QTest::newRow("interface without type")
        << imageChute("    interfaces:\n      wlan0: {dhcp: {}}\n")
        << u"paradrop.yaml:7: services.main.interfaces.wlan0.type: is required"_s;
    QTest::newRow("unknown interface type")
        << imageChute("    interfaces:\n      wlan0:\n        type: wifi\n")
        << u"paradrop.yaml:8: services.main.interfaces.wlan0.type: unknown interface type 'wifi' (expected wifi-ap, monitor or vlan)"_s;
    QTest::newRow("vlan without vlan-id")
        << imageChute("    interfaces:\n      vlan10:\n        type: vlan\n")
        << u"paradrop.yaml:7: services.main.interfaces.vlan10.vlan-id: is required"_s;
    QTest::newRow("vlan-id 4095")
        << imageChute("    interfaces:\n      vlan10:\n        type: vlan\n        vlan-id: 4095\n")
        << u"paradrop.yaml:9: services.main.interfaces.vlan10.vlan-id: must be a VLAN id from 1 to 4094"_s;
    QTest::newRow("dhcp limit not a number")
        << imageChute("    interfaces:\n      wlan0:\n        type: wifi-ap\n        dhcp:\n"
                      "          limit: many\n")
        << u"paradrop.yaml:10: services.main.interfaces.wlan0.dhcp.limit: must be an integer from 1 to 65535"_s;
    QTest::newRow("dhcp leasetime not a duration")
        << imageChute("    interfaces:\n      wlan0:\n        type: wifi-ap\n        dhcp:\n"
                      "          leasetime: soon\n")
        << u"paradrop.yaml:10: services.main.interfaces.wlan0.dhcp.leasetime: must be a lease time such as 12h, 30m or infinite"_s;
    QTest::newRow("unknown hwmode")
        << imageChute(
               "    interfaces:\n      wlan0:\n        type: wifi-ap\n        requirements:\n"
               "          hwmode: 11z\n")
        << u"paradrop.yaml:10: services.main.interfaces.wlan0.requirements.hwmode: must be 11a, 11b or 11g"_s;
    QTest::newRow("ipv4_network with host bits")
        << imageChute(
               "    interfaces:\n      wlan0:\n        type: wifi-ap\n        requirements:\n"
               "          ipv4_network: 192.168.30.1/24\n")
        << u"paradrop.yaml:10: services.main.interfaces.wlan0.requirements.ipv4_network: must be an IPv4 network such as 192.168.30.0/24"_s;
    QTest::newRow("wireless value is a list")
        << imageChute("    interfaces:\n      wlan0:\n        type: wifi-ap\n        wireless:\n"
                      "          ssid: [a, b]\n")
        << u"paradrop.yaml:10: services.main.interfaces.wlan0.wireless.ssid: must be a text value"_s;
    QTest::newRow("port not an integer")
        << imageChute("    requests:\n      port-bindings:\n        - external: http\n          "
                      "internal: 80\n")
        << u"paradrop.yaml:8: services.main.requests.port-bindings[0].external: must be a port number from 1 to 65535"_s;
    QTest::newRow("port 0")
        << imageChute(
               "    requests:\n      port-bindings:\n        - {external: 0, internal: 80}\n")
        << u"paradrop.yaml:8: services.main.requests.port-bindings[0].external: must be a port number from 1 to 65535"_s;
    QTest::newRow("port 65536")
        << imageChute(
               "    requests:\n      port-bindings:\n        - {external: 80, internal: 65536}\n")
        << u"paradrop.yaml:8: services.main.requests.port-bindings[0].internal: must be a port number from 1 to 65535"_s;
    QTest::newRow("port 99999999999999999999")
        << imageChute("    requests:\n      port-bindings:\n        - {external: "
                      "99999999999999999999, internal: 1}\n")
        << u"paradrop.yaml:8: services.main.requests.port-bindings[0].external: must be a port number from 1 to 65535"_s;
    QTest::newRow("port binding without internal")
        << imageChute("    requests:\n      port-bindings:\n        - external: 80\n")
        << u"paradrop.yaml:8: services.main.requests.port-bindings[0].internal: is required"_s;
    QTest::newRow("port binding is a number")
        << imageChute("    requests:\n      port-bindings:\n        - 80\n")
        << u"paradrop.yaml:8: services.main.requests.port-bindings[0]: must be a map with external and internal ports"_s;
    QTest::newRow("port-bindings is a map")
        << imageChute("    requests:\n      port-bindings: {external: 80}\n")
        << u"paradrop.yaml:7: services.main.requests.port-bindings: must be a list"_s;
    QTest::newRow("external port bound twice in one service")
        << imageChute(
               "    requests:\n      port-bindings:\n        - {external: 80, internal: 80}\n"
               "        - {external: 80, internal: 81}\n")
        << u"paradrop.yaml:9: services.main.requests.port-bindings[1].external: port 80 is already bound by services.main.requests.port-bindings[0].external"_s;
    QTest::newRow("external port bound by two services")
        << QByteArray("name: x\nservices:\n  a:\n    requests:\n      port-bindings:\n"
                      "        - {external: 8080, internal: 80}\n  b:\n    requests:\n"
                      "      port-bindings:\n        - {external: 8080, internal: 8080}\n")
        << u"paradrop.yaml:10: services.b.requests.port-bindings[0].external: port 8080 is already bound by services.a.requests.port-bindings[0].external"_s;
    QTest::newRow("cpu-fraction 0")
        << imageChute("    requests:\n      cpu-fraction: 0\n")
        << u"paradrop.yaml:7: services.main.requests.cpu-fraction: must be a number greater than 0 and at most 1"_s;
    QTest::newRow("cpu-fraction 1.5")
        << imageChute("    requests:\n      cpu-fraction: 1.5\n")
        << u"paradrop.yaml:7: services.main.requests.cpu-fraction: must be a number greater than 0 and at most 1"_s;
    QTest::newRow("cpu-fraction nan")
        << imageChute("    requests:\n      cpu-fraction: .nan\n")
        << u"paradrop.yaml:7: services.main.requests.cpu-fraction: must be a number greater than 0 and at most 1"_s;
    QTest::newRow("as-root not a boolean")
        << imageChute("    requests:\n      as-root: sometimes\n")
        << u"paradrop.yaml:7: services.main.requests.as-root: must be true or false"_s;
    QTest::newRow("environment value is a map")
        << QByteArray("name: x\nenvironment:\n  NESTED:\n    a: b\n")
        << u"paradrop.yaml:3: environment.NESTED: must be a text value"_s;
    QTest::newRow("environment value is a list")
        << imageChute("    environment:\n      LIST: [a]\n")
        << u"paradrop.yaml:7: services.main.environment.LIST: must be a text value"_s;
    QTest::newRow("environment value is empty")
        << imageChute("    environment:\n      EMPTY:\n")
        << u"paradrop.yaml:7: services.main.environment.EMPTY: must be a text value"_s;
    QTest::newRow("environment is a list") << QByteArray("name: x\nenvironment:\n  - A=1\n")
                                           << u"paradrop.yaml:2: environment: must be a map"_s;
    QTest::newRow("web names no service")
        << imageChute("web:\n  service: nope\n  port: 80\n")
        << u"paradrop.yaml:7: web.service: no service named 'nope' in this chute"_s;
    QTest::newRow("web without service")
        << imageChute("web:\n  port: 80\n") << u"paradrop.yaml:6: web.service: is required"_s;
    QTest::newRow("web port out of range")
        << imageChute("web:\n  service: main\n  port: 70000\n")
        << u"paradrop.yaml:8: web.port: must be a port number from 1 to 65535"_s;
    QTest::newRow("single-service form: interface without intfName")
        << QByteArray("name: x\nconfig:\n  net:\n    wifi:\n      type: wifi\n")
        << u"paradrop.yaml:4: config.net.wifi.intfName: is required"_s;
    QTest::newRow("single-service form: interface name twice")
        << QByteArray("name: x\nconfig:\n  net:\n    a: {type: wifi, intfName: wlan0}\n"
                      "    b: {type: wifi, intfName: wlan0}\n")
        << u"paradrop.yaml:5: config.net.b.intfName: interface wlan0 is defined twice"_s;
    QTest::newRow("single-service form: bad port binding key")
        << QByteArray("name: x\nconfig:\n  host_config:\n    port_bindings:\n      http: 80\n")
        << u"paradrop.yaml:5: config.host_config.port_bindings.http: must be keyed by a container port such as 80 or 80/tcp"_s;
    QTest::newRow("single-service form: dynamic host port")
        << QByteArray("name: x\nconfig:\n  host_config:\n    port_bindings:\n      80/tcp:\n")
        << u"paradrop.yaml:5: config.host_config.port_bindings.80/tcp: is required"_s;
    QTest::newRow("single-service form: bad web port")
        << QByteArray("name: x\nconfig:\n  web:\n    port: web\n")
        << u"paradrop.yaml:4: config.web.port: must be a port number from 1 to 65535"_s;
    QTest::newRow("single-service form: light without use")
        << QByteArray("name: x\ntype: light\ncommand: run\n")
        << u"paradrop.yaml:1: use: is required for a light service (the base image, e.g. python3 or node)"_s;
}

void TestChuteSpec::badInput()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, expected);
    const Result<ChuteSpec> chute = parseChute(text, kFile);
    QVERIFY(!chute.ok());
    QCOMPARE(chute.error().code, ErrorCode::InvalidChute);
    QCOMPARE(chute.error().message, expected);
}

void TestChuteSpec::hostileInput_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("expected"); // empty: any InvalidChute error naming the file

    QByteArray garbage;
    for (int i = 0; i < 4096; ++i)
        garbage.append(char((i * 7919 + 13) % 256));
    QByteArray deepMaps;
    for (int i = 0; i < 5000; ++i)
        deepMaps += QByteArray(i, ' ') + "a:\n";
    QByteArray manyAliases = "name: x\nbomb: &a [x, x, x, x, x, x, x, x, x, x]\n";
    for (char level = 'b'; level <= 'j'; ++level) {
        const char previous = char(level - 1);
        manyAliases += "b" + QByteArray(1, level) + ": &" + QByteArray(1, level) + " [";
        for (int i = 0; i < 10; ++i)
            manyAliases += (i ? ", *" : "*") + QByteArray(1, previous);
        manyAliases += "]\n";
    }

    QTest::newRow("100000 nested flow lists") << QByteArray(100000, '[') << QString();
    QTest::newRow("5000 nested block maps") << deepMaps << QString();
    QTest::newRow("binary garbage") << garbage << QString();
    QTest::newRow("NUL bytes") << QByteArray("name: a\0b\nservices:\0", 20) << QString();
    QTest::newRow("invalid UTF-8 in the name")
        << QByteArray("name: caf\xe9\n")
        << u"paradrop.yaml:1: name: must be 1 to 64 letters, digits, '-' or '_', not starting with '-'"_s;
    QTest::newRow("self-referencing alias")
        << QByteArray("name: &n [*n]\n") << u"paradrop.yaml:1: name: must be a text value"_s;
    QTest::newRow("alias bomb where a service is expected")
        << manyAliases + "services:\n  main: *j\n"
        << u"paradrop.yaml:13: services.main: must be a map"_s;
    QTest::newRow("alias bomb as the environment")
        << manyAliases + "environment: *j\n"
        << u"paradrop.yaml:12: environment: must be a map"_s;
    QTest::newRow("ten megabyte name")
        << "name: " + QByteArray(qsizetype(10) * 1024 * 1024, 'x') + '\n'
        << u"paradrop.yaml:1: name: must be 1 to 64 letters, digits, '-' or '_', not starting with '-'"_s;
    QTest::newRow("a sequence where the document's map is expected")
        << QByteArray("[name, services]")
        << u"paradrop.yaml:1: a chute configuration must be a map of settings"_s;
    QTest::newRow("non-text key") << QByteArray("name: x\nenvironment:\n  [a]: b\n")
                                  << u"paradrop.yaml:3: environment: keys must be text"_s;
}

void TestChuteSpec::hostileInput()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, expected);
    const Result<ChuteSpec> chute = parseChute(text, kFile);
    QVERIFY(!chute.ok());
    QCOMPARE(chute.error().code, ErrorCode::InvalidChute);
    if (expected.isEmpty())
        QVERIFY2(chute.error().message.startsWith(u"paradrop.yaml"_s),
                 qPrintable(chute.error().message));
    else
        QCOMPARE(chute.error().message, expected);
}

void TestChuteSpec::loadChuteErrors()
{
    const Result<ChuteSpec> missing = loadChute(sampleChuteFolder(u"no-such-chute"_s));
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().code, ErrorCode::NotFound);
    QVERIFY(missing.error().message.startsWith(sampleChuteFolder(u"no-such-chute"_s)));

    // A file works as well as its folder.
    const Result<ChuteSpec> fromFile = loadChute(sampleChuteFolder(u"hello-web/paradrop.yaml"_s));
    QVERIFY(fromFile.ok());
    QCOMPARE(fromFile.value(), helloWeb());
}

void TestChuteSpec::chuteNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");
    QTest::newRow("letters, digits, dash, underscore") << u"Web_01-x"_s << true;
    QTest::newRow("one character") << u"a"_s << true;
    QTest::newRow("64 characters") << QString(64, u'a') << true;
    QTest::newRow("leading underscore") << u"_x"_s << true;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("65 characters") << QString(65, u'a') << false;
    QTest::newRow("leading dash") << u"-x"_s << false;
    QTest::newRow("dot") << u"a.b"_s << false;
    QTest::newRow("slash") << u"a/b"_s << false;
    QTest::newRow("space") << u"a b"_s << false;
    QTest::newRow("non-ASCII letter") << u"café"_s << false;
    QTest::newRow("quote") << u"a'b"_s << false;
}

void TestChuteSpec::chuteNames()
{
    QFETCH(QString, name);
    QFETCH(bool, valid);
    QCOMPARE(isValidChuteName(name), valid);
}

void TestChuteSpec::compareVersions_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<int>("order");
    QTest::newRow("integers") << u"2"_s << u"10"_s << -1;
    QTest::newRow("equal integers") << u"7"_s << u"7"_s << 0;
    QTest::newRow("leading zeros") << u"007"_s << u"7"_s << 0;
    QTest::newRow("integers beyond 64 bits")
        << u"99999999999999999999"_s << u"100000000000000000000"_s << -1;
    QTest::newRow("dotted: 1.10 after 1.9") << u"1.10"_s << u"1.9"_s << 1;
    QTest::newRow("dotted: missing part is 0") << u"1.0"_s << u"1"_s << 0;
    QTest::newRow("dotted: longer is newer") << u"1.0.1"_s << u"1.0"_s << 1;
    QTest::newRow("integer against dotted") << u"2"_s << u"1.9"_s << 1;
    QTest::newRow("empty counts as 0") << QString() << u"0"_s << 0;
    QTest::newRow("empty before 1") << QString() << u"1"_s << -1;
    QTest::newRow("suffix after the number") << u"1.0-rc1"_s << u"1.0"_s << 1;
    QTest::newRow("suffixes as text") << u"1.0-rc1"_s << u"1.0-rc2"_s << -1;
}

void TestChuteSpec::compareVersions()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(int, order);
    const auto sign = [](int value) { return (value > 0) - (value < 0); };
    QCOMPARE(sign(ChuteDeck::Core::compareVersions(a, b)), order);
    QCOMPARE(sign(ChuteDeck::Core::compareVersions(b, a)), -order);
}

void TestChuteSpec::names()
{
    for (const ChuteState state : {ChuteState::Invalid, ChuteState::Disabled, ChuteState::Running,
                                   ChuteState::Frozen, ChuteState::Stopped}) {
        QCOMPARE(chuteStateFromName(chuteStateName(state)), state);
    }
    QCOMPARE(chuteStateName(ChuteState::Running), u"running"_s);
    QCOMPARE(chuteStateFromName(u"paused"), std::nullopt);
    QCOMPARE(chuteStateFromName(u"Running"), std::nullopt);
    QCOMPARE(interfaceTypeName(InterfaceType::WifiAp), u"wifi-ap"_s);
    QCOMPARE(interfaceTypeName(InterfaceType::Monitor), u"monitor"_s);
    QCOMPARE(interfaceTypeName(InterfaceType::Vlan), u"vlan"_s);
    QCOMPARE(serviceTypeName(ServiceType::Light), u"light"_s);
    QCOMPARE(serviceTypeName(ServiceType::Normal), u"normal"_s);
    QCOMPARE(serviceTypeName(ServiceType::Image), u"image"_s);
}

void TestChuteSpec::containerAndImageNames()
{
    const ChuteSpec chute = twoServices();
    const ServiceSpec &web = chute.services.first();
    const ServiceSpec &cache = chute.services.at(1);
    QCOMPARE(chute.service(u"web"_s), &web);
    QCOMPARE(chute.service(u"cache"_s), &cache);
    QCOMPARE(chute.service(u"main"_s), nullptr);
    QCOMPARE(chute.containerName(web), u"two-services-web"_s);
    QCOMPARE(chute.imageName(web), u"two-services-web:1.2"_s);
    QCOMPARE(chute.containerName(cache), u"two-services-cache"_s);
    QCOMPARE(chute.imageName(cache), u"redis:7"_s);

    ServiceSpec normal = web;
    normal.type = ServiceType::Normal;
    QCOMPARE(chute.imageName(normal), u"two-services-web:1.2"_s);
    ChuteSpec unversioned = chute;
    unversioned.version.clear();
    QCOMPARE(unversioned.imageName(normal), u"two-services-web:latest"_s);
}

void TestChuteSpec::wirelessOption()
{
    const InterfaceSpec accessPoint = wifiHotspot().services.first().interfaces.first();
    QCOMPARE(accessPoint.wirelessOption(u"ssid"_s), u"Café Guest ☕"_s);
    QCOMPARE(accessPoint.wirelessOption(u"key"_s), u"Tr0ub4dor&3 \"guest\" $HOME;#1"_s);
    QCOMPARE(accessPoint.wirelessOption(u"nasid"_s), QString());
}

void TestChuteSpec::jsonRoundTrip_data()
{
    QTest::addColumn<ChuteSpec>("chute");
    QTest::newRow("hello-web") << helloWeb();
    QTest::newRow("wifi-hotspot") << wifiHotspot();
    QTest::newRow("two-services") << twoServices();
    QTest::newRow("port-clash") << portClash();
    QTest::newRow("single-service form") << singleServiceFormChute();
    QTest::newRow("every field, free text with quotes and newlines") << everyField();
    ChuteSpec emptySource = portClash();
    emptySource.services.first().type = ServiceType::Normal;
    QTest::newRow("normal service with an empty source") << emptySource;
}

void TestChuteSpec::jsonRoundTrip()
{
    QFETCH(ChuteSpec, chute);
    const QByteArray json = chuteToJson(chute);
    const Result<ChuteSpec> parsed = parseChute(json, u"config.json"_s);
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
    QCOMPARE(parsed.value(), chute);
    QCOMPARE(chuteToJson(parsed.value()), json);
}

void TestChuteSpec::jsonKeepsOrder()
{
    QCOMPARE(
        chuteToJson(twoServices()),
        QByteArray(R"({"name":"two-services","description":"A visit counter with a web service )"
                   R"(and a Redis cache.","version":"1.2","environment":{"COUNTER_NAME":"visits"},)"
                   R"("services":{"web":{"type":"light","source":"web","image":"python3",)"
                   R"("command":["python3","-u","counter.py"],"environment":{"REDIS_HOST":"cache",)"
                   R"("REDIS_PORT":"6379"}},"cache":{"type":"image","image":"redis:7","command":)"
                   R"(["redis-server","--save","","--appendonly","no"]}},"web":{"service":"web",)"
                   R"("port":5000}})"));
}

QTEST_APPLESS_MAIN(TestChuteSpec)
#include "tst_chutespec.moc"
