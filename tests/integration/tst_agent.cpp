// chutedeck-agent as a ParaDrop client meets it: a real agent process on a free loopback port,
// real HTTP, and the router's tree after each change compared with a local sandbox that ran the
// same change.
#include "core/chute/chutespec.h"
#include "core/remote/agent/tokensigner.h"
#include "core/router/sandboxrouter.h"
#include "core/steps/changerun.h"
#include "core/update/changerequest.h"
#include "tests/integration/agenttestsupport.h"
#include "tests/support/samplechutes.h"
#include "tests/support/treesnapshot.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <QWebSocket>

using namespace Qt::StringLiterals;
using namespace ChuteDeck::Core;
using namespace ChuteDeck::Tests;

namespace {

const QString kAgent = QStringLiteral(CHUTEDECK_AGENT);
const QString kSamples = QStringLiteral(CHUTEDECK_SAMPLE_CHUTES);
const QString kClient = QStringLiteral(CHUTEDECK_AGENT_CLIENT);
const QByteArray kPassword = "correct horse battery staple";

QJsonObject object(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

// The router's tree with its own root path written as <ROUTER>, so two routers compare.
QMap<QString, QString> treeOf(const QString &root)
{
    QMap<QString, QString> tree = snapshotTree(root);
    for (QString &value : tree)
        value.replace(root, u"<ROUTER>"_s);
    return tree;
}

} // namespace

class TestAgent final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void addUserRefusesEmptyPasswords();
    void loginGivesAToken();
    void authFailures_data();
    void authFailures();
    void webSocketHandshakeNeedsAToken();
    void chuteLifecycleThroughJson();
    void chuteLifecycleThroughTar_data();
    void chuteLifecycleThroughTar();
    void routesAnswerWithAndWithoutTrailingSlash_data();
    void routesAnswerWithAndWithoutTrailingSlash();
    void chuteConfigAndEnvironment();
    void hostConfigGetPutPatch();
    void rawChangeReboot();
    void rejectedChangeEndsWithFailure();
    void streamFormats();
    void streamFollowsAQueuedChangeLive();
    void badInput_data();
    void badInput();
    void slowClientsTimeOut_data();
    void slowClientsTimeOut();
    void paradropStyleClient();
    void sigtermStopsCleanly();

private:
    QByteArray login();
    Headers auth() { return {{"Authorization", "Bearer " + m_token}}; }
    QList<QByteArray> readStream(const QString &path);
    qsizetype readStreamEvents(const QString &path);
    HttpReply call(const QByteArray &method, const QByteArray &target, const QByteArray &body = {},
                   const Headers &headers = {});
    QJsonObject waitForChange(int id);
    int submitted(const HttpReply &reply);
    // Runs the same change on the local sandbox.
    void applyLocally(const ChangeRequest &request,
                      const std::optional<TextPairs> &environment = {});
    void compareTrees();

    QTemporaryDir m_home;
    QString m_users;
    std::unique_ptr<QTemporaryDir> m_routerDir;
    std::unique_ptr<QTemporaryDir> m_localDir;
    std::unique_ptr<SandboxRouter> m_local;
    std::unique_ptr<AgentProcess> m_agent;
    QByteArray m_token;
};

void TestAgent::initTestCase()
{
    m_users = m_home.filePath(u"agent/users"_s);
    QVERIFY(addAgentUser(kAgent, m_users, u"admin"_s, kPassword));
    QFile users(m_users);
    QVERIFY(users.open(QIODevice::ReadOnly));
    QVERIFY(users.readAll().startsWith("admin:$argon2id$"));
    QCOMPARE(users.permissions() & (QFile::ReadOther | QFile::ReadGroup), QFile::Permissions());
}

void TestAgent::init()
{
    m_routerDir = std::make_unique<QTemporaryDir>();
    m_localDir = std::make_unique<QTemporaryDir>();
    m_local = SandboxRouter::open(m_localDir->path()).value();
    m_agent = std::make_unique<AgentProcess>();
    QVERIFY(
        m_agent->start(kAgent, agentArguments(m_routerDir->path(), m_users,
                                              {u"--idle-timeout"_s, u"1"_s, u"--request-timeout"_s,
                                               u"3"_s, u"--max-upload"_s, u"1000000"_s})));
    m_token = login();
    QVERIFY(!m_token.isEmpty());
}

void TestAgent::cleanup()
{
    if (QTest::currentTestFailed())
        qWarning().noquote() << "agent log:\n" << m_agent->standardError();
    m_agent.reset();
    m_local.reset();
}

QByteArray TestAgent::login()
{
    const HttpReply reply
        = httpRequest(m_agent->port(), "POST", "/api/v1/auth/local",
                      QJsonDocument(QJsonObject{{u"username"_s, u"admin"_s},
                                                {u"password"_s, QString::fromUtf8(kPassword)}})
                          .toJson(),
                      {{"Content-Type", "application/json"}});
    return reply.json()[u"token"_s].toString().toLatin1();
}

