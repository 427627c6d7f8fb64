// ChuteDeck's extensions of the agent (issue 9): a change created paused and driven step by step
// over HTTP, breakpoints, injected failures (only when the agent allows them), the preview, and a
// paused change that no client follows any more. A real agent process on a free loopback port.
#include "core/plan/planjson.h"
#include "core/router/sandboxrouter.h"
#include "core/update/changerequest.h"
#include "core/update/planning.h"
#include "tests/integration/agenttestsupport.h"
#include "tests/support/treesnapshot.h"

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

private:
    void startAgent(const QStringList &extra = {});
    HttpReply call(const QByteArray &method, const QByteArray &target, const QByteArray &body = {},
                   const Headers &headers = kJson)
    {
        return httpRequest(m_agent->port(), method, target, body,
                           Headers{{"Authorization", "Bearer " + m_token}} + headers);
    }
    int createHelloWeb(const QByteArray &query);
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
    const HttpReply reply
        = call("POST", "/api/v1/chutes/?" + query, tarOfFolder(kSamples + u"/hello-web"_s), kTar);
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

QTEST_GUILESS_MAIN(TestAgentControl)
#include "tst_agentcontrol.moc"
