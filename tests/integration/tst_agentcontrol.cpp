// ChuteDeck's extensions of the agent (issue 9): a change created paused and driven step by step
// over HTTP, breakpoints, injected failures (only when the agent allows them), the preview, and a
// paused change that no client follows any more. A real agent process on a free loopback port.
// Crash safety: changes survive a restart, and an agent killed mid-change rolls it back when it
// starts again. Confirm-or-revert: a change asked with confirm_timeout is held until confirmed,
// reverted at its deadline, also across a restart.
#include "core/plan/planjson.h"
#include "core/router/sandboxrouter.h"
#include "core/update/changerequest.h"
#include "core/update/planning.h"
#include "tests/integration/agenttestsupport.h"
#include "tests/support/treesnapshot.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

using namespace Qt::StringLiterals;
using namespace ChuteDeck::Core;
using namespace ChuteDeck::Tests;

namespace {

const QString kAgent = QStringLiteral(CHUTEDECK_AGENT);
const QString kSamples = QStringLiteral(CHUTEDECK_SAMPLE_CHUTES);
const QByteArray kPassword = "correct horse battery staple";
const Headers kTar{{"Content-Type", "application/x-tar"}};
const Headers kJson{{"Content-Type", "application/json"}};

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// A websocket following a change in ChuteDeck's format: every event, in order.
class EventFollower
{
public:
    EventFollower(quint16 port, const QByteArray &token, int change)
    {
        QObject::connect(
            &m_socket, &QWebSocket::textMessageReceived, &m_socket, [this](const QString &message) {
                const QJsonArray batch = QJsonDocument::fromJson(message.toUtf8()).array();
                for (const auto &event : batch)
                    m_events.append(event.toObject());
            });
        QNetworkRequest request(QUrl(
            u"ws://127.0.0.1:%1/ws/changes/%2/stream?format=chutedeck"_s.arg(port).arg(change)));
        request.setRawHeader("Authorization", "Bearer " + token);
        m_socket.open(request);
    }

    const QList<QJsonObject> &events() const { return m_events; }
    // The last state event's state, or "" before any.
    QString state() const
    {
        QString last;
        for (const QJsonObject &event : m_events) {
            if (event[u"kind"_s] == u"state"_s)
                last = event[u"state"_s].toString();
        }
        return last;
    }
    QStringList stepsDone() const
    {
        QStringList names;
        for (const QJsonObject &event : m_events) {
            if (event[u"kind"_s] == u"step"_s && event[u"status"_s] != u"running"_s)
                names.append(event[u"phase"_s].toString() + u' ' + event[u"name"_s].toString()
                             + u' ' + event[u"status"_s].toString());
        }
        return names;
    }
    void close() { m_socket.close(); }

private:
    QWebSocket m_socket;
    QList<QJsonObject> m_events;
};

} // namespace

class TestAgentControl final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void stepModeWaitsForCommandsAndHoldsTheQueue();
    void breakpointsPauseBeforeTheirStep();
    void failAtNeedsFaultInjection();
    void injectedFailureRollsBackToAnIdenticalTree();
    void previewShowsTheRunsSteps();
    void controlErrors_data();
    void controlErrors();
    void unattendedPausedChangeIsAborted();
    void finishedChangesSurviveARestart();
    void killedMidChangeIsRolledBackOnRestart();
    void confirmKeepsTheChange();
    void unconfirmedChangeIsReverted();
    void restartKeepsOrRevertsAnAwaitedChange();