HttpReply TestAgent::call(const QByteArray &method, const QByteArray &target,
                          const QByteArray &body, const Headers &headers)
{
    return httpRequest(m_agent->port(), method, target, body, auth() + headers);
}

QJsonObject TestAgent::waitForChange(int id)
{
    QJsonObject change;
    for (int i = 0; i < 400; ++i) {
        change = call("GET", "/api/v1/changes/" + QByteArray::number(id)).json().object();
        const QString status = change.value(u"status"_s).toString();
        if (status == u"succeeded" || status == u"failed")
            return change;
        QThread::msleep(25);
    }
    return change;
}

int TestAgent::submitted(const HttpReply &reply)
{
    if (reply.status != 200 || !reply.json()[u"change_id"_s].isDouble()) {
        qWarning() << reply.status << reply.body;
        return 0;
    }
    return reply.json()[u"change_id"_s].toInt();
}

void TestAgent::applyLocally(const ChangeRequest &request,
                             const std::optional<TextPairs> &environment)
{
    Result<QList<Update>> updates = buildUpdates(request, *m_local);
    QVERIFY2(updates.ok(), qPrintable(updates ? QString() : updates.error().message));
    if (environment)
        updates.value().first().newChute->environment = *environment;
    const Result<RunReport> report = applyAndWait(*m_local, updates.value());
    QVERIFY(report.ok());
}

void TestAgent::compareTrees()
{
    QCOMPARE(treeOf(m_routerDir->path()), treeOf(m_localDir->path()));
}

void TestAgent::addUserRefusesEmptyPasswords()
{
    QProcess add;
    add.start(kAgent, {u"--users"_s, m_home.filePath(u"other"_s), u"--add-user"_s, u"bob"_s});
    QVERIFY(add.waitForStarted());
    add.write("\n");
    add.closeWriteChannel();
    QVERIFY(add.waitForFinished(30000));
    QCOMPARE(add.exitCode(), 2);
    QCOMPARE(add.readAllStandardError(),
             "chutedeck-agent: no password on standard input (empty passwords are refused)\n");
    QVERIFY(!QFile::exists(m_home.filePath(u"other"_s)));
}

void TestAgent::loginGivesAToken()
{
    const HttpReply reply
        = httpRequest(m_agent->port(), "POST", "/api/v1/auth/local/",
                      R"({"username":"admin","password":"correct horse battery staple"})");
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json()[u"success"_s].toBool(), true);
    QCOMPARE(reply.json()[u"username"_s].toString(), u"admin"_s);
    QCOMPARE(reply.json()[u"token"_s].toString().count(u'.'), 2);

    const HttpReply wrong = httpRequest(m_agent->port(), "POST", "/api/v1/auth/local",
                                        R"({"username":"admin","password":"nope"})");
    QCOMPARE(wrong.status, 401);
    QCOMPARE(wrong.json().object(), object(R"({"username":"admin","success":false,
                                                "error":"wrong username or password"})"));
    const HttpReply nobody = httpRequest(m_agent->port(), "POST", "/api/v1/auth/local",
                                         R"({"username":"paradrop","password":""})");
    QCOMPARE(nobody.status, 401);
}

void TestAgent::authFailures_data()
{
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<QString>("error");
    const QString required = u"a bearer token is required (POST /api/v1/auth/local)"_s;
    QTest::newRow("no header") << QByteArray() << required;
    QTest::newRow("basic auth") << QByteArray("Basic cGFyYWRyb3A6") << required;
    QTest::newRow("Bearer None") << QByteArray("Bearer None") << u"invalid token: not a JWT"_s;
    QTest::newRow("garbage") << QByteArray("Bearer a.b.c")
                             << u"invalid token: malformed or bad signature"_s;
    const QByteArray otherKey(32, 'k');
    QTest::newRow("other key") << "Bearer "
                                      + TokenSigner::withKey(otherKey).issue(u"admin"_s).value()
                               << u"invalid token: malformed or bad signature"_s;
    const QString keyFile = QFileInfo(m_users).absoluteDir().filePath(u"signing-key"_s);
    QTest::newRow("expired")
        << "Bearer " + TokenSigner::openKey(keyFile).value().issue(u"admin"_s, -5).value()
        << u"invalid token: expired"_s;
    // alg "none", no signature: the classic forgery.
    const QByteArray header
        = QByteArray(R"({"alg":"none","typ":"JWT"})")
              .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    const QByteArray claims
        = QByteArray(R"({"sub":"admin","exp":99999999999})")
              .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    QTest::newRow("alg none") << "Bearer " + header + '.' + claims + '.'
                              << u"invalid token: malformed or bad signature"_s;
}

