#include "core/chute/chutespec.h"
#include "core/plan/runreport.h"
#include "core/plan/stepmatcher.h"
#include "core/remote/openrouter.h"
#include "core/remote/ssh/sshrouter.h"
#include "core/router/routerstate.h"
#include "core/router/sandboxrouter.h"
#include "core/router/transaction.h"
#include "core/steps/changerun.h"
#include "core/update/planning.h"
#include "tests/support/sandboxfixture.h"
#include "tests/support/sshdfixture.h"
#include "tests/support/treesnapshot.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <csignal>
#include <pwd.h>

using namespace ChuteDeck::Core;
using namespace ChuteDeck::Tests;
using namespace Qt::StringLiterals;

namespace {

const QString kSamples = QStringLiteral(CHUTEDECK_SAMPLE_CHUTES);

// The same change on two routers: a local sandbox and a sandbox folder reached over SSH. After
// every change both trees must be byte-identical.
struct TwinRouters
{
    explicit TwinRouters(const SshdFixture &sshd)
    {
        local = SandboxRouter::open(m_local.path()).value();
        (void)SandboxRouter::open(m_remote.path()).value(); // seeds the folder the SSH router uses
        Result<std::unique_ptr<Router>> opened
            = openRouter(sshd.url(m_remote.path()), sshd.sshOptions());
        if (!opened)
            qFatal("cannot open the SSH router: %s", qPrintable(opened.error().message));
        remote = std::move(opened).value();
    }

    QString localRoot() const { return m_local.path(); }
    QString remoteRoot() const { return m_remote.path(); }
    QMap<QString, QString> localTree() const { return snapshotTree(m_local.path()); }
    QMap<QString, QString> remoteTree() const { return snapshotTree(m_remote.path()); }

    QTemporaryDir m_local; // declared first: the routers go before their folders
    QTemporaryDir m_remote;
    std::unique_ptr<SandboxRouter> local;
    std::unique_ptr<Router> remote;
};

Update sampleUpdate(UpdateType type, Router &router, const QString &sample,
                    const QString &version = u"1"_s)
{
    const QList<ChuteSpec> installed = readInstalledChutes(router).value();
    if (type != UpdateType::Create && type != UpdateType::Update)
        return makeChuteUpdate(type, {}, sample, installed);
    ChuteSpec chute = loadChute(kSamples + u'/' + sample).value();
    chute.version = version;
    Update update = makeChuteUpdate(type, chute, {}, installed);
    update.sourceFolder = kSamples + u'/' + sample;
    return update;
}

// Runs one change to its end on `router`, with failures injected first.
QString apply(Router &router, const QList<Update> &updates, const QList<StepMatcher> &failures = {})
{
    Result<PlanMap> plan = generatePlan(updates);
    if (!plan)
        return u"rejected: "_s + plan.error().message;
    Result<std::unique_ptr<ChangeRun>> change
        = ChangeRun::prepare(router, updates, std::move(plan).value());
    if (!change)
        return change.error().message;
    for (const StepMatcher &failure : failures)
        change.value()->executor().setInjectedFailure(failure, true);
    const RunReport report = runToEnd(change.value()->executor());
    return report.resultName();
}

// Values that would do harm if a shell ever interpreted them.
const QString kHostile = u"it's $(touch /tmp/chutedeck-pwned) `touch /tmp/chutedeck-pwned` "
                         "\"q\" \\ %s %n ;| & > x\nsecond line\ttab ☕"_s;

ChuteSpec hostileChute()
{
    ChuteSpec chute = loadChute(kSamples + u"/wifi-hotspot"_s).value();
    chute.environment.append({u"HOSTILE"_s, kHostile});
    chute.services[0].environment.append({u"ALSO"_s, u"-n '"_s + kHostile});
    for (auto &[key, value] : chute.services[0].interfaces[0].wireless) {
        if (key == u"ssid" || key == u"key")
            value = kHostile.left(30);
    }
    return chute;
}

bool accountExists(const char *name)
{
    return ::getpwnam(name) != nullptr;
}

struct CliResult
{
    int exitCode = -1;
    QJsonObject json;
    QString errorText;
};

CliResult runCli(const QStringList &arguments, const QString &home)
{
    QProcess cli;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"HOME"_s, home);
    environment.remove(u"SSH_AUTH_SOCK"_s);
    cli.setProcessEnvironment(environment);
    cli.start(QStringLiteral(CHUTEDECK_CLI), arguments);
    cli.closeWriteChannel();
    if (!cli.waitForFinished(60000))
        return {};
    return {cli.exitCode(), QJsonDocument::fromJson(cli.readAllStandardOutput()).object(),
            QString::fromUtf8(cli.readAllStandardError())};
}

// What a replay after a crash does (DESIGN.md): a plain shell puts back every path that the
// transaction's manifest names, newest record first.
bool replayManifest(const QString &root, const QString &transactionId)
{
    QProcess shell;
    shell.setWorkingDirectory(root);
    shell.start(u"/bin/sh"_s,
                {u"-c"_s,
                 u"tac var/lib/chutedeck/txn/\"$1\"/manifest | while IFS= read -r line; do "
                 "eval \"set -- $line\"; kind=$1; shift; case $kind in "
                 "backup) if [ -e \"$2\" ]; then rm -rf -- \"$1\" && mv -f -- \"$2\" \"$1\"; fi;; "
                 "created|tmp) rm -rf -- \"$1\";; esac; done"_s,
                 u"replay"_s, transactionId});
    return shell.waitForFinished(30000) && shell.exitCode() == 0;
}

} // namespace

