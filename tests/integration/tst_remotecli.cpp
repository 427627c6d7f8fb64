// chutedeck-cli apply --router http://127.0.0.1:PORT against a real chutedeck-agent process: the
// same step-through, output and exit codes as a local apply, injected failures rolled back live
// with the router's tree identical afterwards, and the client's errors. Over HTTPS (a certificate
// made by the openssl command): a pinned fingerprint, a wrong one refused, trust on first use.
#include "core/router/sandboxrouter.h"
#include "tests/integration/agenttestsupport.h"
#include "tests/support/treesnapshot.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ChuteDeck::Core;
using namespace ChuteDeck::Tests;

namespace {

const QString kAgent = QStringLiteral(CHUTEDECK_AGENT);
const QString kCli = QStringLiteral(CHUTEDECK_CLI);
const QString kHelloWeb = QStringLiteral(CHUTEDECK_SAMPLE_CHUTES "/hello-web");
const QString kWifiHotspot = QStringLiteral(CHUTEDECK_SAMPLE_CHUTES "/wifi-hotspot");
const QByteArray kPassword = "correct horse battery staple";

struct CliRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
};

// The CLI with `input` on stdin and `token` as CHUTEDECK_TOKEN (none when empty).
CliRun cli(const QStringList &arguments, const QByteArray &input = {}, const QByteArray &token = {})
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(u"CHUTEDECK_TOKEN"_s);
    if (!token.isEmpty())
        environment.insert(u"CHUTEDECK_TOKEN"_s, QString::fromLatin1(token));
    process.setProcessEnvironment(environment);
    process.start(kCli, arguments);
    if (!process.waitForStarted(10000))
        return {};
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
    }
    return {process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
}

// The steps of a JSON report without what differs between two runs: times, and the staging
// folder the agent copies the chute's files from.
QJsonArray comparable(const QJsonArray &steps)
{
    QJsonArray result;
    for (const auto &value : steps) {
        QJsonObject step = value.toObject();
        step.remove(u"ms"_s);
        step.remove(u"time"_s);
        if (step[u"name"_s] == u"files.download_chute_files"_s)
            step.remove(u"output"_s);
        result.append(step);
    }
    return result;
}

} // namespace

class TestRemoteCli final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void stepThroughMatchesALocalRun();
    void injectedFailureRollsBackLive();
    void tokenFromTheEnvironment();
    void rejectedChange();
    void clientErrors_data();
    void clientErrors();
    void httpsWithPinnedFingerprint();
    void httpsWrongFingerprintRefused();
    void httpsAcceptNewCertIsRemembered();
    void heldChangeSettledFromTheCli();

private:
    // An agent serving HTTPS with the certificate `name` on the router of the test.
    std::unique_ptr<AgentProcess> startTlsAgent(const QString &name) const;
    QStringList applyTls(const AgentProcess &agent, const QStringList &extra) const
    {
        return QStringList{u"apply"_s,     u"--router"_s,      agent.url(),
                           u"--user"_s,    u"admin"_s,         u"--password-file"_s,
                           m_passwordFile, u"--known-certs"_s, m_home.filePath(u"known_certs"_s),
                           u"--json"_s}
               + extra;
    }

    QStringList apply(const QStringList &extra) const
    {
        return QStringList{u"apply"_s, u"--router"_s,        m_agent->url(), u"--user"_s,
                           u"admin"_s, u"--password-file"_s, m_passwordFile}
               + extra;
    }

    QTemporaryDir m_home;
    QString m_users;
    QString m_passwordFile;
    std::unique_ptr<QTemporaryDir> m_routerDir;
    std::unique_ptr<AgentProcess> m_agent;
};

void TestRemoteCli::initTestCase()
{
    m_users = m_home.filePath(u"agent/users"_s);
    m_passwordFile = m_home.filePath(u"password"_s);
    QFile password(m_passwordFile);
    QVERIFY(password.open(QIODevice::WriteOnly));
    password.write(kPassword + '\n');
    password.close();
    QVERIFY(addAgentUser(kAgent, m_users, u"admin"_s, kPassword));
    QVERIFY(makeCertificate(m_home.path(), u"agent"_s));
    QVERIFY(makeCertificate(m_home.path(), u"other"_s));
}

void TestRemoteCli::init()
{
    m_routerDir = std::make_unique<QTemporaryDir>();
    QVERIFY(SandboxRouter::open(m_routerDir->path()).ok());
    m_agent = std::make_unique<AgentProcess>();
    QVERIFY(m_agent->start(
        kAgent, agentArguments(m_routerDir->path(), m_users, {u"--allow-fault-injection"_s})));
}

void TestRemoteCli::cleanup()
{
    if (QTest::currentTestFailed())
        qWarning().noquote() << "agent log:\n" << m_agent->standardError();
    m_agent.reset();
}

