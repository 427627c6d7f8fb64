#include "core/router/routerstate.h"
#include "core/router/sandboxrouter.h"
#include "core/router/transaction.h"
#include "core/router/transactions.h"
#include "tests/support/treesnapshot.h"

#include <QFile>
#include <QHash>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>

using namespace ChuteDeck::Core;
using namespace ChuteDeck::Tests;
using namespace Qt::StringLiterals;

namespace {

using Tree = QMap<QString, QString>;

template<typename T>
QString failureOf(const Result<T> &result)
{
    return result.ok() ? QString() : result.error().message;
}

// Carries out one operation line of a _data row on `router`:
//   write PATH MODE TEXT | copy FROM TO | rename FROM TO | remove PATH | mkdir PATH MODE
// and returns why it failed ("" when it did not).
QString applyOperation(Router &router, const QString &operation)
{
    const QStringList words = operation.split(u' ');
    const auto word = [&](qsizetype index) { return words.value(index); };
    const auto mode = [&](qsizetype index) { return word(index).toInt(nullptr, 8); };
    const QHash<QString, std::function<QString()>> operations{
        {u"write"_s,
         [&] {
             const QByteArray text = words.mid(3).join(u' ').toUtf8();
             return failureOf(router.writeFile(word(1), text, mode(2)));
         }},
        {u"copy"_s, [&] { return failureOf(router.copy(word(1), word(2))); }},
        {u"rename"_s, [&] { return failureOf(router.rename(word(1), word(2))); }},
        {u"remove"_s, [&] { return failureOf(router.remove(word(1))); }},
        {u"mkdir"_s, [&] { return failureOf(router.makeFolders(word(1), mode(2))); }},
    };
    const auto found = operations.constFind(word(0));
    return found == operations.cend() ? u"unknown operation: "_s + operation : found.value()();
}

QString applyOperations(Router &router, const QStringList &operations)
{
    for (const QString &operation : operations) {
        if (QString failure = applyOperation(router, operation); !failure.isEmpty())
            return operation + u": "_s + failure;
    }
    return {};
}

std::unique_ptr<SandboxRouter> openSandbox(const QString &root)
{
    Result<std::unique_ptr<SandboxRouter>> opened = SandboxRouter::open(root);
    return opened ? std::move(opened).value() : nullptr;
}

} // namespace

class TestTransaction final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void restorePutsTheTreeBack_data();
    void restorePutsTheTreeBack();
    void commitKeepsTheChanges_data();
    void commitKeepsTheChanges();
    void manifestRecordsFirstChangesOnly();
    void manifestLinesEvaluateInAShell();
    void restoreRunsTheUndoCommands();
    void commitCommandsRunOnlyAtCommit_data();
    void commitCommandsRunOnlyAtCommit();
    void removalIsDeferred_data();
    void removalIsDeferred();
    void temporaryFilesGo_data();
    void temporaryFilesGo();
    void restoreGoesOnPastAFailingRecord();
    void failedRemovalLeavesNoRecord();
    void finishedTransactionRefusesChanges();
    void beginRefusesUnsafeOrPendingIds_data();
    void beginRefusesUnsafeOrPendingIds();
    void foldersHoldingTheRecordsAreRefused_data();
    void foldersHoldingTheRecordsAreRefused();
    void lockRefusesASecondTransaction();
    void staleLockIsTakenOver_data();
    void staleLockIsTakenOver();
    void openedTransactionRestoresAfterACrash_data();
    void openedTransactionRestoresAfterACrash();
    void openNamesAMalformedManifestLine();
    void openIgnoresAnUnfinishedLastRecord();
    void needsConfirmationForNetworkingAndHostConfig_data();
    void needsConfirmationForNetworkingAndHostConfig();
    void awaitingTransactionIsListedConfirmedOrReverted();
    void expiredTransactionsAreReverted();
    void onlyAnAwaitingTransactionCanBeConfirmed();
    void revertReloadsAChangedNetwork();
    void revertedAccountSkipsWhatIsNotARecord();

