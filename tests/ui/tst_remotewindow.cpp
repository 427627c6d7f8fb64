// The window on an HTTP router: a real chutedeck-agent serves a sandbox router; the window plans
// with the agent's preview and steps through the change the agent runs, as it does locally.
// Over HTTPS (a certificate made by openssl): an unknown certificate is put to the user with its
// fingerprint (No connects to nothing and stores nothing; Yes pins it, and the next connection
// asks nothing), a change steps through on the pinned connection with its upload's progress in
// the status bar, and a certificate other than the pinned one is refused with both fingerprints.
#include "core/remote/http/remotechange.h"
#include "core/router/sandboxrouter.h"
#include "tests/integration/agenttestsupport.h"
#include "tests/support/treesnapshot.h"
#include "tests/ui/messageboxes.h"
#include "tests/ui/windowdriver.h"
#include "ui/models/chutemodel.h"
#include "ui/models/connectionprofile.h"
#include "ui/models/planmodel.h"
#include "ui/models/routermodel.h"
#include "ui/models/runcontroller.h"
#include "ui/widgets/confirmationbar.h"
#include "ui/widgets/connectdialog.h"
#include "ui/widgets/mainwindow.h"
#include "ui/widgets/planview.h"
#include "ui/widgets/rollbackpanel.h"
#include "ui/widgets/routerconnector.h"
#include "ui/widgets/runstatuswidget.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QInputDialog>
#include <QListView>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace ChuteDeck;
using namespace ChuteDeck::Core;
using namespace Qt::StringLiterals;

namespace {

constexpr int kTimeoutMs = 20000;
const QString kAgent = QStringLiteral(CHUTEDECK_AGENT);
const QString kSamples = QStringLiteral(CHUTEDECK_SAMPLE_CHUTES);
const QByteArray kPassword = "correct horse battery staple";

// ctest runs this test a second time inside with-secret-service.sh (a throw-away keyring).
bool withKeyring()
{
    return qEnvironmentVariableIsSet("CHUTEDECK_WITH_KEYRING");
}

// Answers the password question once it shows; returns its text through `prompt`.
void answerPasswordQuestion(QObject *context, QString *prompt)
{
    auto *answer = new QTimer(context);
    QObject::connect(answer, &QTimer::timeout, answer, [answer, prompt] {
        for (QWidget *widget : QApplication::topLevelWidgets()) {
            auto *dialog = qobject_cast<QInputDialog *>(widget);
            if (!dialog || !dialog->isVisible())
                continue;
            *prompt = dialog->labelText();
            dialog->setTextValue(QString::fromUtf8(kPassword));
            answer->deleteLater();
            dialog->accept();
            return;
        }
    });
    answer->start(20);
}

} // namespace

class TestRemoteWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void stepBreakAndFailOnTheAgent();
    void wrongPasswordChangesNothing();
    void abortOnTheAgentRestoresTheTree();
    void heldChangeOnTheAgent_data();
    void heldChangeOnTheAgent();
    void savedRouterIsEditedAndForgotten();
    void keyringFailureAsksForThePassword();
    void rememberedPasswordComesFromTheKeyring();
    void unknownCertificateDeclinedConnectsNothing();
    void acceptedCertificateIsPinnedAndAChangeStepsThrough();
    void changedCertificateIsRefused();

private:
    // http:// or https://, as the agent of the test serves.
    Ui::ConnectionProfile agentProfile() const;
    // Replaces the agent with one serving HTTPS with the certificate agent.pem.
    bool startTlsAgent();
    QString knownCertsFile() const { return m_home.filePath(u"known_certs"_s); }
    QByteArray knownCerts() const;
    void connectAndWait();
    int rowOfCall(const QString &call) const;
    void press(int key, Qt::KeyboardModifiers modifiers = Qt::NoModifier);
    void selectRow(int row);
    void waitForState(ExecutorState state);

    QTemporaryDir m_home;
    QString m_users;
    QString m_fingerprint; // of agent.pem
    std::unique_ptr<QTemporaryDir> m_agentRouter;
    std::unique_ptr<QTemporaryDir> m_localRouter;
    std::unique_ptr<Tests::AgentProcess> m_agent;
    std::unique_ptr<Ui::MainWindow> m_window;
};

void TestRemoteWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    // Without with-secret-service.sh there is no keyring: the session bus is nowhere, so a saved
    // password cannot be read (and the user's own keyring is never touched).
    if (!withKeyring())
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/chutedeck-no-bus");
    m_users = m_home.filePath(u"agent/users"_s);
    QVERIFY(Tests::addAgentUser(kAgent, m_users, u"admin"_s, kPassword));
    QVERIFY(Tests::makeCertificate(m_home.path(), u"agent"_s));
    QVERIFY(Tests::makeCertificate(m_home.path(), u"other"_s));
    m_fingerprint = Tests::fingerprintOf(m_home.filePath(u"agent.pem"_s));
    QVERIFY(m_fingerprint.startsWith(u"SHA256:"_s));
}

void TestRemoteWindow::init()
{
    QSettings().clear(); // no routers or profiles from the test before
    QFile::remove(knownCertsFile());
    m_agentRouter = std::make_unique<QTemporaryDir>();
    m_localRouter = std::make_unique<QTemporaryDir>();
    QVERIFY(SandboxRouter::open(m_agentRouter->path()).ok());
    m_agent = std::make_unique<Tests::AgentProcess>();
    QVERIFY(m_agent->start(kAgent, Tests::agentArguments(m_agentRouter->path(), m_users,
                                                         {u"--allow-fault-injection"_s})));
    auto local = SandboxRouter::open(m_localRouter->path());
    QVERIFY(local.ok());
    m_window = std::make_unique<Ui::MainWindow>(std::move(local).value());
    m_window->connector()->setKnownCertsFile(knownCertsFile());
    m_window->show();
    QApplication::setActiveWindow(m_window.get());
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
}

void TestRemoteWindow::cleanup()
{
    if (QTest::currentTestFailed())
        qWarning().noquote() << "agent log:\n" << m_agent->standardError();
    m_window.reset();
    m_agent.reset(); // stopped by its PID
}

Ui::ConnectionProfile TestRemoteWindow::agentProfile() const
{
    Ui::ConnectionProfile profile;
    profile.kind = m_agent->url().startsWith(u"https:"_s) ? Ui::ConnectionProfile::Kind::Https
                                                          : Ui::ConnectionProfile::Kind::Http;
    profile.host = u"127.0.0.1"_s;
    profile.port = m_agent->port();
    profile.user = u"admin"_s;
    return profile;
}

int TestRemoteWindow::rowOfCall(const QString &call) const
{
    return Tests::rowOfCall(*m_window, call);
}

void TestRemoteWindow::press(int key, Qt::KeyboardModifiers modifiers)
{
    Tests::pressOnPlan(*m_window, key, modifiers);
}

void TestRemoteWindow::selectRow(int row)
{
    Tests::selectPlanRow(*m_window, row);
}

void TestRemoteWindow::waitForState(ExecutorState state)
{
    QTRY_COMPARE_WITH_TIMEOUT(m_window->controller()->state(), state, kTimeoutMs);
}

