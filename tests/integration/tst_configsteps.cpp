#include "core/plan/executor.h"
#include "core/plan/runreport.h"
#include "core/plan/workerthread.h"
#include "core/router/routerstate.h"
#include "core/router/sandboxrouter.h"
#include "core/router/transactions.h"
#include "core/steps/builtinsteps.h"
#include "core/steps/changerun.h"
#include "core/steps/uci.h"
#include "core/update/changeenvironment.h"
#include "core/update/planning.h"
#include "tests/support/samplechutes.h"
#include "tests/support/sandboxfixture.h"
#include "tests/support/treesnapshot.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace ChuteDeck::Core;
using namespace ChuteDeck::Tests;
using namespace Qt::StringLiterals;

namespace {

ChuteSpec sampleChute(const QString &name)
{
    Result<ChuteSpec> chute = loadChute(sampleChuteFolder(name));
    if (!chute)
        qFatal("%s", qPrintable(chute.error().message));
    return std::move(chute).value();
}

// A chute with one image service and the given interfaces (YAML, indented under `interfaces:`).
ChuteSpec imageChute(const QString &name, const QString &interfaces)
{
    const QString text = u"name: %1\nversion: 1\nservices:\n  main:\n    type: image\n"
                         u"    image: nginx:1\n    interfaces:\n%2"_s.arg(name, interfaces);
    Result<ChuteSpec> chute = parseChute(text.toUtf8(), name + u"/paradrop.yaml"_s);
    if (!chute)
        qFatal("%s", qPrintable(chute.error().message));
    return std::move(chute).value();
}

QString accessPoint(const QString &ifname, const QString &hwmode)
{
    return u"      %1:\n        type: wifi-ap\n        wireless:\n          ssid: %1\n"
           u"        requirements:\n          hwmode: %2\n"_s.arg(ifname, hwmode);
}

// Without a router transaction (ChangeRun) on purpose: the rollbacks below are then the revert
// steps' work alone, so the tests check that each restores what its step replaced.
class ConfigFixture : public SandboxFixture
{
public:
    RunReport run(const QList<Update> &updates, const QList<StepMatcher> &failures = {})
    {
        return SandboxFixture::run(updates, failures, Recording::StepsOnly);
    }

    // Creates a chute (a sample's sources are uploaded with it).
    RunReport create(const ChuteSpec &chute, const QList<StepMatcher> &failures = {})
    {
        Update update = makeChuteUpdate(UpdateType::Create, chute, chute.name, installed());
        if (QFileInfo(sampleChuteFolder(chute.name)).isDir())
            update.sourceFolder = sampleChuteFolder(chute.name);
        return run({update}, failures);
    }

    RunReport change(UpdateType type, const QString &name)
    {
        return run({makeChuteUpdate(type, {}, name, installed())});
    }

    QList<ChuteSpec> installed() { return readInstalledChutes(*router).value(); }

    QByteArray file(QLatin1StringView path) { return router->readFile(path).value(); }

    // The sections of `path` that `chute` owns, as text.
    QByteArray sectionsOf(QLatin1StringView path, const QString &chute)
    {
        UciConfig config = readUciFile(*router, path).value();
        config.sections.removeIf(
            [&](const UciSection &section) { return section.option(u"paradrop_chute") != chute; });
        return config.toText();
    }

    void setHostConfig(const std::function<void(QJsonObject &)> &edit)
    {
        QJsonObject tree = readHostConfig(*router).value().tree();
        edit(tree);
        QVERIFY(router->writeFile(RouterPaths::hostConfig, HostConfig(tree).toYaml()).ok());
    }
};

const QByteArray kHotspotNetwork = R"(config interface 'wifi_hotspot_wlan0'
	option proto 'static'
	option type 'bridge'
	option bridge_empty '1'
	option ipaddr '10.128.0.1'
	option netmask '255.255.255.0'
	option paradrop_chute 'wifi-hotspot'
)"_ba;

const QByteArray kHotspotWireless = R"(config wifi-iface 'wifi_hotspot_wlan0'
	option device 'radio0'
	option network 'wifi_hotspot_wlan0'
	option mode 'ap'
	option ssid 'Café Guest ☕'
	option encryption 'psk2'
	option key 'Tr0ub4dor&3 "guest" $HOME;#1'
	option hidden '0'
	option isolate '1'
	option maxassoc '50'
	option paradrop_chute 'wifi-hotspot'
)"_ba;

const QByteArray kHotspotFirewall = R"(config zone 'wifi_hotspot_wlan0'
	option name 'wifi_hotspot_wlan0'
	list network 'wifi_hotspot_wlan0'
	option input 'ACCEPT'
	option output 'ACCEPT'
	option forward 'ACCEPT'
	option paradrop_chute 'wifi-hotspot'