class TestSsh final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void primitivesMatchTheSandbox();
    void movesAndCopiesMatchTheSandbox_data();
    void movesAndCopiesMatchTheSandbox();
    void largeAndBinaryFiles();
    void largeWritesReportProgress();
    void dockerRuntimeRunsCommandsOnTheRouter();
    void errorsNameThePath();
    void readsAreCachedOnlyDuringATransaction();
    void pipelinedFailureFailsItsStep();
    void lifecycleMatchesTheSandbox_data();
    void lifecycleMatchesTheSandbox();
    void failureAtEveryStep_data();
    void failureAtEveryStep();
    void hostileValuesArriveByteForByte();
    void hostileChuteNamesAreRefused();
    void onePlanOneConnection();
    void unknownHostKeyIsRefused();
    void acceptNewHostKeyRemembersIt();
    void changedHostKeyIsRefused();
    void wrongKeyIsRefused();
    void passwordLogin();
    void keyboardInteractiveLogin();
    void passphraseProtectedKey();
    void sshAgentLogin();
    void deadLinkFailsWithinTheReadTimeout_data();
    void deadLinkFailsWithinTheReadTimeout();
    void cliAppliesOverSsh();
    void cliReportsUnreachable();

private:
    std::unique_ptr<SshdFixture> m_sshd;
};

void TestSsh::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_sshd = std::make_unique<SshdFixture>();
    if (!m_sshd->problem().isEmpty())
        QSKIP(qPrintable(u"no test sshd: "_s + m_sshd->problem()));
    m_sshd->trustHostKey();
}

// Every primitive on both routers, then one comparison of the trees.
void TestSsh::primitivesMatchTheSandbox()
{
    TwinRouters twins(*m_sshd);
    for (Router *router : {static_cast<Router *>(twins.local.get()), twins.remote.get()}) {
        QVERIFY(router->writeFile(u"a/b/file"_s, "one\n", 0600).ok());
        QVERIFY(router->writeFile(u"a/b/script"_s, "#!/bin/sh\n", 0755).ok());
        QVERIFY(router->writeFile(u"a/dash"_s, "-n starts with a dash").ok());
        QVERIFY(router->writeFile(u"a/b/file"_s, "two\n").ok()); // replaces
        QVERIFY(router->makeFolders(u"c/d/e"_s, 0700).ok());
        QVERIFY(router->makeFolders(u"c/d/e"_s, 0755).ok()); // exists: left alone
        QVERIFY(router->copy(u"a"_s, u"c/copy"_s).ok());
        QVERIFY(router->copy(u"a/b/file"_s, u"c/d/e/file"_s).ok());
        QVERIFY(router->rename(u"c/copy/b/script"_s, u"c/moved script"_s).ok());
        QVERIFY(router->rename(u"c/d/e/file"_s, u"c/copy/dash"_s).ok()); // over a file
        QVERIFY(router->remove(u"c/copy/b"_s).ok());
        QVERIFY(router->remove(u"not/there"_s).ok());
        QVERIFY(router->run({u"reload_config"_s, u"it's"_s}).ok());
        QVERIFY(router->appendFile(u"log/new/lines"_s, "first 'line'\n").ok()); // makes parents
        QVERIFY(router->appendFile(u"log/new/lines"_s, QByteArray("-n \0%s\n", 8)).ok());
        QCOMPARE(router->readFile(u"log/new/lines"_s).value(),
                 QByteArray("first 'line'\n-n \0%s\n", 21));
        QCOMPARE(router->exists(u"c/moved script"_s).value(), true);
        QCOMPARE(router->exists(u"c/d/e/file"_s).value(), false);
        QCOMPARE(router->readFile(u"c/copy/dash"_s).value(), QByteArray("two\n"));
        const QList<DirEntry> entries = router->list(u"c"_s).value();
        QCOMPARE(entries, (QList<DirEntry>{{u"copy"_s, DirEntry::Type::Folder},
                                           {u"d"_s, DirEntry::Type::Folder},
                                           {u"moved script"_s, DirEntry::Type::File}}));
    }
    QCOMPARE(twins.remoteTree(), twins.localTree());
    QCOMPARE(twins.remote->readFile(RouterPaths::commandLog).value(),
             twins.local->readFile(RouterPaths::commandLog).value());
}

void TestSsh::movesAndCopiesMatchTheSandbox_data()
{
    QTest::addColumn<bool>("inTransaction");
    QTest::newRow("outside a transaction") << false;
    QTest::newRow("during a transaction (new entries are made in place)") << true;
}