private:
    static void operationRows();
    RouterTransaction &begin(const QString &id = u"t1"_s);
    QString hostPath(const QString &relative) const { return m_router->root() + u'/' + relative; }
    Tree tree() const { return snapshotTree(m_router->root()); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SandboxRouter> m_router;
    std::unique_ptr<RouterTransaction> m_transaction;
};

void TestTransaction::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestTransaction::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_router = openSandbox(m_dir->path());
    QVERIFY(m_router);
}

void TestTransaction::cleanup()
{
    m_transaction.reset();
    m_router.reset();
    m_dir.reset();
}

RouterTransaction &TestTransaction::begin(const QString &id)
{
    Result<std::unique_ptr<RouterTransaction>> begun = RouterTransaction::begin(*m_router, id);
    if (!begun)
        qFatal("cannot begin transaction %s: %s", qPrintable(id),
               qPrintable(begun.error().message));
    m_transaction = std::move(begun).value();
    return *m_transaction;
}

void TestTransaction::operationRows()
{
    QTest::addColumn<QStringList>("operations");

    QTest::newRow("write a new file in new nested folders")
        << QStringList{u"write etc/chutes/web/conf/site.cfg 0600 hello"_s};
    QTest::newRow("overwrite a file with another mode")
        << QStringList{u"write etc/config/network 0600 changed"_s};
    QTest::newRow("copy a folder over an existing one")
        << QStringList{u"write sys/class/net/eth1/extra 0640 more"_s,
                       u"copy sys/class/net/eth1 sys/class/net/eth0"_s};
    QTest::newRow("copy a file to a new nested path")
        << QStringList{u"copy etc/haproxy.cfg var/lib/paradrop/data/web/haproxy.cfg"_s};
    QTest::newRow("rename a file over an existing one")
        << QStringList{u"rename etc/config/dhcp etc/config/firewall"_s};
    QTest::newRow("rename a folder to a new place")
        << QStringList{u"rename sys/class/ieee80211/phy1 sys/class/old/phy1"_s};
    QTest::newRow("remove an existing file") << QStringList{u"remove etc/haproxy.cfg"_s};
    QTest::newRow("remove a non-empty folder") << QStringList{u"remove sys/class/net/wlan0"_s};
    QTest::newRow("remove a missing path") << QStringList{u"remove etc/nothing/here"_s};
    QTest::newRow("make nested folders")
        << QStringList{u"mkdir var/lib/paradrop/data/web/cache 0700"_s};
    QTest::newRow("write then remove the same new file")
        << QStringList{u"write etc/new.cfg 0644 x"_s, u"remove etc/new.cfg"_s};
    QTest::newRow("remove then recreate the same path")
        << QStringList{u"remove etc/config/wireless"_s, u"write etc/config/wireless 0600 new"_s};
    QTest::newRow("write twice to the same file") << QStringList{
        u"write etc/config/network 0644 one"_s, u"write etc/config/network 0600 two"_s};
    QTest::newRow("change a file, then remove its folder") << QStringList{
        u"write sys/class/net/eth0/operstate 0644 down"_s, u"remove sys/class/net/eth0"_s};
    QTest::newRow("remove a folder, then write into its place")
        << QStringList{u"remove sys/class/net/eth1"_s,
                       u"write sys/class/net/eth1/address 0644 02:cd:00:00:00:99"_s};
    QTest::newRow("write into folders made in the transaction")
        << QStringList{u"mkdir etc/chutes/web 0700"_s, u"write etc/chutes/web/a 0644 a"_s,
                       u"remove etc/chutes/web/a"_s, u"rename etc/haproxy.cfg etc/chutes/b"_s};
    QTest::newRow("change ChuteDeck's own records") << QStringList{
        u"write var/lib/chutedeck/journal/1 0644 entry"_s,
        u"remove var/lib/chutedeck/commands.log"_s, u"mkdir var/lib/chutedeck/cache 0700"_s};
}

void TestTransaction::restorePutsTheTreeBack_data()
{
    operationRows();
}

