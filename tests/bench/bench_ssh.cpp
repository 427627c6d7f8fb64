#include "core/chute/chutespec.h"
#include "core/remote/ssh/sshconnection.h"
#include "core/remote/ssh/sshrouter.h"
#include "core/remote/ssh/sshwatchdog.h"
#include "core/router/routerstate.h"
#include "core/router/sandboxrouter.h"
#include "core/steps/changerun.h"
#include "core/update/planning.h"
#include "tests/support/sshdfixture.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>

#include <array>
#include <atomic>
#include <benchmark/benchmark.h>
#include <libssh/libssh.h>
#include <pwd.h>

using namespace ChuteDeck::Core;
using namespace ChuteDeck::Tests;
using namespace Qt::StringLiterals;

// The cost of one router step over SSH, all against the test sshd on loopback, in one run:
//   rawExecChannel     a libssh exec channel per command ("true"): open, exec, wait, close
//   rawShellChannel    a long-lived /bin/sh channel, "echo TOKEN" per step: the floor (one round
//                      trip, no remote process)
//   controlMasterStep  `ssh -S SOCKET host true` through an OpenSSH ControlMaster (Ansible's way)
//   freshSshCommand    `ssh host true`: a new connection each time
//   connectAndLogIn    SshConnection::open: TCP, key exchange, public key login, shell banner
//   sshApplyCreate     ChuteDeck's whole apply of a one-service create over SSH (one session)
//   sshApplyManyChutes one aggregated plan creating 20 or 200 chutes
//   ...Waiting         the same without pipelining (each change waits for its answer)
//   sandbox...         the same applies on a local sandbox: ChuteDeck's own cost, without SSH
// The apply benchmarks report how many router primitives ran (primitives) and the time per
// primitive (us_per_primitive), to compare with rawShellChannel.
//
// The floors log in as chutedeck-test (shell /bin/sh, no rc files; scripts/test creates it) when
// it exists: on a development machine root's ~/.bashrc may run slow tools (pyenv init) at every
// new session, which a router's shell does not. The applies log in as root, which owns their
// folders; their session starts once.

namespace {

const QString kSamples = QStringLiteral(CHUTEDECK_SAMPLE_CHUTES);

// One server for the whole run, stopped by its PID when the program ends.
SshdFixture &sshd()
{
    static SshdFixture server;
    static const bool trusted = [] {
        server.trustHostKey();
        return true;
    }();
    Q_UNUSED(trusted);
    return server;
}

// The user the floors log in as (see above).
QString floorUser()
{
    return ::getpwnam(kPasswordTestUser) != nullptr ? QString::fromLatin1(kPasswordTestUser)
                                                    : u"root"_s;
}

SshAddress addressOf(const QString &root, const QString &user = u"root"_s)
{
    return SshAddress::parse(sshd().url(root, user)).value();
}

// A Router that counts the primitives passed on to another one.
class CountingRouter final : public Router
{
public:
    explicit CountingRouter(Router &inner)
        : m_inner(inner)
    {}
    int count() const { return m_count; }

    QString url() const override { return m_inner.url(); }
    WorkerThread &ioThread() override { return m_inner.ioThread(); }
    Result<QByteArray> readFile(const QString &p) override { return counted(m_inner.readFile(p)); }
    Result<void> writeFile(const QString &p, const QByteArray &d, int m) override
    {
        return counted(m_inner.writeFile(p, d, m));
    }
    Result<void> appendFile(const QString &p, const QByteArray &d) override
    {
        return counted(m_inner.appendFile(p, d));
    }
    Result<bool> exists(const QString &p) override { return counted(m_inner.exists(p)); }
    Result<void> copy(const QString &f, const QString &t) override
    {
        return counted(m_inner.copy(f, t));
    }
    Result<void> rename(const QString &f, const QString &t) override
    {
        return counted(m_inner.rename(f, t));
    }
    Result<void> remove(const QString &p) override { return counted(m_inner.remove(p)); }
    Result<QList<DirEntry>> list(const QString &f) override { return counted(m_inner.list(f)); }
    Result<void> makeFolders(const QString &p, int m) override
    {
        return counted(m_inner.makeFolders(p, m));
    }
    Result<bool> makeFolderIfAbsent(const QString &p) override
    {
        return counted(m_inner.makeFolderIfAbsent(p));
    }
    Result<CommandOutput> run(const QStringList &a) override { return counted(m_inner.run(a)); }
    void beginStep() override { m_inner.beginStep(); }
    Result<void> endStep() override { return m_inner.endStep(); }

private:
    template<typename T>
    T counted(T result)
    {
        ++m_count;
        return result;
    }

