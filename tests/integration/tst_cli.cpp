#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QString kCli = QStringLiteral(CHUTEDECK_CLI);
const QString kSamples = QStringLiteral(CHUTEDECK_SAMPLE_CHUTES);

struct CliResult
{
    int exitCode = -1;
    QByteArray standardOutput;
    QByteArray standardError;

    QJsonObject json() const { return QJsonDocument::fromJson(standardOutput).object(); }
};

CliResult runCli(const QStringList &arguments, const QByteArray &input = {})
{
    QProcess process;
    process.start(kCli, arguments);
    if (!process.waitForStarted(10000))
        return {};
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished();
    }
    return {process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
}

QStringList namesOf(const QJsonArray &steps, const QString &phase)
{
    QStringList names;
    for (const auto &step : steps) {
        if (step[u"phase"_s].toString(u"todo"_s) == phase)
            names.append(step[u"name"_s].toString());
    }
    return names;
}

} // namespace

class TestCli final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void planJsonShowsTheWholePlan();
    void planTextIsATable();
    void applySucceedsAndChutesListsIt();
    void applyWithFailureRollsBackInParaDropOrder();
    void stepThroughFromStandardInput();
    void endOfInputAbortsAStepRun();
    void rejectedChange();
    void invalidInput_data();
    void invalidInput();
    void hostConfigJson();
    void planOfEveryType_data();
    void planOfEveryType();
    void malformedChuteNamesFileAndLine();

private:
    QString router() const { return u"sandbox:"_s + m_folder->path(); }
    QString sample(const QString &name) const { return kSamples + u'/' + name; }

    std::unique_ptr<QTemporaryDir> m_folder;
};

void TestCli::init()
{
    m_folder = std::make_unique<QTemporaryDir>();
    QVERIFY(m_folder->isValid());
}

void TestCli::planJsonShowsTheWholePlan()
{
    const CliResult result = runCli({u"plan"_s, u"--router"_s, router(), u"--type"_s, u"create"_s,
                                     u"--chute"_s, sample(u"hello-web"_s), u"--json"_s});
    QCOMPARE(result.exitCode, 0);
    const QJsonObject json = result.json();
    QCOMPARE(json[u"result"_s].toString(), u"planned"_s);
    const QJsonArray steps = json[u"steps"_s].toArray();
    QCOMPARE(steps.size(), 33);
    const QJsonObject start = steps.at(28).toObject();
    QCOMPARE(start[u"name"_s].toString(), u"dockerapi.start_container"_s);
    QCOMPARE(start[u"priority"_s].toInt(), 87);
    QCOMPARE(start[u"priorityName"_s].toString(), u"STATE_CALL_START"_s);
    QCOMPARE(start[u"args"_s].toArray(), QJsonArray{u"main"_s});
    QCOMPARE(start[u"serviceOf"_s].toString(), u"new"_s);
    QCOMPARE(start[u"chutes"_s].toArray(), QJsonArray{u"hello-web"_s});
    QCOMPARE(start[u"id"_s].toInt(), 33);
    QCOMPARE(start[u"abort"_s].toArray(),
             (QJsonArray{QJsonObject{{u"name"_s, u"dockerapi.remove_container"_s},
                                     {u"args"_s, QJsonArray{u"main"_s}},
                                     {u"serviceOf"_s, u"new"_s}}}));
    QCOMPARE(steps.at(0)[u"abort"_s].toArray(), QJsonArray());
}

void TestCli::planTextIsATable()
{
    const CliResult result = runCli({u"plan"_s, u"--router"_s, router(), u"--type"_s, u"create"_s,
                                     u"--chute"_s, sample(u"hello-web"_s)});
    QCOMPARE(result.exitCode, 0);
    const QStringList lines
        = QString::fromUtf8(result.standardOutput).split(u'\n', Qt::SkipEmptyParts);
    QVERIFY(lines.first().startsWith(u"ID"_s));
    QVERIFY(lines.first().contains(u"BAND"_s));
    QVERIFY(lines.at(29).contains(u"dockerapi.start_container(main)"_s));
    QVERIFY(lines.at(29).contains(u"container"_s));
}