config forwarding 'wifi_hotspot_wlan0_wan'
	option src 'wifi_hotspot_wlan0'
	option dest 'wan'
	option paradrop_chute 'wifi-hotspot'

config redirect 'wifi_hotspot_main_8088'
	option src 'wan'
	option src_dport '8088'
	option dest 'wifi_hotspot_wlan0'
	option dest_ip '10.128.0.2'
	option dest_port '80'
	option proto 'tcp'
	option target 'DNAT'
	option paradrop_chute 'wifi-hotspot'
)"_ba;

const QByteArray kHotspotDhcp = R"(config dhcp 'wifi_hotspot_wlan0'
	option interface 'wifi_hotspot_wlan0'
	option start '10'
	option limit '100'
	option leasetime '2h'
	list dhcp_option '6,1.1.1.1,9.9.9.9'
	option paradrop_chute 'wifi-hotspot'
)"_ba;

const QList<QLatin1StringView> kUciFiles{RouterPaths::uciNetwork, RouterPaths::uciWireless,
                                         RouterPaths::uciFirewall, RouterPaths::uciDhcp};

} // namespace

class TestConfigSteps final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void hostConfigChangeAwaitsConfirmation_data();
    void hostConfigChangeAwaitsConfirmation();
    void createWritesTheChuteSections();
    void secondChuteGetsTheNextSubnetAndRadio();
    void chutesOfOneChangeGetDistinctSubnets();
    void stopRemovesAndStartRestoresTheSections();
    void deleteRemovesTheSections();
    void rejectedChuteRollsBack_data();
    void rejectedChuteRollsBack();
    void revertsRestoreTheFiles_data();
    void revertsRestoreTheFiles();
    void reloadNamesBrokenFileAndLine();
    void hostConfigChangeWritesDeviceSettings();
    void missingRadioInHostConfigFails();
};

void TestConfigSteps::createWritesTheChuteSections()
{
    ConfigFixture fixture;
    QMap<QString, QByteArray> seeded;
    for (const QLatin1StringView path : kUciFiles)
        seeded.insert(path, fixture.file(path));

    const RunReport report = fixture.create(sampleChute(u"wifi-hotspot"_s));
    QCOMPARE(report.failureMessage(), QString());
    QCOMPARE(report.resultName(), u"succeeded"_s);

    // The seeded sections stay as they were; the chute's follow them.
    QCOMPARE(fixture.file(RouterPaths::uciNetwork),
             seeded[RouterPaths::uciNetwork] + '\n' + kHotspotNetwork);
    QCOMPARE(fixture.file(RouterPaths::uciWireless),
             seeded[RouterPaths::uciWireless] + '\n' + kHotspotWireless);
    QCOMPARE(fixture.file(RouterPaths::uciFirewall),
             seeded[RouterPaths::uciFirewall] + '\n' + kHotspotFirewall);
    QCOMPARE(fixture.file(RouterPaths::uciDhcp),
             seeded[RouterPaths::uciDhcp] + '\n' + kHotspotDhcp);
}

void TestConfigSteps::secondChuteGetsTheNextSubnetAndRadio()
{
    ConfigFixture fixture;
    QCOMPARE(fixture.create(sampleChute(u"wifi-hotspot"_s)).resultName(), u"succeeded"_s);
    const RunReport report
        = fixture.create(imageChute(u"guest5"_s, accessPoint(u"wlan0"_s, u"11a"_s)));
    QCOMPARE(report.failureMessage(), QString());
    QCOMPARE(fixture.sectionsOf(RouterPaths::uciNetwork, u"guest5"_s),
             R"(config interface 'guest5_wlan0'
	option proto 'static'
	option type 'bridge'
	option bridge_empty '1'
	option ipaddr '10.128.1.1'
	option netmask '255.255.255.0'
	option paradrop_chute 'guest5'
)"_ba);
    QCOMPARE(fixture.sectionsOf(RouterPaths::uciWireless, u"guest5"_s),
             R"(config wifi-iface 'guest5_wlan0'
	option device 'radio1'
	option network 'guest5_wlan0'
	option mode 'ap'
	option ssid 'wlan0'
	option encryption 'none'
	option paradrop_chute 'guest5'
)"_ba);
    QCOMPARE(fixture.sectionsOf(RouterPaths::uciDhcp, u"guest5"_s), QByteArray());
    // The first chute's sections are untouched.
    QCOMPARE(fixture.sectionsOf(RouterPaths::uciWireless, u"wifi-hotspot"_s), kHotspotWireless);
}