void TestAgent::authFailures()
{
    QFETCH(QByteArray, authorization);
    QFETCH(QString, error);
    Headers headers;
    if (!authorization.isEmpty())
        headers.append({"Authorization", authorization});
    for (const QByteArray &target : {QByteArray("/api/v1/chutes/"), QByteArray("/api/v1/changes"),
                                     QByteArray("/api/v1/config/hostconfig")}) {
        const HttpReply reply = httpRequest(m_agent->port(), "GET", target, {}, headers);
        QCOMPARE(reply.status, 401);
        QCOMPARE(reply.json().object(), (QJsonObject{{u"success"_s, false}, {u"error"_s, error}}));
    }
    // Refused before the body is read: an unauthenticated upload never reaches the router.
    const HttpReply upload = httpRequest(m_agent->port(), "POST", "/api/v1/chutes/",
                                         tarOfFolder(kSamples + u"/hello-web"_s),
                                         headers + Headers{{"Content-Type", "application/x-tar"}});
    QCOMPARE(upload.status, 401);
    QCOMPARE(call("GET", "/api/v1/changes/").json().array().size(), 0);
}

void TestAgent::webSocketHandshakeNeedsAToken()
{
    QVERIFY(submitted(call("POST", "/api/v1/chutes/hello-web/stop")) == 1);
    const QByteArray handshake = "GET /ws/changes/1/stream HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                 "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                                 "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                                 "Sec-WebSocket-Version: 13\r\n";
    const HttpReply none = rawExchange(m_agent->port(), handshake + "\r\n");
    QCOMPARE(none.status, 401);
    const HttpReply bearerNone
        = rawExchange(m_agent->port(), handshake + "Authorization: Bearer None\r\n\r\n");
    QCOMPARE(bearerNone.status, 401);
    const HttpReply missing
        = rawExchange(m_agent->port(), QByteArray(handshake).replace("/1/", "/7/")
                                           + "Authorization: Bearer " + m_token + "\r\n\r\n");
    QCOMPARE(missing.status, 404);
    QCOMPARE(missing.error(), u"no change 7"_s);
    const HttpReply accepted = rawExchange(
        m_agent->port(), handshake + "Authorization: Bearer " + m_token + "\r\n\r\n", 3000);
    QCOMPARE(accepted.status, 101);
}

void TestAgent::chuteLifecycleThroughJson()
{
    QTemporaryDir sources;
    const ChuteSpec chute = loadChute(kSamples + u"/hello-web"_s).value();
    QJsonObject config = QJsonDocument::fromJson(chuteToJson(chute)).object();
    // The local reference installs from a folder holding the very paradrop.yaml the agent
    // stages: the configuration as indented JSON.
    const auto stage = [&](const QJsonObject &json, const QString &name) {
        QString folder = sources.filePath(name);
        QDir().mkpath(folder);
        QFile yaml(folder + u"/paradrop.yaml"_s);
        yaml.open(QIODevice::WriteOnly);
        yaml.write(QJsonDocument(json).toJson(QJsonDocument::Indented));
        return folder;
    };
    const QByteArray body = QJsonDocument(QJsonObject{{u"config"_s, config}}).toJson();
    int id
        = submitted(call("POST", "/api/v1/chutes/", body, {{"Content-Type", "application/json"}}));
    QCOMPARE(waitForChange(id)[u"result"_s].toString(), u"succeeded"_s);
    applyLocally(ChangeRequest{UpdateType::Create, {stage(config, u"v1"_s)}, {}, {}, {}});
    compareTrees();

    config.insert(u"version"_s, u"2"_s);
    id = submitted(call("PUT", "/api/v1/chutes/hello-web",
                        QJsonDocument(QJsonObject{{u"config"_s, config}}).toJson()));
    QCOMPARE(waitForChange(id)[u"message"_s].toString(), u"Chute hello-web update success"_s);
    applyLocally(ChangeRequest{UpdateType::Update, {stage(config, u"v2"_s)}, {}, {}, {}});
    compareTrees();

    for (const auto &[type, method, target] :
         {std::tuple{UpdateType::Stop, "POST", "/api/v1/chutes/hello-web/stop"},
          std::tuple{UpdateType::Start, "POST", "/api/v1/chutes/hello-web/start/"},
          std::tuple{UpdateType::Restart, "POST", "/api/v1/chutes/hello-web/restart"},
          std::tuple{UpdateType::Delete, "DELETE", "/api/v1/chutes/hello-web"}}) {
        id = submitted(call(method, target));
        const QJsonObject change = waitForChange(id);
        QCOMPARE(change[u"result"_s].toString(), u"succeeded"_s);
        QCOMPARE(change[u"messages"_s].toArray().last().toString(),
                 u"Completed %1 operation on chute hello-web: success"_s.arg(updateTypeName(type)));
        applyLocally(ChangeRequest{type, {}, {u"hello-web"_s}, {}, {}});
        compareTrees();
    }
    QCOMPARE(call("GET", "/api/v1/chutes").json().array(), QJsonArray());
}

