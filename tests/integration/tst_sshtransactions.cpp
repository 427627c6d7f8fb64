// Confirm-or-revert from the command line (issue 7): on a sandbox router, and over SSH against a
// real sshd (tests/support/sshdfixture.h), where the router's own watchdog reverts a change whose
// CLI was killed, or that nobody confirmed in time. Leases and deadlines are a few seconds.
#include "core/plan/workerthread.h"
#include "core/remote/ssh/sshrouter.h"
#include "core/remote/ssh/sshwatchdog.h"
#include "core/router/routerstate.h"
#include "core/router/sandboxrouter.h"
#include "core/router/transaction.h"
#include "tests/support/sshdfixture.h"
#include "tests/support/treesnapshot.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <signal.h>

using namespace ChuteDeck::Core;
using namespace ChuteDeck::Tests;
using namespace Qt::StringLiterals;

namespace {

const QString kSamples = QStringLiteral(CHUTEDECK_SAMPLE_CHUTES);
constexpr int kLeaseSeconds = 2;

struct CliResult
{
    int exitCode = -1;
    QJsonDocument json;
    QString errorText;
    QJsonObject object() const { return json.object(); }
};

QProcessEnvironment cliEnvironment()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"CHUTEDECK_SSH_LEASE_SECONDS"_s, QString::number(kLeaseSeconds));
    environment.remove(u"SSH_AUTH_SOCK"_s);
    return environment;
}

CliResult runCli(const QStringList &arguments)
{
    QProcess cli;
    cli.setProcessEnvironment(cliEnvironment());
    cli.start(QStringLiteral(CHUTEDECK_CLI), arguments);
    cli.closeWriteChannel();
    if (!cli.waitForFinished(60000)) {
        cli.kill();
        cli.waitForFinished();
        return {};
    }
    return {cli.exitCode(), QJsonDocument::fromJson(cli.readAllStandardOutput()),
            QString::fromUtf8(cli.readAllStandardError())};
}

// wifi-hotspot: a change of networking (etc/config/network and wireless), so it awaits
// confirmation, and a plan long enough to be stopped half way.
QStringList createHotspot()
{
    return {u"apply"_s, u"--type"_s, u"create"_s, u"--chute"_s, kSamples + u"/wifi-hotspot"_s,
            u"--json"_s};
}

// The processes below `parent`, found by their parent PID in /proc.
QList<qint64> descendantsOf(qint64 parent)
{
    QList<qint64> found;
    const QStringList entries = QDir(u"/proc"_s).entryList(QDir::Dirs);
    for (const QString &entry : entries) {
        bool isPid = false;
        const qint64 pid = entry.toLongLong(&isPid);
        QFile stat(u"/proc/%1/stat"_s.arg(entry));
        if (!isPid || !stat.open(QIODevice::ReadOnly))
            continue;
        // "pid (comm) state ppid ...": comm may hold spaces, so read after its ')'.
        const QByteArray text = stat.readAll();
        const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
        if (fields.size() > 1 && fields.at(1).toLongLong() == parent)
            found += QList<qint64>{pid} + descendantsOf(pid);
    }
    return found;
}

// A CLI apply over SSH, paused at a breakpoint half way through wifi-hotspot's plan.
class PausedApply
{
public:
    explicit PausedApply(const QStringList &router)
    {
        m_cli.setProcessEnvironment(cliEnvironment());
        m_cli.start(QStringLiteral(CHUTEDECK_CLI),
                    createHotspot() + router
                        + QStringList{u"--break-at"_s, u"network.setOSNetworkConfig"_s});
    }
    ~PausedApply()
    {
        if (m_cli.state() != QProcess::NotRunning) {
            m_cli.kill();
            m_cli.waitForFinished();
        }
    }
    Q_DISABLE_COPY_MOVE(PausedApply)

    // Whether it paused (its prompt on stderr) within 20 s.
    bool waitUntilPaused()
    {
        QByteArray progress;
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 20000 && m_cli.state() != QProcess::NotRunning) {
            m_cli.waitForReadyRead(100);
            progress += m_cli.readAllStandardError();
            if (progress.contains("Paused before"))
                return true;
        }
        return false;
    }
    QProcess &process() { return m_cli; }

private:
    QProcess m_cli;
};

// A router folder, reached as sandbox:ROOT or over SSH as ssh://root@127.0.0.1:PORT/ROOT.
class RouterUnderTest
{
public:
    explicit RouterUnderTest(const SshdFixture *sshd)
        : m_sshd(sshd)
    {
        (void)SandboxRouter::open(m_folder.path()).value(); // seeds it
        m_before = tree();
    }