// Two creates in one plan run their get steps before either writes: the second sees what the
// first took.
void TestConfigSteps::chutesOfOneChangeGetDistinctSubnets()
{
    ConfigFixture fixture;
    const ChuteSpec first = imageChute(u"one"_s, accessPoint(u"wlan0"_s, {}));
    const ChuteSpec second = imageChute(u"two"_s, accessPoint(u"wlan0"_s, {}));
    const RunReport report = fixture.run({makeChuteUpdate(UpdateType::Create, first, {}, {}),
                                          makeChuteUpdate(UpdateType::Create, second, {}, {})});
    QCOMPARE(report.failureMessage(), QString());
    const UciConfig network = readUciFile(*fixture.router, RouterPaths::uciNetwork).value();
    QCOMPARE(network.section(u"one_wlan0")->option(u"ipaddr"), u"10.128.0.1"_s);
    QCOMPARE(network.section(u"two_wlan0")->option(u"ipaddr"), u"10.128.1.1"_s);
    const UciConfig wireless = readUciFile(*fixture.router, RouterPaths::uciWireless).value();
    QCOMPARE(wireless.section(u"one_wlan0")->option(u"device"), u"radio0"_s);
    QCOMPARE(wireless.section(u"two_wlan0")->option(u"device"), u"radio1"_s);
}

void TestConfigSteps::stopRemovesAndStartRestoresTheSections()
{
    ConfigFixture fixture;
    QCOMPARE(fixture.create(sampleChute(u"wifi-hotspot"_s)).resultName(), u"succeeded"_s);
    QCOMPARE(fixture.change(UpdateType::Stop, u"wifi-hotspot"_s).failureMessage(), QString());
    for (const QLatin1StringView path : kUciFiles)
        QCOMPARE(fixture.sectionsOf(path, u"wifi-hotspot"_s), QByteArray());
    QCOMPARE(fixture.change(UpdateType::Start, u"wifi-hotspot"_s).failureMessage(), QString());
    QCOMPARE(fixture.sectionsOf(RouterPaths::uciWireless, u"wifi-hotspot"_s), kHotspotWireless);
    QCOMPARE(fixture.sectionsOf(RouterPaths::uciFirewall, u"wifi-hotspot"_s), kHotspotFirewall);
}

void TestConfigSteps::deleteRemovesTheSections()
{
    ConfigFixture fixture;
    QMap<QString, QByteArray> seeded;
    for (const QLatin1StringView path : kUciFiles)
        seeded.insert(path, fixture.file(path));
    QCOMPARE(fixture.create(sampleChute(u"wifi-hotspot"_s)).resultName(), u"succeeded"_s);
    const RunReport report = fixture.change(UpdateType::Delete, u"wifi-hotspot"_s);
    QCOMPARE(report.failureMessage(), QString());
    QCOMPARE(report.resultName(), u"succeeded"_s);
    for (const QLatin1StringView path : kUciFiles)
        QCOMPARE(fixture.file(path), seeded[path]);
}

void TestConfigSteps::rejectedChuteRollsBack_data()
{
    QTest::addColumn<QString>("setup");
    QTest::addColumn<QString>("message");
    QTest::newRow("no 5 GHz radio on the router")
        << u"no-5ghz"_s << u"No free radio for wifi-ap 'wlan0' of chute guest5 (hwmode 11a)"_s;
    QTest::newRow("the only 5 GHz radio is another chute's")
        << u"radio-taken"_s << u"No free radio for wifi-ap 'wlan1' of chute guest5 (hwmode 11a)"_s;
    QTest::newRow("the subnet pool is exhausted")
        << u"small-pool"_s << u"The chute subnet pool 10.128.0.0/24 is exhausted"_s;
    QTest::newRow("router port already bound")
        << u"port-clash"_s
        << u"Router port 8088 of chute port-clash (service main) is already bound by chute "
           u"wifi-hotspot"_s;
    QTest::newRow("an SSID UCI cannot hold")
        << u"newline-ssid"_s
        << u"services.main.interfaces.wlan0.wireless.ssid: UCI values are one line; a line break "
           u"cannot be written"_s;
}

