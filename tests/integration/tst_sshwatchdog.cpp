// The SSH watchdog's script on its own (core/remote/ssh/sshwatchdog.h), under each shell routers
// have: the replay of a manifest that a real RouterTransaction recorded on a sandbox router must
// leave the tree exactly as before, like RouterTransaction::restore().
#include "core/remote/ssh/sshwatchdog.h"
#include "core/router/routerstate.h"
#include "core/router/sandboxrouter.h"
#include "core/router/transaction.h"
#include "core/router/transactions.h"
#include "tests/support/treesnapshot.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace ChuteDeck::Core;
using namespace ChuteDeck::Tests;
using namespace Qt::StringLiterals;

namespace {

const QString kId = u"20261125-190000-000-1"_s;
const QStringList kUndo{u"docker"_s, u"rm"_s, u"-f"_s, u"it's \"q\" \\ x"_s};

// A seeded sandbox and a transaction that changed it in every way a manifest records.
struct RecordedChange
{
    QTemporaryDir folder;
    std::unique_ptr<SandboxRouter> router = SandboxRouter::open(folder.path()).value();
    QMap<QString, QString> before = snapshotTree(folder.path());
    std::unique_ptr<RouterTransaction> transaction;

    RecordedChange()
    {
        transaction = RouterTransaction::begin(*router, kId).value();
        RouterTransaction &change = *transaction;
        QVERIFY(change.writeFile(RouterPaths::uciNetwork, "changed\n"));
        QVERIFY(change.writeFile(u"etc/new folder/it's a file"_s, "new\n"));
        QVERIFY(change.remove(RouterPaths::uciDhcp));
        QVERIFY(change.rename(RouterPaths::uciFirewall, u"etc/firewall moved"_s));
        QVERIFY(change.recordTemporary(u"tmp/archive.tar"_s));
        QVERIFY(router->writeFile(u"tmp/archive.tar"_s, "tar"));
        QVERIFY(change.runWithUndo({u"docker"_s, u"run"_s}, kUndo));
        // Only a commit runs it: the replay passes over it.
        QVERIFY(change.runAtCommit({u"docker"_s, u"image"_s, u"rm"_s, u"--"_s, u"web:1"_s}));
        QVERIFY(snapshotTree(folder.path()) != before);
    }

    QString root() const { return folder.path(); }
    QString transactionFolder() const { return folder.filePath(RouterTransaction::folderOf(kId)); }

    void writeSeconds(const QString &file, qint64 fromNow) const
    {
        QFile out(transactionFolder() + u'/' + file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(QByteArray::number(QDateTime::currentSecsSinceEpoch() + fromNow) + '\n');
    }

    // What the account of reverted transactions says of this one.
    QList<RevertedTransaction::Reason> revertedReasons() const
    {
        QList<RevertedTransaction::Reason> reasons;
        const auto reverted
            = revertedTransactions(*router, QDateTime::currentDateTimeUtc().addDays(-1));
        for (const RevertedTransaction &each : reverted.value()) {
            if (each.id == kId)
                reasons.append(each.reason);
        }
        return reasons;
    }

    QByteArrayList lastCommands(qsizetype count) const
    {
        QFile log(folder.filePath(RouterPaths::commandLog));
        if (!log.open(QIODevice::ReadOnly))
            return {};
        const QByteArrayList lines = log.readAll().trimmed().split('\n');
        return lines.mid(std::max<qsizetype>(0, lines.size() - count));
    }
};

// The script as the router runs it (sh watchdog ROOT ID), from a file of its own.
class Watchdog
{
public:
    Watchdog(const QStringList &shell, const QString &root)
    {
        QFile file(m_scripts.filePath(u"watchdog"_s));
        if (!file.open(QIODevice::WriteOnly) || file.write(SshWatchdog::script()) < 0)
            qFatal("cannot write the watchdog script");
        file.close();
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_timer.start();
        m_process.start(shell.constFirst(), shell.mid(1) + QStringList{file.fileName(), root, kId});
    }
    ~Watchdog()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished();
        }
    }
    Q_DISABLE_COPY_MOVE(Watchdog)

    // The exit code, or -1 when it is still running after `timeoutMs`.
    int wait(int timeoutMs = 15000)
    {
        if (!m_process.waitForFinished(timeoutMs))
            return -1;
        m_ms = m_timer.elapsed();
        return m_process.exitCode();
    }
    qint64 ms() const { return m_ms; }
    QByteArray output() { return m_process.readAll(); }

private:
    QTemporaryDir m_scripts;
    QProcess m_process;
    QElapsedTimer m_timer;
    qint64 m_ms = 0;
};

} // namespace

