// The window on SSH routers, against a real sshd on loopback (tests/support/sshdfixture.h): the
// connection is made on a worker thread while the window stays responsive; an unknown host key is
// put to the user with its SHA256 fingerprint (no → not connected, yes → known_hosts gains it);
// a changed key and a wrong password are refused with a clear error, and nothing else changes;
// then a change runs on the SSH router as on the sandbox.
#include "core/remote/openrouter.h"
#include "core/router/sandboxrouter.h"
#include "tests/support/sshdfixture.h"
#include "tests/support/treesnapshot.h"
#include "tests/ui/messageboxes.h"
#include "tests/ui/windowdriver.h"
#include "ui/models/chutemodel.h"
#include "ui/models/connectionprofile.h"
#include "ui/models/planmodel.h"
#include "ui/models/runcontroller.h"
#include "ui/widgets/confirmationbar.h"
#include "ui/widgets/mainwindow.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <pwd.h>

using namespace ChuteDeck;
using namespace ChuteDeck::Core;
using namespace Qt::StringLiterals;

namespace {

constexpr int kTimeoutMs = 30000;
const QString kSamples = QStringLiteral(CHUTEDECK_SAMPLE_CHUTES);

bool accountExists(const char *name)
{
    return getpwnam(name) != nullptr;
}

using Tests::visibleBox;

} // namespace

class TestSshWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void unknownHostKeyIsAskedThenTheRouterRuns();
    void changedHostKeyIsRefused();
    void networkChangeIsGuardedAndConfirmed_data();
    void networkChangeIsGuardedAndConfirmed();
    void wrongPasswordChangesNothing();
    void changeRevertedWhileAwayIsAccountedFor();
    void largeUploadShowsProgress();

private:
    Ui::ConnectionProfile profile(const QString &user = u"root"_s) const;
    void openWindow();
    // Answers the host key question once it shows; returns its text through `text`.
    void answerHostKeyQuestion(bool accept, QString *text);
    QString errorText();

    std::unique_ptr<Tests::SshdFixture> m_sshd;
    std::unique_ptr<QTemporaryDir> m_remoteRoot;
    std::unique_ptr<QTemporaryDir> m_localRouter;
    std::unique_ptr<Ui::MainWindow> m_window;
    QString m_sshFolder; // the client's SSH folder for the next connection
};

void TestSshWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestSshWindow::init()
{
    QSettings().clear(); // no preferences or routers from the test before
    m_sshd = std::make_unique<Tests::SshdFixture>();
    if (!m_sshd->problem().isEmpty())
        QSKIP(qPrintable(u"no test sshd: "_s + m_sshd->problem()));
    m_sshFolder = m_sshd->clientFolder();
    m_remoteRoot = std::make_unique<QTemporaryDir>();
    // A router's layout (devices, UCI files, host configuration), as on the sandbox.
    QVERIFY(SandboxRouter::open(m_remoteRoot->path()).ok());
    m_localRouter = std::make_unique<QTemporaryDir>();
    openWindow();
}

void TestSshWindow::openWindow()
{
    m_window.reset();
    // The sshd's own client folder and known hosts; the window's key file, password and questions.
    auto opener = [this](const QString &url, const SshOptions &fromWindow) {
        SshOptions options = fromWindow;
        options.sshFolder = m_sshFolder;
        options.knownHostsFile = m_sshd->knownHostsFile();
        return openRouter(url, options);
    };
    auto local = openRouter(u"sandbox:"_s + m_localRouter->path());
    QVERIFY(local.ok());
    m_window = std::make_unique<Ui::MainWindow>(std::move(local).value(), opener);
    m_window->show();
}

void TestSshWindow::cleanup()
{
    if (QTest::currentTestFailed() && m_sshd)
        qWarning().noquote() << "sshd log:\n" << m_sshd->log();
    m_window.reset();
    m_sshd.reset(); // stopped by its PID
}

Ui::ConnectionProfile TestSshWindow::profile(const QString &user) const
{
    Ui::ConnectionProfile profile;
    profile.host = u"127.0.0.1"_s;
    profile.port = m_sshd->port();
    profile.user = user;
    profile.rootPath = m_remoteRoot->path();
    profile.auth = Ui::ConnectionProfile::SshAuth::KeyFile;
    profile.keyFile = m_sshd->clientKey();
    return profile;
}

void TestSshWindow::answerHostKeyQuestion(bool accept, QString *text)
{
    Tests::answerQuestion(m_window.get(), u"hostKeyQuestion"_s, accept, text);
}

QString TestSshWindow::errorText()
{
    return Tests::takeBoxText(kTimeoutMs);
}