void TestCli::applySucceedsAndChutesListsIt()
{
    const CliResult applied = runCli({u"apply"_s, u"--router"_s, router(), u"--type"_s, u"create"_s,
                                      u"--chute"_s, sample(u"hello-web"_s), u"--json"_s});
    QCOMPARE(applied.exitCode, 0);
    QCOMPARE(applied.json()[u"result"_s].toString(), u"succeeded"_s);
    QCOMPARE(applied.json()[u"message"_s].toString(), u"Chute hello-web create success"_s);
    const QJsonArray steps = applied.json()[u"steps"_s].toArray();
    QCOMPARE(steps.size(), 33);
    for (const auto &step : steps)
        QCOMPARE(step[u"status"_s].toString(), u"done"_s);

    const CliResult listed = runCli({u"chutes"_s, u"--router"_s, router(), u"--json"_s});
    QCOMPARE(listed.exitCode, 0);
    const QJsonArray chutes = QJsonDocument::fromJson(listed.standardOutput).array();
    QCOMPARE(chutes.size(), 1);
    QCOMPARE(chutes.at(0)[u"name"_s].toString(), u"hello-web"_s);
    QCOMPARE(chutes.at(0)[u"state"_s].toString(), u"running"_s);
    QVERIFY(chutes.at(0)[u"services"_s].toObject().contains(u"main"_s));
}

void TestCli::applyWithFailureRollsBackInParaDropOrder()
{
    const CliResult result = runCli({u"apply"_s, u"--router"_s, router(), u"--type"_s, u"create"_s,
                                     u"--chute"_s, sample(u"hello-web"_s), u"--fail-at"_s,
                                     u"dockerapi.start_container"_s, u"--json"_s});
    QCOMPARE(result.exitCode, 1);
    const QJsonObject json = result.json();
    QCOMPARE(json[u"result"_s].toString(), u"rolled-back"_s);
    QCOMPARE(json[u"message"_s].toString(), u"Injected failure in dockerapi.start_container"_s);
    const QJsonArray steps = json[u"steps"_s].toArray();
    QCOMPARE(
        namesOf(steps, u"abort"_s),
        (QStringList{u"dockerapi.remove_bridge"_s, u"dhcp.revert_dhcp_settings"_s,
                     u"network.revert_l3_bridge_config"_s, u"firewall.revert_os_firewall_rules"_s,
                     u"network.revert_os_network_config"_s, u"wifi.revert_os_wireless_config"_s,
                     u"hostconfig.revertHostConfig"_s, u"dockerconfig.abortCreateVolumeDirs"_s,
                     u"configservice.reloadAll"_s, u"dockerapi.remove_image"_s,
                     u"network.abortNetworkConfig"_s, u"files.delete_chute_files"_s}));
    QCOMPARE(namesOf(steps, u"todo"_s).size(), 29);
    QCOMPARE(steps.at(28)[u"status"_s].toString(), u"failed"_s);

    const CliResult listed = runCli({u"chutes"_s, u"--router"_s, router(), u"--json"_s});
    QCOMPARE(QJsonDocument::fromJson(listed.standardOutput).array(), QJsonArray());
}

void TestCli::stepThroughFromStandardInput()
{
    const CliResult result
        = runCli({u"apply"_s, u"--router"_s, router(), u"--type"_s, u"create"_s, u"--chute"_s,
                  sample(u"hello-web"_s), u"--step"_s, u"--json"_s},
                 "s\ns\nstep\na\n");
    QCOMPARE(result.exitCode, 1);
    const QJsonObject json = result.json();
    QCOMPARE(json[u"result"_s].toString(), u"aborted"_s);
    const QJsonArray steps = json[u"steps"_s].toArray();
    QCOMPARE(namesOf(steps, u"todo"_s),
             (QStringList{u"security.enforce_access_rights"_s, u"files.download_chute_files"_s,
                          u"files.load_chute_configuration"_s}));
    QCOMPARE(namesOf(steps, u"abort"_s), QStringList{u"files.delete_chute_files"_s});
    QVERIFY(result.standardError.contains("[s]tep, [c]ontinue, [a]bort?"));
    QVERIFY(result.standardError.contains("Paused before #7 files.load_chute_configuration"));
}

void TestCli::endOfInputAbortsAStepRun()
{
    const CliResult result = runCli({u"apply"_s, u"--router"_s, router(), u"--type"_s, u"create"_s,
                                     u"--chute"_s, sample(u"hello-web"_s), u"--break-at"_s,
                                     u"hostconfig.setHostConfig"_s, u"--json"_s});
    QCOMPARE(result.exitCode, 1);
    QCOMPARE(result.json()[u"result"_s].toString(), u"aborted"_s);
    QVERIFY(!namesOf(result.json()[u"steps"_s].toArray(), u"todo"_s)
                 .contains(u"hostconfig.setHostConfig"_s));
}