void TestAgent::chuteLifecycleThroughTar_data()
{
    QTest::addColumn<QString>("sample");
    for (const QString &sample : {u"hello-web"_s, u"wifi-hotspot"_s, u"two-services"_s})
        QTest::newRow(qPrintable(sample)) << sample;
}

// As pdtools' install-chute and update-chute send it: a tar of the chute folder.
void TestAgent::chuteLifecycleThroughTar()
{
    QFETCH(QString, sample);
    QTemporaryDir sources;
    const QString first = sampleWithVersion(kSamples, sample, u"1"_s, sources.path());
    const QString second = sampleWithVersion(kSamples, sample, u"3"_s, sources.path());
    const Headers tar{{"Content-Type", "application/x-tar"}};

    int id = submitted(call("POST", "/api/v1/chutes/", tarOfFolder(first), tar));
    QCOMPARE(waitForChange(id)[u"result"_s].toString(), u"succeeded"_s);
    applyLocally(ChangeRequest{UpdateType::Create, {first}, {}, {}, {}});
    compareTrees();
    const QJsonObject listed = call("GET", "/api/v1/chutes/" + sample.toUtf8()).json().object();
    QCOMPARE(listed[u"state"_s].toString(), u"running"_s);
    QCOMPARE(listed[u"version"_s].toString(), u"1"_s);

    id = submitted(call("PUT", "/api/v1/chutes/" + sample.toUtf8(), tarOfFolder(second), tar));
    QCOMPARE(waitForChange(id)[u"result"_s].toString(), u"succeeded"_s);
    applyLocally(ChangeRequest{UpdateType::Update, {second}, {}, {}, {}});
    compareTrees();

    for (const UpdateType type : {UpdateType::Stop, UpdateType::Delete}) {
        const QByteArray chute = "/api/v1/chutes/" + sample.toUtf8();
        const QByteArray target = type == UpdateType::Stop ? chute + "/stop" : chute;
        id = submitted(call(type == UpdateType::Stop ? "POST" : "DELETE", target));
        QCOMPARE(waitForChange(id)[u"result"_s].toString(), u"succeeded"_s);
        applyLocally(ChangeRequest{type, {}, {sample}, {}, {}});
        compareTrees();
    }
}

void TestAgent::routesAnswerWithAndWithoutTrailingSlash_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    for (const QByteArray &slash : {QByteArray(), QByteArray("/")}) {
        const auto row = [&](const char *name) -> QTestData & {
            const QByteArray suffix = slash.isEmpty() ? QByteArray() : QByteArray(" /");
            return QTest::newRow(QByteArray(name + suffix).constData());
        };
        row("list chutes") << QByteArray("GET") << QByteArray("/api/v1/chutes" + slash) << 200
                           << QByteArray("[]");
        row("list changes") << QByteArray("GET") << QByteArray("/api/v1/changes" + slash) << 200
                            << QByteArray("[]");
        row("missing chute") << QByteArray("GET") << QByteArray("/api/v1/chutes/nope" + slash)
                             << 404
                             << QByteArray(
                                    R"({"error":"No chute found with id: nope","success":false})");
        row("missing config") << QByteArray("GET")
                              << QByteArray("/api/v1/chutes/nope/config" + slash) << 404
                              << QByteArray(
                                     R"({"error":"No chute found with id: nope","success":false})");
        row("missing change") << QByteArray("GET") << QByteArray("/api/v1/changes/5" + slash) << 404
                              << QByteArray(R"({"error":"no change 5","success":false})");
        row("unknown route") << QByteArray("GET") << QByteArray("/api/v1/audio/info" + slash) << 404
                             << QByteArray(R"({"error":"nothing is served at /api/v1/audio/info)"
                                           + slash + R"(","success":false})");
        row("wrong method") << QByteArray("DELETE") << QByteArray("/api/v1/chutes" + slash) << 405
                            << QByteArray(R"({"error":"DELETE is not allowed on /api/v1/chutes)"
                                          + slash + R"(","success":false})");
    }
}

void TestAgent::routesAnswerWithAndWithoutTrailingSlash()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    const HttpReply reply = call(method, target);
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.body, body);
    QVERIFY(reply.head.contains("Content-Type: application/json"));
}