void TestTransaction::restorePutsTheTreeBack()
{
    QFETCH(const QStringList, operations);
    const Tree before = tree();
    RouterTransaction &transaction = begin();
    const QString failure = applyOperations(transaction, operations);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));

    const Result<void> restored = transaction.restore();
    QVERIFY2(restored.ok(), qPrintable(failureOf(restored)));
    QCOMPARE(tree(), before);
    QVERIFY(!QFile::exists(hostPath(transaction.folder())));
}

void TestTransaction::commitKeepsTheChanges_data()
{
    operationRows();
}

// The expected tree is what the same operations do to a second sandbox without a transaction.
void TestTransaction::commitKeepsTheChanges()
{
    QFETCH(const QStringList, operations);
    QTemporaryDir referenceDir;
    const std::unique_ptr<SandboxRouter> reference = openSandbox(referenceDir.path());
    QVERIFY(reference);
    QCOMPARE(snapshotTree(reference->root()), tree());
    const QString referenceFailure = applyOperations(*reference, operations);
    QVERIFY2(referenceFailure.isEmpty(), qPrintable(referenceFailure));

    RouterTransaction &transaction = begin();
    const QString failure = applyOperations(transaction, operations);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    const Result<void> committed = transaction.commit();
    QVERIFY2(committed.ok(), qPrintable(failureOf(committed)));
    QCOMPARE(tree(), snapshotTree(reference->root()));
    QVERIFY(!QFile::exists(hostPath(transaction.folder())));
}

void TestTransaction::manifestRecordsFirstChangesOnly()
{
    RouterTransaction &transaction = begin(u"t1"_s);
    QCOMPARE(m_router->readFile(u"var/lib/chutedeck/txn/t1/manifest"_s).value(), QByteArray());
    const QString failure = applyOperations(
        transaction, {u"write etc/config/network 0644 x"_s, u"write etc/config/network 0644 y"_s,
                      u"write etc/new/deep/file 0644 z"_s, u"mkdir etc/new/other 0755"_s,
                      u"remove etc/haproxy.cfg"_s, u"remove etc/missing"_s,
                      u"write var/lib/chutedeck/journal/1 0644 entry"_s,
                      u"rename etc/config/dhcp etc/moved/dhcp"_s});
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QVERIFY(transaction.runWithUndo({u"docker"_s, u"run"_s, u"--name"_s, u"web"_s},
                                    {u"docker"_s, u"rm"_s, u"-f"_s, u"web"_s}));
    QVERIFY(transaction.recordTemporary(u"var/tmp/chutedeck/web.tar"_s));

    const QByteArray expected
        = "backup 'etc/config/network' 'var/lib/chutedeck/txn/t1/backup/1' -\n"
          "created 'etc/new'\n"
          "backup 'etc/haproxy.cfg' 'var/lib/chutedeck/txn/t1/removed/2' -\n"
          "defer-rm 'etc/haproxy.cfg'\n"
          "backup 'etc/config/dhcp' 'var/lib/chutedeck/txn/t1/backup/3' -\n"
          "created 'etc/moved'\n"
          "undo-cmd 'docker' 'rm' '-f' 'web'\n"
          "created 'var/tmp'\n"
          "tmp 'var/tmp/chutedeck/web.tar'\n";
    QCOMPARE(m_router->readFile(transaction.folder() + u"/manifest"_s).value(), expected);
}

// Each line is a shell command: with a function per keyword, sourcing the manifest gives back the
// exact paths, and nothing in them is expanded or run.
void TestTransaction::manifestLinesEvaluateInAShell()
{
    const QString existing = u"etc/it's $(touch pwned) `touch pwned`"_s;
    const QString created = u"etc/new a'b\"c $HOME dir"_s;
    QVERIFY(m_router->writeFile(existing, "old"));
    RouterTransaction &transaction = begin();
    QVERIFY(transaction.writeFile(existing, "new"));
    QVERIFY(transaction.writeFile(created + u"/file"_s, "new"));

    QProcess shell;
    shell.setWorkingDirectory(m_router->root());
    shell.start(u"/bin/sh"_s, {u"-c"_s,
                               u"backup() { printf '%s|%s|%s\\n' \"$1\" \"$2\" \"$3\"; }; "
                               "created() { printf '%s\\n' \"$1\"; }; . \"$0\""_s,
                               hostPath(transaction.folder() + u"/manifest"_s)});
    QVERIFY(shell.waitForFinished());
    QCOMPARE(shell.readAllStandardError(), QByteArray());
    const QString expected
        = existing + u'|' + transaction.folder() + u"/backup/1|-\n"_s + created + u'\n';
    QCOMPARE(QString::fromUtf8(shell.readAllStandardOutput()), expected);
    QVERIFY(!QFile::exists(hostPath(u"pwned"_s)));
}