void TestRemoteWindow::stepBreakAndFailOnTheAgent()
{
    const auto before = Tests::snapshotTree(m_agentRouter->path());
    m_window->connectTo(agentProfile(), kPassword);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->currentRouterUrl(), m_agent->url(), kTimeoutMs);
    QVERIFY(!m_window->isConnecting());
    QCOMPARE(m_window->windowTitle(), u"ChuteDeck — %1"_s.arg(m_agent->url()));
    QVERIFY(m_window->routerModel()->rowOf(m_agent->url()) > 0);

    Ui::PlanModel *plan = m_window->planModel();
    m_window->openChute(kSamples + u"/two-services"_s);
    QTRY_VERIFY_WITH_TIMEOUT(plan->rowCount() > 30, kTimeoutMs);
    m_window->action(u"preview"_s)->trigger(); // asks the agent again
    QTRY_VERIFY_WITH_TIMEOUT(plan->rowCount() > 30, kTimeoutMs);
    const int planned = plan->rowCount();
    const int breakRow = rowOfCall(u"dockerapi.start_container(web)"_s);
    const int failRow = rowOfCall(u"dockerapi.start_container(cache)"_s);
    QVERIFY(breakRow > 3 && failRow > breakRow);
    selectRow(breakRow);
    press(Qt::Key_F9);
    QVERIFY(plan->index(breakRow, 0).data(Ui::PlanModel::BreakpointRole).toBool());

    // F10 submits the change paused and steps on the agent: step 1 runs, the run pauses before 2.
    for (int taken = 1; taken <= 3; ++taken) {
        press(Qt::Key_F10);
        QTRY_COMPARE_WITH_TIMEOUT(plan->currentRow(), taken, kTimeoutMs);
        waitForState(ExecutorState::Paused);
        QCOMPARE(plan->statusAt(taken - 1), Ui::PlanModel::Status::Done);
        QCOMPARE(plan->statusAt(taken), Ui::PlanModel::Status::Pending);
    }
    QCOMPARE(m_window->runStatus()->progressText(), u"step 3 of %1"_s.arg(planned));

    press(Qt::Key_F5); // to the breakpoint, which travelled with the submission
    QTRY_COMPARE_WITH_TIMEOUT(plan->currentRow(), breakRow, kTimeoutMs);
    waitForState(ExecutorState::Paused);

    // The failure is injected on the agent while the run is paused.
    selectRow(failRow);
    QVERIFY(m_window->action(u"makeStepFail"_s)->isEnabled());
    m_window->action(u"makeStepFail"_s)->trigger();
    press(Qt::Key_F5);
    waitForState(ExecutorState::RolledBack);

    QCOMPARE(plan->statusAt(failRow), Ui::PlanModel::Status::Failed);
    QCOMPARE(plan->statusAt(breakRow), Ui::PlanModel::Status::RolledBack);
    QVERIFY(plan->rollbackSectionRow() >= planned);
    const Ui::RollbackPanel *panel = m_window->rollbackPanel();
    QVERIFY(panel->isVisible());
    QCOMPARE(panel->outcome(), Ui::RollbackPanel::Outcome::Restored);
    QCOMPARE(panel->finishedUndoCount(), panel->undoCount());
    QVERIFY2(panel->bannerText().startsWith(u"Router restored"_s), qPrintable(panel->bannerText()));

    QCOMPARE(Tests::snapshotTree(m_agentRouter->path()), before);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->chuteModel()->rowCount() == 0, kTimeoutMs);
    QVERIFY(!m_window->action(u"run"_s)->isEnabled());
}

void TestRemoteWindow::wrongPasswordChangesNothing()
{
    const QString local = m_window->currentRouterUrl();
    m_window->connectTo(agentProfile(), "wrong password");
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isConnecting(), kTimeoutMs);
    QCOMPARE(m_window->currentRouterUrl(), local);
    const QList<QMessageBox *> boxes = m_window->findChildren<QMessageBox *>();
    QCOMPARE(boxes.size(), 1);
    QVERIFY2(boxes.first()->text().startsWith(
                 u"127.0.0.1:%1 POST /api/v1/auth/local: 401"_s.arg(m_agent->port())),
             qPrintable(boxes.first()->text()));
}

void TestRemoteWindow::keyringFailureAsksForThePassword()
{
    if (withKeyring())
        QSKIP("a keyring runs in this run");
    Ui::ConnectionProfile profile = agentProfile();
    profile.rememberPassword = true;
    QSettings settings;
    profile.save(settings);
    m_window->routerModel()->addRouter(profile.routerKey(), u"agent"_s);

    QString prompt;
    answerPasswordQuestion(m_window.get(), &prompt);
    m_window->switchTo(profile.routerKey());
    QTRY_COMPARE_WITH_TIMEOUT(m_window->currentRouterUrl(), m_agent->url(), kTimeoutMs);
    QVERIFY2(prompt.startsWith(u"The keyring did not give the saved password: "_s),
             qPrintable(prompt));
    QVERIFY2(prompt.endsWith(u"Password for admin @ %1:"_s.arg(profile.routerKey())),
             qPrintable(prompt));
}