private:
    void startAgent(const QStringList &extra = {});
    HttpReply call(const QByteArray &method, const QByteArray &target, const QByteArray &body = {},
                   const Headers &headers = kJson)
    {
        return httpRequest(m_agent->port(), method, target, body,
                           Headers{{"Authorization", "Bearer " + m_token}} + headers);
    }
    int createHelloWeb(const QByteArray &query);
    int createChute(const QString &sample, const QByteArray &query);
    QString statusOf(int change) { return changeDetails(change)[u"status"_s].toString(); }
    // Creates wifi-hotspot (it changes the wireless, DHCP and firewall configuration) with a
    // confirm_timeout, and waits until it awaits confirmation; its id, 0 on failure.
    int createHeldChange(const QByteArray &confirmTimeout);
    // The change was reverted for `message`, and the router is as `before` it.
    void verifyReverted(int change, const QString &message, const QMap<QString, QString> &before);
    HttpReply control(int change, const QString &command)
    {
        return call("POST", "/api/v1/changes/" + QByteArray::number(change) + "/control",
                    json({{u"command"_s, command}}));
    }
    QJsonObject changeDetails(int change)
    {
        return call("GET", "/api/v1/changes/" + QByteArray::number(change)).json().object();
    }

    QTemporaryDir m_home;
    QString m_users;
    std::unique_ptr<QTemporaryDir> m_routerDir;
    std::unique_ptr<AgentProcess> m_agent;
    QByteArray m_token;
};

void TestAgentControl::initTestCase()
{
    m_users = m_home.filePath(u"agent/users"_s);
    QVERIFY(addAgentUser(kAgent, m_users, u"admin"_s, kPassword));
}

void TestAgentControl::init()
{
    m_routerDir = std::make_unique<QTemporaryDir>();
    // The router is seeded before the agent starts, so trees taken before a change are complete.
    QVERIFY(SandboxRouter::open(m_routerDir->path()).ok());
}

void TestAgentControl::startAgent(const QStringList &extra)
{
    m_agent = std::make_unique<AgentProcess>();
    QVERIFY(m_agent->start(kAgent, agentArguments(m_routerDir->path(), m_users, extra)));
    const HttpReply reply = httpRequest(
        m_agent->port(), "POST", "/api/v1/auth/local",
        json({{u"username"_s, u"admin"_s}, {u"password"_s, QString::fromUtf8(kPassword)}}), kJson);
    m_token = reply.json()[u"token"_s].toString().toLatin1();
    QVERIFY(!m_token.isEmpty());
}

void TestAgentControl::cleanup()
{
    if (QTest::currentTestFailed() && m_agent)
        qWarning().noquote() << "agent log:\n" << m_agent->standardError();
    m_agent.reset();
}

int TestAgentControl::createHelloWeb(const QByteArray &query)
{
    return createChute(u"hello-web"_s, query);
}

int TestAgentControl::createChute(const QString &sample, const QByteArray &query)
{
    const HttpReply reply
        = call("POST", "/api/v1/chutes/?" + query, tarOfFolder(kSamples + u'/' + sample), kTar);
    if (reply.status != 200)
        qWarning() << reply.status << reply.body;
    return reply.json()[u"change_id"_s].toInt();
}