void TestTransaction::restoreRunsTheUndoCommands()
{
    const Result<QByteArray> logged = m_router->readFile(RouterPaths::commandLog);
    const QByteArray logBefore = logged ? logged.value() : QByteArray();
    RouterTransaction &transaction = begin();
    QVERIFY(transaction.run({u"docker"_s, u"pull"_s, u"nginx"_s}));
    QVERIFY(transaction.runWithUndo({u"docker"_s, u"run"_s, u"--name"_s, u"web"_s},
                                    {u"docker"_s, u"rm"_s, u"-f"_s, u"web"_s}));
    QVERIFY(transaction.runWithUndo({u"docker"_s, u"network"_s, u"create"_s, u"br"_s},
                                    {u"docker"_s, u"network"_s, u"rm"_s, u"br"_s}));
    QVERIFY(transaction.restore());

    const QByteArray expected = logBefore
                                + "[\"docker\",\"pull\",\"nginx\"]\n"
                                  "[\"docker\",\"run\",\"--name\",\"web\"]\n"
                                  "[\"docker\",\"network\",\"create\",\"br\"]\n"
                                  "[\"docker\",\"network\",\"rm\",\"br\"]\n"
                                  "[\"docker\",\"rm\",\"-f\",\"web\"]\n";
    QCOMPARE(m_router->readFile(RouterPaths::commandLog).value(), expected);
}

void TestTransaction::commitCommandsRunOnlyAtCommit_data()
{
    QTest::addColumn<bool>("commit");
    QTest::newRow("restore drops it") << false;
    QTest::newRow("commit runs it") << true;
}

// A docker image removal waits for the commit; read back from the manifest (a crash, another
// process), it still does.
void TestTransaction::commitCommandsRunOnlyAtCommit()
{
    QFETCH(const bool, commit);
    const auto commandLog = [this] {
        const Result<QByteArray> logged = m_router->readFile(RouterPaths::commandLog);
        return logged ? logged.value() : QByteArray();
    };
    const QByteArray logBefore = commandLog();
    RouterTransaction &transaction = begin(u"t1"_s);
    QVERIFY(transaction.runAtCommit({u"docker"_s, u"image"_s, u"rm"_s, u"--"_s, u"it's:1"_s}));
    QCOMPARE(m_router->readFile(transaction.folder() + u"/manifest"_s).value(),
             "commit-cmd 'docker' 'image' 'rm' '--' 'it'\\''s:1'\n"_ba);
    QCOMPARE(transaction.runAtCommit({}).error().message, u"cannot record an empty command"_s);
    QCOMPARE(commandLog(), logBefore);

    Result<std::unique_ptr<RouterTransaction>> reopened
        = RouterTransaction::open(*m_router, u"t1"_s);
    QVERIFY(reopened);
    QVERIFY(commit ? reopened.value()->commit() : reopened.value()->restore());
    QCOMPARE(commandLog(),
             commit ? logBefore + "[\"docker\",\"image\",\"rm\",\"--\",\"it's:1\"]\n" : logBefore);
}

void TestTransaction::removalIsDeferred_data()
{
    QTest::addColumn<bool>("commit");
    QTest::newRow("restore puts it back") << false;
    QTest::newRow("commit destroys it") << true;
}