// A chute the router cannot give what it needs fails with a message naming what is missing, and
// the rollback leaves the router as it was.
void TestConfigSteps::rejectedChuteRollsBack()
{
    QFETCH(QString, setup);
    QFETCH(QString, message);
    ConfigFixture fixture;
    ChuteSpec chute = imageChute(u"guest5"_s, accessPoint(u"wlan0"_s, u"11a"_s));
    if (setup == u"no-5ghz") {
        QVERIFY(fixture.router->remove(RouterPaths::radios + u"/phy1"_s).ok());
        QVERIFY(fixture.router->remove(RouterPaths::netDevices + u"/wlan1"_s).ok());
    } else if (setup == u"radio-taken") {
        QCOMPARE(
            fixture.create(imageChute(u"other"_s, accessPoint(u"wlan0"_s, u"11a"_s))).resultName(),
            u"succeeded"_s);
        chute = imageChute(u"guest5"_s, accessPoint(u"wlan1"_s, u"11a"_s));
    } else if (setup == u"small-pool") {
        fixture.setHostConfig([](QJsonObject &tree) {
            QJsonObject system = tree.value(u"system"_s).toObject();
            system.insert(u"chuteSubnetPool"_s, u"10.128.0.0/24"_s);
            tree.insert(u"system"_s, system);
        });
        chute = imageChute(u"guest5"_s,
                           accessPoint(u"wlan0"_s, u"11g"_s) + accessPoint(u"wlan1"_s, u"11a"_s));
    } else if (setup == u"port-clash") {
        QCOMPARE(fixture.create(sampleChute(u"wifi-hotspot"_s)).resultName(), u"succeeded"_s);
        chute = sampleChute(u"port-clash"_s);
    } else if (setup == u"newline-ssid") {
        chute.services.first().interfaces.first().wireless = {{u"ssid"_s, u"two\nlines"_s}};
    }
    const auto before = snapshotTree(fixture.root());

    const RunReport report = fixture.create(chute);

    QCOMPARE(report.failureMessage(), message);
    QCOMPARE(report.resultName(), u"rolled-back"_s);
    QCOMPARE(snapshotTree(fixture.root()), before);
}

void TestConfigSteps::revertsRestoreTheFiles_data()
{
    QTest::addColumn<QString>("failing");
    QTest::addColumn<bool>("installed"); // an update of an installed chute, else a create
    for (const QString &step : {u"network.setL3BridgeConfig"_s, u"configservice.reloadAll"_s,
                                u"dockerapi.start_container"_s}) {
        QTest::addRow("create fails at %s", qPrintable(step)) << step << false;
        QTest::addRow("update fails at %s", qPrintable(step)) << step << true;
    }
}

// A failure after the set steps: each revert step puts back exactly the file its step replaced
// (no router transaction here), the chute's earlier sections included.
void TestConfigSteps::revertsRestoreTheFiles()
{
    QFETCH(QString, failing);
    QFETCH(bool, installed);
    ConfigFixture fixture;
    ChuteSpec chute = sampleChute(u"wifi-hotspot"_s);
    if (installed) {
        QCOMPARE(fixture.create(chute).resultName(), u"succeeded"_s);
        chute.version = u"3"_s;
        chute.services.first().interfaces.first().wireless.first().second = u"New name"_s;
    }
    const auto before = snapshotTree(fixture.root());
    Update update = makeChuteUpdate(installed ? UpdateType::Update : UpdateType::Create, chute,
                                    chute.name, fixture.installed());
    update.sourceFolder = sampleChuteFolder(chute.name);
    const RunReport report = fixture.run({update}, {StepMatcher::forTodo(failing)});
    QCOMPARE(report.failureMessage(), u"Injected failure in "_s + failing);
    QCOMPARE(report.resultName(), u"rolled-back"_s);
    QCOMPARE(snapshotTree(fixture.root()), before);
}

// configservice.reloadAll reads every UCI file before it reloads them: a broken file fails the
// step, naming the file and line. (Its undo is reloadAll too, which fails the same way, so the
// rollback cannot finish cleanly: the router would not reload.)
void TestConfigSteps::reloadNamesBrokenFileAndLine()
{
    ConfigFixture fixture;
    QByteArray firewall = fixture.file(RouterPaths::uciFirewall);
    const int brokenLine = int(firewall.count('\n')) + 2;
    firewall += "\nconfig rule\n\toption name 'unterminated\n";
    QVERIFY(fixture.router->writeFile(RouterPaths::uciFirewall, firewall).ok());
    QJsonObject tree = readHostConfig(*fixture.router).value().tree();
    tree.insert(u"telemetry"_s, QJsonObject{{u"enabled"_s, true}});
    const RunReport report
        = fixture.run({makeRouterUpdate(UpdateType::SetHostConfig, HostConfig(tree))});
    QCOMPARE(report.failureMessage(),
             u"etc/config/firewall:%1: unterminated single quote"_s.arg(brokenLine + 1));
    QVERIFY(report.resultName() != u"succeeded"_s);
    QCOMPARE(fixture.file(RouterPaths::uciFirewall), firewall);
}

