#include "core/plan/workerthread.h"
#include "core/router/routerstate.h"
#include "core/router/sandboxrouter.h"
#include "core/router/transaction.h"
#include "core/steps/changerun.h"
#include "core/steps/dockerruntime.h"
#include "core/update/planning.h"
#include "tests/support/samplechutes.h"
#include "tests/support/sandboxfixture.h"
#include "tests/support/treesnapshot.h"

#include <QMap>
#include <QSet>
#include <QStandardPaths>
#include <QTest>

using namespace ChuteDeck::Core;
using namespace ChuteDeck::Tests;
using namespace Qt::StringLiterals;

namespace {

// What the fake Docker holds, as one comparable value.
struct DockerState
{
    QMap<QString, QString> containers; // name -> "image state"
    QSet<QString> images;
    QSet<QString> networks;

    QStringList summary() const
    {
        QStringList lines;
        for (auto it = containers.cbegin(); it != containers.cend(); ++it)
            lines.append(u"container "_s + it.key() + u' ' + it.value());
        QStringList sorted = images.values();
        sorted.sort();
        for (const QString &image : sorted)
            lines.append(u"image "_s + image);
        sorted = networks.values();
        sorted.sort();
        for (const QString &network : sorted)
            lines.append(u"network "_s + network);
        return lines;
    }
};

// A router on a sandbox folder whose run() answers like the docker CLI (Docker is not installed
// here): it records every argv and keeps containers, images and networks in memory.
class DockerRecordingRouter final : public Router
{
public:
    explicit DockerRecordingRouter(Router &files)
        : m_files(files)
    {}

    QList<QStringList> commands;
    DockerState state;
    QString failingStart; // a container whose `docker start` fails like a bound port

    QList<QStringList> dockerCommands() const
    {
        QList<QStringList> docker;
        for (const QStringList &argv : commands) {
            if (argv.constFirst() == u"docker")
                docker.append(argv.mid(1));
        }
        return docker;
    }

    QString url() const override { return m_files.url(); }
    WorkerThread &ioThread() override { return m_files.ioThread(); }
    Result<QByteArray> readFile(const QString &path) override { return m_files.readFile(path); }
    Result<void> writeFile(const QString &path, const QByteArray &data, int mode) override
    {
        return m_files.writeFile(path, data, mode);
    }
    Result<void> appendFile(const QString &path, const QByteArray &data) override
    {
        return m_files.appendFile(path, data);
    }
    Result<bool> exists(const QString &path) override { return m_files.exists(path); }
    Result<void> copy(const QString &from, const QString &to) override
    {
        return m_files.copy(from, to);
    }
    Result<void> rename(const QString &from, const QString &to) override
    {
        return m_files.rename(from, to);
    }
    Result<void> remove(const QString &path) override { return m_files.remove(path); }
    Result<QList<DirEntry>> list(const QString &folder) override { return m_files.list(folder); }
    Result<void> makeFolders(const QString &path, int mode) override
    {
        return m_files.makeFolders(path, mode);
    }
    Result<bool> makeFolderIfAbsent(const QString &path) override
    {
        return m_files.makeFolderIfAbsent(path);
    }
    ContainerRuntimeKind containerRuntime() const override { return ContainerRuntimeKind::Docker; }

    Result<CommandOutput> run(const QStringList &argv) override
    {
        commands.append(argv);
        if (argv.constFirst() != u"docker")
            return CommandOutput{};
        return docker(argv.mid(1));
    }

private:
    static CommandOutput failed(const QString &message)
    {
        return CommandOutput{1, {}, message.toUtf8() + '\n'};
    }
    static CommandOutput printed(const QStringList &lines)
    {
        return CommandOutput{
            0, lines.isEmpty() ? QByteArray() : lines.join(u'\n').toUtf8() + '\n', {}};
    }
    CommandOutput answer(bool present, const QString &what)
    {
        return present ? CommandOutput{} : failed(u"Error: No such "_s + what);
    }

    static QString option(const QStringList &arguments, const QString &name)
    {
        for (const QString &argument : arguments) {
            if (argument.startsWith(name + u'='))
                return argument.mid(name.size() + 1);
        }
        return {};
    }

    CommandOutput created(const QStringList &arguments, const QString &status)
    {
        const QString name = option(arguments, u"--name"_s);
        if (state.containers.contains(name))
            return failed(u"Conflict. The container name \"/%1\" is already in use"_s.arg(name));
        const QString image = arguments.at(arguments.indexOf(u"--"_s) + 1);
        if (!state.images.contains(image))
            return failed(u"Unable to find image '%1' locally"_s.arg(image));
        state.containers.insert(name, image + u' ' + status);
        return {};
    }