void TestTransaction::removalIsDeferred()
{
    QFETCH(const bool, commit);
    const QString removed = u"sys/class/net/eth1"_s;
    Tree expected = tree();
    RouterTransaction &transaction = begin();
    QVERIFY(transaction.remove(removed));
    QVERIFY(!m_router->exists(removed).value());
    QVERIFY(m_router->exists(transaction.folder() + u"/removed/1/address"_s).value());
    const Tree during = tree();

    QVERIFY(commit ? transaction.commit() : transaction.restore());
    if (commit)
        expected = during;
    QCOMPARE(tree(), expected);
    QVERIFY(!QFile::exists(hostPath(transaction.folder())));
}

void TestTransaction::temporaryFilesGo_data()
{
    removalIsDeferred_data();
}

void TestTransaction::temporaryFilesGo()
{
    QFETCH(const bool, commit);
    const QString temporary = u"var/tmp/chutedeck/web.tar"_s;
    const Tree before = tree();
    RouterTransaction &transaction = begin();
    QVERIFY(transaction.recordTemporary(temporary));
    QVERIFY(transaction.writeFile(temporary, "archive"));
    QVERIFY(!transaction.recordTemporary(u"etc/haproxy.cfg"_s)); // it exists

    QVERIFY(commit ? transaction.commit() : transaction.restore());
    QVERIFY(!m_router->exists(temporary).value());
    if (!commit)
        QCOMPARE(tree(), before);
}

void TestTransaction::restoreGoesOnPastAFailingRecord()
{
    const Tree before = tree();
    RouterTransaction &transaction = begin();
    const QString failure = applyOperations(
        transaction, {u"write etc/config/network 0644 changed"_s,
                      u"write etc/config/wireless 0644 changed"_s, u"write etc/new/file 0644 x"_s});
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    const QString lostCopy = transaction.folder() + u"/backup/1"_s;
    QVERIFY(m_router->remove(lostCopy)); // behind the transaction's back

    const Result<void> restored = transaction.restore();
    QVERIFY(!restored);
    QCOMPARE(restored.error().code, ErrorCode::RouterIo);
    QVERIFY2(restored.error().message.contains(u"etc/config/network: its backup "_s + lostCopy),
             qPrintable(restored.error().message));
    Tree expected = before;
    expected[u"etc/config/network"_s] = u"file 644 changed"_s;
    QCOMPARE(tree(), expected);
    // Only the failed record stays pending, for a later retry or replay.
    QCOMPARE(m_router->readFile(transaction.folder() + u"/manifest"_s).value(),
             "backup 'etc/config/network' '" + lostCopy.toUtf8() + "' -\n");
    QVERIFY(!transaction.restore());
}

void TestTransaction::failedRemovalLeavesNoRecord()
{
    const Tree before = tree();
    RouterTransaction &transaction = begin();
    // A file where the removals go: the move into the transaction folder fails.
    QVERIFY(m_router->writeFile(transaction.folder() + u"/removed"_s, "in the way"));
    QVERIFY(!transaction.remove(u"etc/haproxy.cfg"_s));
    QCOMPARE(m_router->readFile(transaction.folder() + u"/manifest"_s).value(), QByteArray());
    QVERIFY(transaction.restore());
    QCOMPARE(tree(), before);
}

void TestTransaction::finishedTransactionRefusesChanges()
{
    RouterTransaction &transaction = begin();
    QVERIFY(transaction.commit());
    QVERIFY(!transaction.commit());
    QVERIFY(!transaction.restore());
    QVERIFY(!transaction.writeFile(u"etc/x"_s, "x"));
    QVERIFY(!transaction.remove(u"etc/haproxy.cfg"_s));
    QVERIFY(!m_router->exists(transaction.folder()).value());
    QVERIFY(m_router->exists(u"etc/haproxy.cfg"_s).value());
}

void TestTransaction::beginRefusesUnsafeOrPendingIds_data()
{
    QTest::addColumn<QString>("id");
    QTest::newRow("empty") << QString();
    QTest::newRow("parent") << u".."_s;
    QTest::newRow("slash") << u"a/b"_s;
    QTest::newRow("space") << u"a b"_s;
    QTest::newRow("quote") << u"a'b"_s;
    QTest::newRow("pending") << u"t1"_s;
}