// The POSIX forms of `mv -T` and `cp -a SRC/.` (BusyBox has neither) behave as rename(2) and the
// sandbox's copy: over links, empty and non-empty folders, hidden entries, merges.
void TestSsh::movesAndCopiesMatchTheSandbox()
{
    QFETCH(bool, inTransaction);
    TwinRouters twins(*m_sshd);
    QList<QStringList> outcomes;
    for (Router *router : {static_cast<Router *>(twins.local.get()), twins.remote.get()}) {
        if (inTransaction)
            QVERIFY(router->makeFolders(u"var/lib/chutedeck/txn/t1"_s).ok());
        QStringList outcome;
        const auto note = [&outcome](const Result<void> &result) {
            outcome.append(result ? u"ok"_s : result.error().message);
        };
        note(router->writeFile(u"a/.hidden"_s, "dot", 0600));
        note(router->writeFile(u"a/..two dots"_s, "dots", 0755));
        note(router->writeFile(u"a/sub/file"_s, "file"));
        note(router->copy(u"a"_s, u"b"_s));
        note(router->writeFile(u"a/later"_s, "later"));
        note(router->copy(u"a"_s, u"b"_s)); // merges
        note(router->makeFolders(u"empty"_s));
        note(router->makeFolders(u"full/x"_s));
        note(router->rename(u"a/later"_s, u"full"_s)); // a file over a folder
        note(router->rename(u"b/sub"_s, u"full"_s));   // a folder over a non-empty folder
        note(router->rename(u"b/sub"_s, u"empty"_s));  // a folder over an empty folder
        note(router->writeFile(u"target/in"_s, "in"));
        note(router->writeFile(u"link-dir"_s, "placeholder"));
        QVERIFY(QFile::remove((router == twins.local.get() ? twins.localRoot() : twins.remoteRoot())
                              + u"/link-dir"_s));
        QVERIFY(QFile::link(u"target"_s,
                            (router == twins.local.get() ? twins.localRoot() : twins.remoteRoot())
                                + u"/link-dir"_s));
        note(router->rename(u"a/sub/file"_s, u"link-dir"_s)); // replaces the link itself
        note(router->copy(u"b/.hidden"_s, u"target/copied"_s));
        outcomes.append(outcome);
        if (inTransaction)
            QVERIFY(router->remove(u"var/lib/chutedeck/txn/t1"_s).ok());
    }
    QStringList expected(15, u"ok"_s);
    expected[8] = u"a/later: cannot rename to full: Is a directory"_s;
    expected[9] = u"b/sub: cannot rename to full: Directory not empty"_s;
    QCOMPARE(outcomes.at(0), expected);
    QCOMPARE(outcomes.at(1), expected);
    QCOMPARE(twins.remoteTree(), twins.localTree());
}

// Contents travel in pieces inside commands, and over 1 MiB over an exec channel; NUL and every
// byte value survive both ways.
void TestSsh::largeAndBinaryFiles()
{
    TwinRouters twins(*m_sshd);
    const auto binary = [](int size) {
        QByteArray data;
        for (int i = 0; i < size; ++i)
            data.append(static_cast<char>((i * 7 + i / 256) % 256));
        return data;
    };
    const QByteArray small("\0\x01\xff'\"\\%\n", 8);
    for (const QByteArray &data : {binary(200000), binary(1500000), small, QByteArray()}) {
        const Result<void> written = twins.remote->writeFile(u"bin/data"_s, data, 0640);
        QVERIFY2(written.ok(), qPrintable(written.ok() ? QString() : written.error().message));
        QCOMPARE(twins.remote->readFile(u"bin/data"_s).value(), data);
        QVERIFY(twins.local->writeFile(u"bin/data"_s, data, 0640).ok());
        QCOMPARE(twins.remoteTree(), twins.localTree());
    }
}

// The exec-channel path reports each chunk sent, on the I/O thread, up to the file's size.
void TestSsh::largeWritesReportProgress()
{
    TwinRouters twins(*m_sshd);
    auto *router = dynamic_cast<SshRouter *>(twins.remote.get());
    QVERIFY(router);
    struct Report
    {
        QString path;
        qint64 done = 0;
        qint64 total = 0;
        bool onIoThread = false;
    };
    QList<Report> reports;
    router->setTransferProgress([&](const QString &path, qint64 done, qint64 total) {
        reports.append({path, done, total, QThread::currentThread() != thread()});
    });
    const QByteArray data(3 * 1024 * 1024 + 5, 'x');
    QVERIFY(router->writeFile(u"chute-files/big.bin"_s, data).ok());
    QCOMPARE(reports.size(), 49); // 64 KiB chunks
    qint64 previous = 0;
    for (const Report &report : std::as_const(reports)) {
        QCOMPARE(report.path, u"chute-files/big.bin"_s);
        QCOMPARE(report.total, data.size());
        QVERIFY(report.done > previous);
        QVERIFY(report.onIoThread);
        previous = report.done;
    }
    QCOMPARE(reports.constLast().done, data.size());
    QCOMPARE(router->readFile(u"chute-files/big.bin"_s).value().size(), data.size());

    reports.clear();
    router->setTransferProgress({});
    QVERIFY(router->writeFile(u"chute-files/big.bin"_s, data + "y").ok());
    QVERIFY(router->writeFile(u"small"_s, "small").ok());
    QCOMPARE(reports.size(), 0);
}

// With --runtime docker (only at the root prefix "/"), run() runs the argv on the router, every
// argument byte for byte. Docker itself is not installed here: a shell stands in for it.
void TestSsh::dockerRuntimeRunsCommandsOnTheRouter()
{
    SshOptions options = m_sshd->sshOptions();
    options.runtime = ContainerRuntimeKind::Docker;
    QTemporaryDir folder;
    const Result<std::unique_ptr<SshRouter>> prefixed
        = SshRouter::open(SshAddress::parse(m_sshd->url(folder.path())).value(), options);
    QCOMPARE(prefixed.error().message,
             u"--runtime docker needs a router whose root prefix is /, not "_s + folder.path());

    const Result<std::unique_ptr<SshRouter>> opened
        = SshRouter::open(SshAddress::parse(m_sshd->url(u"/"_s)).value(), options);
    QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().message));
    SshRouter &router = *opened.value();
    QCOMPARE(router.containerRuntime(), ContainerRuntimeKind::Docker);
    const Result<CommandOutput> ran = router.run(
        {u"sh"_s, u"-c"_s, u"printf %s \"$1\"; printf err >&2; exit 3"_s, u"sh"_s, kHostile});
    QVERIFY(ran.ok());
    QCOMPARE(ran.value().exitCode, 3);
    QCOMPARE(QString::fromUtf8(ran.value().standardOutput), kHostile);
    QCOMPARE(ran.value().standardError, "err"_ba);
    QVERIFY(!QFile::exists(u"/tmp/chutedeck-pwned"_s));
}