void TestAgent::chuteConfigAndEnvironment()
{
    const Headers tar{{"Content-Type", "application/x-tar"}};
    int id
        = submitted(call("POST", "/api/v1/chutes", tarOfFolder(kSamples + u"/hello-web"_s), tar));
    QCOMPARE(waitForChange(id)[u"result"_s].toString(), u"succeeded"_s);
    const HttpReply config = call("GET", "/api/v1/chutes/hello-web/config");
    QCOMPARE(config.status, 200);
    QCOMPARE(config.body, chuteToJson(loadChute(kSamples + u"/hello-web"_s).value()));

    id = submitted(call("POST", "/api/v1/chutes/hello-web/restart",
                        R"({"environment": {"GREETING": "hi", "COUNT": 3}})"));
    QCOMPARE(waitForChange(id)[u"result"_s].toString(), u"succeeded"_s);
    QCOMPARE(call("GET", "/api/v1/chutes/hello-web").json()[u"environment"_s].toObject(),
             object(R"({"COUNT": "3", "GREETING": "hi"})"));

    QJsonObject edited = config.json().object();
    edited.insert(u"description"_s, u"edited through the API"_s);
    id = submitted(call("PUT", "/api/v1/chutes/hello-web/config", QJsonDocument(edited).toJson()));
    const QJsonObject change = waitForChange(id);
    QCOMPARE(change[u"updateType"_s].toString(), u"restart"_s);
    QCOMPARE(change[u"result"_s].toString(), u"succeeded"_s);
    QCOMPARE(call("GET", "/api/v1/chutes/hello-web/config").json()[u"description"_s].toString(),
             u"edited through the API"_s);
}

void TestAgent::hostConfigGetPutPatch()
{
    const HttpReply current = call("GET", "/api/v1/config/hostconfig/");
    QCOMPARE(current.status, 200);
    QJsonObject config = current.json().object();
    QVERIFY(config.contains(u"wan"_s));

    const QByteArray patch
        = R"([{"op": "replace", "path": "/system/chutePrefixSize", "value": 26}])";
    int id = submitted(call("PATCH", "/api/v1/config/hostconfig", patch));
    QCOMPARE(waitForChange(id)[u"result"_s].toString(), u"succeeded"_s);
    QCOMPARE(
        call("GET", "/api/v1/config/hostconfig").json()[u"system"_s][u"chutePrefixSize"_s].toInt(),
        26);
    QTemporaryDir files;
    QFile patchFile(files.filePath(u"patch.json"_s));
    patchFile.open(QIODevice::WriteOnly);
    patchFile.write(patch);
    patchFile.close();
    applyLocally(ChangeRequest{UpdateType::PatchHostConfig, {}, {}, {}, patchFile.fileName()});
    compareTrees();

    config = call("GET", "/api/v1/config/hostconfig").json().object();
    QJsonObject system = config[u"system"_s].toObject();
    system.insert(u"chutePrefixSize"_s, 25);
    config.insert(u"system"_s, system);
    id = submitted(call("PUT", "/api/v1/config/hostconfig",
                        QJsonDocument(QJsonObject{{u"config"_s, config}}).toJson()));
    QCOMPARE(waitForChange(id)[u"result"_s].toString(), u"succeeded"_s);
    QFile configFile(files.filePath(u"hostconfig.json"_s));
    configFile.open(QIODevice::WriteOnly);
    configFile.write(QJsonDocument(config).toJson());
    configFile.close();
    applyLocally(ChangeRequest{UpdateType::SetHostConfig, {}, {}, configFile.fileName(), {}});
    compareTrees();
}

void TestAgent::rawChangeReboot()
{
    // What `pdtools node reboot` sends.
    const int id = submitted(call("POST", "/api/v1/changes/",
                                  R"({"name": "__PARADROP__", "updateClass": "ROUTER",
                                      "updateType": "reboot"})"));
    const QJsonObject change = waitForChange(id);
    QCOMPARE(change[u"result"_s].toString(), u"succeeded"_s);
    QCOMPARE(change[u"updateClass"_s].toString(), u"ROUTER"_s);
    QVERIFY(change[u"messages"_s].toArray().contains(u"Calling reboot"_s));
    QCOMPARE(change[u"messages"_s].toArray().last().toString(),
             u"Completed reboot operation on chute __PARADROP__: success"_s);
    const QJsonArray list = call("GET", "/api/v1/changes").json().array();
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.first()[u"id"_s].toInt(), id);
}

void TestAgent::rejectedChangeEndsWithFailure()
{
    const auto before = treeOf(m_routerDir->path());
    const int id = submitted(call("POST", "/api/v1/chutes/ghost/start"));
    const QJsonObject change = waitForChange(id);
    QCOMPARE(change[u"result"_s].toString(), u"rejected"_s);
    QCOMPARE(change[u"message"_s].toString(), u"No chute found with id: ghost"_s);
    QCOMPARE(change[u"messages"_s].toArray(),
             (QJsonArray{u"No chute found with id: ghost"_s,
                         u"Completed start operation on chute ghost: failure"_s}));
    QCOMPARE(treeOf(m_routerDir->path()), before);
}