void TestTransaction::beginRefusesUnsafeOrPendingIds()
{
    QFETCH(const QString, id);
    begin(u"t1"_s);
    const Result<std::unique_ptr<RouterTransaction>> begun
        = RouterTransaction::begin(*m_router, id);
    QVERIFY(!begun);
    QCOMPARE(begun.error().code, ErrorCode::RouterIo);
}

void TestTransaction::foldersHoldingTheRecordsAreRefused_data()
{
    QTest::addColumn<QStringList>("operations");
    QTest::newRow("remove var/lib") << QStringList{u"remove var/lib"_s};
    QTest::newRow("rename var") << QStringList{u"rename var old-var"_s};
    QTest::newRow("copy over var") << QStringList{u"copy etc var"_s};
}

void TestTransaction::foldersHoldingTheRecordsAreRefused()
{
    QFETCH(const QStringList, operations);
    const Tree before = tree();
    RouterTransaction &transaction = begin();
    QVERIFY(!applyOperations(transaction, operations).isEmpty());
    QCOMPARE(tree(), before);
    QCOMPARE(m_router->readFile(transaction.folder() + u"/manifest"_s).value(), QByteArray());
}

void TestTransaction::lockRefusesASecondTransaction()
{
    begin(u"t1"_s);
    const Result<std::unique_ptr<RouterTransaction>> second
        = RouterTransaction::begin(*m_router, u"t2"_s);
    QVERIFY(!second);
    QCOMPARE(second.error().code, ErrorCode::Busy);
    QCOMPARE(second.error().message,
             u"the router is busy: transaction t1 is pending (confirm or revert it first)"_s);
    QVERIFY(m_transaction->commit().ok());
    QVERIFY(!QFile::exists(hostPath(RouterTransaction::lockFolder())));
    QVERIFY(RouterTransaction::begin(*m_router, u"t2"_s).ok());
}

void TestTransaction::staleLockIsTakenOver_data()
{
    QTest::addColumn<QByteArray>("owner"); // empty: no owner file
    QTest::newRow("owner's transaction is gone") << QByteArray("t0\n");
    QTest::newRow("no owner file (died after mkdir)") << QByteArray();
    QTest::newRow("owner is not a transaction id") << QByteArray("../../etc\n");
}

void TestTransaction::staleLockIsTakenOver()
{
    QFETCH(const QByteArray, owner);
    QVERIFY(m_router->makeFolders(RouterTransaction::lockFolder()).ok());
    if (!owner.isEmpty())
        QVERIFY(m_router->writeFile(RouterTransaction::lockFolder() + u"/owner"_s, owner).ok());
    begin(u"t1"_s);
    QCOMPARE(m_router->readFile(RouterTransaction::lockFolder() + u"/owner"_s).value(),
             QByteArray("t1\n"));
}

void TestTransaction::openedTransactionRestoresAfterACrash_data()
{
    operationRows();
}

// The process that began the transaction is gone (the object too); another one finishes it from
// the manifest alone.
void TestTransaction::openedTransactionRestoresAfterACrash()
{
    QFETCH(const QStringList, operations);
    const Tree before = tree();
    const QString failure = applyOperations(begin(u"t1"_s), operations);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    m_transaction.reset();

    Result<std::unique_ptr<RouterTransaction>> opened = RouterTransaction::open(*m_router, u"t1"_s);
    QVERIFY2(opened.ok(), qPrintable(failureOf(opened)));
    const Result<void> restored = opened.value()->restore();
    QVERIFY2(restored.ok(), qPrintable(failureOf(restored)));
    QCOMPARE(tree(), before);
    QVERIFY(!QFile::exists(hostPath(RouterTransaction::folderOf(u"t1"_s))));
    QVERIFY(!QFile::exists(hostPath(RouterTransaction::lockFolder())));
}

void TestTransaction::openNamesAMalformedManifestLine()
{
    begin(u"t1"_s);
    QVERIFY(m_transaction->writeFile(u"etc/new.cfg"_s, "x").ok());
    const QString manifest = m_transaction->folder() + u"/manifest"_s;
    QByteArray text = m_router->readFile(manifest).value();
    QVERIFY(m_router->writeFile(manifest, text + "backup 'etc/x'\n").ok());
    const Result<std::unique_ptr<RouterTransaction>> opened
        = RouterTransaction::open(*m_router, u"t1"_s);
    QVERIFY(!opened);
    QCOMPARE(opened.error().message,
             u"var/lib/chutedeck/txn/t1/manifest:2: not a manifest record: backup 'etc/x'"_s);
    QCOMPARE(RouterTransaction::open(*m_router, u"t9"_s).error().message,
             u"no pending transaction t9"_s);
}