void TestSsh::errorsNameThePath()
{
    TwinRouters twins(*m_sshd);
    const Result<QByteArray> missing = twins.remote->readFile(u"etc/none"_s);
    QCOMPARE(missing.error(),
             (Error{ErrorCode::NotFound, u"etc/none: cannot read: No such file or directory"_s}));
    const Result<QByteArray> folder = twins.remote->readFile(u"etc"_s);
    QCOMPARE(folder.error(), (Error{ErrorCode::RouterIo, u"etc: cannot read: Is a directory"_s}));
    QCOMPARE(twins.remote->list(u"etc/none"_s).error().code, ErrorCode::NotFound);
    QCOMPARE(twins.remote->remove(u"../x"_s).error(),
             (Error{ErrorCode::RouterIo, u"../x: '..' would leave the router's root"_s}));
    QCOMPARE(
        twins.remote->rename(u"none"_s, u"x"_s).error(),
        (Error{ErrorCode::NotFound, u"none: cannot rename to x: No such file or directory"_s}));
}

// Outside a transaction every read goes to the router; inside one, ChuteDeck is the only writer
// and reads come from the cache, which its own writes keep exact.
void TestSsh::readsAreCachedOnlyDuringATransaction()
{
    TwinRouters twins(*m_sshd);
    Router &router = *twins.remote;
    const QString file = twins.remoteRoot() + u"/etc/note"_s;
    const auto changeBehindItsBack = [&](const QByteArray &data) {
        QFile note(file);
        QVERIFY(note.open(QIODevice::WriteOnly | QIODevice::Truncate));
        note.write(data);
    };
    changeBehindItsBack("one");
    QCOMPARE(router.readFile(u"etc/note"_s).value(), QByteArray("one"));
    changeBehindItsBack("two");
    QCOMPARE(router.readFile(u"etc/note"_s).value(), QByteArray("two"));

    QVERIFY(router.makeFolders(u"var/lib/chutedeck/txn/t1"_s).ok());
    QCOMPARE(router.readFile(u"etc/note"_s).value(), QByteArray("two"));
    changeBehindItsBack("three");
    QCOMPARE(router.readFile(u"etc/note"_s).value(), QByteArray("two")); // cached
    QVERIFY(router.writeFile(u"etc/note"_s, "four").ok());
    QCOMPARE(router.readFile(u"etc/note"_s).value(), QByteArray("four"));
    QVERIFY(router.rename(u"etc/note"_s, u"etc/moved"_s).ok());
    QCOMPARE(router.exists(u"etc/note"_s).value(), false);
    QCOMPARE(router.readFile(u"etc/note"_s).error().code, ErrorCode::NotFound);
    // Whether a path exists is cached too: answered without asking the router.
    QCOMPARE(router.exists(u"etc/elsewhere"_s).value(), false);
    changeBehindItsBack("six"); // etc/note again, which the router believes gone
    QFile::copy(file, twins.remoteRoot() + u"/etc/elsewhere"_s);
    QCOMPARE(router.exists(u"etc/note"_s).value(), false);
    QCOMPARE(router.exists(u"etc/elsewhere"_s).value(), false);
    QVERIFY(router.appendFile(u"etc/appended"_s, "x").ok());
    QCOMPARE(router.exists(u"etc/appended"_s).value(), true);
    QVERIFY(router.remove(u"etc/appended"_s).ok());
    QCOMPARE(router.exists(u"etc/appended"_s).value(), false);
    QVERIFY(QFile::remove(file));
    QVERIFY(QFile::remove(twins.remoteRoot() + u"/etc/elsewhere"_s));
    QVERIFY(router.remove(u"var/lib/chutedeck/txn/t1"_s).ok());
    QCOMPARE(router.exists(u"etc/note"_s).value(), false); // asked again: truly gone now

    QVERIFY(router.rename(u"etc/moved"_s, u"etc/note"_s).ok());
    changeBehindItsBack("five");
    QCOMPARE(router.readFile(u"etc/note"_s).value(), QByteArray("five"));
}

// Within a step of a transaction, changes are sent without waiting (pipelining): a change that
// fails on the router is reported at the step's end with the text it has when it is waited for,
// nothing after it in the step runs, and the transaction still restores the tree.
void TestSsh::pipelinedFailureFailsItsStep()
{
    TwinRouters twins(*m_sshd);
    Router &router = *twins.remote;
    const Error expected{ErrorCode::RouterIo, u"etc/config/network/x: cannot write: File exists"_s};
    QCOMPARE(router.writeFile(u"etc/config/network/x"_s, "x").error(), expected); // waited for
    const auto before = twins.remoteTree();

    std::unique_ptr<RouterTransaction> transaction
        = RouterTransaction::begin(router, u"t1"_s).value();
    transaction->beginStep();
    QVERIFY(transaction->writeFile(u"etc/first"_s, "first").ok());
    QVERIFY(transaction->writeFile(u"etc/config/network/x"_s, "x").ok()); // not waited for
    QVERIFY(router.writeFile(u"etc/skipped"_s, "s").ok()); // sent, and skipped on the router
    // What needs an answer (here: whether etc/after exists) brings the failure back at once.
    QCOMPARE(transaction->writeFile(u"etc/after"_s, "after").error(), expected);
    QCOMPARE(transaction->readFile(u"etc/config/dhcp"_s).error(), expected);
    QCOMPARE(transaction->endStep().error(), expected);
    QVERIFY(QFile::exists(twins.remoteRoot() + u"/etc/first"_s));
    QVERIFY(!QFile::exists(twins.remoteRoot() + u"/etc/after"_s));
    QVERIFY(!QFile::exists(twins.remoteRoot() + u"/etc/skipped"_s));

    transaction->beginStep(); // the next step (an undo step) runs normally
    QVERIFY(transaction->writeFile(u"etc/undo"_s, "undo").ok());
    QVERIFY(transaction->endStep().ok());
    QCOMPARE(transaction->readFile(u"etc/undo"_s).value(), "undo"_ba);
    QVERIFY(transaction->restore());
    QCOMPARE(twins.remoteTree(), before);
}