// The Connect dialog's "remember" puts the password in the keyring; connecting again from the
// router list takes it from there without asking, and no settings file holds it.
void TestRemoteWindow::rememberedPasswordComesFromTheKeyring()
{
    if (!withKeyring())
        QSKIP("needs with-secret-service.sh (ctest runs tst_remotewindow_keyring)");
    const QString local = m_window->currentRouterUrl();
    Ui::ConnectionProfile profile = agentProfile();
    profile.rememberPassword = true;
    m_window->connectTo(profile, kPassword);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->currentRouterUrl(), m_agent->url(), kTimeoutMs);

    m_window->switchTo(u"sandbox:"_s + m_localRouter->path());
    QTRY_COMPARE_WITH_TIMEOUT(m_window->currentRouterUrl(), local, kTimeoutMs);
    QString prompt;
    answerPasswordQuestion(m_window.get(), &prompt);
    m_window->switchTo(profile.routerKey());
    QTRY_COMPARE_WITH_TIMEOUT(m_window->currentRouterUrl(), m_agent->url(), kTimeoutMs);
    QCOMPARE(prompt, QString()); // never asked
    QFile settings(QSettings().fileName());
    QVERIFY(settings.open(QIODevice::ReadOnly));
    QVERIFY(!settings.readAll().contains(kPassword));
}

void TestRemoteWindow::abortOnTheAgentRestoresTheTree()
{
    const auto before = Tests::snapshotTree(m_agentRouter->path());
    m_window->connectTo(agentProfile(), kPassword);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->currentRouterUrl(), m_agent->url(), kTimeoutMs);
    m_window->openChute(kSamples + u"/hello-web"_s);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->planModel()->rowCount() > 20, kTimeoutMs);
    for (int taken = 1; taken <= 2; ++taken) {
        press(Qt::Key_F10);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->planModel()->currentRow(), taken, kTimeoutMs);
        waitForState(ExecutorState::Paused);
    }
    press(Qt::Key_F5, Qt::ShiftModifier);
    waitForState(ExecutorState::RolledBack);
    QCOMPARE(m_window->rollbackPanel()->outcome(), Ui::RollbackPanel::Outcome::Restored);
    QCOMPARE(Tests::snapshotTree(m_agentRouter->path()), before);
}

void TestRemoteWindow::heldChangeOnTheAgent_data()
{
    QTest::addColumn<bool>("byHand");
    QTest::newRow("confirmed once a new connection works") << false;
    QTest::newRow("reverted by hand: identical tree") << true;
}

// A change to the agent's wireless configuration is held by the agent (confirm_timeout from the
// preferences' deadline): the window confirms it over a new connection, or leaves it to the
// countdown, whose Revert has the agent put the tree back.
void TestRemoteWindow::heldChangeOnTheAgent()
{
    QFETCH(const bool, byHand);
    Tests::setConfirmByHand(byHand);
    const auto before = Tests::snapshotTree(m_agentRouter->path());
    m_window->connectTo(agentProfile(), kPassword);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->currentRouterUrl(), m_agent->url(), kTimeoutMs);
    m_window->openChute(kSamples + u"/wifi-hotspot"_s);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->planModel()->rowCount() > 10, kTimeoutMs);
    press(Qt::Key_F5);
    waitForState(ExecutorState::Succeeded);
    const Ui::RunController *controller = m_window->controller();
    if (!byHand) {
        QTRY_COMPARE_WITH_TIMEOUT(controller->confirmation().outcome,
                                  Core::TransactionOutcome::Confirmed, kTimeoutMs);
        QVERIFY(!m_window->confirmationBar()->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(m_window->chuteModel()->rowOf(u"wifi-hotspot"_s) >= 0, kTimeoutMs);
        return;
    }
    QTRY_VERIFY_WITH_TIMEOUT(m_window->confirmationBar()->isVisible(), kTimeoutMs);
    QCOMPARE(controller->confirmation().outcome, Core::TransactionOutcome::Pending);
    QVERIFY(controller->confirmation().deadline > QDateTime::currentDateTimeUtc().addSecs(60));
    m_window->confirmationBar()->findChild<QPushButton *>(u"revert"_s)->click();
    QCOMPARE(controller->confirmation().outcome, Core::TransactionOutcome::Reverted);
    QVERIFY(!m_window->confirmationBar()->isVisible());
    QCOMPARE(Tests::snapshotTree(m_agentRouter->path()), before);
}