// A crash during an append leaves a last line without its newline; its change never happened (a
// record is written before its change), so the replay ignores it instead of refusing the manifest.
void TestTransaction::openIgnoresAnUnfinishedLastRecord()
{
    const Tree before = tree();
    begin(u"t1"_s);
    QVERIFY(m_transaction->writeFile(u"etc/new.cfg"_s, "x").ok());
    QVERIFY(m_router->appendFile(m_transaction->folder() + u"/manifest"_s, "backup 'etc/x").ok());
    m_transaction.reset();
    Result<std::unique_ptr<RouterTransaction>> opened = RouterTransaction::open(*m_router, u"t1"_s);
    QVERIFY2(opened.ok(), qPrintable(failureOf(opened)));
    QVERIFY(opened.value()->restore().ok());
    QCOMPARE(tree(), before);
}

void TestTransaction::needsConfirmationForNetworkingAndHostConfig_data()
{
    QTest::addColumn<QStringList>("operations");
    QTest::addColumn<bool>("needed");
    QTest::newRow("network") << QStringList{u"write etc/config/network 0644 x"_s} << true;
    QTest::newRow("wireless removed") << QStringList{u"remove etc/config/wireless"_s} << true;
    QTest::newRow("etc/config folder replaced")
        << QStringList{u"rename etc/config etc/config-old"_s} << true;
    QTest::newRow("host configuration")
        << QStringList{u"write etc/paradrop/hostconfig.yaml 0644 x"_s} << true;
    QTest::newRow("a chute's files")
        << QStringList{u"write etc/haproxy.cfg 0644 x"_s, u"mkdir var/lib/paradrop/data/web 0755"_s}
        << false;
    QTest::newRow("system config (not networking)")
        << QStringList{u"write etc/config/system 0644 x"_s} << false;
}

void TestTransaction::needsConfirmationForNetworkingAndHostConfig()
{
    QFETCH(const QStringList, operations);
    QFETCH(const bool, needed);
    const QString failure = applyOperations(begin(), operations);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QCOMPARE(m_transaction->needsConfirmation(), needed);
}

void TestTransaction::awaitingTransactionIsListedConfirmedOrReverted()
{
    const Tree before = tree();
    QVERIFY(begin(u"t1"_s).writeFile(u"etc/config/network"_s, "changed\n").ok());
    QVERIFY(m_transaction->remove(u"etc/haproxy.cfg"_s).ok());
    const QDateTime deadline = QDateTime::fromSecsSinceEpoch(4102444800, Qt::UTC);
    QVERIFY(m_transaction->awaitConfirmation(deadline).ok());
    m_transaction.reset();
    const Tree changed = tree();

    const QList<TransactionInfo> pending = pendingTransactions(*m_router).value();
    QCOMPARE(pending.size(), 1);
    QCOMPARE(pending.first().id, u"t1"_s);
    QCOMPARE(pending.first().state, TransactionState::AwaitingConfirmation);
    QCOMPARE(pending.first().deadline, deadline);
    QVERIFY(extendTransaction(*m_router, u"t1"_s, deadline.addSecs(60)).ok());
    QCOMPARE(pendingTransaction(*m_router, u"t1"_s).value().deadline, deadline.addSecs(60));

    QVERIFY(revertTransaction(*m_router, u"t1"_s).ok());
    QCOMPARE(tree(), before);
    QVERIFY(pendingTransactions(*m_router).value().isEmpty());

    QVERIFY(begin(u"t2"_s).writeFile(u"etc/config/network"_s, "changed\n").ok());
    QVERIFY(m_transaction->remove(u"etc/haproxy.cfg"_s).ok());
    QVERIFY(m_transaction->awaitConfirmation(deadline).ok());
    m_transaction.reset();
    QVERIFY(confirmTransaction(*m_router, u"t2"_s).ok());
    Tree confirmed = tree();
    QCOMPARE(confirmed, changed);
    QVERIFY(!QFile::exists(hostPath(RouterTransaction::folderOf(u"t2"_s))));
    QVERIFY(!QFile::exists(hostPath(RouterTransaction::lockFolder())));
}