void TestAgentControl::stepModeWaitsForCommandsAndHoldsTheQueue()
{
    startAgent();
    if (QTest::currentTestFailed())
        return;
    const int id = createHelloWeb("mode=step");
    QVERIFY(id > 0);
    EventFollower follower(m_agent->port(), m_token, id);
    // A second change waits behind the paused one.
    const HttpReply second = call("POST", "/api/v1/changes/",
                                  json({{u"updateClass"_s, u"CHUTE"_s},
                                        {u"updateType"_s, u"stop"_s},
                                        {u"name"_s, u"hello-web"_s}}));
    QCOMPARE(second.status, 200);
    const int secondId = second.json()[u"change_id"_s].toInt();

    QTest::qWait(300);
    // Created paused: ready, and no step taken.
    QTRY_COMPARE(follower.state(), u"ready"_s);
    QCOMPARE(follower.events().size(), 1);
    QCOMPARE(changeDetails(id)[u"steps"_s].toArray(), QJsonArray());

    for (int taken = 1; taken <= 3; ++taken) {
        const HttpReply stepped = control(id, u"step"_s);
        QCOMPARE(stepped.status, 202);
        QVERIFY(stepped.json()[u"state"_s].isString());
        QTRY_COMPARE_WITH_TIMEOUT(follower.stepsDone().size(), taken, 10000);
        QTRY_COMPARE(follower.state(), u"paused"_s);
    }
    QCOMPARE(follower.stepsDone(), (QStringList{u"todo security.enforce_access_rights done"_s,
                                                u"todo files.download_chute_files done"_s,
                                                u"todo files.load_chute_configuration done"_s}));
    QCOMPARE(changeDetails(secondId)[u"status"_s].toString(), u"queued"_s);

    QCOMPARE(control(id, u"continue"_s).status, 202);
    QTRY_COMPARE_WITH_TIMEOUT(follower.state(), u"succeeded"_s, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(changeDetails(secondId)[u"status"_s].toString(), u"succeeded"_s,
                              20000);
}

void TestAgentControl::breakpointsPauseBeforeTheirStep()
{
    startAgent();
    if (QTest::currentTestFailed())
        return;
    const int id = createHelloWeb("mode=step&breakpoints=dockerapi.create_bridge");
    EventFollower follower(m_agent->port(), m_token, id);
    const HttpReply set = call("PUT", "/api/v1/changes/" + QByteArray::number(id) + "/breakpoints",
                               json({{u"breakpoints"_s, QJsonArray{12, u"state.saveChute"_s}}}));
    QCOMPARE(set.status, 200);
    QCOMPARE(set.json()[u"breakpoints"_s].toArray(), (QJsonArray{12, u"state.saveChute"_s}));

    const auto pausedAt = [&] {
        const QJsonObject paused = follower.events().last();
        return paused[u"next"_s][u"name"_s].toString();
    };
    QCOMPARE(control(id, u"continue"_s).status, 202);
    QTRY_COMPARE_WITH_TIMEOUT(follower.state(), u"paused"_s, 10000);
    QCOMPARE(follower.events().last()[u"breakpoint"_s].toInt(), 12);
    QCOMPARE(pausedAt(), u"network.getNetworkConfig"_s);
    QCOMPARE(control(id, u"continue"_s).status, 202);
    QTRY_COMPARE_WITH_TIMEOUT(pausedAt(), u"state.saveChute"_s, 10000);
    QCOMPARE(control(id, u"continue"_s).status, 202);
    QTRY_COMPARE_WITH_TIMEOUT(follower.state(), u"succeeded"_s, 10000);
}

void TestAgentControl::failAtNeedsFaultInjection()
{
    startAgent();
    if (QTest::currentTestFailed())
        return;
    const HttpReply refused = call("POST", "/api/v1/chutes/?fail_at=dockerapi.start_container",
                                   tarOfFolder(kSamples + u"/hello-web"_s), kTar);
    QCOMPARE(refused.status, 403);
    QCOMPARE(refused.error(),
             u"fail_at: injected failures need an agent started with --allow-fault-injection"_s);
    const HttpReply refusedInJson = call("POST", "/api/v1/changes/",
                                         json({{u"updateClass"_s, u"ROUTER"_s},
                                               {u"updateType"_s, u"reboot"_s},
                                               {u"fail_at"_s, QJsonArray{3}}}));
    QCOMPARE(refusedInJson.status, 403);
    QCOMPARE(call("GET", "/api/v1/changes").json().array(), QJsonArray());
}

void TestAgentControl::injectedFailureRollsBackToAnIdenticalTree()
{
    startAgent({u"--allow-fault-injection"_s});
    if (QTest::currentTestFailed())
        return;
    const QMap<QString, QString> before = snapshotTree(m_routerDir->path());
    const HttpReply reply
        = call("POST", "/api/v1/changes/?updateType=create&fail_at=dockerapi.start_container",
               tarOfFolder(kSamples + u"/hello-web"_s), kTar);
    QCOMPARE(reply.status, 200);
    const int id = reply.json()[u"change_id"_s].toInt();
    EventFollower follower(m_agent->port(), m_token, id);
    QTRY_COMPARE_WITH_TIMEOUT(follower.state(), u"rolled-back"_s, 20000);
    QVERIFY(follower.stepsDone().contains(u"todo dockerapi.start_container failed"_s));
    QVERIFY(follower.stepsDone().contains(u"abort dockerapi.remove_bridge done"_s));
    const QJsonObject details = changeDetails(id);
    QCOMPARE(details[u"result"_s].toString(), u"rolled-back"_s);
    QCOMPARE(snapshotTree(m_routerDir->path()), before);
}

void TestAgentControl::previewShowsTheRunsSteps()
{
    startAgent();
    if (QTest::currentTestFailed())
        return;
    QTemporaryDir localDir;
    const std::unique_ptr<SandboxRouter> local = SandboxRouter::open(localDir.path()).value();
    const ChangeRequest request{
        UpdateType::Create, {kSamples + u"/hello-web"_s}, {}, {}, {}, {}, {}};
    const QList<Update> updates = buildUpdates(request, *local).value();
    const PlanMap expected = previewPlan(generatePlan(updates).value(), updates);

    const HttpReply preview = call("POST", "/api/v1/changes/preview?updateType=create",
                                   tarOfFolder(kSamples + u"/hello-web"_s), kTar);
    QCOMPARE(preview.status, 200);
    QCOMPARE(preview.json().object(), (QJsonObject{{u"result"_s, u"planned"_s},
                                                   {u"message"_s, QString()},
                                                   {u"steps"_s, toJson(expected)}}));
    QCOMPARE(call("GET", "/api/v1/changes").json().array(), QJsonArray());

    const HttpReply rejected = call("POST", "/api/v1/changes/preview",
                                    json({{u"updateClass"_s, u"CHUTE"_s},
                                          {u"updateType"_s, u"start"_s},
                                          {u"name"_s, u"nope"_s}}));
    QCOMPARE(rejected.status, 200);
    QCOMPARE(rejected.json()[u"result"_s].toString(), u"rejected"_s);
    QVERIFY(!rejected.json()[u"message"_s].toString().isEmpty());
}

void TestAgentControl::controlErrors_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");
    QTest::newRow("unknown command")
        << QByteArray("/api/v1/changes/1/control") << QByteArray("POST")
        << QByteArray(R"({"command":"jump"})") << 400
        << uR"(command: must be "step", "continue", "pause" or "abort")"_s;
    QTest::newRow("no such change")
        << QByteArray("/api/v1/changes/7/control") << QByteArray("POST")
        << QByteArray(R"({"command":"step"})") << 404 << u"no change 7"_s;
    QTest::newRow("GET control") << QByteArray("/api/v1/changes/1/control") << QByteArray("GET")
                                 << QByteArray() << 405
                                 << u"GET is not allowed on /api/v1/changes/1/control"_s;
    QTest::newRow("bad breakpoint")
        << QByteArray("/api/v1/changes/1/breakpoints") << QByteArray("PUT")
        << QByteArray(R"({"breakpoints":[1.5]})") << 400
        << u"breakpoints[0]: must be a step id (a positive integer) or "
           "a step name"_s;
    QTest::newRow("failures refused")
        << QByteArray("/api/v1/changes/1/failures") << QByteArray("PUT")
        << QByteArray(R"({"fail_at":["x.y"]})") << 403
        << u"fail_at: injected failures need an agent started with "
           "--allow-fault-injection"_s;
    QTest::newRow("bad mode") << QByteArray("/api/v1/changes/?mode=fast") << QByteArray("POST")
                              << QByteArray(R"({"updateClass":"ROUTER","updateType":"reboot"})")
                              << 400 << uR"(mode: must be "step" or "run")"_s;
    QTest::newRow("ended change") << QByteArray("/api/v1/changes/1/control") << QByteArray("POST")
                                  << QByteArray(R"({"command":"abort"})") << 409
                                  << u"The change has ended (succeeded)."_s;
}