void TestRemoteCli::stepThroughMatchesALocalRun()
{
    const QStringList change{u"--type"_s, u"create"_s,     u"--chute"_s,         kHelloWeb,
                             u"--step"_s, u"--break-at"_s, u"state.saveChute"_s, u"--json"_s};
    const QByteArray input = "s\ns\nc\nc\n";
    const CliRun remote = cli(apply(change), input);
    QTemporaryDir localDir;
    const CliRun local = cli(
        QStringList{u"apply"_s, u"--router"_s, u"sandbox:"_s + localDir.path()} + change, input);
    QCOMPARE(remote.exitCode, 0);
    QCOMPARE(remote.err, local.err);
    QCOMPARE(remote.err, QByteArray("Ready to run the plan.\n"
                                    "[s]tep, [c]ontinue, [a]bort? "
                                    "Paused before #6 files.download_chute_files.\n"
                                    "Paused before #7 files.load_chute_configuration.\n"
                                    "Paused before #5 state.saveChute.\n"));
    QCOMPARE(remote.json()[u"result"_s], local.json()[u"result"_s]);
    QCOMPARE(remote.json()[u"message"_s].toString(), u"Chute hello-web create success"_s);
    QCOMPARE(comparable(remote.json()[u"steps"_s].toArray()),
             comparable(local.json()[u"steps"_s].toArray()));
    QCOMPARE(snapshotTree(m_routerDir->path(), {u"var/lib/chutedeck"_s, u"tmp"_s}).keys(),
             snapshotTree(localDir.path(), {u"var/lib/chutedeck"_s, u"tmp"_s}).keys());
}

void TestRemoteCli::injectedFailureRollsBackLive()
{
    const QMap<QString, QString> before = snapshotTree(m_routerDir->path());
    const CliRun run = cli(apply({u"--type"_s, u"create"_s, u"--chute"_s, kHelloWeb, u"--fail-at"_s,
                                  u"dockerapi.start_container"_s}));
    QCOMPARE(run.exitCode, 1);
    const QString out = QString::fromUtf8(run.out);
    QVERIFY2(out.contains(u"Rolling back after a failure, undo steps to run: 12\n"_s),
             qPrintable(out));
    QVERIFY(out.contains(u"#4 undo dockerapi.remove_bridge"_s));
    QVERIFY(out.contains(u"#6 undo files.delete_chute_files"_s));
    QVERIFY(out.endsWith(u"Completed create operation on chute hello-web: failure\n"
                         "rolled-back: Injected failure in dockerapi.start_container\n"_s));
    QCOMPARE(run.err, QByteArray());
    QCOMPARE(snapshotTree(m_routerDir->path()), before);
}

void TestRemoteCli::tokenFromTheEnvironment()
{
    const HttpReply login
        = httpRequest(m_agent->port(), "POST", "/api/v1/auth/local",
                      QJsonDocument(QJsonObject{{u"username"_s, u"admin"_s},
                                                {u"password"_s, QString::fromUtf8(kPassword)}})
                          .toJson(),
                      {{"Content-Type", "application/json"}});
    const QByteArray token = login.json()[u"token"_s].toString().toLatin1();
    const CliRun run
        = cli({u"apply"_s, u"--router"_s, m_agent->url(), u"--type"_s, u"reboot"_s, u"--json"_s},
              {}, token);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.json()[u"result"_s].toString(), u"succeeded"_s);
}

void TestRemoteCli::rejectedChange()
{
    const QStringList change{u"--type"_s, u"start"_s, u"--name"_s, u"nope"_s};
    const CliRun remote = cli(apply(change));
    QTemporaryDir localDir;
    const CliRun local
        = cli(QStringList{u"apply"_s, u"--router"_s, u"sandbox:"_s + localDir.path()} + change);
    QCOMPARE(remote.exitCode, 1);
    QCOMPARE(remote.err, local.err);
    QVERIFY(remote.err.startsWith("Rejected: "));
    QCOMPARE(remote.out, local.out);
}