// The stream as ParaDrop's frames and as ChuteDeck's event batches, resumed from a seq.
void TestAgent::streamFormats()
{
    const int id
        = submitted(call("POST", "/api/v1/chutes/", tarOfFolder(kSamples + u"/hello-web"_s),
                         {{"Content-Type", "application/x-tar"}}));
    const QJsonObject change = waitForChange(id);
    QCOMPARE(change[u"result"_s].toString(), u"succeeded"_s);
    const QJsonArray steps = change[u"steps"_s].toArray();

    const QList<QByteArray> paradrop = readStream(u"/ws/changes/1/stream"_s);
    QCOMPARE(paradrop.size(), steps.size() + 1);
    for (qsizetype i = 0; i < steps.size(); ++i) {
        const QJsonObject frame = object(paradrop.at(i));
        const QString name = steps.at(i)[u"name"_s].toString();
        QCOMPARE(frame[u"message"_s].toString(), u"Calling "_s + name.mid(name.indexOf(u'.') + 1));
        QCOMPARE(frame[u"name"_s].toString(), name);
        QCOMPARE(frame[u"stepId"_s], steps.at(i)[u"stepId"_s]);
        QVERIFY(frame[u"time"_s].isDouble());
    }
    QCOMPARE(object(paradrop.last())[u"message"_s].toString(),
             u"Completed create operation on chute hello-web: success"_s);

    const QList<QByteArray> batches
        = readStream(u"/ws/changes/1/stream?format=chutedeck&from=10"_s);
    QCOMPARE(batches.size(), 1); // a finished change replays as one batch
    const QJsonArray events = QJsonDocument::fromJson(batches.first()).array();
    QCOMPARE(events.first()[u"seq"_s].toInt(), 10);
    QCOMPARE(events.last()[u"kind"_s].toString(), u"state"_s);
    QCOMPARE(events.last()[u"state"_s].toString(), u"succeeded"_s);
    for (qsizetype i = 1; i < events.size(); ++i)
        QCOMPARE(events.at(i)[u"seq"_s].toInt(), events.at(i - 1)[u"seq"_s].toInt() + 1);
}

// A stream opened while its change waits behind others follows it live: every event once, in
// order, batch after batch, then the close.
void TestAgent::streamFollowsAQueuedChangeLive()
{
    const Headers tar{{"Content-Type", "application/x-tar"}};
    QVERIFY(
        submitted(call("POST", "/api/v1/chutes/", tarOfFolder(kSamples + u"/two-services"_s), tar))
        == 1);
    int last = 0;
    for (int i = 0; i < 8; ++i)
        last = submitted(call("POST", "/api/v1/chutes/two-services/restart"));
    QCOMPARE(last, 9);
    const QList<QByteArray> batches = readStream(u"/ws/changes/9/stream?format=chutedeck"_s);
    QVERIFY(!batches.isEmpty());
    qInfo("change 9 streamed in %lld batch(es)", qlonglong(batches.size()));
    qint64 expected = 1;
    for (const QByteArray &batch : batches) {
        for (const auto &event : QJsonDocument::fromJson(batch).array())
            QCOMPARE(event[u"seq"_s].toInteger(), expected++);
    }
    const QJsonObject change = waitForChange(9);
    QCOMPARE(change[u"result"_s].toString(), u"succeeded"_s);
    QCOMPARE(expected - 1, qint64(readStreamEvents(u"/ws/changes/9/stream?format=chutedeck"_s)));
}

qsizetype TestAgent::readStreamEvents(const QString &path)
{
    qsizetype count = 0;
    for (const QByteArray &batch : readStream(path))
        count += QJsonDocument::fromJson(batch).array().size();
    return count;
}

QList<QByteArray> TestAgent::readStream(const QString &path)
{
    QWebSocket socket;
    QList<QByteArray> messages;
    QEventLoop loop;
    connect(&socket, &QWebSocket::textMessageReceived, &loop,
            [&](const QString &message) { messages.append(message.toUtf8()); });
    connect(&socket, &QWebSocket::disconnected, &loop, &QEventLoop::quit);
    // NOLINTNEXTLINE(clang-analyzer-cplusplus.NewDeleteLeaks): the timer owns the slot object
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    QNetworkRequest request(QUrl(u"ws://127.0.0.1:%1%2"_s.arg(m_agent->port()).arg(path)));
    request.setRawHeader("Authorization", "Bearer " + m_token);
    socket.open(request);
    loop.exec();
    return messages;
}