void TestAgentControl::controlErrors()
{
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, error);
    startAgent();
    if (QTest::currentTestFailed())
        return;
    const int id = createHelloWeb({});
    QTRY_COMPARE_WITH_TIMEOUT(changeDetails(id)[u"status"_s].toString(), u"succeeded"_s, 20000);
    const HttpReply reply = call(method, target, body);
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.error(), error);
}

void TestAgentControl::unattendedPausedChangeIsAborted()
{
    startAgent({u"--unattended-timeout"_s, u"0.5"_s});
    if (QTest::currentTestFailed())
        return;
    const QMap<QString, QString> before = snapshotTree(m_routerDir->path());
    const int id = createHelloWeb("mode=step");
    {
        EventFollower follower(m_agent->port(), m_token, id);
        QCOMPARE(control(id, u"step"_s).status, 202);
        QTRY_COMPARE_WITH_TIMEOUT(follower.state(), u"paused"_s, 10000);
        QTest::qWait(800); // followed: not aborted
        QCOMPARE(follower.state(), u"paused"_s);
    } // the controller goes
    QTRY_COMPARE_WITH_TIMEOUT(changeDetails(id)[u"status"_s].toString(), u"failed"_s, 10000);
    const QJsonObject details = changeDetails(id);
    QCOMPARE(details[u"result"_s].toString(), u"aborted"_s);
    QCOMPARE(details[u"message"_s].toString(), u"Aborted: every completed step was undone."_s);
    QCOMPARE(snapshotTree(m_routerDir->path()), before);
}