void TestSsh::lifecycleMatchesTheSandbox_data()
{
    QTest::addColumn<QString>("sample");
    for (const QString &sample : {u"hello-web"_s, u"wifi-hotspot"_s, u"two-services"_s})
        QTest::newRow(qPrintable(sample)) << sample;
}

// Install, update, stop, start and delete over SSH leave the same tree as on the local sandbox.
void TestSsh::lifecycleMatchesTheSandbox()
{
    QFETCH(QString, sample);
    TwinRouters twins(*m_sshd);
    using enum UpdateType;
    for (const auto &[type, version] :
         {std::pair{Create, u"1"_s}, std::pair{Update, u"2"_s}, std::pair{Stop, u"2"_s},
          std::pair{Start, u"2"_s}, std::pair{Delete, u"2"_s}}) {
        QCOMPARE(apply(*twins.local, {sampleUpdate(type, *twins.local, sample, version)}),
                 u"succeeded"_s);
        QCOMPARE(apply(*twins.remote, {sampleUpdate(type, *twins.remote, sample, version)}),
                 u"succeeded"_s);
        if (twins.remoteTree() != twins.localTree())
            QCOMPARE(twins.remoteTree(), twins.localTree());
    }
}

void TestSsh::failureAtEveryStep_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<int>("stepId");
    SandboxFixture fixture;
    for (const UpdateType type : {UpdateType::Create, UpdateType::Delete}) {
        if (type == UpdateType::Delete)
            (void)apply(*fixture.router,
                        {sampleUpdate(UpdateType::Create, *fixture.router, u"wifi-hotspot"_s)});
        const QList<Update> updates = {sampleUpdate(type, *fixture.router, u"wifi-hotspot"_s)};
        for (const Step &step : previewPlan(generatePlan(updates).value(), updates).steps()) {
            QTest::addRow("%s fails at #%d %s", qPrintable(updateTypeName(type)), step.id,
                          qPrintable(step.todo.toDisplayString()))
                << int(type) << step.id;
        }
    }
}

// A failure at any step of a create or a delete over SSH: the rollback leaves the remote tree
// exactly as it was.
void TestSsh::failureAtEveryStep()
{
    QFETCH(int, type);
    QFETCH(int, stepId);
    TwinRouters twins(*m_sshd);
    const auto updateType = static_cast<UpdateType>(type);
    if (updateType == UpdateType::Delete) {
        QCOMPARE(apply(*twins.remote,
                       {sampleUpdate(UpdateType::Create, *twins.remote, u"wifi-hotspot"_s)}),
                 u"succeeded"_s);
    }
    const auto before = twins.remoteTree();
    const QString result
        = apply(*twins.remote, {sampleUpdate(updateType, *twins.remote, u"wifi-hotspot"_s)},
                {StepMatcher::parse(QString::number(stepId)).value()});
    QCOMPARE(result, u"rolled-back"_s);
    QCOMPARE(twins.remoteTree(), before);
}

void TestSsh::hostileValuesArriveByteForByte()
{
    QFile::remove(u"/tmp/chutedeck-pwned"_s);
    TwinRouters twins(*m_sshd);
    const ChuteSpec chute = hostileChute();
    for (Router *router : {static_cast<Router *>(twins.local.get()), twins.remote.get()}) {
        Update update = makeChuteUpdate(UpdateType::Create, chute, {}, {});
        update.sourceFolder = kSamples + u"/wifi-hotspot"_s;
        QCOMPARE(apply(*router, {update}), u"succeeded"_s);
    }
    QCOMPARE(twins.remoteTree(), twins.localTree());
    QCOMPARE(readInstalledChutes(*twins.remote).value().value(0).environment.last().second,
             kHostile);
    QVERIFY(!QFile::exists(u"/tmp/chutedeck-pwned"_s));
}

void TestSsh::hostileChuteNamesAreRefused()
{
    const Result<ChuteSpec> chute
        = parseChute("name: \"x';touch /tmp/chutedeck-pwned;'\"\nversion: 1\nservices:\n  main:\n"
                     "    type: image\n    image: nginx\n",
                     u"hostile/paradrop.yaml"_s);
    QCOMPARE(chute.error().code, ErrorCode::InvalidChute);
    QCOMPARE(chute.error().message,
             u"hostile/paradrop.yaml:1: name: must be 1 to 64 letters, digits, '-' or '_', not "
             "starting with '-'"_s);
}

// A whole plan uses one SSH connection, whatever the number of primitives.
void TestSsh::onePlanOneConnection()
{
    const int before = m_sshd->acceptedLogins();
    {
        TwinRouters twins(*m_sshd);
        QCOMPARE(apply(*twins.remote,
                       {sampleUpdate(UpdateType::Create, *twins.remote, u"two-services"_s)}),
                 u"succeeded"_s);
    }
    QCOMPARE(m_sshd->acceptedLogins(), before + 1);
}

