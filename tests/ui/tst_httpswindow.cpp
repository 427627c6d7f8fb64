// The window on an https:// router: a real chutedeck-agent serves HTTPS with a certificate made
// by openssl. An unknown certificate is put to the user with its fingerprint (No connects to
// nothing and stores nothing; Yes pins it, and the next connection asks nothing), a change steps
// through on the pinned connection with its upload's progress in the status bar, and a
// certificate other than the pinned one is refused with both fingerprints.
#include "core/router/sandboxrouter.h"
#include "tests/integration/agenttestsupport.h"
#include "tests/support/treesnapshot.h"
#include "ui/models/connectionprofile.h"
#include "ui/models/planmodel.h"
#include "ui/models/runcontroller.h"
#include "ui/widgets/mainwindow.h"
#include "ui/widgets/planview.h"
#include "ui/widgets/rollbackpanel.h"
#include "ui/widgets/routerconnector.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QFile>
#include <QMessageBox>
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

QMessageBox *visibleBox(const QString &objectName = {})
{
    for (QWidget *widget : QApplication::topLevelWidgets()) {
        auto *box = qobject_cast<QMessageBox *>(widget);
        if (box && box->isVisible() && (objectName.isEmpty() || box->objectName() == objectName))
            return box;
    }
    return nullptr;
}

} // namespace

class TestHttpsWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void unknownCertificateDeclinedConnectsNothing();
    void acceptedCertificateIsPinnedAndAChangeStepsThrough();
    void changedCertificateIsRefused();

private:
    Ui::ConnectionProfile agentProfile() const;
    // Clicks Yes or No in the certificate question once it shows; its text goes to `text`.
    void answerCertificateQuestion(bool accept, QString *text);
    QString errorText();
    QByteArray knownCerts() const;
    void connectAndWait();

    QTemporaryDir m_home;
    QString m_users;
    QString m_fingerprint;
    std::unique_ptr<QTemporaryDir> m_agentRouter;
    std::unique_ptr<QTemporaryDir> m_localRouter;
    std::unique_ptr<Tests::AgentProcess> m_agent;
    std::unique_ptr<Ui::MainWindow> m_window;
};

void TestHttpsWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/chutedeck-no-bus");
    m_users = m_home.filePath(u"agent/users"_s);
    QVERIFY(Tests::addAgentUser(kAgent, m_users, u"admin"_s, kPassword));
    QVERIFY(Tests::makeCertificate(m_home.path(), u"agent"_s));
    QVERIFY(Tests::makeCertificate(m_home.path(), u"other"_s));
    m_fingerprint = Tests::fingerprintOf(m_home.filePath(u"agent.pem"_s));
    QVERIFY(m_fingerprint.startsWith(u"SHA256:"_s));
}

void TestHttpsWindow::init()
{
    QSettings().clear();
    QFile::remove(m_home.filePath(u"known_certs"_s));
    m_agentRouter = std::make_unique<QTemporaryDir>();
    m_localRouter = std::make_unique<QTemporaryDir>();
    QVERIFY(SandboxRouter::open(m_agentRouter->path()).ok());
    m_agent = std::make_unique<Tests::AgentProcess>();
    const QString files = m_home.filePath(u"agent"_s);
    QVERIFY(m_agent->start(kAgent, Tests::agentArguments(m_agentRouter->path(), m_users,
                                                         {u"--tls-cert"_s, files + u".pem"_s,
                                                          u"--tls-key"_s, files + u".key"_s})));
    QVERIFY(m_agent->url().startsWith(u"https://"_s));
    auto local = SandboxRouter::open(m_localRouter->path());
    QVERIFY(local.ok());
    m_window = std::make_unique<Ui::MainWindow>(std::move(local).value());
    m_window->connector()->setKnownCertsFile(m_home.filePath(u"known_certs"_s));
    m_window->show();
    QApplication::setActiveWindow(m_window.get());
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
}

void TestHttpsWindow::cleanup()
{
    if (QTest::currentTestFailed())
        qWarning().noquote() << "agent log:\n" << m_agent->standardError();
    m_window.reset();
    m_agent.reset(); // stopped by its PID
}

Ui::ConnectionProfile TestHttpsWindow::agentProfile() const
{
    Ui::ConnectionProfile profile;
    profile.kind = Ui::ConnectionProfile::Kind::Https;
    profile.host = u"127.0.0.1"_s;
    profile.port = m_agent->port();
    profile.user = u"admin"_s;
    return profile;
}

void TestHttpsWindow::answerCertificateQuestion(bool accept, QString *text)
{
    auto *timer = new QTimer(m_window.get());
    connect(timer, &QTimer::timeout, timer, [timer, accept, text] {
        QMessageBox *box = visibleBox(u"certificateQuestion"_s);
        if (!box)
            return;
        *text = box->text();
        timer->deleteLater();
        box->button(accept ? QMessageBox::Yes : QMessageBox::No)->click();
    });
    timer->start(20);
}