// The router list's context menu: Edit opens the Connect dialog filled with the saved profile,
// Forget removes the router and its profile.
void TestRemoteWindow::savedRouterIsEditedAndForgotten()
{
    m_window->connectTo(agentProfile(), kPassword);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->currentRouterUrl(), m_agent->url(), kTimeoutMs);
    m_window->switchTo(u"sandbox:"_s + m_localRouter->path());
    QTRY_VERIFY_WITH_TIMEOUT(m_window->currentRouterUrl().startsWith(u"sandbox:"_s), kTimeoutMs);

    const QString key = agentProfile().routerKey();
    const int row = m_window->routerModel()->rowOf(key);
    QVERIFY(row > 0);
    m_window->routerView()->setCurrentIndex(m_window->routerModel()->index(row, 0));
    m_window->action(u"editRouter"_s)->trigger();
    auto *dialog = m_window->findChild<Ui::ConnectDialog *>();
    QVERIFY(dialog);
    QCOMPARE(dialog->profile().url(), agentProfile().url());
    QCOMPARE(dialog->profile().user, u"admin"_s);
    dialog->reject();

    m_window->action(u"forgetRouter"_s)->trigger();
    QCOMPARE(m_window->routerModel()->rowOf(key), -1);
    QSettings settings;
    QCOMPARE(Ui::ConnectionProfile::load(settings, key)->user, QString()); // only the address
}

bool TestRemoteWindow::startTlsAgent()
{
    m_agent = std::make_unique<Tests::AgentProcess>(); // the other one stops first
    const QString files = m_home.filePath(u"agent"_s);
    return m_agent->start(kAgent, Tests::agentArguments(m_agentRouter->path(), m_users,
                                                        {u"--tls-cert"_s, files + u".pem"_s,
                                                         u"--tls-key"_s, files + u".key"_s}))
           && m_agent->url().startsWith(u"https://"_s);
}

QByteArray TestRemoteWindow::knownCerts() const
{
    QFile file(knownCertsFile());
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void TestRemoteWindow::connectAndWait()
{
    m_window->connectTo(agentProfile(), kPassword);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isConnecting(), kTimeoutMs);
}

void TestRemoteWindow::unknownCertificateDeclinedConnectsNothing()
{
    const QString local = m_window->currentRouterUrl();
    QVERIFY(startTlsAgent());
    QString question;
    Tests::answerQuestion(m_window.get(), u"certificateQuestion"_s, false, &question);
    connectAndWait();
    const QString agent = u"127.0.0.1:%1"_s.arg(m_agent->port());
    QCOMPARE(question, u"The agent %1 presents a certificate that is not known yet. Its SHA256 "
                       "fingerprint is\n\n%2\n\nCompare it with the agent's own. Pin the "
                       "certificate and connect?"_s.arg(agent, m_fingerprint));
    QCOMPARE(Tests::takeBoxText(kTimeoutMs),
             u"%1: the agent's certificate %2 was not accepted; not connected."_s.arg(
                 agent, m_fingerprint));
    QCOMPARE(m_window->currentRouterUrl(), local);
    QVERIFY(!QFile::exists(knownCertsFile()));
    // Nothing was sent before the certificate was accepted: the agent saw no login.
    QVERIFY2(!m_agent->standardError().contains("auth"), m_agent->standardError().constData());
}