    CommandOutput listed(const QStringList &arguments)
    {
        const QString ancestor = option(arguments, u"--filter"_s);
        QStringList lines;
        for (auto it = state.containers.cbegin(); it != state.containers.cend(); ++it) {
            const QString image = it.value().section(u' ', 0, 0);
            if (ancestor == u"ancestor="_s + image)
                lines.append(it.key());
            else if (ancestor == u"label=chutedeck.chute"_s)
                lines.append(it.key() + u'\t' + image + u'\t' + it.value().section(u' ', 1) + u'\t'
                             + it.key().section(u'-', 0, -2) + u'\t' + it.key().section(u'-', -1));
        }
        return printed(lines);
    }

    CommandOutput docker(const QStringList &a)
    {
        const QString last = a.constLast();
        const QString verb = a.constFirst();
        const QString second = a.value(1);
        if (verb == u"image" && second == u"inspect")
            return answer(state.images.contains(last), u"image: "_s + last);
        if (verb == u"image" && second == u"rm")
            return answer(state.images.remove(last), u"image: "_s + last);
        if (verb == u"build") {
            state.images.insert(option(a, u"--tag"_s));
            return {};
        }
        if (verb == u"pull") {
            state.images.insert(last);
            return {};
        }
        if (verb == u"ps")
            return listed(a);
        if (verb == u"create")
            return created(a, u"created"_s);
        if (verb == u"run")
            return created(a, u"running"_s);
        if (verb == u"start") {
            if (last == failingStart)
                return failed(u"Error response from daemon: port is already allocated"_s);
            state.containers[last].replace(u" created"_s, u" running"_s);
            return {};
        }
        if (verb == u"rm")
            return answer(state.containers.remove(last) > 0, u"container: "_s + last);
        if (verb == u"container" && second == u"inspect")
            return answer(state.containers.contains(last), u"container: "_s + last);
        if (verb == u"network" && second == u"inspect")
            return answer(state.networks.contains(last), u"network: "_s + last);
        if (verb == u"network" && second == u"create") {
            state.networks.insert(last);
            return {};
        }
        if (verb == u"network" && second == u"rm")
            return answer(state.networks.remove(last), u"network: "_s + last);
        if (verb == u"network" && second == u"ls") {
            QStringList names = state.networks.values();
            names.sort();
            return printed(names);
        }
        return failed(u"unknown command: "_s + a.join(u' '));
    }

    Router &m_files;
};

class DockerFixture : public SandboxFixture
{
public:
    DockerFixture()
        : docker(*router)
    {}

    RunReport apply(const QList<Update> &updates, const QList<StepMatcher> &failures = {})
    {
        const Result<PlanMap> plan = generatePlan(updates);
        if (!plan) {
            qWarning("rejected: %s", qPrintable(plan.error().message));
            return {};
        }
        Result<std::unique_ptr<ChangeRun>> change
            = ChangeRun::prepare(docker, updates, plan.value());
        if (!change) {
            qWarning("%s", qPrintable(change.error().message));
            return {};
        }
        for (const StepMatcher &failure : failures)
            change.value()->executor().setInjectedFailure(failure, true);
        return runToEnd(change.value()->executor());
    }

    Update create(const QString &sample) const
    {
        Result<ChuteSpec> chute = loadChute(sampleChuteFolder(sample));
        Update update = makeChuteUpdate(UpdateType::Create, chute.value(), chute.value().name,
                                        readInstalledChutes(*router).value());
        update.sourceFolder = sampleChuteFolder(sample);
        return update;
    }
    Update change(UpdateType type, const QString &name) const
    {
        return makeChuteUpdate(type, {}, name, readInstalledChutes(*router).value());
    }

    DockerRecordingRouter docker;
};

const QStringList helloWebContainer{
    u"--name=hello-web-main"_s,
    u"--label=chutedeck.chute=hello-web"_s,
    u"--label=chutedeck.service=main"_s,
    u"--network=hello-web"_s,
    u"--restart=no"_s,
    u"--cap-add=NET_ADMIN"_s,
    u"--volume=/var/lib/paradrop/data/hello-web:/data"_s,
    u"--env=GREETING=Hello from a ParaDrop chute!"_s,
    u"--env=PARADROP_CHUTE_NAME=hello-web"_s,
    u"--env=PARADROP_CHUTE_VERSION=1"_s,
    u"--"_s,
    u"hello-web-main:1"_s,
    u"python3"_s,
    u"-u"_s,
    u"server.py"_s,
};

} // namespace