void TestSsh::unknownHostKeyIsRefused()
{
    SshOptions options = m_sshd->sshOptions();
    QTemporaryDir empty;
    options.knownHostsFile = empty.filePath(u"known_hosts"_s);
    const Result<std::unique_ptr<Router>> router = openRouter(m_sshd->url(u"/"_s), options);
    QCOMPARE(router.error(),
             (Error{ErrorCode::Unreachable,
                    u"root@127.0.0.1:%1: the router's host key is unknown (ssh-ed25519 key %2); "
                    "check it, then connect with --accept-new-host-key or answer yes at the "
                    "prompt"_s.arg(m_sshd->port())
                        .arg(m_sshd->hostKeyFingerprint())}));
    QVERIFY(!QFile::exists(options.knownHostsFile));
}

void TestSsh::acceptNewHostKeyRemembersIt()
{
    SshOptions options = m_sshd->sshOptions();
    QTemporaryDir empty;
    options.knownHostsFile = empty.filePath(u"known_hosts"_s);
    options.acceptNewHostKey = true;
    QVERIFY(openRouter(m_sshd->url(u"/"_s), options).ok());
    QFile known(options.knownHostsFile);
    QVERIFY(known.open(QIODevice::ReadOnly));
    const QByteArray host = "[127.0.0.1]:" + QByteArray::number(m_sshd->port());
    QVERIFY(known.readAll().startsWith(host));
    options.acceptNewHostKey = false;
    QVERIFY(openRouter(m_sshd->url(u"/"_s), options).ok()); // now known
}

void TestSsh::changedHostKeyIsRefused()
{
    SshdFixture other;
    QVERIFY2(other.problem().isEmpty(), qPrintable(other.problem()));
    other.trustHostKey();
    QVERIFY(openRouter(other.url(u"/"_s), other.sshOptions()).ok());
    other.changeHostKey();
    QVERIFY2(other.problem().isEmpty(), qPrintable(other.problem()));
    for (const bool acceptNew : {false, true}) {
        SshOptions options = other.sshOptions();
        options.acceptNewHostKey = acceptNew; // accept-new never accepts a changed key
        const Result<std::unique_ptr<Router>> router = openRouter(other.url(u"/"_s), options);
        QCOMPARE(router.error(),
                 (Error{ErrorCode::Unreachable,
                        u"root@127.0.0.1:%1: WARNING: the router's host key has CHANGED (it now "
                        "shows ssh-ed25519 key %2). Someone may be intercepting the connection, "
                        "or the router was reinstalled. Refused; if the change is expected, "
                        "remove the router's old key from %3."_s.arg(other.port())
                            .arg(other.hostKeyFingerprint(), other.knownHostsFile())}));
    }
}

void TestSsh::wrongKeyIsRefused()
{
    QTemporaryDir noKeys;
    SshOptions options = m_sshd->sshOptions();
    options.sshFolder = noKeys.path();
    options.identityFile = m_sshd->makeUnknownKey();
    const Result<std::unique_ptr<Router>> router = openRouter(m_sshd->url(u"/"_s), options);
    QCOMPARE(router.error(),
             (Error{ErrorCode::Unreachable,
                    u"root@127.0.0.1:%1: login refused (tried %2, ssh-agent and the keys in %3, "
                    "password)"_s.arg(m_sshd->port())
                        .arg(options.identityFile, noKeys.path())}));
}

void TestSsh::passwordLogin()
{
    if (!accountExists(kPasswordTestUser))
        QSKIP("the account chutedeck-test does not exist; scripts/test creates it");
    QTemporaryDir noKeys;
    SshOptions options = m_sshd->sshOptions();
    options.sshFolder = noKeys.path();
    QTemporaryDir root;
    QFile::setPermissions(root.path(), QFile::permissions(root.path()) | QFile::ReadOther
                                           | QFile::ExeOther | QFile::WriteOther);
    const QString url = m_sshd->url(root.path(), QString::fromLatin1(kPasswordTestUser));
    options.password = "wrong";
    QCOMPARE(openRouter(url, options).error(),
             (Error{ErrorCode::Unreachable,
                    u"chutedeck-test@127.0.0.1:%1: login refused (tried ssh-agent and the keys "
                    "in %2, password)"_s.arg(m_sshd->port())
                        .arg(noKeys.path())}));
    options.password = kPasswordTestPassword;
    const Result<std::unique_ptr<Router>> router = openRouter(url, options);
    QVERIFY2(router.ok(), qPrintable(router.ok() ? QString() : router.error().message));
    QVERIFY(router.value()->writeFile(u"hello"_s, "from chutedeck-test").ok());
    QCOMPARE(router.value()->readFile(u"hello"_s).value(), QByteArray("from chutedeck-test"));
}

