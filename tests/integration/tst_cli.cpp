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
    for (const QJsonValue &step : steps) {
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
    for (const QJsonValue &step : steps)
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

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