void TestSshWindow::unknownHostKeyIsAskedThenTheRouterRuns()
{
    const QString local = m_window->currentRouterUrl();
    QString question;
    answerHostKeyQuestion(false, &question);
    m_window->connectTo(profile(), {});
    QVERIFY(m_window->isConnecting()); // the GUI thread is free meanwhile
    QVERIFY(m_window->statusBar()->currentMessage().startsWith(u"Connecting to ssh://127.0.0.1"_s));
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isConnecting(), kTimeoutMs);
    QVERIFY2(question.contains(m_sshd->hostKeyFingerprint()), qPrintable(question));
    QVERIFY2(errorText().contains(u"the router's host key is unknown"_s), "no refusal shown");
    QCOMPARE(m_window->currentRouterUrl(), local);

    answerHostKeyQuestion(true, &question);
    m_window->connectTo(profile(), {});
    QTRY_VERIFY_WITH_TIMEOUT(m_window->currentRouterUrl().startsWith(u"ssh://"_s), kTimeoutMs);
    QFile knownHosts(m_sshd->knownHostsFile());
    QVERIFY(knownHosts.open(QIODevice::ReadOnly));
    QVERIFY(knownHosts.readAll().contains("127.0.0.1"));

    // A change on the SSH router: planned, run to the end, the chute list follows.
    m_window->openChute(kSamples + u"/hello-web"_s);
    QVERIFY(m_window->planModel()->rowCount() > 20);
    m_window->run();
    QTRY_VERIFY_WITH_TIMEOUT(isFinal(m_window->controller()->state()), kTimeoutMs);
    QVERIFY2(m_window->controller()->state() == ExecutorState::Succeeded,
             qPrintable(m_window->controller()->report().failureMessage()));
    QVERIFY(m_window->chuteModel()->rowOf(u"hello-web"_s) >= 0);
    QVERIFY(QFile::exists(m_remoteRoot->filePath(u"var/lib/paradrop/chutes.yaml"_s)));
}

void TestSshWindow::networkChangeIsGuardedAndConfirmed_data()
{
    QTest::addColumn<bool>("byHand");
    QTest::newRow("confirmed once a new connection works") << false;
    QTest::newRow("reverted by hand: identical tree") << true;
}

// A change to the router's wireless configuration from the window: the router's watchdog guards
// it (its script and lease in the transaction folder), and it waits for confirmation, which the
// window gives once a second SSH connection works, or which the user gives or refuses.
void TestSshWindow::networkChangeIsGuardedAndConfirmed()
{
    QFETCH(const bool, byHand);
    Tests::setConfirmByHand(byHand);
    const auto before = Tests::snapshotTree(m_remoteRoot->path());
    QString question;
    answerHostKeyQuestion(true, &question);
    m_window->connectTo(profile(), {});
    QTRY_VERIFY_WITH_TIMEOUT(m_window->currentRouterUrl().startsWith(u"ssh://"_s), kTimeoutMs);
    m_window->openChute(kSamples + u"/wifi-hotspot"_s);
    m_window->run();
    QTRY_VERIFY_WITH_TIMEOUT(isFinal(m_window->controller()->state()), kTimeoutMs);
    QCOMPARE(m_window->controller()->state(), ExecutorState::Succeeded);
    const Ui::RunController *controller = m_window->controller();
    if (!byHand) {
        QTRY_COMPARE_WITH_TIMEOUT(controller->confirmation().outcome,
                                  Core::TransactionOutcome::Confirmed, kTimeoutMs);
        QVERIFY(!m_window->confirmationBar()->isVisible());
        QVERIFY(m_window->chuteModel()->rowOf(u"wifi-hotspot"_s) >= 0);
        return;
    }
    QTRY_VERIFY_WITH_TIMEOUT(m_window->confirmationBar()->isVisible(), kTimeoutMs);
    const QDir transactions(m_remoteRoot->filePath(u"var/lib/chutedeck/txn"_s));
    const QStringList pending = transactions.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    QCOMPARE(pending.size(), 1);
    for (const QString &file : {u"watchdog"_s, u"lease"_s, u"confirm-by"_s})
        QVERIFY2(QFile::exists(transactions.filePath(pending.first() + u'/' + file)),
                 qPrintable(file));
    m_window->confirmationBar()->findChild<QPushButton *>(u"revert"_s)->click();
    QCOMPARE(controller->confirmation().outcome, Core::TransactionOutcome::Reverted);
    QTRY_COMPARE_WITH_TIMEOUT(Tests::snapshotTree(m_remoteRoot->path()), before, kTimeoutMs);
}