    QStringList router() const
    {
        if (m_sshd == nullptr)
            return {u"--router"_s, u"sandbox:"_s + m_folder.path()};
        return {u"--router"_s,       m_sshd->url(m_folder.path()), u"--identity"_s,
                m_sshd->clientKey(), u"--known-hosts"_s,           m_sshd->knownHostsFile()};
    }

    CliResult cli(const QString &command, const QStringList &arguments = {}) const
    {
        return runCli(QStringList{command} + router() + arguments);
    }
    CliResult apply(const QStringList &arguments = {}) const
    {
        return runCli(createHotspot() + router() + arguments);
    }

    QMap<QString, QString> tree() const { return snapshotTree(m_folder.path()); }
    const QMap<QString, QString> &before() const { return m_before; }
    bool exists(const QString &path) const { return QFileInfo::exists(m_folder.filePath(path)); }
    bool hasTransactions() const
    {
        return !QDir(m_folder.filePath(RouterPaths::chuteDeckState + u"/txn"_s))
                    .entryList(QDir::Dirs | QDir::NoDotAndDotDot)
                    .isEmpty();
    }
    bool locked() const { return exists(RouterTransaction::lockFolder()); }
    QString root() const { return m_folder.path(); }

private:
    QTemporaryDir m_folder;
    const SshdFixture *m_sshd;
    QMap<QString, QString> m_before;
};

} // namespace

class TestSshTransactions final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void manualConfirmThenConfirm_data();
    void manualConfirmThenConfirm();
    void unconfirmedChangeIsReverted_data();
    void unconfirmedChangeIsReverted();
    void appliesConfirmThemselves_data();
    void appliesConfirmThemselves();
    void confirmNeedsOnePendingTransaction();
    void killedCliIsRevertedByTheWatchdog();
    void droppedLinkEndsInConnectionLost();
    void leaseIsRenewedWhileARunKeepsTheThreadBusy();

private:
    static void addRouterKinds();
    std::unique_ptr<RouterUnderTest> makeRouter(bool overSsh) const;

    std::unique_ptr<SshdFixture> m_sshd;
};

void TestSshTransactions::initTestCase()
{
    m_sshd = std::make_unique<SshdFixture>();
    if (m_sshd->problem().isEmpty())
        m_sshd->trustHostKey();
}

void TestSshTransactions::addRouterKinds()
{
    QTest::addColumn<bool>("overSsh");
    QTest::newRow("sandbox") << false;
    QTest::newRow("ssh") << true;
}

std::unique_ptr<RouterUnderTest> TestSshTransactions::makeRouter(bool overSsh) const
{
    if (overSsh && !m_sshd->problem().isEmpty())
        return nullptr;
    return std::make_unique<RouterUnderTest>(overSsh ? m_sshd.get() : nullptr);
}

void TestSshTransactions::manualConfirmThenConfirm_data()
{
    addRouterKinds();
}

// --manual-confirm leaves the change pending; a second apply is refused; confirm keeps it, does
// the deferred removals (the transaction folder goes) and frees the router.
void TestSshTransactions::manualConfirmThenConfirm()
{
    QFETCH(const bool, overSsh);
    const std::unique_ptr<RouterUnderTest> router = makeRouter(overSsh);
    if (!router)
        QSKIP(qPrintable(m_sshd->problem()));
    const CliResult applied
        = router->apply({u"--manual-confirm"_s, u"--confirm-timeout"_s, u"60"_s});
    QCOMPARE(applied.exitCode, 0);
    QCOMPARE(applied.object()[u"result"_s].toString(), u"succeeded"_s);
    const QJsonObject transaction = applied.object()[u"transaction"_s].toObject();
    const QString id = transaction[u"id"_s].toString();
    QCOMPARE(transaction[u"state"_s].toString(), u"pending"_s);
    const QDateTime deadline
        = QDateTime::fromString(transaction[u"deadline"_s].toString(), Qt::ISODate);
    QVERIFY(deadline.isValid());
    QCOMPARE(deadline.timeSpec(), Qt::UTC);
    QVERIFY(qAbs(QDateTime::currentDateTimeUtc().secsTo(deadline) - 60) <= 5);
    const QMap<QString, QString> changed = router->tree();
    QVERIFY(changed != router->before());

    const CliResult listed = router->cli(u"transactions"_s, {u"--json"_s});
    QCOMPARE(listed.exitCode, 0);
    QCOMPARE(listed.json.array(),
             (QJsonArray{QJsonObject{{u"id"_s, id},
                                     {u"state"_s, u"awaiting-confirmation"_s},
                                     {u"deadline"_s, deadline.toString(Qt::ISODate)}}}));

    const CliResult second = router->cli(u"apply"_s, {u"--type"_s, u"create"_s, u"--chute"_s,
                                                      kSamples + u"/hello-web"_s, u"--json"_s});
    QCOMPARE(second.exitCode, 4);
    QCOMPARE(second.object()[u"result"_s].toString(), u"busy"_s);
    QCOMPARE(
        second.object()[u"message"_s].toString(),
        u"the router is busy: transaction %1 is pending (confirm or revert it first)"_s.arg(id));

    const CliResult confirmed = router->cli(u"confirm"_s, {u"--json"_s});
    QCOMPARE(confirmed.errorText, QString());
    QCOMPARE(confirmed.exitCode, 0);
    QCOMPARE(confirmed.object()[u"result"_s].toString(), u"confirmed"_s);
    QCOMPARE(confirmed.object()[u"transaction"_s].toObject()[u"id"_s].toString(), id);
    QVERIFY(!router->hasTransactions());
    QVERIFY(!router->locked());
    QCOMPARE(router->tree(), changed);
    QCOMPARE(router->cli(u"transactions"_s, {u"--json"_s}).json.array(), QJsonArray());
}