    Router &m_inner;
    std::atomic<int> m_count = 0;
};

void rawExecChannel(benchmark::State &state)
{
    ssh_session session = ssh_new();
    const auto port = static_cast<unsigned>(sshd().port());
    const int on = 1;
    ssh_options_set(session, SSH_OPTIONS_HOST, "127.0.0.1");
    ssh_options_set(session, SSH_OPTIONS_PORT, &port);
    ssh_options_set(session, SSH_OPTIONS_USER, floorUser().toUtf8().constData());
    ssh_options_set(session, SSH_OPTIONS_NODELAY, &on);
    ssh_options_set(session, SSH_OPTIONS_SSH_DIR, sshd().clientFolder().toUtf8().constData());
    ssh_options_set(session, SSH_OPTIONS_KNOWNHOSTS, sshd().knownHostsFile().toUtf8().constData());
    if (ssh_connect(session) != SSH_OK
        || ssh_userauth_publickey_auto(session, nullptr, nullptr) != SSH_AUTH_SUCCESS) {
        state.SkipWithError("cannot log in");
        return;
    }
    for (auto _ : state) {
        ssh_channel channel = ssh_channel_new(session);
        ssh_channel_open_session(channel);
        ssh_channel_request_exec(channel, "true");
        std::array<char, 256> buffer{};
        while (ssh_channel_read(channel, buffer.data(), buffer.size(), 0) > 0) {}
        benchmark::DoNotOptimize(ssh_channel_get_exit_status(channel));
        ssh_channel_close(channel);
        ssh_channel_free(channel);
    }
    ssh_disconnect(session);
    ssh_free(session);
}

void rawShellChannel(benchmark::State &state)
{
    std::unique_ptr<SshConnection> connection
        = SshConnection::open(addressOf(u"/"_s, floorUser()), sshd().sshOptions()).value();
    // runShell() is the protocol itself: the command, a sentinel on each stream, no process.
    for (auto _ : state)
        benchmark::DoNotOptimize(connection->runShell(":").value().exitCode);
}

QStringList sshArguments()
{
    return {
        u"-o"_s, u"BatchMode=yes"_s, u"-o"_s, u"UserKnownHostsFile="_s + sshd().knownHostsFile(),
        u"-i"_s, sshd().clientKey(), u"-p"_s, QString::number(sshd().port()),
        u"-F"_s, u"/dev/null"_s};
}

bool runSsh(const QStringList &arguments)
{
    QProcess ssh;
    ssh.start(u"ssh"_s, arguments);
    return ssh.waitForFinished(30000) && ssh.exitCode() == 0;
}

void controlMasterStep(benchmark::State &state)
{
    QTemporaryDir folder;
    const QString socket = folder.filePath(u"master"_s);
    QProcess master;
    master.start(u"ssh"_s, sshArguments()
                               + QStringList{u"-M"_s, u"-S"_s, socket, u"-N"_s,
                                             floorUser() + u"@127.0.0.1"_s});
    for (int i = 0; i < 200 && !QFile::exists(socket); ++i)
        QThread::msleep(10);
    const QStringList step
        = sshArguments() + QStringList{u"-S"_s, socket, floorUser() + u"@127.0.0.1"_s, u"true"_s};
    for (auto _ : state) {
        if (!runSsh(step))
            state.SkipWithError("ssh through the master failed");
    }
    master.terminate();
    master.waitForFinished(5000);
}

void freshSshCommand(benchmark::State &state)
{
    const QStringList step = sshArguments() + QStringList{floorUser() + u"@127.0.0.1"_s, u"true"_s};
    for (auto _ : state) {
        if (!runSsh(step))
            state.SkipWithError("ssh failed");
    }
}

void connectAndLogIn(benchmark::State &state)
{
    for (auto _ : state)
        benchmark::DoNotOptimize(
            SshConnection::open(addressOf(u"/"_s, floorUser()), sshd().sshOptions()).ok());
}

// The SSH router whose transactions get a watchdog (sshwatchdog.h), set by the *Watched
// benchmarks. ChangeRun asks the router it is given to guard its transaction; the CountingRouter
// in between does not pass that on, so the other benchmarks run unguarded and these start the
// watchdog themselves, on the SSH router underneath.
SshRouter *g_watched = nullptr;

bool applyAndCheck(Router &router, const QList<Update> &updates)
{
    std::unique_ptr<ChangeRun> change
        = ChangeRun::prepare(router, updates, generatePlan(updates).value()).value();
    std::unique_ptr<SshWatchdog> watchdog;
    if (g_watched != nullptr)
        watchdog
            = SshWatchdog::start(*g_watched, change->transactionId(), SshWatchdog::defaultLease())
                  .value();
    QEventLoop loop;
    ExecutorState ended = ExecutorState::Ready;
    QObject::connect(&change->executor(), &ExecutionSession::finished, &loop,
                     [&](ExecutorState final) {
                         ended = final;
                         loop.quit();
                     });
    (void)change->executor().resume();
    loop.exec();
    return ended == ExecutorState::Succeeded;
}

QList<Update> chuteUpdates(UpdateType type, const QList<ChuteSpec> &chutes, Router &router)
{
    const QList<ChuteSpec> installed = readInstalledChutes(router).value();
    QList<Update> updates;
    for (const ChuteSpec &chute : chutes) {
        Update update = type == UpdateType::Create
                            ? makeChuteUpdate(type, chute, {}, installed)
                            : makeChuteUpdate(type, {}, chute.name, installed);
        update.sourceFolder = kSamples + u"/hello-web"_s;
        updates.append(update);
    }
    return updates;
}

// Creates `chutes` in one plan on `target`, deleting them (untimed) between runs.
// `loginsBefore`: the test sshd's count of logins before the router was opened.
void applyOn(benchmark::State &state, Router &target, const QList<ChuteSpec> &chutes,
             int loginsBefore)
{
    CountingRouter router(target);
    int primitives = 0;
    qint64 applyNs = 0;
    for (auto _ : state) {
        const int before = router.count();
        QElapsedTimer timer;
        timer.start();
        if (!applyAndCheck(router, chuteUpdates(UpdateType::Create, chutes, router)))
            state.SkipWithError("the create did not succeed");
        applyNs += timer.nsecsElapsed();
        primitives = router.count() - before;
        state.PauseTiming();
        if (!applyAndCheck(router, chuteUpdates(UpdateType::Delete, chutes, router)))
            state.SkipWithError("the delete did not succeed");
        state.ResumeTiming();
    }
    state.counters["primitives"] = primitives;
    state.counters["us_per_primitive"]
        = benchmark::Counter(double(primitives) * double(state.iterations()) / 1e6,
                             benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
    state.counters["connections"] = sshd().acceptedLogins() - loginsBefore;
}

// On a prefixed SSH router, or (the baseline: ChuteDeck without SSH) on a local sandbox.
enum class Variant : quint8 { Plain, Watched, Waiting };

void applyOverSsh(benchmark::State &state, const QList<ChuteSpec> &chutes,
                  Variant variant = Variant::Plain)
{
    QTemporaryDir folder;
    (void)SandboxRouter::open(folder.path()).value();
    const int loginsBefore = sshd().acceptedLogins();
    SshOptions options = sshd().sshOptions();
    options.pipelining = variant != Variant::Waiting;
    std::unique_ptr<SshRouter> ssh = SshRouter::open(addressOf(folder.path()), options).value();
    const bool watched = variant == Variant::Watched;
    g_watched = watched ? ssh.get() : nullptr;
    applyOn(state, *ssh, chutes, loginsBefore);
    g_watched = nullptr;
}

void applyOnSandbox(benchmark::State &state, const QList<ChuteSpec> &chutes)
{
    QTemporaryDir folder;
    std::unique_ptr<SandboxRouter> sandbox = SandboxRouter::open(folder.path()).value();
    applyOn(state, *sandbox, chutes, sshd().acceptedLogins());
}

void sshApplyCreate(benchmark::State &state)
{
    applyOverSsh(state, {loadChute(kSamples + u"/hello-web"_s).value()});
}

void sshApplyCreateWatched(benchmark::State &state)
{
    applyOverSsh(state, {loadChute(kSamples + u"/hello-web"_s).value()}, Variant::Watched);
}

void sshApplyCreateWaiting(benchmark::State &state)
{
    applyOverSsh(state, {loadChute(kSamples + u"/hello-web"_s).value()}, Variant::Waiting);
}

void sandboxApplyCreate(benchmark::State &state)
{
    applyOnSandbox(state, {loadChute(kSamples + u"/hello-web"_s).value()});
}

QList<ChuteSpec> manyChutes(qsizetype count)
{
    const ChuteSpec sample = loadChute(kSamples + u"/hello-web"_s).value();
    QList<ChuteSpec> chutes;
    for (qsizetype i = 0; i < count; ++i) {
        ChuteSpec chute = sample;
        chute.name = u"web-%1"_s.arg(i, 3, 10, QLatin1Char('0'));
        chute.web.reset();
        for (ServiceSpec &service : chute.services)
            service.portBindings.clear();
        chutes.append(chute);
    }
    return chutes;
}

void sshApplyManyChutes(benchmark::State &state)
{
    applyOverSsh(state, manyChutes(state.range(0)));
}

void sshApplyManyChutesWatched(benchmark::State &state)
{
    applyOverSsh(state, manyChutes(state.range(0)), Variant::Watched);
}

void sshApplyManyChutesWaiting(benchmark::State &state)
{
    applyOverSsh(state, manyChutes(state.range(0)), Variant::Waiting);
}

void sandboxApplyManyChutes(benchmark::State &state)
{
    applyOnSandbox(state, manyChutes(state.range(0)));
}

} // namespace

BENCHMARK(rawShellChannel)->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK(rawExecChannel)->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK(controlMasterStep)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(100);
BENCHMARK(freshSshCommand)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(20);
BENCHMARK(connectAndLogIn)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(50);
BENCHMARK(sandboxApplyCreate)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(20);
BENCHMARK(sshApplyCreate)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(20);
BENCHMARK(sshApplyManyChutes)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(1)
    ->Arg(20)
    ->Arg(200);
BENCHMARK(sshApplyCreateWaiting)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(20);
BENCHMARK(sshApplyManyChutesWaiting)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(1)
    ->Arg(20)
    ->Arg(200);
BENCHMARK(sshApplyCreateWatched)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(20);
BENCHMARK(sshApplyManyChutesWatched)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(1)
    ->Arg(20)
    ->Arg(200);
BENCHMARK(sandboxApplyManyChutes)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(1)
    ->Arg(20)
    ->Arg(200);