class TestDockerRuntime final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void containerArgumentsKeepHostileValues();
    void lightDockerfile();
    void createIssuesDockerCommands();
    void failureRollsBackDocker();
    void failedStartRemovesTheContainer();
    void deleteRolledBackRunsTheOldContainer();
    void deleteRemovesTheImageAtCommit();
    void factoryResetRemovesChuteContainers();
};

void TestDockerRuntime::containerArgumentsKeepHostileValues()
{
    const QString hostile = u"'$(reboot)`id`\" \n-x;rm -rf /"_s;
    ContainerConfig config{
        u"c-main"_s,  u"-image"_s,           u"c"_s,         u"main"_s, {u"-v"_s, hostile},
        {{80, 8080}}, {{u"KEY"_s, hostile}}, {u"9.9.9.9"_s}, true};
    QCOMPARE(DockerContainerRuntime::containerArguments(config),
             (QStringList{u"--name=c-main"_s, u"--label=chutedeck.chute=c"_s,
                          u"--label=chutedeck.service=main"_s, u"--network=c"_s, u"--restart=no"_s,
                          u"--cap-add=NET_ADMIN"_s, u"--volume=/var/lib/paradrop/data/c:/data"_s,
                          u"--privileged"_s, u"--dns=9.9.9.9"_s, u"--env=KEY="_s + hostile,
                          u"--publish=80:8080"_s, u"--"_s, u"-image"_s, u"-v"_s, hostile}));
}

void TestDockerRuntime::lightDockerfile()
{
    ServiceSpec service;
    service.image = u"python3"_s;
    service.command = {u"python3 -u server.py"_s};
    QCOMPARE(DockerContainerRuntime::lightDockerfile(service),
             "FROM python3\nWORKDIR /opt/paradrop/app\nCOPY . /opt/paradrop/app\n"
             "CMD [\"python3\",\"-u\",\"server.py\"]\n"_ba);
}

void TestDockerRuntime::createIssuesDockerCommands()
{
    DockerFixture fixture;
    const RunReport report = fixture.apply({fixture.create(u"hello-web"_s)});
    QCOMPARE(report.failureMessage(), QString());
    const QString dockerfile = u"/var/lib/chutedeck/build/hello-web-main%3A1.Dockerfile"_s;
    QCOMPARE(
        fixture.docker.dockerCommands(),
        (QList<QStringList>{
            {u"image"_s, u"inspect"_s, u"--format={{.Id}}"_s, u"--"_s, u"hello-web-main:1"_s},
            {u"build"_s, u"--rm"_s, u"--tag=hello-web-main:1"_s, u"--pull"_s,
             u"--file="_s + dockerfile, u"--"_s, u"/var/lib/paradrop/chute-files/hello-web"_s},
            {u"image"_s, u"inspect"_s, u"--format={{.Id}}"_s, u"--"_s, u"hello-web-main:1"_s},
            {u"network"_s, u"inspect"_s, u"--format={{.Name}}"_s, u"--"_s, u"hello-web"_s},
            {u"network"_s, u"create"_s, u"--driver=bridge"_s,
             u"--label=chutedeck.chute=hello-web"_s, u"--"_s, u"hello-web"_s},
            {u"image"_s, u"inspect"_s, u"--format={{.Id}}"_s, u"--"_s, u"hello-web-main:1"_s},
            QStringList{u"create"_s} + helloWebContainer,
            {u"start"_s, u"--"_s, u"hello-web-main"_s},
            {u"container"_s, u"inspect"_s, u"--format={{.Name}}"_s, u"--"_s, u"hello-web-main"_s},
            // haproxy.reconfigureProxy looks for the web service's address
            {u"ps"_s, u"--all"_s, u"--filter=label=chutedeck.chute"_s,
             u"--format={{.Names}}\t{{.Image}}\t{{.State}}\t{{.Label \"chutedeck.chute\"}}"
             "\t{{.Label \"chutedeck.service\"}}"_s},
        }));
    QCOMPARE(fixture.docker.state.summary(),
             (QStringList{u"container hello-web-main hello-web-main:1 running"_s,
                          u"image hello-web-main:1"_s, u"network hello-web"_s}));
    // The reload runs too; the light service's Dockerfile is gone; no container JSON was written.
    QVERIFY(fixture.docker.commands.contains(QStringList{u"reload_config"_s}));
    QVERIFY(!fixture.router->exists(dockerfile.mid(1)).value());
    QCOMPARE(fixture.router->list(QString(RouterPaths::containers)).value(), QList<DirEntry>());
}