void TestSshTransactions::unconfirmedChangeIsReverted_data()
{
    addRouterKinds();
}

// Nobody confirms: over SSH the watchdog reverts at the deadline; on the sandbox the next CLI
// call that opens it does, and says so.
void TestSshTransactions::unconfirmedChangeIsReverted()
{
    QFETCH(const bool, overSsh);
    const std::unique_ptr<RouterUnderTest> router = makeRouter(overSsh);
    if (!router)
        QSKIP(qPrintable(m_sshd->problem()));
    const CliResult applied
        = router->apply({u"--manual-confirm"_s, u"--confirm-timeout"_s, u"2"_s});
    QCOMPARE(applied.exitCode, 0);
    const QString id = applied.object()[u"transaction"_s].toObject()[u"id"_s].toString();
    QVERIFY(router->tree() != router->before());
    if (overSsh) {
        QTRY_VERIFY_WITH_TIMEOUT(!router->hasTransactions(), 8000);
    } else {
        QTest::qWait(2500);
        const CliResult listed = router->cli(u"transactions"_s, {u"--json"_s});
        QCOMPARE(listed.json.array(), QJsonArray());
        QCOMPARE(listed.errorText,
                 u"chutedeck-cli: reverted transaction %1 on %2: it was not confirmed before its "
                 "deadline\n"_s.arg(id, router->router().at(1)));
    }
    QCOMPARE(router->tree(), router->before());
    QTRY_VERIFY(!router->locked()); // the watchdog removes the folder, then the lock
}

void TestSshTransactions::appliesConfirmThemselves_data()
{
    addRouterKinds();
}

// Without --manual-confirm the CLI reconnects and confirms (one more SSH login).
void TestSshTransactions::appliesConfirmThemselves()
{
    QFETCH(const bool, overSsh);
    const std::unique_ptr<RouterUnderTest> router = makeRouter(overSsh);
    if (!router)
        QSKIP(qPrintable(m_sshd->problem()));
    const int logins = overSsh ? m_sshd->acceptedLogins() : 0;
    const CliResult applied = router->apply();
    QCOMPARE(applied.errorText, QString());
    QCOMPARE(applied.exitCode, 0);
    const QJsonObject transaction = applied.object()[u"transaction"_s].toObject();
    QCOMPARE(transaction[u"state"_s].toString(), u"confirmed"_s);
    QVERIFY(transaction[u"deadline"_s].isNull());
    QVERIFY(!router->hasTransactions());
    QVERIFY(!router->locked());
    if (overSsh)
        QTRY_COMPARE(m_sshd->acceptedLogins(), logins + 2);
}

void TestSshTransactions::confirmNeedsOnePendingTransaction()
{
    const RouterUnderTest router(nullptr);
    const CliResult none = router.cli(u"confirm"_s, {u"--json"_s});
    QCOMPARE(none.exitCode, 1);
    QCOMPARE(none.object()[u"message"_s].toString(),
             u"no pending transaction on "_s + router.router().at(1));
    const CliResult unknown = router.cli(u"revert"_s, {u"--id"_s, u"nope"_s});
    QCOMPARE(unknown.exitCode, 1);
    QCOMPARE(unknown.errorText,
             u"chutedeck-cli: no pending transaction nope on "_s + router.router().at(1) + u'\n');
}

