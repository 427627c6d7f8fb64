// HttpSession in process against a real chutedeck-agent: events arrive once each and in order
// although the stream is cut mid-change, breakpoints and failures set during the run reach the
// agent, and an expired or foreign token is renewed with the user's password.
#include "core/remote/http/httpsession.h"
#include "core/router/sandboxrouter.h"
#include "tests/integration/agenttestsupport.h"
#include "tests/support/treesnapshot.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

using namespace Qt::StringLiterals;
using namespace ChuteDeck::Core;
using namespace ChuteDeck::Tests;

namespace {

const QString kAgent = QStringLiteral(CHUTEDECK_AGENT);
const QString kHelloWeb = QStringLiteral(CHUTEDECK_SAMPLE_CHUTES "/hello-web");
const QByteArray kPassword = "correct horse battery staple";

// Every event a session delivered, in order.
struct EventLog
{
    explicit EventLog(HttpSession &session)
    {
        QObject::connect(&session, &ExecutionSession::eventsReady, &session,
                         [this](const EventBatch &batch) { events += batch; });
    }
    QList<qint64> seqs() const
    {
        QList<qint64> seqs;
        for (const ExecutionEvent &event : events)
            seqs.append(event.seq);
        return seqs;
    }
    QStringList stepsDone() const
    {
        QStringList names;
        for (const ExecutionEvent &event : events) {
            if (event.kind == ExecutionEvent::Kind::Step && event.status != StepStatus::Running)
                names.append(phaseName(event.step.phase) + u' ' + event.step.call.function + u' '
                             + stepStatusName(event.status));
        }
        return names;
    }
    EventBatch events;
};

ChangeRequest createHelloWeb()
{
    return ChangeRequest{UpdateType::Create, {kHelloWeb}, {}, {}, {}, {}, {}};
}

} // namespace

class TestHttpSession final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void streamCutMidChangeLosesAndRepeatsNothing();
    void breakpointsAndFailuresDuringTheRun();
    void refusedTokenIsRenewed();
    void commandsRejectedLocally();
    void uploadProgressReachesTheTotal();

private:
    QUrl url() const { return QUrl(m_agent->url()); }
    AgentCredentials login() const { return {u"admin"_s, kPassword, {}}; }

    QTemporaryDir m_home;
    QString m_users;
    std::unique_ptr<QTemporaryDir> m_routerDir;
    std::unique_ptr<AgentProcess> m_agent;
};

void TestHttpSession::initTestCase()
{
    m_users = m_home.filePath(u"agent/users"_s);
    QVERIFY(addAgentUser(kAgent, m_users, u"admin"_s, kPassword));
}

void TestHttpSession::init()
{
    m_routerDir = std::make_unique<QTemporaryDir>();
    QVERIFY(SandboxRouter::open(m_routerDir->path()).ok());
    m_agent = std::make_unique<AgentProcess>();
    QVERIFY(m_agent->start(
        kAgent, agentArguments(m_routerDir->path(), m_users, {u"--allow-fault-injection"_s})));
}

void TestHttpSession::cleanup()
{
    if (QTest::currentTestFailed())
        qWarning().noquote() << "agent log:\n" << m_agent->standardError();
    m_agent.reset();
}

void TestHttpSession::streamCutMidChangeLosesAndRepeatsNothing()
{
    HttpSession session(url(), login(), createHelloWeb(), RemoteRunOptions{true, {}, {}});
    EventLog log(session);
    QSignalSpy finished(&session, &ExecutionSession::finished);
    QVERIFY(finished.isValid());
    session.start();
    QVERIFY(session.step().ok()); // queued until the change is submitted
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), ExecutorState::Paused, 10000);
    QCOMPARE(log.stepsDone(), QStringList{u"todo security.enforce_access_rights done"_s});

    for (int cut = 0; cut < 3; ++cut) {
        session.findChild<QWebSocket *>()->abort();
        QVERIFY(session.step().ok());
        QTRY_COMPARE_WITH_TIMEOUT(log.stepsDone().size(), cut + 2, 10000);
        QTRY_COMPARE(session.state(), ExecutorState::Paused);
    }
    session.findChild<QWebSocket *>()->abort();
    QVERIFY(session.resume().ok());
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    QCOMPARE(finished.first().first().value<ExecutorState>(), ExecutorState::Succeeded);
    QList<qint64> expected;
    for (qint64 seq = 1; seq <= log.events.size(); ++seq)
        expected.append(seq);
    QCOMPARE(log.seqs(), expected);
    QCOMPARE(log.events.last().state, ExecutorState::Succeeded);
}