void TestAgentControl::finishedChangesSurviveARestart()
{
    startAgent();
    if (QTest::currentTestFailed())
        return;
    const QByteArray reboot
        = json({{u"updateClass"_s, u"ROUTER"_s}, {u"updateType"_s, u"reboot"_s}});
    QCOMPARE(call("POST", "/api/v1/changes/", reboot).json()[u"change_id"_s].toInt(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(changeDetails(1)[u"status"_s].toString(), u"succeeded"_s, 20000);
    const QJsonObject details = changeDetails(1);

    QCOMPARE(m_agent->stop(), 0);
    startAgent();
    QCOMPARE(changeDetails(1), details);
    QCOMPARE(call("GET", "/api/v1/changes/").json().array().size(), 1);
    EventFollower replay(m_agent->port(), m_token, 1); // a finished change replays its stream
    QTRY_COMPARE(replay.state(), u"succeeded"_s);
    QCOMPARE(call("POST", "/api/v1/changes/", reboot).json()[u"change_id"_s].toInt(), 2);
}

void TestAgentControl::killedMidChangeIsRolledBackOnRestart()
{
    const QMap<QString, QString> before = snapshotTree(m_routerDir->path());
    startAgent();
    if (QTest::currentTestFailed())
        return;
    const int id = createHelloWeb("mode=step");
    QCOMPARE(id, 1);
    {
        EventFollower follower(m_agent->port(), m_token, id);
        QTRY_COMPARE(follower.state(), u"ready"_s);
        for (int taken = 1; taken <= 4; ++taken) {
            QCOMPARE(control(id, u"step"_s).status, 202);
            QTRY_COMPARE_WITH_TIMEOUT(follower.stepsDone().size(), taken, 10000);
            QTRY_COMPARE(follower.state(), u"paused"_s);
        }
    }
    QVERIFY(snapshotTree(m_routerDir->path()) != before); // the chute's files are there

    m_agent->kill();
    startAgent();
    QCOMPARE(snapshotTree(m_routerDir->path()), before);
    const QJsonObject details = changeDetails(id);
    QCOMPARE(details[u"status"_s].toString(), u"failed"_s);
    QCOMPARE(details[u"result"_s].toString(), u"rolled-back"_s);
    QCOMPARE(details[u"message"_s].toString(), u"Rolled back after a restart."_s);
    QCOMPARE(details[u"messages"_s].toArray().last().toString(),
             u"Completed create operation on chute hello-web: failure"_s);
    EventFollower replay(m_agent->port(), m_token, id);
    QTRY_COMPARE(replay.state(), u"rolled-back"_s);
    QCOMPARE(replay.events().last()[u"detail"_s].toString(), u"Rolled back after a restart."_s);
    QCOMPARE(replay.events().last()[u"seq"_s].toInt(), replay.events().size());

    const int next = createHelloWeb({});
    QCOMPARE(next, 2);
    QTRY_COMPARE_WITH_TIMEOUT(changeDetails(next)[u"status"_s].toString(), u"succeeded"_s, 20000);
}

int TestAgentControl::createHeldChange(const QByteArray &confirmTimeout)
{
    const int id = createChute(u"wifi-hotspot"_s, "confirm_timeout=" + confirmTimeout);
    QElapsedTimer waited;
    waited.start();
    while (statusOf(id) != u"awaiting-confirmation"_s && waited.elapsed() < 20000)
        QTest::qWait(50);
    return statusOf(id) == u"awaiting-confirmation"_s ? id : 0;
}

void TestAgentControl::verifyReverted(int change, const QString &message,
                                      const QMap<QString, QString> &before)
{
    const QJsonObject details = changeDetails(change);
    QCOMPARE(details[u"status"_s].toString(), u"failed"_s);
    QCOMPARE(details[u"result"_s].toString(), u"reverted"_s);
    QCOMPARE(details[u"message"_s].toString(), message);
    QCOMPARE(snapshotTree(m_routerDir->path()), before);
}

void TestAgentControl::confirmKeepsTheChange()
{
    startAgent();
    if (QTest::currentTestFailed())
        return;
    const double asked = double(QDateTime::currentMSecsSinceEpoch()) / 1000.0;
    const int id = createHeldChange("30");
    QVERIFY(id > 0);
    const double deadline = changeDetails(id)[u"deadline"_s].toDouble();
    QVERIFY2(deadline > asked + 29 && deadline < asked + 60, qPrintable(QString::number(deadline)));
    const QMap<QString, QString> applied = snapshotTree(m_routerDir->path());
    // The queue waits behind the held change.
    const HttpReply reboot
        = call("POST", "/api/v1/changes/",
               json({{u"updateClass"_s, u"ROUTER"_s}, {u"updateType"_s, u"reboot"_s}}));
    const int next = reboot.json()[u"change_id"_s].toInt();
    QTest::qWait(300);
    QCOMPARE(statusOf(next), u"queued"_s);
    const HttpReply extended = call("POST", "/api/v1/changes/" + QByteArray::number(id) + "/extend",
                                    json({{u"seconds"_s, 120}}));
    QCOMPARE(extended.status, 200);
    QVERIFY(extended.json()[u"deadline"_s].toDouble() > deadline + 60);

    const HttpReply confirmed
        = call("POST", "/api/v1/changes/" + QByteArray::number(id) + "/confirm");
    QCOMPARE(confirmed.status, 200);
    QCOMPARE(confirmed.json()[u"status"_s].toString(), u"succeeded"_s);
    QCOMPARE(confirmed.json()[u"result"_s].toString(), u"succeeded"_s);
    QVERIFY(!confirmed.json().object().contains(u"deadline"_s));
    const HttpReply again = call("POST", "/api/v1/changes/" + QByteArray::number(id) + "/revert");
    QCOMPARE(again.status, 409);
    QCOMPARE(again.error(), u"The change is not awaiting confirmation (succeeded)."_s);
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(next), u"succeeded"_s, 20000);
    QCOMPARE(snapshotTree(m_routerDir->path()), applied);
}

void TestAgentControl::unconfirmedChangeIsReverted()
{
    const QMap<QString, QString> before = snapshotTree(m_routerDir->path());
    startAgent();
    if (QTest::currentTestFailed())
        return;
    const int id = createHeldChange("2");
    QVERIFY(id > 0);
    QVERIFY(snapshotTree(m_routerDir->path()) != before);
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(id), u"failed"_s, 10000);
    verifyReverted(id, u"Reverted: no confirmation came by the deadline."_s, before);
}

void TestAgentControl::restartKeepsOrRevertsAnAwaitedChange()
{
    const QMap<QString, QString> before = snapshotTree(m_routerDir->path());
    startAgent();
    if (QTest::currentTestFailed())
        return;
    const int id = createHeldChange("4");
    QVERIFY(id > 0);
    const double deadline = changeDetails(id)[u"deadline"_s].toDouble();

    m_agent->kill(); // within the deadline: it keeps waiting
    startAgent();
    QCOMPARE(statusOf(id), u"awaiting-confirmation"_s);
    // The router transaction keeps the deadline in whole seconds.
    QVERIFY(qAbs(changeDetails(id)[u"deadline"_s].toDouble() - deadline) < 1.0);

    m_agent->kill(); // past the deadline: reverted as it starts
    QTRY_VERIFY_WITH_TIMEOUT(double(QDateTime::currentMSecsSinceEpoch()) / 1000.0 > deadline + 0.5,
                             10000);
    startAgent();
    verifyReverted(id, u"Reverted after a restart: no confirmation came by the deadline."_s,
                   before);
}

QTEST_GUILESS_MAIN(TestAgentControl)
#include "tst_agentcontrol.moc"