// OpenSSH offers keyboard-interactive only through PAM (SshdFixture::Logins): the answers come
// from --password-file, else from the prompt.
void TestSsh::keyboardInteractiveLogin()
{
    if (!accountExists(kPasswordTestUser))
        QSKIP("the account chutedeck-test does not exist; scripts/test creates it");
    if (!QFile::exists(u"/etc/pam.d/sshd"_s))
        QSKIP("no PAM service sshd (/etc/pam.d/sshd, from openssh-server)");
    SshdFixture server(SshdFixture::Logins::KeyboardInteractiveOnly);
    if (!server.problem().isEmpty())
        QSKIP(qPrintable(u"no test sshd: "_s + server.problem()));
    server.trustHostKey();
    const QString url = server.url(u"/"_s, QString::fromLatin1(kPasswordTestUser));
    SshOptions options = server.sshOptions();
    QStringList prompts;
    QByteArray answer = "wrong";
    options.prompt = [&](const QString &prompt, bool echo) -> std::optional<QByteArray> {
        prompts.append(prompt + (echo ? u" (echoed)"_s : QString()));
        return answer;
    };
    QCOMPARE(
        openRouter(url, options).error(),
        (Error{ErrorCode::Unreachable,
               u"chutedeck-test@127.0.0.1:%1: login refused (tried keyboard-interactive)"_s.arg(
                   server.port())}));
    QCOMPARE(prompts, QStringList{u"Password: "_s});
    answer = kPasswordTestPassword;
    Result<std::unique_ptr<Router>> router = openRouter(url, options);
    QVERIFY2(router.ok(), qPrintable(router.ok() ? QString() : router.error().message));
    QCOMPARE(router.value()->exists(u"etc/passwd"_s).value(), true);

    prompts.clear();
    options.password = kPasswordTestPassword; // --password-file: no prompt
    router = openRouter(url, options);
    QVERIFY2(router.ok(), qPrintable(router.ok() ? QString() : router.error().message));
    QCOMPARE(prompts, QStringList());
    QCOMPARE(server.log().count(u"Accepted keyboard-interactive/pam for chutedeck-test"_s), 2);
}

// --identity with --passphrase-file, or the passphrase asked at the prompt; a wrong passphrase
// is named in the error.
void TestSsh::passphraseProtectedKey()
{
    QTemporaryDir noKeys;
    SshOptions options = m_sshd->sshOptions();
    options.sshFolder = noKeys.path();
    const QByteArray passphrase = "a 'quoted' pass phrase";
    options.identityFile
        = m_sshd->makeAcceptedKey(u"locked_ed25519"_s, QString::fromUtf8(passphrase));
    options.passphrase = "not it";
    QCOMPARE(openRouter(m_sshd->url(u"/"_s), options).error(),
             (Error{ErrorCode::Unreachable,
                    u"root@127.0.0.1:%1: login refused (tried %2 (cannot load the key: wrong "
                    "passphrase, or not a private key), ssh-agent and the keys in %3, password)"_s
                        .arg(m_sshd->port())
                        .arg(options.identityFile, noKeys.path())}));
    options.passphrase = passphrase;
    Result<std::unique_ptr<Router>> router = openRouter(m_sshd->url(u"/"_s), options);
    QVERIFY2(router.ok(), qPrintable(router.ok() ? QString() : router.error().message));

    options.passphrase.reset();
    QStringList prompts;
    options.prompt = [&](const QString &prompt, bool echo) -> std::optional<QByteArray> {
        prompts.append(prompt + (echo ? u" (echoed)"_s : QString()));
        return passphrase;
    };
    router = openRouter(m_sshd->url(u"/"_s), options);
    QVERIFY2(router.ok(), qPrintable(router.ok() ? QString() : router.error().message));
    QCOMPARE(prompts, QStringList{u"Passphrase for %1: "_s.arg(options.identityFile)});

    QTemporaryDir home;
    QFile secret(home.filePath(u"passphrase"_s));
    QVERIFY(secret.open(QIODevice::WriteOnly));
    secret.write(passphrase + '\n');
    secret.close();
    TwinRouters twins(*m_sshd);
    const CliResult listed
        = runCli({u"chutes"_s, u"--router"_s, m_sshd->url(twins.remoteRoot()), u"--identity"_s,
                  options.identityFile, u"--passphrase-file"_s, secret.fileName(),
                  u"--known-hosts"_s, m_sshd->knownHostsFile()},
                 home.path());
    QCOMPARE(listed.errorText, QString());
    QCOMPARE(listed.exitCode, 0);
}

// ssh-agent holds the only copy of the key: SSH_AUTH_SOCK is how libssh finds it.
void TestSsh::sshAgentLogin()
{
    QTemporaryDir agentFolder;
    const QString socket = agentFolder.filePath(u"agent.socket"_s);
    QProcess agent; // ended by its PID below, and by QProcess's destructor if a check fails
    agent.start(u"ssh-agent"_s, {u"-D"_s, u"-a"_s, socket});
    QVERIFY2(agent.waitForStarted(10000), "ssh-agent (openssh-client) is missing");
    const auto stopAgent = qScopeGuard([&] {
        agent.terminate();
        agent.waitForFinished(5000);
    });
    QTRY_VERIFY(QFile::exists(socket));
    const QString key = m_sshd->makeAcceptedKey(u"agent_ed25519"_s, {});
    QProcess add;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"SSH_AUTH_SOCK"_s, socket);
    add.setProcessEnvironment(environment);
    add.start(u"ssh-add"_s, {u"-q"_s, key});
    QVERIFY(add.waitForFinished(10000) && add.exitCode() == 0);
    QVERIFY(QFile::remove(key));

    QTemporaryDir noKeys;
    SshOptions options = m_sshd->sshOptions();
    options.sshFolder = noKeys.path();
    const QByteArray savedSocket = qgetenv("SSH_AUTH_SOCK");
    const auto restoreSocket = qScopeGuard([&] {
        if (savedSocket.isNull())
            qunsetenv("SSH_AUTH_SOCK");
        else
            qputenv("SSH_AUTH_SOCK", savedSocket);
    });
    qunsetenv("SSH_AUTH_SOCK");
    QCOMPARE(openRouter(m_sshd->url(u"/"_s), options).error().code, ErrorCode::Unreachable);
    qputenv("SSH_AUTH_SOCK", socket.toUtf8());
    const int loginsBefore = m_sshd->acceptedLogins();
    const Result<std::unique_ptr<Router>> router = openRouter(m_sshd->url(u"/"_s), options);
    QVERIFY2(router.ok(), qPrintable(router.ok() ? QString() : router.error().message));
    QCOMPARE(m_sshd->acceptedLogins(), loginsBefore + 1);
}