void TestRemoteCli::clientErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    QTest::newRow("no credentials")
        << QStringList{u"--type"_s, u"reboot"_s} << 2
        << u"an http:// router needs --user and --password-file, or CHUTEDECK_TOKEN"_s;
    QTest::newRow("user without password file")
        << QStringList{u"--user"_s, u"admin"_s, u"--type"_s, u"reboot"_s} << 2
        << u"--user needs --password-file"_s;
    QTest::newRow("wrong password")
        << QStringList{u"--user"_s, u"admin"_s,  u"--password-file"_s,
                       u"WRONG"_s,  u"--type"_s, u"reboot"_s}
        << 3 << u"AGENT POST /api/v1/auth/local: 401 wrong username or password"_s;
    QTest::newRow("no agent there")
        << QStringList{u"--router"_s,        u"http://127.0.0.1:1"_s, u"--user"_s, u"admin"_s,
                       u"--password-file"_s, u"PASSWORD"_s,           u"--type"_s, u"reboot"_s}
        << 3 << u"127.0.0.1:1 POST /api/v1/auth/local: Connection refused"_s;
    QTest::newRow("aggregated plan")
        << QStringList{u"--user"_s, u"admin"_s, u"--password-file"_s, u"PASSWORD"_s,
                       u"--type"_s, u"start"_s, u"--name"_s,          u"a"_s,
                       u"--name"_s, u"b"_s}
        << 1 << u"aggregated plans of several chutes run only on local and SSH routers"_s;
    QTest::newRow("malformed fingerprint")
        << QStringList{u"--user"_s,
                       u"admin"_s,
                       u"--password-file"_s,
                       u"PASSWORD"_s,
                       u"--cert-fingerprint"_s,
                       u"SHA256:abc"_s,
                       u"--type"_s,
                       u"reboot"_s}
        << 2
        << u"SHA256:abc: not a certificate fingerprint (SHA256: and 43 base64 characters, as "
           "OpenSSH prints them)"_s;
    QTest::newRow("bad address") << QStringList{u"--router"_s, u"http://127.0.0.1/x"_s, u"--type"_s,
                                                u"reboot"_s}
                                 << 2
                                 << u"http://127.0.0.1/x: an agent's address is "
                                    "http://HOST:PORT or https://HOST:PORT"_s;
}

void TestRemoteCli::clientErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    QFile wrong(m_home.filePath(u"wrong"_s));
    QVERIFY(wrong.open(QIODevice::WriteOnly));
    wrong.write("not the password\n");
    wrong.close();
    arguments.replaceInStrings(u"WRONG"_s, wrong.fileName());
    arguments.replaceInStrings(u"PASSWORD"_s, m_passwordFile);
    const QString router = arguments.contains(u"--router"_s) ? QString() : m_agent->url();
    QStringList full{u"apply"_s, u"--json"_s};
    if (!router.isEmpty())
        full << u"--router"_s << router;
    const CliRun run = cli(full + arguments);
    QCOMPARE(run.exitCode, exitCode);
    QCOMPARE(run.json()[u"message"_s].toString(),
             message.replace(u"AGENT"_s, u"127.0.0.1:%1"_s.arg(m_agent->port())));
}

std::unique_ptr<AgentProcess> TestRemoteCli::startTlsAgent(const QString &name) const
{
    m_agent->stop(); // one agent per router
    auto agent = std::make_unique<AgentProcess>();
    const QString files = m_home.filePath(name);
    if (!agent->start(kAgent, agentArguments(m_routerDir->path(), m_users,
                                             {u"--tls-cert"_s, files + u".pem"_s, u"--tls-key"_s,
                                              files + u".key"_s})))
        return nullptr;
    return agent;
}

void TestRemoteCli::httpsWithPinnedFingerprint()
{
    const auto agent = startTlsAgent(u"agent"_s);
    QVERIFY(agent);
    QVERIFY(agent->url().startsWith(u"https://"_s));
    const QString fingerprint = fingerprintOf(m_home.filePath(u"agent.pem"_s));
    const CliRun run = cli(applyTls(*agent, {u"--cert-fingerprint"_s, fingerprint, u"--type"_s,
                                             u"create"_s, u"--chute"_s, kHelloWeb}));
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.json()[u"result"_s].toString(), u"succeeded"_s);
    QCOMPARE(run.json()[u"steps"_s].toArray().size(), 33);
    QVERIFY(!QFile::exists(m_home.filePath(u"known_certs"_s))); // a pin stores nothing
}

void TestRemoteCli::httpsWrongFingerprintRefused()
{
    const auto agent = startTlsAgent(u"agent"_s);
    QVERIFY(agent);
    const QMap<QString, QString> before = snapshotTree(m_routerDir->path());
    const QString actual = fingerprintOf(m_home.filePath(u"agent.pem"_s));
    const QString other = fingerprintOf(m_home.filePath(u"other.pem"_s));
    const CliRun run = cli(applyTls(*agent, {u"--cert-fingerprint"_s, other, u"--type"_s,
                                             u"create"_s, u"--chute"_s, kHelloWeb}));
    QCOMPARE(run.exitCode, 3);
    QCOMPARE(run.json()[u"result"_s].toString(), u"unreachable"_s);
    QCOMPARE(run.json()[u"message"_s].toString(),
             u"127.0.0.1:%1: the agent's certificate is %2, not the pinned %3; refused"_s.arg(
                 QString::number(agent->port()), actual, other));
    QCOMPARE(snapshotTree(m_routerDir->path()), before);
    QVERIFY(!agent->standardError().contains("auth/local")); // the password was never sent
}