QString TestHttpsWindow::errorText()
{
    QMessageBox *box = nullptr;
    if (!QTest::qWaitFor([&box] { return (box = visibleBox()) != nullptr; }, kTimeoutMs))
        return {};
    const QString text = box->text();
    box->close();
    return text;
}

QByteArray TestHttpsWindow::knownCerts() const
{
    QFile file(m_home.filePath(u"known_certs"_s));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void TestHttpsWindow::connectAndWait()
{
    m_window->connectTo(agentProfile(), kPassword);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isConnecting(), kTimeoutMs);
}

void TestHttpsWindow::unknownCertificateDeclinedConnectsNothing()
{
    const QString local = m_window->currentRouterUrl();
    QString question;
    answerCertificateQuestion(false, &question);
    connectAndWait();
    const QString agent = u"127.0.0.1:%1"_s.arg(m_agent->port());
    QCOMPARE(question, u"The agent %1 presents a certificate that is not known yet. Its SHA256 "
                       "fingerprint is\n\n%2\n\nCompare it with the agent's own. Pin the "
                       "certificate and connect?"_s.arg(agent, m_fingerprint));
    QCOMPARE(errorText(), u"%1: the agent's certificate %2 was not accepted; not connected."_s.arg(
                              agent, m_fingerprint));
    QCOMPARE(m_window->currentRouterUrl(), local);
    QVERIFY(!QFile::exists(m_home.filePath(u"known_certs"_s)));
    // Nothing was sent before the certificate was accepted: the agent saw no login.
    QVERIFY2(!m_agent->standardError().contains("auth"), m_agent->standardError().constData());
}

void TestHttpsWindow::acceptedCertificateIsPinnedAndAChangeStepsThrough()
{
    const auto before = Tests::snapshotTree(m_agentRouter->path());
    const QString local = m_window->currentRouterUrl();
    QString question;
    answerCertificateQuestion(true, &question);
    connectAndWait();
    QVERIFY2(question.contains(m_fingerprint), qPrintable(question));
    QCOMPARE(m_window->currentRouterUrl(), m_agent->url());
    QCOMPARE(knownCerts(), u"127.0.0.1:%1 %2\n"_s.arg(m_agent->port()).arg(m_fingerprint).toUtf8());

    // The next connection finds the pin and asks nothing.
    m_window->switchTo(u"sandbox:"_s + m_localRouter->path());
    QTRY_COMPARE_WITH_TIMEOUT(m_window->currentRouterUrl(), local, kTimeoutMs);
    connectAndWait();
    QCOMPARE(m_window->currentRouterUrl(), m_agent->url());
    QVERIFY(!visibleBox());

    // Preview, submission (its upload reported), control and stream all go over the pin.
    QStringList uploads;
    connect(m_window->statusBar(), &QStatusBar::messageChanged, this,
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
    QVERIFY2(uploads.last().startsWith(u"Uploading hello-web: "_s), qPrintable(uploads.last()));
    QVERIFY2(uploads.last().endsWith(u" KiB"_s), qPrintable(uploads.last()));
    m_window->action(u"abort"_s)->trigger(); // Shift+F5
    QTRY_COMPARE_WITH_TIMEOUT(m_window->controller()->state(), ExecutorState::RolledBack,
                              kTimeoutMs);
    QCOMPARE(m_window->rollbackPanel()->outcome(), Ui::RollbackPanel::Outcome::Restored);
    QCOMPARE(Tests::snapshotTree(m_agentRouter->path()), before);
}

void TestHttpsWindow::changedCertificateIsRefused()
{
    const QString other = Tests::fingerprintOf(m_home.filePath(u"other.pem"_s));
    const QString agent = u"127.0.0.1:%1"_s.arg(m_agent->port());
    QFile file(m_home.filePath(u"known_certs"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write((agent + u' ' + other + u'\n').toUtf8());
    file.close();
    const QString local = m_window->currentRouterUrl();

    connectAndWait();
    QCOMPARE(errorText(),
             u"%1: WARNING: the agent's certificate has CHANGED: it is %2, %3 has %4. Someone "
             "may be intercepting the connection, or the certificate was replaced. Refused; if "
             "the change is expected, remove the agent's line from %3."_s.arg(
                 agent, m_fingerprint, file.fileName(), other));
    QVERIFY(!visibleBox(u"certificateQuestion"_s));
    QCOMPARE(m_window->currentRouterUrl(), local);
    QCOMPARE(knownCerts(), (agent + u' ' + other + u'\n').toUtf8()); // unchanged
}

QTEST_MAIN(TestHttpsWindow)
#include "tst_httpswindow.moc"