void TestAgent::badInput_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");
    const QByteArray json = "application/json";
    const QByteArray tar = "application/x-tar";
    const QByteArray yaml = "name: evil\nservices:\n  main:\n    type: image\n    image: x\n";
    QTest::newRow("malformed JSON") << QByteArray("POST") << QByteArray("/api/v1/chutes/") << json
                                    << QByteArray(R"({"config": {)") << 400
                                    << u"malformed JSON at offset 12: unterminated object"_s;
    QTest::newRow("not an object")
        << QByteArray("POST") << QByteArray("/api/v1/chutes/") << json << QByteArray("[1, 2]")
        << 400 << u"the body must be a JSON object"_s;
    QTest::newRow("config missing") << QByteArray("POST") << QByteArray("/api/v1/chutes/") << json
                                    << QByteArray("{}") << 400 << u"config: missing"_s;
    QTest::newRow("config wrong type")
        << QByteArray("POST") << QByteArray("/api/v1/chutes/") << json
        << QByteArray(R"({"config": "x"})") << 400 << u"config: must be a JSON object"_s;
    QTest::newRow("invalid chute")
        << QByteArray("POST") << QByteArray("/api/v1/chutes/") << json
        << QByteArray(R"({"config": {"name": "x", "services": {"main": {"type": "nope"}}}})") << 400
        << u"config:5: services.main.type: unknown service type 'nope' (expected light, normal or image)"_s;
    QTest::newRow("name mismatch") << QByteArray("PUT") << QByteArray("/api/v1/chutes/other")
                                   << json << QByteArray(R"({"config": {"name": "x"}})") << 400
                                   << u"name: 'x' does not match the chute 'other' of the URL"_s;
    QTest::newRow("bad chute name")
        << QByteArray("POST") << QByteArray("/api/v1/chutes/a%20b/stop") << json << QByteArray()
        << 400 << u"invalid chute name 'a b': letters, digits, '-' and '_' only, 1 to 64"_s;
    QTest::newRow("environment type")
        << QByteArray("POST") << QByteArray("/api/v1/chutes/x/restart") << json
        << QByteArray(R"({"environment": {"A": [1]}})") << 400
        << u"environment.A: must be a string, a number or a boolean"_s;
    QTest::newRow("raw update type") << QByteArray("POST") << QByteArray("/api/v1/changes/") << json
                                     << QByteArray(R"({"updateType": "explode"})") << 400
                                     << u"updateType: unknown update type 'explode'"_s;
    QTest::newRow("raw update class")
        << QByteArray("POST") << QByteArray("/api/v1/changes/") << json
        << QByteArray(R"({"updateClass": "CHUTE", "updateType": "reboot"})") << 400
        << u"updateClass: CHUTE is not the class of reboot"_s;
    QTest::newRow("patch not array")
        << QByteArray("PATCH") << QByteArray("/api/v1/config/hostconfig") << json
        << QByteArray("{}") << 400 << u"the body must be a JSON array (RFC 6902)"_s;
    QTest::newRow("patch does not apply")
        << QByteArray("PATCH") << QByteArray("/api/v1/config/hostconfig") << json
        << QByteArray(R"([{"op": "remove", "path": "/nothing/here"}])") << 400 << QString();
    QTest::newRow("bad host config")
        << QByteArray("PUT") << QByteArray("/api/v1/config/hostconfig") << json
        << QByteArray(R"({"config": {"system": {"chutePrefixSize": 99}}})") << 400 << QString();
    QTest::newRow("tar escapes")
        << QByteArray("POST") << QByteArray("/api/v1/chutes/") << tar
        << makeTar({{u"paradrop.yaml"_s, yaml}, {u"../../etc/evil"_s, "x"}}) << 400
        << u"chute upload: ../../etc/evil: the path leaves the chute folder"_s;
    QTest::newRow("tar absolute")
        << QByteArray("POST") << QByteArray("/api/v1/chutes/") << tar
        << makeTar({{u"/etc/passwd"_s, "x"}}) << 400
        << u"chute upload: /etc/passwd: the path leaves the chute folder"_s;
    QTest::newRow("tar symlink") << QByteArray("POST") << QByteArray("/api/v1/chutes/") << tar
                                 << makeTar(
                                        {{u"paradrop.yaml"_s, yaml}, {u"link"_s, "symlink:/etc"}})
                                 << 400 << u"chute upload: link: links are not accepted"_s;
    QTest::newRow("tar hardlink") << QByteArray("POST") << QByteArray("/api/v1/chutes/") << tar
                                  << makeTar({{u"paradrop.yaml"_s, yaml},
                                              {u"hard"_s, "hardlink:/etc/passwd"}})
                                  << 400 << u"chute upload: hard: links are not accepted"_s;
    QTest::newRow("tar without yaml")
        << QByteArray("POST") << QByteArray("/api/v1/chutes/") << tar
        << makeTar({{u"app.py"_s, "print()"}}) << 400
        << u"chute upload: no paradrop.yaml at the top of the archive"_s;
    QTest::newRow("not a tar") << QByteArray("POST") << QByteArray("/api/v1/chutes/") << tar
                               << QByteArray(2048, 'z') << 400 << QString();
    QTest::newRow("body over the limit")
        << QByteArray("POST") << QByteArray("/api/v1/chutes/") << tar << QByteArray(1000001, 'z')
        << 413 << u"the request body is larger than the limit of 1000000 bytes"_s;
    QTest::newRow("JSON over 1 MiB")
        << QByteArray("POST") << QByteArray("/api/v1/chutes/") << json
        << QByteArray(R"({"config": ")") + QByteArray(999000, 'a') + "\"}" << 400 << QString();
}