// After a failure past the container's start, the transaction's undo commands take Docker back,
// newest first, and the tree is as before.
void TestDockerRuntime::failureRollsBackDocker()
{
    DockerFixture fixture;
    const auto before = snapshotTree(fixture.root());
    const RunReport report = fixture.apply({fixture.create(u"hello-web"_s)},
                                           {StepMatcher::forTodo(u"state.saveChute"_s)});
    QCOMPARE(report.resultName(), u"rolled-back"_s);
    QCOMPARE(fixture.docker.state.summary(), QStringList());
    QCOMPARE(fixture.docker.dockerCommands().mid(fixture.docker.dockerCommands().size() - 3),
             (QList<QStringList>{{u"rm"_s, u"--force"_s, u"--"_s, u"hello-web-main"_s},
                                 {u"network"_s, u"rm"_s, u"--"_s, u"hello-web"_s},
                                 {u"image"_s, u"rm"_s, u"--"_s, u"hello-web-main:1"_s}}));
    QCOMPARE(snapshotTree(fixture.root()), before);
}

// docker create succeeded, docker start did not: the created container is still removed.
void TestDockerRuntime::failedStartRemovesTheContainer()
{
    DockerFixture fixture;
    fixture.docker.failingStart = u"hello-web-main"_s;
    const auto before = snapshotTree(fixture.root());
    const RunReport report = fixture.apply({fixture.create(u"hello-web"_s)});
    QCOMPARE(report.resultName(), u"rolled-back"_s);
    QCOMPARE(report.failureMessage(),
             u"Cannot start container hello-web-main: docker exited with 1: Error response from "
             "daemon: port is already allocated"_s);
    QCOMPARE(fixture.docker.state.summary(), QStringList());
    QCOMPARE(snapshotTree(fixture.root()), before);
}

// The old image is removed only at the commit, so a late failure can run the old container again.
void TestDockerRuntime::deleteRolledBackRunsTheOldContainer()
{
    DockerFixture fixture;
    QCOMPARE(fixture.apply({fixture.create(u"hello-web"_s)}).failureMessage(), QString());
    const QStringList installed = fixture.docker.state.summary();
    const auto before = snapshotTree(fixture.root());
    const qsizetype start = fixture.docker.dockerCommands().size();

    const RunReport report = fixture.apply({fixture.change(UpdateType::Delete, u"hello-web"_s)},
                                           {StepMatcher::forTodo(u"state.saveChute"_s)});
    QCOMPARE(report.resultName(), u"rolled-back"_s);
    QCOMPARE(fixture.docker.state.summary(), installed);
    const QList<QStringList> commands = fixture.docker.dockerCommands().mid(start);
    QCOMPARE(commands.mid(commands.size() - 2),
             (QList<QStringList>{{u"network"_s, u"create"_s, u"--driver=bridge"_s,
                                  u"--label=chutedeck.chute=hello-web"_s, u"--"_s, u"hello-web"_s},
                                 QStringList{u"run"_s, u"--detach"_s} + helloWebContainer}));
    QCOMPARE(snapshotTree(fixture.root()), before);
}

void TestDockerRuntime::deleteRemovesTheImageAtCommit()
{
    DockerFixture fixture;
    QCOMPARE(fixture.apply({fixture.create(u"hello-web"_s)}).failureMessage(), QString());
    const RunReport report = fixture.apply({fixture.change(UpdateType::Delete, u"hello-web"_s)});
    QCOMPARE(report.failureMessage(), QString());
    QCOMPARE(fixture.docker.state.summary(), QStringList());
    QCOMPARE(fixture.docker.dockerCommands().constLast(),
             (QStringList{u"image"_s, u"rm"_s, u"--"_s, u"hello-web-main:1"_s}));
}

void TestDockerRuntime::factoryResetRemovesChuteContainers()
{
    DockerFixture fixture;
    QCOMPARE(fixture.apply({fixture.create(u"hello-web"_s)}).failureMessage(), QString());
    DockerContainerRuntime runtime(fixture.docker);
    QCOMPARE(runtime.containers().value(),
             (QList<QJsonObject>{QJsonObject{{u"name"_s, u"hello-web-main"_s},
                                             {u"image"_s, u"hello-web-main:1"_s},
                                             {u"state"_s, u"running"_s},
                                             {u"chute"_s, u"hello-web"_s},
                                             {u"service"_s, u"main"_s},
                                             {u"interfaces"_s, QJsonArray()}}}));
    QCOMPARE(runtime.removeAllContainers().value(), 2);
    QCOMPARE(fixture.docker.state.summary(), QStringList{u"image hello-web-main:1"_s});
}

QTEST_GUILESS_MAIN(TestDockerRuntime)
#include "tst_dockerruntime.moc"