void TestCli::rejectedChange()
{
    const QStringList create{
        u"apply"_s,   u"--router"_s,          router(),   u"--type"_s, u"create"_s,
        u"--chute"_s, sample(u"hello-web"_s), u"--json"_s};
    QCOMPARE(runCli(create).exitCode, 0);
    const CliResult again = runCli(create);
    QCOMPARE(again.exitCode, 1);
    QCOMPARE(again.json()[u"result"_s].toString(), u"rejected"_s);
    QCOMPARE(again.json()[u"message"_s].toString(), u"Chute already exists."_s);
    const CliResult start = runCli({u"plan"_s, u"--router"_s, router(), u"--type"_s, u"start"_s,
                                    u"--name"_s, u"ghost"_s, u"--json"_s});
    QCOMPARE(start.exitCode, 1);
    QCOMPARE(start.json()[u"message"_s].toString(), u"No chute found with id: ghost"_s);
}

void TestCli::invalidInput_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown update type")
        << QStringList{u"--type"_s, u"explode"_s} << u"unknown update type 'explode'"_s;
    QTest::newRow("create without a chute")
        << QStringList{u"--type"_s, u"create"_s} << u"create needs a chute (--chute DIR_OR_YAML)"_s;
    QTest::newRow("start without a name")
        << QStringList{u"--type"_s, u"start"_s} << u"start needs a chute name (--name NAME)"_s;
    QTest::newRow("missing chute folder")
        << QStringList{u"--type"_s, u"create"_s, u"--chute"_s, u"/nonexistent/chute"_s}
        << QString();
    QTest::newRow("bad breakpoint")
        << QStringList{u"--type"_s, u"create"_s, u"--fail-at"_s, u"rm -rf"_s} << QString();
}

void TestCli::invalidInput()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const CliResult result
        = runCli(QStringList{u"apply"_s, u"--router"_s, router(), u"--json"_s} + arguments);
    QCOMPARE(result.exitCode, 2);
    QCOMPARE(result.json()[u"result"_s].toString(), u"invalid"_s);
    if (!message.isEmpty())
        QCOMPARE(result.json()[u"message"_s].toString(), message);
    else
        QVERIFY(!result.json()[u"message"_s].toString().isEmpty());
}

void TestCli::hostConfigJson()
{
    const CliResult result = runCli({u"hostconfig"_s, u"--router"_s, router(), u"--json"_s});
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.json()[u"system"_s][u"chuteSubnetPool"_s].toString(), u"10.128.0.0/9"_s);
    QCOMPARE(runCli({u"frobnicate"_s}).exitCode, 2);
    QCOMPARE(runCli({u"chutes"_s}).exitCode, 2); // --router is required
}

void TestCli::planOfEveryType_data()
{
    QTest::addColumn<QStringList>("change");
    QTest::addColumn<QList<QStringList>>("before");
    QTest::addColumn<QList<int>>("priorities");

    const QList<int> generation{1, 6, 7, 8, 9, 10, 11, 12, 13, 14, 18, 19, 20, 21, 23};
    const QList<int> writes{41, 45, 50, 52, 53, 54, 55, 56, 61, 63};
    const QList<int> final{95, 96, 98};
    const QStringList create{u"--type"_s, u"create"_s, u"--chute"_s, sample(u"hello-web"_s)};
    const QStringList stop{u"--type"_s, u"stop"_s, u"--name"_s, u"hello-web"_s};
    const auto named = [](const QString &type) {
        return QStringList{u"--type"_s, type, u"--name"_s, u"hello-web"_s};
    };
    const QList<int> hostConfigReads{8, 9, 10, 11, 40};

    QTest::newRow("create") << create << QList<QStringList>{}
                            << generation + QList<int>{30, 31} + writes + QList<int>{85, 87, 91}
                                   + final;
    QTest::newRow("update") << QStringList{u"--type"_s, u"update"_s, u"--chute"_s,
                                           u"@/hello-web-2"_s}
                            << QList<QStringList>{create}
                            << generation + QList<int>{30, 31} + writes
                                   + QList<int>{84, 86, 87, 89, 91} + final;
    QTest::newRow("delete") << named(u"delete"_s) << QList<QStringList>{create}
                            << generation + writes + QList<int>{84, 86, 89, 92} + final;
    QTest::newRow("stop") << stop << QList<QStringList>{create}
                          << generation + writes + QList<int>{84, 86} + final;
    QTest::newRow("start") << named(u"start"_s) << QList<QStringList>{create, stop}
                           << generation + writes + QList<int>{87, 91} + final;
    QTest::newRow("restart") << named(u"restart"_s) << QList<QStringList>{create}
                             << generation + writes + QList<int>{84, 86, 87, 91} + final;
    QTest::newRow("prehostconfig") << QStringList{u"--type"_s, u"prehostconfig"_s}
                                   << QList<QStringList>{} << hostConfigReads + QList<int>{98};
    const QList<int> hostConfigWrites
        = hostConfigReads + QList<int>{45, 51, 52, 63, 72, 73, 74, 98};
    QTest::newRow("inithostconfig") << QStringList{u"--type"_s, u"inithostconfig"_s}
                                    << QList<QStringList>{} << hostConfigWrites;
    QTest::newRow("sethostconfig")
        << QStringList{u"--type"_s, u"sethostconfig"_s, u"--hostconfig"_s, u"@/hostconfig.json"_s}
        << QList<QStringList>{} << hostConfigWrites;
    QTest::newRow("patchhostconfig")
        << QStringList{u"--type"_s, u"patchhostconfig"_s, u"--patch"_s, u"@/patch.json"_s}
        << QList<QStringList>{} << hostConfigWrites;
    QTest::newRow("factoryreset") << QStringList{u"--type"_s, u"factoryreset"_s}
                                  << QList<QStringList>{}
                                  << hostConfigReads + QList<int>{86, 95, 98};
    QTest::newRow("reboot") << QStringList{u"--type"_s, u"reboot"_s} << QList<QStringList>{}
                            << hostConfigReads + QList<int>{86, 98};
    QTest::newRow("shutdown") << QStringList{u"--type"_s, u"shutdown"_s} << QList<QStringList>{}
                              << hostConfigReads + QList<int>{86, 98};
}