void TestTransaction::expiredTransactionsAreReverted()
{
    const Tree before = tree();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QVERIFY(begin(u"t1"_s).writeFile(u"etc/config/dhcp"_s, "changed\n").ok());
    QVERIFY(m_transaction->awaitConfirmation(now.addSecs(30)).ok());
    m_transaction.reset();
    QCOMPARE(revertExpiredTransactions(*m_router, now).value(), QStringList());
    QCOMPARE(revertExpiredTransactions(*m_router, now.addSecs(31)).value(), QStringList{u"t1"_s});
    QCOMPARE(tree(), before);
    // The account for the next session: what was reverted, when and why.
    const QList<RevertedTransaction> reverted
        = revertedTransactions(*m_router, now.addSecs(-1)).value();
    QCOMPARE(reverted.size(), 1);
    QCOMPARE(reverted.first().id, u"t1"_s);
    QCOMPARE(reverted.first().at.toSecsSinceEpoch(), now.addSecs(31).toSecsSinceEpoch());
    QCOMPARE(reverted.first().reason, RevertedTransaction::Reason::Deadline);
    QVERIFY(revertedTransactions(*m_router, now.addSecs(31)).value().isEmpty());
}

// A revert after the run (no plan's undo steps to reload) reloads the router's network when the
// transaction changed it, and only then.
void TestTransaction::revertReloadsAChangedNetwork()
{
    const auto commands = [this] {
        const Result<QByteArray> log = m_router->readFile(RouterPaths::commandLog);
        return log ? log.value() : QByteArray();
    };
    QVERIFY(begin(u"t1"_s).writeFile(u"etc/motd"_s, "hello\n").ok());
    m_transaction.reset();
    QVERIFY(revertTransaction(*m_router, u"t1"_s).ok());
    QCOMPARE(commands(), QByteArray());
    QVERIFY(begin(u"t2"_s).writeFile(RouterPaths::uciWireless, "changed\n").ok());
    m_transaction.reset();
    QVERIFY(revertTransaction(*m_router, u"t2"_s).ok());
    QCOMPARE(commands(), QByteArray("[\"reload_config\"]\n"));
}

// Lines that are not records (a partial last line, another tool's) are skipped, not errors.
void TestTransaction::revertedAccountSkipsWhatIsNotARecord()
{
    QVERIFY(revertedTransactions(*m_router, {}).value().isEmpty()); // no file yet
    QVERIFY(m_router
                ->writeFile(revertedLog(), "junk\n1764120000 t1 lease\n1764120001 t2 why\n"
                                           "x t3 deadline\n1764120002 t4 dead")
                .ok());
    const QList<RevertedTransaction> reverted = revertedTransactions(*m_router, {}).value();
    QCOMPARE(reverted.size(), 1);
    QCOMPARE(reverted.first().id, u"t1"_s);
    QCOMPARE(reverted.first().reason, RevertedTransaction::Reason::SessionLost);
}

void TestTransaction::onlyAnAwaitingTransactionCanBeConfirmed()
{
    QVERIFY(begin(u"t1"_s).writeFile(u"etc/config/network"_s, "changed\n").ok());
    const Result<void> confirmed = confirmTransaction(*m_router, u"t1"_s);
    QVERIFY(!confirmed);
    QCOMPARE(confirmed.error().code, ErrorCode::CommandRejected);
    QCOMPARE(confirmTransaction(*m_router, u"t7"_s).error().code, ErrorCode::NotFound);
    QCOMPARE(pendingTransactions(*m_router).value().first().state, TransactionState::Running);
}

QTEST_GUILESS_MAIN(TestTransaction)
#include "tst_transaction.moc"