void TestConfigSteps::hostConfigChangeAwaitsConfirmation_data()
{
    QTest::addColumn<bool>("confirm");
    QTest::newRow("confirmed: kept") << true;
    QTest::newRow("reverted: the tree as before") << false;
}

// Confirm-or-revert (DESIGN.md): with a confirmation time-out, a successful host configuration
// change leaves its transaction pending until it is confirmed or reverted.
void TestConfigSteps::hostConfigChangeAwaitsConfirmation()
{
    QFETCH(const bool, confirm);
    SandboxFixture fixture;
    const QMap<QString, QString> before = snapshotTree(fixture.root());
    QJsonObject tree = readHostConfig(*fixture.router).value().tree();
    tree.insert(u"telemetry"_s, QJsonObject{{u"enabled"_s, true}});
    const QList<Update> updates{makeRouterUpdate(UpdateType::SetHostConfig, HostConfig(tree))};
    ChangeRunOptions options;
    options.confirmTimeout = std::chrono::seconds(60);
    const QDateTime started = QDateTime::currentDateTimeUtc();
    Result<std::unique_ptr<ChangeRun>> run
        = ChangeRun::prepare(*fixture.router, updates, generatePlan(updates).value(), options);
    QVERIFY(run.ok());
    QCOMPARE(runToEnd(run.value()->executor()).resultName(), u"succeeded"_s);

    const Confirmation pending = run.value()->confirmation();
    QCOMPARE(pending.outcome, TransactionOutcome::Pending);
    QVERIFY(pending.deadline >= started.addSecs(59));
    QVERIFY(pending.deadline <= QDateTime::currentDateTimeUtc().addSecs(61));
    const QList<TransactionInfo> listed = pendingTransactions(*fixture.router).value();
    QCOMPARE(listed.size(), 1);
    QCOMPARE(listed.first().id, run.value()->transactionId());
    QCOMPARE(listed.first().deadline.toSecsSinceEpoch(), pending.deadline.toSecsSinceEpoch());
    const QMap<QString, QString> changed = snapshotTree(fixture.root());
    QVERIFY(changed != before);

    QVERIFY((confirm ? run.value()->confirm() : run.value()->revert()).ok());
    QCOMPARE(run.value()->confirmation().outcome,
             confirm ? TransactionOutcome::Confirmed : TransactionOutcome::Reverted);
    QCOMPARE(snapshotTree(fixture.root()), confirm ? changed : before);
    QVERIFY(pendingTransactions(*fixture.router).value().isEmpty());
    QCOMPARE(run.value()->confirm().error().code, ErrorCode::CommandRejected);
}

void TestConfigSteps::hostConfigChangeWritesDeviceSettings()
{
    ConfigFixture fixture;
    const QByteArray seeded = fixture.file(RouterPaths::uciWireless);
    QJsonObject tree = readHostConfig(*fixture.router).value().tree();
    QJsonArray radios = tree.value(u"wifi"_s).toArray();
    QJsonObject radio = radios.at(1).toObject();
    radio.insert(u"channel"_s, 149);
    radios.replace(1, radio);
    tree.insert(u"wifi"_s, radios);
    const RunReport report
        = fixture.run({makeRouterUpdate(UpdateType::SetHostConfig, HostConfig(tree))});
    QCOMPARE(report.failureMessage(), QString());
    QCOMPARE(report.resultName(), u"succeeded"_s);
    QByteArray expected = seeded;
    expected.replace("option channel '36'", "option channel '149'");
    QCOMPARE(fixture.file(RouterPaths::uciWireless), expected);
    QCOMPARE(readHostConfig(*fixture.router).value(), HostConfig(tree));
}

void TestConfigSteps::missingRadioInHostConfigFails()
{
    ConfigFixture fixture;
    QJsonObject tree = readHostConfig(*fixture.router).value().tree();
    QJsonArray radios = tree.value(u"wifi"_s).toArray();
    QJsonObject radio = radios.at(1).toObject();
    radio.insert(u"id"_s, u"phy7"_s);
    radios.replace(1, radio);
    tree.insert(u"wifi"_s, radios);
    const auto before = snapshotTree(fixture.root());
    const RunReport report
        = fixture.run({makeRouterUpdate(UpdateType::SetHostConfig, HostConfig(tree))});
    QCOMPARE(report.failureMessage(), u"hostconfig: wifi[1].id: no radio phy7 on this router"_s);
    QCOMPARE(report.resultName(), u"rolled-back"_s);
    QCOMPARE(snapshotTree(fixture.root()), before);
}

QTEST_GUILESS_MAIN(TestConfigSteps)
#include "tst_configsteps.moc"