class TestSshWatchdog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void replaysWhenTheLeaseRunsOut_data();
    void replaysWhenTheLeaseRunsOut();
    void ignoresAnUnfinishedLastRecord_data();
    void ignoresAnUnfinishedLastRecord();
    void waitsForTheConfirmationDeadline_data();
    void waitsForTheConfirmationDeadline();
    void exitsWhenTheTransactionEnds_data();
    void exitsWhenTheTransactionEnds();
    void keepsRecordsItCannotUndo_data();
    void keepsRecordsItCannotUndo();
    void startsDetached_data();
    void startsDetached();

private:
    static void addShells();
};

void TestSshWatchdog::addShells()
{
    QTest::addColumn<QStringList>("shell");
    QTest::newRow("dash") << QStringList{u"dash"_s};
    QTest::newRow("busybox sh") << QStringList{u"busybox"_s, u"sh"_s};
}

void TestSshWatchdog::replaysWhenTheLeaseRunsOut_data()
{
    addShells();
}

void TestSshWatchdog::replaysWhenTheLeaseRunsOut()
{
    QFETCH(const QStringList, shell);
    if (QStandardPaths::findExecutable(shell.constFirst()).isEmpty())
        QSKIP("this shell is not installed: scripts/lib/packages.txt lists it");
    RecordedChange change;
    change.writeSeconds(u"lease"_s, -1);
    Watchdog watchdog(shell, change.root());
    QCOMPARE(watchdog.wait(), 0);
    const QByteArray output = watchdog.output();
    QVERIFY2(output.contains(QByteArray("watchdog " + kId.toUtf8() + ": restored")), output);
    QCOMPARE(snapshotTree(change.root()), change.before);
    QVERIFY(!QFileInfo::exists(change.transactionFolder()));
    QVERIFY(!QFileInfo::exists(change.folder.filePath(RouterTransaction::lockFolder())));
    QCOMPARE(change.revertedReasons(), QList{RevertedTransaction::Reason::SessionLost});
    // Under a root other than / the undo command is recorded as SandboxRouter::run() records it;
    // the network file put back, the network is reloaded last (as restoreAndReload() does).
    QCOMPARE(change.lastCommands(2),
             QByteArrayList(
                 {"[\"docker\",\"rm\",\"-f\",\"it's \\\"q\\\" \\\\ x\"]", "[\"reload_config\"]"}));
}

void TestSshWatchdog::ignoresAnUnfinishedLastRecord_data()
{
    addShells();
}

// An append cut short by a crash leaves a last line without its newline (and here an open quote,
// which `eval` would choke on): its change never happened, and the replay skips it.
void TestSshWatchdog::ignoresAnUnfinishedLastRecord()
{
    QFETCH(const QStringList, shell);
    if (QStandardPaths::findExecutable(shell.constFirst()).isEmpty())
        QSKIP("this shell is not installed: scripts/lib/packages.txt lists it");
    RecordedChange change;
    QFile manifest(change.transactionFolder() + u"/manifest"_s);
    QVERIFY(manifest.open(QIODevice::Append));
    QVERIFY(manifest.write("backup 'etc/config/sys") > 0);
    manifest.close();
    change.writeSeconds(u"lease"_s, -1);
    Watchdog watchdog(shell, change.root());
    QCOMPARE(watchdog.wait(), 0);
    QVERIFY2(watchdog.output().contains(": restored"), watchdog.output());
    QCOMPARE(snapshotTree(change.root()), change.before);
}

void TestSshWatchdog::waitsForTheConfirmationDeadline_data()
{
    addShells();
}

// After a successful run only confirm-by counts: an old lease does not revert it early.
void TestSshWatchdog::waitsForTheConfirmationDeadline()
{
    QFETCH(const QStringList, shell);
    if (QStandardPaths::findExecutable(shell.constFirst()).isEmpty())
        QSKIP("this shell is not installed: scripts/lib/packages.txt lists it");
    RecordedChange change;
    change.writeSeconds(u"lease"_s, -100);
    QVERIFY(change.transaction->awaitConfirmation(QDateTime::currentDateTimeUtc().addSecs(2)));
    Watchdog watchdog(shell, change.root());
    QCOMPARE(watchdog.wait(), 0);
    QVERIFY2(watchdog.ms() >= 1000, QByteArray::number(watchdog.ms()));
    QCOMPARE(snapshotTree(change.root()), change.before);
    QVERIFY(!QFileInfo::exists(change.transactionFolder()));
    QCOMPARE(change.revertedReasons(), QList{RevertedTransaction::Reason::Deadline});
}

void TestSshWatchdog::exitsWhenTheTransactionEnds_data()
{
    addShells();
}