// The CLI dies (SIGKILL) paused half way through a run: nobody renews the lease, and the router's
// watchdog puts every byte back within it.
void TestSshTransactions::killedCliIsRevertedByTheWatchdog()
{
    if (!m_sshd->problem().isEmpty())
        QSKIP(qPrintable(m_sshd->problem()));
    const RouterUnderTest router(m_sshd.get());
    PausedApply apply(router.router());
    QVERIFY(apply.waitUntilPaused());
    QVERIFY(router.hasTransactions());
    QVERIFY(router.tree() != router.before());
    apply.process().kill(); // SIGKILL, to this PID only
    QVERIFY(apply.process().waitForFinished());
    QTRY_VERIFY_WITH_TIMEOUT(!router.hasTransactions(), (kLeaseSeconds + 4) * 1000);
    QCOMPARE(router.tree(), router.before());
    QTRY_VERIFY(!router.locked());
}

// The link drops while the run is paused: the CLI's next step fails, it reports the lost
// connection and when the router reverts, and the watchdog does so once the lease runs out.
void TestSshTransactions::droppedLinkEndsInConnectionLost()
{
    if (!m_sshd->problem().isEmpty())
        QSKIP(qPrintable(m_sshd->problem()));
    const RouterUnderTest router(m_sshd.get());
    PausedApply apply(router.router());
    QVERIFY(apply.waitUntilPaused());
    const QList<qint64> connections = descendantsOf(m_sshd->serverPid());
    QVERIFY(!connections.isEmpty());
    for (const qint64 pid : connections)
        ::kill(pid_t(pid), SIGKILL); // the sshd processes of this test's own connection
    apply.process().write("c\n");
    apply.process().closeWriteChannel();
    QVERIFY(apply.process().waitForFinished(30000));
    QCOMPARE(apply.process().exitCode(), 1);
    const QJsonObject result
        = QJsonDocument::fromJson(apply.process().readAllStandardOutput()).object();
    QCOMPARE(result[u"result"_s].toString(), u"connection-lost"_s);
    const QString message = result[u"message"_s].toString();
    const qsizetype by = message.indexOf(u"; the router reverts by "_s);
    QVERIFY2(by > 0, qPrintable(message));
    const QDateTime revertsBy = QDateTime::fromString(message.mid(by + 24), Qt::ISODate);
    QVERIFY2(revertsBy.isValid(), qPrintable(message));
    QVERIFY(qAbs(QDateTime::currentDateTimeUtc().secsTo(revertsBy)) <= kLeaseSeconds + 3);
    QTRY_VERIFY_WITH_TIMEOUT(!router.hasTransactions(), (kLeaseSeconds + 4) * 1000);
    QCOMPARE(router.tree(), router.before());
    QTRY_VERIFY(!router.locked());
}

// The executor runs step after step without returning to the I/O thread's event loop: the lease
// is renewed before the commands themselves, so a run longer than the lease is not reverted.
void TestSshTransactions::leaseIsRenewedWhileARunKeepsTheThreadBusy()
{
    if (!m_sshd->problem().isEmpty())
        QSKIP(qPrintable(m_sshd->problem()));
    const RouterUnderTest router(m_sshd.get());
    const std::unique_ptr<SshRouter> ssh
        = SshRouter::open(SshAddress::parse(m_sshd->url(router.root())).value(),
                          m_sshd->sshOptions())
              .value();
    const std::unique_ptr<RouterTransaction> transaction
        = RouterTransaction::begin(*ssh, u"long-run"_s).value();
    std::unique_ptr<SshWatchdog> watchdog
        = SshWatchdog::start(*ssh, transaction->id(), std::chrono::seconds(1)).value();
    QVERIFY(transaction->writeFile(RouterPaths::uciNetwork, "changed\n"));
    QMetaObject::invokeMethod(
        ssh->ioThread().context(),
        [&ssh] {
            QElapsedTimer busy;
            busy.start();
            while (busy.elapsed() < 3500)
                (void)ssh->exists(u"etc"_s);
        },
        Qt::BlockingQueuedConnection);
    QVERIFY(router.hasTransactions());
    QCOMPARE(router.tree().value(RouterPaths::uciNetwork).endsWith(u"changed\n"_s), true);
    QVERIFY(transaction->commit());
    watchdog.reset();
    QVERIFY(!router.locked());
}

QTEST_GUILESS_MAIN(TestSshTransactions)
#include "tst_sshtransactions.moc"