// Each bad request is a clear 4xx with a JSON error; the router is untouched and the agent serves
// on.
void TestAgent::badInput()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, error);
    const auto before = treeOf(m_routerDir->path());
    const HttpReply reply = call(method, target, body, {{"Content-Type", contentType}});
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.json()[u"success"_s].toBool(true), false);
    if (error.isEmpty())
        QVERIFY(!reply.error().isEmpty());
    else
        QCOMPARE(reply.error(), error);
    QCOMPARE(call("GET", "/api/v1/changes").json().array(), QJsonArray());
    QCOMPARE(treeOf(m_routerDir->path()), before);
    QCOMPARE(call("GET", "/api/v1/chutes").status, 200);
}

void TestAgent::slowClientsTimeOut_data()
{
    QTest::addColumn<QByteArray>("partial");
    QTest::addColumn<QString>("error");
    QTest::newRow("head never ends")
        << QByteArray("GET /api/v1/chutes HTTP/1.1\r\nHost: x\r\n") << u"no data came for 1 s"_s;
    QTest::newRow("body never comes")
        << QByteArray("POST /api/v1/auth/local HTTP/1.1\r\nContent-Length: 100\r\n\r\n{")
        << u"no data came for 1 s"_s;
    QTest::newRow("head too large") << "GET / HTTP/1.1\r\nX: " + QByteArray(20000, 'a')
                                    << u"the request head is larger than 16384 bytes"_s;
    QTest::newRow("chunked") << QByteArray("POST /api/v1/auth/local HTTP/1.1\r\n"
                                           "Transfer-Encoding: chunked\r\n\r\n")
                             << u"chunked request bodies are not accepted: send Content-Length"_s;
    QTest::newRow("not HTTP") << QByteArray("\x16\x03\x01\x02\xfc\x03\x03\r\n\r\n")
                              << u"malformed request head: invalid HTTP method"_s;
}

void TestAgent::slowClientsTimeOut()
{
    QFETCH(QByteArray, partial);
    QFETCH(QString, error);
    QElapsedTimer timer;
    timer.start();
    const HttpReply reply = rawExchange(m_agent->port(), partial, 10000);
    QVERIFY2(timer.elapsed() < 5000, "the agent closed the connection in time");
    QVERIFY(reply.status >= 400 && reply.status < 500);
    QCOMPARE(reply.error(), error);
    QCOMPARE(call("GET", "/api/v1/chutes").status, 200);
}

// A client written the way pdtools is: requests + websocket-client, reading the stream's frames.
void TestAgent::paradropStyleClient()
{
    QProcess client;
    client.setProcessChannelMode(QProcess::SeparateChannels);
    client.start(u"/usr/bin/python3"_s,
                 {kClient, m_agent->url(), u"admin"_s, kSamples + u"/hello-web"_s});
    QVERIFY(client.waitForStarted());
    client.write(kPassword + '\n');
    client.closeWriteChannel();
    QVERIFY(client.waitForFinished(60000));
    const QString output = QString::fromUtf8(client.readAllStandardOutput());
    QVERIFY2(client.exitCode() == 0,
             qPrintable(output + QString::fromUtf8(client.readAllStandardError())));
    const QStringList lines = output.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.filter(QRegularExpression(u"^change \\d+: Completed .*"_s)),
             (QStringList{u"change 1: Completed create operation on chute hello-web: success"_s,
                          u"change 2: Completed stop operation on chute hello-web: success"_s,
                          u"change 3: Completed delete operation on chute hello-web: success"_s}));
    QVERIFY(lines.contains(u"change 1: Calling start_container"_s));
    QVERIFY(lines.contains(u"chutes after create: hello-web running"_s));
    QVERIFY(lines.contains(u"chutes after stop: hello-web stopped"_s));
    QVERIFY(lines.contains(u"chutes after delete:"_s));
    QVERIFY(lines.contains(u"unauthenticated: 401"_s));
}

void TestAgent::sigtermStopsCleanly()
{
    QCOMPARE(m_agent->stop(), 0);
    QVERIFY(
        m_agent->standardError().endsWith("chutedeck-agent: stopping\nchutedeck-agent: stopped\n"));
}

QTEST_GUILESS_MAIN(TestAgent)
#include "tst_agent.moc"