void TestSsh::deadLinkFailsWithinTheReadTimeout_data()
{
    QTest::addColumn<int>("signal");
    QTest::newRow("sshd stopped mid-apply: the link hangs") << int(SIGSTOP);
    QTest::newRow("sshd killed mid-apply: the link breaks") << int(SIGKILL);
}

// A router that stops answering in the middle of a change: the step fails with "connection lost"
// within the read time-out, the rollback cannot reach the router either and ends at once, and
// the transaction's manifest still puts the tree back.
void TestSsh::deadLinkFailsWithinTheReadTimeout()
{
    QFETCH(int, signal);
    SshdFixture server; // its own: the sessions of the other tests stay alive
    QVERIFY2(server.problem().isEmpty(), qPrintable(server.problem()));
    server.trustHostKey();
    QTemporaryDir root;
    (void)SandboxRouter::open(root.path()).value();
    SshOptions options = server.sshOptions();
    options.readTimeoutSeconds = 2;
    const std::unique_ptr<Router> router = openRouter(server.url(root.path()), options).value();
    const auto before = snapshotTree(root.path());
    const QList<Update> updates{sampleUpdate(UpdateType::Create, *router, u"wifi-hotspot"_s)};
    const std::unique_ptr<ChangeRun> change
        = ChangeRun::prepare(*router, updates, generatePlan(updates).value()).value();
    change->executor().setBreakpoint(StepMatcher::parse(u"network.setOSNetworkConfig"_s).value(),
                                     true);
    (void)change->executor().resume();
    QTRY_COMPARE(change->executor().state(), ExecutorState::Paused);

    server.signalSessions(signal);
    QElapsedTimer timer;
    timer.start();
    const RunReport report = runToEnd(change->executor());
    QVERIFY2(timer.elapsed() < 6000, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(report.resultName(), u"rollback-failed"_s);
    // A killed peer shows as a reset or an orderly close, whichever the socket sees first.
    const QStringList lost
        = signal == SIGSTOP
              ? QStringList{u"the connection to the router was lost: no answer for 2 s"_s}
              : QStringList{u"the connection to the router's shell was lost: Socket error: "
                            "disconnected"_s,
                            u"the connection to the router's shell was lost: Socket error: "
                            "Connection reset by peer"_s};
    const QString prefix = u"root@127.0.0.1:%1: "_s.arg(server.port());
    QVERIFY2(report.failureMessage().startsWith(prefix)
                 && lost.contains(report.failureMessage().mid(prefix.size())),
             qPrintable(report.failureMessage()));

    server.signalSessions(SIGKILL); // a stopped session must never run the command it holds
    QVERIFY(replayManifest(root.path(), change->transactionId()));
    QCOMPARE(snapshotTree(root.path()), before);
}

// The CLI as an admin runs it: ~/.ssh/config gives the key, the URL the user and port, the host
// key is accepted on first use.
void TestSsh::cliAppliesOverSsh()
{
    QTemporaryDir home;
    QDir(home.path()).mkpath(u".ssh"_s);
    QFile config(home.filePath(u".ssh/config"_s));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write("Host router\n  HostName 127.0.0.1\n  User nobody\n  Port 1\n  IdentityFile "
                 + m_sshd->clientKey().toUtf8() + "\n");
    config.close();
    TwinRouters twins(*m_sshd);
    const QString url = u"ssh://root@router:%1%2"_s.arg(m_sshd->port()).arg(twins.remoteRoot());
    const CliResult applied
        = runCli({u"apply"_s, u"--router"_s, url, u"--type"_s, u"create"_s, u"--chute"_s,
                  kSamples + u"/hello-web"_s, u"--accept-new-host-key"_s, u"--json"_s},
                 home.path());
    QCOMPARE(applied.errorText, QString());
    QCOMPARE(applied.json[u"result"_s].toString(), u"succeeded"_s);
    QCOMPARE(applied.exitCode, 0);
    QVERIFY(QFile::exists(home.filePath(u".ssh/known_hosts"_s)));
    QCOMPARE(apply(*twins.local, {sampleUpdate(UpdateType::Create, *twins.local, u"hello-web"_s)}),
             u"succeeded"_s);
    QCOMPARE(twins.remoteTree(), twins.localTree());
}

void TestSsh::cliReportsUnreachable()
{
    QTemporaryDir home;
    const int port = 1; // tcpmux: nothing listens there
    const CliResult result
        = runCli({u"chutes"_s, u"--router"_s, u"ssh://root@127.0.0.1:%1/"_s.arg(port), u"--json"_s},
                 home.path());
    QCOMPARE(result.exitCode, 3);
    QCOMPARE(result.json[u"result"_s].toString(), u"unreachable"_s);
    QVERIFY2(result.json[u"message"_s].toString().startsWith(
                 u"root@127.0.0.1:%1: cannot connect: "_s.arg(port)),
             qPrintable(result.json[u"message"_s].toString()));
}

QTEST_GUILESS_MAIN(TestSsh)
#include "tst_ssh.moc"