void TestHttpSession::breakpointsAndFailuresDuringTheRun()
{
    const QMap<QString, QString> before = snapshotTree(m_routerDir->path());
    HttpSession session(url(), login(), createHelloWeb(), RemoteRunOptions{true, {}, {}});
    EventLog log(session);
    QSignalSpy finished(&session, &ExecutionSession::finished);
    QSignalSpy submitted(&session, &HttpSession::submitted);
    session.start();
    QTRY_COMPARE_WITH_TIMEOUT(submitted.size(), 1, 10000);
    session.setBreakpoint(StepMatcher::forTodo(u"dockerapi.create_bridge"_s), true);
    session.setInjectedFailure(StepMatcher::forTodo(u"state.saveChute"_s), true);
    QCOMPARE(session.breakpoints(), QStringList{u"dockerapi.create_bridge"_s});
    QCOMPARE(session.injectedFailures(), QStringList{u"state.saveChute"_s});
    QVERIFY(session.resume().ok());
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), ExecutorState::Paused, 10000);
    QCOMPARE(log.events.last().step.call.function, u"dockerapi.create_bridge"_s);
    QVERIFY(session.resume().ok());
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    QCOMPARE(session.state(), ExecutorState::RolledBack);
    QVERIFY(log.stepsDone().contains(u"todo state.saveChute failed"_s));
    QVERIFY(log.stepsDone().contains(u"abort dockerapi.remove_bridge done"_s));
    QCOMPARE(snapshotTree(m_routerDir->path()), before);
}

void TestHttpSession::refusedTokenIsRenewed()
{
    AgentCredentials credentials = login();
    credentials.token = "not.a.token";
    HttpSession session(url(), credentials, createHelloWeb(), RemoteRunOptions{});
    QSignalSpy finished(&session, &ExecutionSession::finished);
    session.start();
    QVERIFY(session.resume().ok());
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    QCOMPARE(session.state(), ExecutorState::Succeeded);

    HttpSession refused(url(), AgentCredentials{{}, {}, "not.a.token"}, createHelloWeb(), {});
    QSignalSpy failed(&refused, &HttpSession::failed);
    refused.start();
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 10000);
    QVERIFY2(refused.error().message.startsWith(
                 u"%1 POST /api/v1/changes/: 401 "_s.arg(refused.client().host())),
             qPrintable(refused.error().message));
}

void TestHttpSession::commandsRejectedLocally()
{
    HttpSession session(url(), login(), createHelloWeb(), RemoteRunOptions{true, {}, {}});
    QSignalSpy finished(&session, &ExecutionSession::finished);
    session.start();
    QCOMPARE(session.pause().error().message, u"The change has not started."_s);
    QVERIFY(session.abort().ok());
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    QCOMPARE(session.step().error().message, u"The change has ended (rolled-back)."_s);
}

// A chute folder with a 3 MiB file: its tar leaves in several pieces, each reported.
void TestHttpSession::uploadProgressReachesTheTotal()
{
    QTemporaryDir chute;
    QFile::copy(kHelloWeb + u"/paradrop.yaml"_s, chute.filePath(u"paradrop.yaml"_s));
    QFile data(chute.filePath(u"data.bin"_s));
    QVERIFY(data.open(QIODevice::WriteOnly));
    data.write(QByteArray(3 * 1024 * 1024, 'x'));
    data.close();
    const qint64 tarSize = chuteTar(chute.path()).value().size();

    HttpSession session(url(), login(),
                        ChangeRequest{UpdateType::Create, {chute.path()}, {}, {}, {}, {}, {}},
                        RemoteRunOptions{true, {}, {}});
    QSignalSpy progress(&session, &HttpSession::uploadProgress);
    QSignalSpy submitted(&session, &HttpSession::submitted);
    QVERIFY(progress.isValid());
    session.start();
    QTRY_COMPARE_WITH_TIMEOUT(submitted.size(), 1, 20000);
    QVERIFY2(progress.size() >= 2, qPrintable(QString::number(progress.size())));
    qint64 last = -1;
    for (const QList<QVariant> &report : std::as_const(progress)) {
        QCOMPARE(report.at(1).toLongLong(), tarSize);
        QVERIFY(report.at(0).toLongLong() >= last);
        last = report.at(0).toLongLong();
    }
    QCOMPARE(last, tarSize);
    QVERIFY(progress.first().at(0).toLongLong() < tarSize);
}

QTEST_GUILESS_MAIN(TestHttpSession)
#include "tst_httpsession.moc"