// The window goes away while its change awaits confirmation: the router's watchdog reverts it at
// the deadline, and the next window to connect says what was reverted and why, once.
void TestSshWindow::changeRevertedWhileAwayIsAccountedFor()
{
    Tests::setConfirmByHand(true);
    const auto before = Tests::snapshotTree(m_remoteRoot->path());
    QString question;
    answerHostKeyQuestion(true, &question);
    m_window->setConfirmTimeout(std::chrono::seconds(6)); // the window is gone before its revert
    m_window->connectTo(profile(), {});
    QTRY_VERIFY_WITH_TIMEOUT(m_window->currentRouterUrl().startsWith(u"ssh://"_s), kTimeoutMs);
    m_window->openChute(kSamples + u"/wifi-hotspot"_s);
    m_window->run();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->confirmationBar()->isVisible(), kTimeoutMs);
    m_window.reset(); // the desktop went away
    const QDir transactions(m_remoteRoot->filePath(u"var/lib/chutedeck/txn"_s));
    QTRY_VERIFY_WITH_TIMEOUT(transactions.isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot), 15000);
    QCOMPARE(Tests::snapshotTree(m_remoteRoot->path()), before);

    for (const bool first : {true, false}) {
        openWindow();
        QString account;
        Tests::answerBox(m_window.get(), u"revertedTransactions"_s, QMessageBox::Ok, &account);
        m_window->connectTo(profile(), {});
        QTRY_VERIFY_WITH_TIMEOUT(m_window->currentRouterUrl().startsWith(u"ssh://"_s), kTimeoutMs);
        QCoreApplication::processEvents();
        if (first)
            QTRY_VERIFY2_WITH_TIMEOUT(account.contains(u"no confirmation came by its deadline"_s),
                                      qPrintable(account), kTimeoutMs);
        else
            QVERIFY2(account.isEmpty(), qPrintable(account)); // said once
    }
}

// A chute with a 2 MiB file: its upload to the SSH router goes in chunks, and the status bar
// follows them to the end.
void TestSshWindow::largeUploadShowsProgress()
{
    QTemporaryDir chutes;
    const QString chute = chutes.filePath(u"hello-web"_s);
    QVERIFY(QDir().mkpath(chute));
    for (const QString &file : QDir(kSamples + u"/hello-web"_s).entryList(QDir::Files))
        QVERIFY(QFile::copy(kSamples + u"/hello-web/"_s + file, chute + u'/' + file));
    QFile big(chute + u"/big.bin"_s);
    QVERIFY(big.open(QIODevice::WriteOnly));
    QVERIFY(big.write(QByteArray(2 * 1024 * 1024, 'x')) > 0);
    big.close();

    QString question;
    answerHostKeyQuestion(true, &question);
    m_window->connectTo(profile(), {});
    QTRY_VERIFY_WITH_TIMEOUT(m_window->currentRouterUrl().startsWith(u"ssh://"_s), kTimeoutMs);
    QStringList shown;
    connect(m_window->statusBar(), &QStatusBar::messageChanged, m_window.get(),
            [&shown](const QString &message) {
                if (message.startsWith(u"Uploading"_s))
                    shown.append(message);
            });
    m_window->openChute(chute);
    m_window->run();
    QTRY_VERIFY_WITH_TIMEOUT(isFinal(m_window->controller()->state()), kTimeoutMs);
    QCOMPARE(m_window->controller()->state(), ExecutorState::Succeeded);
    QTRY_VERIFY_WITH_TIMEOUT(
        !shown.isEmpty() && shown.last() == u"Uploading hello-web: 2048 of 2048 KiB"_s, kTimeoutMs);
    QVERIFY2(shown.size() > 2, qPrintable(shown.join(u" | "_s)));
}

void TestSshWindow::changedHostKeyIsRefused()
{
    m_sshd->trustHostKey();
    m_sshd->changeHostKey();
    QVERIFY2(m_sshd->problem().isEmpty(), qPrintable(m_sshd->problem()));
    const QString local = m_window->currentRouterUrl();
    m_window->connectTo(profile(), {});
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isConnecting(), kTimeoutMs);
    const QString error = errorText();
    QVERIFY2(error.contains(u"WARNING: the router's host key has CHANGED"_s), qPrintable(error));
    QVERIFY(!visibleBox(u"hostKeyQuestion"_s));
    QCOMPARE(m_window->currentRouterUrl(), local);
}

void TestSshWindow::wrongPasswordChangesNothing()
{
    if (!accountExists(Tests::kPasswordTestUser))
        QSKIP("the account chutedeck-test does not exist; scripts/test creates it");
    m_sshd->trustHostKey();
    QTemporaryDir noKeys;
    m_sshFolder = noKeys.path();
    Ui::ConnectionProfile login = profile(QString::fromLatin1(Tests::kPasswordTestUser));
    login.auth = Ui::ConnectionProfile::SshAuth::Password;
    const QString local = m_window->currentRouterUrl();
    m_window->connectTo(login, "wrong");
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isConnecting(), kTimeoutMs);
    const QString error = errorText();
    QVERIFY2(error.contains(u"login refused"_s), qPrintable(error));
    QCOMPARE(m_window->currentRouterUrl(), local);
}

QTEST_MAIN(TestSshWindow)
#include "tst_sshwindow.moc"