void TestSshWatchdog::exitsWhenTheTransactionEnds()
{
    QFETCH(const QStringList, shell);
    if (QStandardPaths::findExecutable(shell.constFirst()).isEmpty())
        QSKIP("this shell is not installed: scripts/lib/packages.txt lists it");
    RecordedChange change;
    change.writeSeconds(u"lease"_s, 100);
    QMap<QString, QString> changed = snapshotTree(change.root());
    QCOMPARE(changed.remove(u"tmp/archive.tar"_s), 1); // the commit removes the temporary file
    Watchdog watchdog(shell, change.root());
    QCOMPARE(watchdog.wait(1200), -1); // the lease holds
    QVERIFY(change.transaction->commit());
    QCOMPARE(watchdog.wait(), 0);
    QVERIFY(!QFileInfo::exists(change.transactionFolder()));
    QCOMPARE(snapshotTree(change.root()), changed);
}

void TestSshWatchdog::keepsRecordsItCannotUndo_data()
{
    addShells();
}

// A backup that vanished fails its record; the others are undone, and the failed one stays in
// the manifest with the folder and the lock, for a later revert.
void TestSshWatchdog::keepsRecordsItCannotUndo()
{
    QFETCH(const QStringList, shell);
    if (QStandardPaths::findExecutable(shell.constFirst()).isEmpty())
        QSKIP("this shell is not installed: scripts/lib/packages.txt lists it");
    RecordedChange change;
    change.writeSeconds(u"lease"_s, -1);
    QVERIFY(QFile::remove(change.transactionFolder() + u"/backup/1"_s)); // etc/config/network's
    Watchdog watchdog(shell, change.root());
    QCOMPARE(watchdog.wait(), 1);
    const QByteArray output = watchdog.output();
    QVERIFY2(output.contains(QByteArray("etc/config/network: its backup "
                                        + RouterTransaction::folderOf(kId).toUtf8()
                                        + "/backup/1 is missing")),
             output);
    QFile manifest(change.transactionFolder() + u"/manifest"_s);
    QVERIFY(manifest.open(QIODevice::ReadOnly));
    QCOMPARE(manifest.readAll(), "backup 'etc/config/network' '"
                                     + RouterTransaction::folderOf(kId).toUtf8()
                                     + "/backup/1' -\n");
    QVERIFY(QFileInfo::exists(change.folder.filePath(RouterTransaction::lockFolder())));
    QVERIFY(!QFileInfo::exists(change.folder.filePath(u"etc/new folder"_s)));
}

void TestSshWatchdog::startsDetached_data()
{
    QTest::addColumn<bool>("withSetsid");
    QTest::newRow("setsid") << true;
    QTest::newRow("no setsid: a subshell that ignores SIGHUP") << false;
}

// The launch returns at once and leaves nothing on its streams (so an SSH channel can close);
// the watchdog goes on alone and restores the tree when the lease runs out.
void TestSshWatchdog::startsDetached()
{
    QFETCH(const bool, withSetsid);
    RecordedChange change;
    change.writeSeconds(u"lease"_s, 2);
    QFile script(change.transactionFolder() + u"/watchdog"_s);
    QVERIFY(script.open(QIODevice::WriteOnly));
    QVERIFY(script.write(SshWatchdog::script()) > 0);
    script.close();
    // Without setsid: only the tools the script needs, as on a BusyBox router built without it.
    QTemporaryDir tools;
    for (const QString &tool : {u"date"_s, u"sleep"_s, u"sed"_s, u"rm"_s, u"mv"_s, u"mkdir"_s})
        QVERIFY(QFile::link(QStandardPaths::findExecutable(tool), tools.filePath(tool)));
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    if (!withSetsid)
        environment.insert(u"PATH"_s, tools.path());
    const QString log = change.folder.filePath(RouterPaths::chuteDeckState + u"/watchdog.log"_s);
    QProcess launcher;
    launcher.setProcessEnvironment(environment);
    QElapsedTimer timer;
    timer.start();
    launcher.start(u"dash"_s, {u"-c"_s, QString::fromUtf8(SshWatchdog::launchCommand(
                                            script.fileName().toUtf8(), change.root().toUtf8(), kId,
                                            log.toUtf8()))});
    QVERIFY(launcher.waitForFinished(5000));
    QVERIFY2(timer.elapsed() < 1000, QByteArray::number(timer.elapsed()));
    QCOMPARE(launcher.exitCode(), 0);
    QCOMPARE(launcher.readAllStandardOutput() + launcher.readAllStandardError(), QByteArray());
    QVERIFY(QFileInfo::exists(change.transactionFolder())); // the lease still holds
    QTRY_VERIFY_WITH_TIMEOUT(!QFileInfo::exists(change.transactionFolder()), 8000);
    QCOMPARE(snapshotTree(change.root()), change.before);
    const auto logged = [&log] {
        QFile written(log);
        return written.open(QIODevice::ReadOnly) ? written.readAll() : QByteArray();
    };
    QTRY_VERIFY(logged().contains(QByteArray(kId.toUtf8() + ": restored")));
}

QTEST_GUILESS_MAIN(TestSshWatchdog)
#include "tst_sshwatchdog.moc"