void TestRemoteWindow::acceptedCertificateIsPinnedAndAChangeStepsThrough()
{
    QVERIFY(startTlsAgent());
    const auto before = Tests::snapshotTree(m_agentRouter->path());
    const QString local = m_window->currentRouterUrl();
    QString question;
    Tests::answerQuestion(m_window.get(), u"certificateQuestion"_s, true, &question);
    connectAndWait();
    QVERIFY2(question.contains(m_fingerprint), qPrintable(question));
    QCOMPARE(m_window->currentRouterUrl(), m_agent->url());
    QCOMPARE(knownCerts(), u"127.0.0.1:%1 %2\n"_s.arg(m_agent->port()).arg(m_fingerprint).toUtf8());

    // The next connection finds the pin and asks nothing.
    m_window->switchTo(u"sandbox:"_s + m_localRouter->path());
    QTRY_COMPARE_WITH_TIMEOUT(m_window->currentRouterUrl(), local, kTimeoutMs);
    connectAndWait();
    QCOMPARE(m_window->currentRouterUrl(), m_agent->url());
    QVERIFY(!Tests::visibleBox());

    // Preview, submission (its upload reported), control and stream all go over the pin.
    QStringList uploads;
    const QObject watch; // ends the connection with this function
    connect(m_window->statusBar(), &QStatusBar::messageChanged, &watch,
            [&uploads](const QString &message) {
                if (message.startsWith(u"Uploading "_s))
                    uploads.append(message);
            });
    m_window->openChute(kSamples + u"/hello-web"_s);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->planModel()->rowCount() > 20, kTimeoutMs);
    for (int taken = 1; taken <= 2; ++taken) {
        m_window->action(u"step"_s)->trigger(); // F10
        QTRY_COMPARE_WITH_TIMEOUT(m_window->planModel()->currentRow(), taken, kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->controller()->state(), ExecutorState::Paused,
                                  kTimeoutMs);
    }
    QVERIFY(!uploads.isEmpty());
    const qint64 tarKiB = (chuteTar(kSamples + u"/hello-web"_s).value().size() + 1023) / 1024;
    QCOMPARE(uploads.last(), u"Uploading hello-web: %1 of %1 KiB"_s.arg(tarKiB));
    m_window->action(u"abort"_s)->trigger(); // Shift+F5
    QTRY_COMPARE_WITH_TIMEOUT(m_window->controller()->state(), ExecutorState::RolledBack,
                              kTimeoutMs);
    QCOMPARE(m_window->rollbackPanel()->outcome(), Ui::RollbackPanel::Outcome::Restored);
    QCOMPARE(Tests::snapshotTree(m_agentRouter->path()), before);
}

void TestRemoteWindow::changedCertificateIsRefused()
{
    QVERIFY(startTlsAgent());
    const QString other = Tests::fingerprintOf(m_home.filePath(u"other.pem"_s));
    const QString agent = u"127.0.0.1:%1"_s.arg(m_agent->port());
    QFile file(knownCertsFile());
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write((agent + u' ' + other + u'\n').toUtf8());
    file.close();
    const QString local = m_window->currentRouterUrl();

    connectAndWait();
    QCOMPARE(Tests::takeBoxText(kTimeoutMs),
             u"%1: WARNING: the agent's certificate has CHANGED: it is %2, %3 has %4. Someone "
             "may be intercepting the connection, or the certificate was replaced. Refused; if "
             "the change is expected, remove the agent's line from %3."_s.arg(
                 agent, m_fingerprint, file.fileName(), other));
    QVERIFY(!Tests::visibleBox(u"certificateQuestion"_s));
    QCOMPARE(m_window->currentRouterUrl(), local);
    QCOMPARE(knownCerts(), (agent + u' ' + other + u'\n').toUtf8()); // unchanged
    QVERIFY2(!m_agent->standardError().contains("auth"), m_agent->standardError().constData());
}

QTEST_MAIN(TestRemoteWindow)
#include "tst_remotewindow.moc"