// Every update type through the CLI's JSON: the plan's priorities, and then the run takes exactly
// those steps.
void TestCli::planOfEveryType()
{
    QFETCH(QStringList, change);
    QFETCH(QList<QStringList>, before);
    QFETCH(QList<int>, priorities);
    // "@" in a row stands for this row's own folder, made by init() after the data.
    change.replaceInStrings(u"@"_s, m_folder->path());
    // Inputs some rows name: a newer hello-web, a host configuration and a patch.
    QFile yaml(sample(u"hello-web/paradrop.yaml"_s));
    QVERIFY(yaml.open(QIODevice::ReadOnly));
    QVERIFY(QDir().mkpath(m_folder->path() + u"/hello-web-2"_s));
    QFile newer(m_folder->path() + u"/hello-web-2/paradrop.yaml"_s);
    QVERIFY(newer.open(QIODevice::WriteOnly));
    newer.write(yaml.readAll().replace("version: 1", "version: 2"));
    newer.close();
    QFile patch(m_folder->path() + u"/patch.json"_s);
    QVERIFY(patch.open(QIODevice::WriteOnly));
    patch.write(R"([{"op": "replace", "path": "/system/chutePrefixSize", "value": 25}])");
    patch.close();
    const CliResult hostConfig = runCli({u"hostconfig"_s, u"--router"_s, router(), u"--json"_s});
    QFile hostConfigFile(m_folder->path() + u"/hostconfig.json"_s);
    QVERIFY(hostConfigFile.open(QIODevice::WriteOnly));
    hostConfigFile.write(hostConfig.standardOutput);
    hostConfigFile.close();

    for (const QStringList &setup : before)
        QCOMPARE(runCli(QStringList{u"apply"_s, u"--router"_s, router()} + setup).exitCode, 0);
    const CliResult plan
        = runCli(QStringList{u"plan"_s, u"--router"_s, router(), u"--json"_s} + change);
    QCOMPARE(plan.exitCode, 0);
    QList<int> planned;
    for (const auto &step : plan.json()[u"steps"_s].toArray())
        planned.append(step[u"priority"_s].toInt());
    QCOMPARE(planned, priorities);

    const CliResult applied
        = runCli(QStringList{u"apply"_s, u"--router"_s, router(), u"--json"_s} + change);
    QCOMPARE(applied.json()[u"result"_s].toString(), u"succeeded"_s);
    QList<int> ran;
    for (const auto &step : applied.json()[u"steps"_s].toArray())
        ran.append(step[u"priority"_s].toInt());
    QCOMPARE(ran, priorities);
}

void TestCli::malformedChuteNamesFileAndLine()
{
    QFile yaml(m_folder->path() + u"/paradrop.yaml"_s);
    QVERIFY(yaml.open(QIODevice::WriteOnly));
    yaml.write(
        "name: broken\nservices:\n  main:\n    type: light\n    image: python3\n    command: x\n"
        "    requests:\n      port-bindings:\n        - external: 99999\n          internal: 80\n");
    yaml.close();
    const CliResult result = runCli({u"plan"_s, u"--router"_s, router(), u"--type"_s, u"create"_s,
                                     u"--chute"_s, yaml.fileName(), u"--json"_s});
    QCOMPARE(result.exitCode, 2);
    QCOMPARE(result.json()[u"result"_s].toString(), u"invalid"_s);
    const QString message = result.json()[u"message"_s].toString();
    QVERIFY2(message.startsWith(yaml.fileName()
                                + u":9: services.main.requests.port-bindings[0].external: "_s),
             qPrintable(message));
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