void TestRemoteCli::httpsAcceptNewCertIsRemembered()
{
    const QString knownCerts = m_home.filePath(u"known_certs"_s);
    QFile::remove(knownCerts);
    auto agent = startTlsAgent(u"agent"_s);
    QVERIFY(agent);
    const QString host = u"127.0.0.1:%1"_s.arg(agent->port());
    const QString fingerprint = fingerprintOf(m_home.filePath(u"agent.pem"_s));
    const QStringList reboot{u"--type"_s, u"reboot"_s};

    const CliRun unknown = cli(applyTls(*agent, reboot));
    QCOMPARE(unknown.exitCode, 3);
    QCOMPARE(unknown.json()[u"message"_s].toString(),
             u"%1: the agent's certificate is unknown (%2); check it, then connect with "
             "--cert-fingerprint %2 or --accept-new-cert"_s.arg(host, fingerprint));

    const CliRun accepted = cli(applyTls(*agent, reboot + QStringList{u"--accept-new-cert"_s}));
    QCOMPARE(accepted.exitCode, 0);
    QFile file(knownCerts);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(file.readAll()), u"%1 %2\n"_s.arg(host, fingerprint));
    QCOMPARE(cli(applyTls(*agent, reboot)).exitCode, 0); // known now

    // The same address with another certificate: refused, even with --accept-new-cert.
    const quint16 port = agent->port();
    agent.reset();
    auto impostor = std::make_unique<AgentProcess>();
    QVERIFY(impostor->start(kAgent,
                            agentArguments(m_routerDir->path(), m_users,
                                           {u"--tls-cert"_s, m_home.filePath(u"other.pem"_s),
                                            u"--tls-key"_s, m_home.filePath(u"other.key"_s)})
                                .replaceInStrings(u"127.0.0.1:0"_s, u"127.0.0.1:%1"_s.arg(port))));
    const CliRun changed = cli(applyTls(*impostor, reboot + QStringList{u"--accept-new-cert"_s}));
    QCOMPARE(changed.exitCode, 3);
    QCOMPARE(changed.json()[u"message"_s].toString(),
             u"%1: WARNING: the agent's certificate has CHANGED: it is %2, %3 has %4. Someone may "
             "be intercepting the connection, or the certificate was replaced. Refused; if the "
             "change is expected, remove the agent's line from %3."_s.arg(
                 host, fingerprintOf(m_home.filePath(u"other.pem"_s)), knownCerts, fingerprint));
}

// apply confirms a change that the agent holds (it changes the wireless configuration) by
// itself; with --no-confirm, `chutedeck-cli revert` and `confirm` settle it.
void TestRemoteCli::heldChangeSettledFromTheCli()
{
    const QStringList login{u"--router"_s, m_agent->url(),       u"--user"_s,
                            u"admin"_s,    u"--password-file"_s, m_passwordFile};
    QCOMPARE(cli(apply({u"--type"_s, u"create"_s, u"--chute"_s, kWifiHotspot})).exitCode, 0);
    const CliRun nothing = cli(QStringList{u"confirm"_s, u"--json"_s} + login);
    QCOMPARE(nothing.exitCode, 1);
    QCOMPARE(nothing.json()[u"message"_s].toString(),
             u"127.0.0.1:%1: no change awaits confirmation"_s.arg(m_agent->port()));
    const QMap<QString, QString> created = snapshotTree(m_routerDir->path());

    const QStringList remove{u"--type"_s,
                             u"delete"_s,
                             u"--name"_s,
                             u"wifi-hotspot"_s,
                             u"--no-confirm"_s,
                             u"--confirm-timeout"_s,
                             u"60"_s};
    const CliRun held = cli(apply(remove));
    QCOMPARE(held.exitCode, 0);
    QVERIFY2(held.err.startsWith("Change 2 awaits confirmation until "), held.err.constData());
    QVERIFY(snapshotTree(m_routerDir->path()) != created);
    const CliRun reverted = cli(QStringList{u"revert"_s} + login);
    QCOMPARE(reverted.exitCode, 0);
    QCOMPARE(reverted.out, QByteArray("reverted: change 2: Reverted on request.\n"));
    QCOMPARE(snapshotTree(m_routerDir->path()), created);

    QCOMPARE(cli(apply(remove)).exitCode, 0);
    const CliRun confirmed = cli(QStringList{u"confirm"_s, u"--id"_s, u"3"_s, u"--json"_s} + login);
    QCOMPARE(confirmed.exitCode, 0);
    QCOMPARE(confirmed.json()[u"status"_s].toString(), u"succeeded"_s);
    QCOMPARE(confirmed.json()[u"id"_s].toInt(), 3);
    QVERIFY(snapshotTree(m_routerDir->path()) != created);
}

QTEST_GUILESS_MAIN(TestRemoteCli)
#include "tst_remotecli.moc"
