#include "core/plan/executor.h"
#include "core/plan/runreport.h"
#include "core/plan/workerthread.h"
#include "core/router/routerstate.h"
#include "core/router/sandboxrouter.h"
#include "core/steps/builtinsteps.h"
#include "core/steps/containerruntime.h"
#include "core/update/changeenvironment.h"
#include "core/update/planning.h"
#include "tests/support/samplechutes.h"
#include "tests/support/sandboxfixture.h"
#include "tests/support/treesnapshot.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace ChuteDeck::Core;
using namespace ChuteDeck::Tests;
using namespace Qt::StringLiterals;

namespace {

QByteArray localFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
}

// Runs without a router transaction: what a rollback restores here is the work of the undo
// steps alone.
class ContainerFixture : public SandboxFixture
{
public:
    RunReport run(const QList<Update> &updates, const QList<StepMatcher> &failures = {})
    {
        return SandboxFixture::run(updates, failures, Recording::StepsOnly);
    }

    // A create of a sample chute, with its folder as the change's sources.
    Update sampleUpdate(const QString &name) const
    {
        Result<ChuteSpec> chute = loadChute(sampleChuteFolder(name));
        if (!chute)
            qWarning("%s", qPrintable(chute.error().message));
        Update update = makeChuteUpdate(UpdateType::Create, chute.value(), chute.value().name,
                                        readInstalledChutes(*router).value());
        update.sourceFolder = sampleChuteFolder(name);
        return update;
    }
    RunReport createSample(const QString &name) { return run({sampleUpdate(name)}); }

    RunReport change(UpdateType type, const QString &name)
    {
        return run({makeChuteUpdate(type, {}, name, readInstalledChutes(*router).value())});
    }

    QByteArray file(const QString &path) const
    {
        const Result<QByteArray> content = router->readFile(path);
        return content.ok() ? content.value() : QByteArray("<missing>");
    }
    bool exists(const QString &path) const { return router->exists(path).value(); }
    QStringList entries(const QString &folder) const
    {
        QStringList names;
        const QList<DirEntry> listed = router->list(folder).value();
        for (const DirEntry &entry : listed)
            names.append(entry.name);
        return names;
    }
};

QString containerFile(const QString &name)
{
    return SandboxContainerRuntime::containerPath(name);
}

QString imageFile(const QString &name)
{
    return SandboxContainerRuntime::imagePath(name);
}

} // namespace

class TestContainerSteps final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void createHelloWeb();
    void portClashRollsBack();
    void portClashInOnePlan();
    void twoServices();
    void unknownImageRollsBack();
    void noSourcesFailsTheBuild();
    void stopStartDelete();
    void restartUndoneByItsUndoSteps();
    void updateReplacesImageAndContainer();
};

void TestContainerSteps::createHelloWeb()
{
    ContainerFixture fixture;
    const RunReport report = fixture.createSample(u"hello-web"_s);
    QCOMPARE(report.failureMessage(), QString());
    QCOMPARE(report.resultName(), u"succeeded"_s);

    QCOMPARE(fixture.entries(u"var/lib/paradrop/images"_s),
             QStringList{u"hello-web-main%3A1.json"_s});
    QCOMPARE(fixture.file(imageFile(u"hello-web-main:1"_s)), R"({
    "baseImage": "python3",
    "builtFrom": "var/lib/paradrop/chute-files/hello-web",
    "chute": "hello-web",
    "name": "hello-web-main:1",
    "service": "main"
}
)"_ba);
    QCOMPARE(fixture.entries(u"var/lib/paradrop/containers"_s),
             (QStringList{u"bridge~hello-web.json"_s, u"hello-web-main.json"_s}));
    QCOMPARE(fixture.file(containerFile(u"hello-web-main"_s)), R"({
    "chute": "hello-web",
    "command": [
        "python3 -u server.py"
    ],
    "environment": {
        "GREETING": "Hello from a ParaDrop chute!",
        "PARADROP_CHUTE_NAME": "hello-web",
        "PARADROP_CHUTE_VERSION": "1"
    },
    "image": "hello-web-main:1",
    "interfaces": [
    ],
    "name": "hello-web-main",
    "ports": [
    ],
    "service": "main",
    "state": "running"
}
)"_ba);
    for (const QString &name : {u"paradrop.yaml"_s, u"server.py"_s}) {
        QCOMPARE(fixture.file(u"var/lib/paradrop/chute-files/hello-web/"_s + name),
                 localFile(sampleChuteFolder(u"hello-web"_s) + u'/' + name));
    }
    QCOMPARE(QFileInfo(fixture.root() + u"/var/lib/paradrop/chute-files/hello-web/server.py"_s)
                 .permissions(),
             QFileInfo(sampleChuteFolder(u"hello-web"_s) + u"/server.py"_s).permissions());
    QVERIFY(QFileInfo(fixture.root() + u"/var/lib/paradrop/data/hello-web"_s).isDir());
    QCOMPARE(fixture.file(u"etc/haproxy.cfg"_s), R"(global
	daemon
	maxconn 256

defaults
	mode http
	timeout connect 5s
	timeout client 50s
	timeout server 50s

frontend http-in
	bind *:80
	acl is_chute_hello-web path_beg /chutes/hello-web/
	use_backend chute_hello-web if is_chute_hello-web

backend chute_hello-web
	http-request set-path %[path,regsub(^/chutes/hello-web/,/)]
	server hello-web-main 172.17.0.2:8000 maxconn 256
)"_ba);
    QCOMPARE(fixture.file(u"var/lib/paradrop/allocation.json"_s), R"({
    "hello-web-main": {
        "chute": "hello-web",
        "cpuFraction": 1,
        "cpuShares": 1024,
        "service": "main"
    }
}
)"_ba);
}

void TestContainerSteps::portClashRollsBack()
{
    ContainerFixture fixture;
    QCOMPARE(fixture.createSample(u"wifi-hotspot"_s).resultName(), u"succeeded"_s);
    const QByteArray hotspot = fixture.file(containerFile(u"wifi-hotspot-main"_s));
    QVERIFY(hotspot.contains(R"("external": 8088)"));
    const auto before = snapshotTree(fixture.root());

    // The firewall step already refuses a router port that an installed chute reserves.
    const RunReport report = fixture.createSample(u"port-clash"_s);
    QCOMPARE(report.resultName(), u"rolled-back"_s);
    QVERIFY2(report.failureMessage().contains(u"8088"_s), qPrintable(report.failureMessage()));
    QCOMPARE(snapshotTree(fixture.root()), before);
}

// Installed together, neither chute is reserved yet: the runtime's start refuses the port.
void TestContainerSteps::portClashInOnePlan()
{
    ContainerFixture fixture;
    const auto before = snapshotTree(fixture.root());
    const RunReport report = fixture.run(
        {fixture.sampleUpdate(u"wifi-hotspot"_s), fixture.sampleUpdate(u"port-clash"_s)});
    QCOMPARE(report.resultName(), u"rolled-back"_s);
    QCOMPARE(report.failureMessage(),
             u"Port 8088 is already bound by chute wifi-hotspot (container wifi-hotspot-main)"_s);
    QCOMPARE(snapshotTree(fixture.root()), before);
}

void TestContainerSteps::twoServices()
{
    ContainerFixture fixture;
    const RunReport report = fixture.createSample(u"two-services"_s);
    QCOMPARE(report.failureMessage(), QString());
    QCOMPARE(fixture.entries(u"var/lib/paradrop/containers"_s),
             (QStringList{u"bridge~two-services.json"_s, u"two-services-cache.json"_s,
                          u"two-services-web.json"_s}));
    QCOMPARE(fixture.entries(u"var/lib/paradrop/images"_s),
             (QStringList{u"redis%3A7.json"_s, u"two-services-web%3A1.2.json"_s}));
    QVERIFY(fixture.file(imageFile(u"two-services-web:1.2"_s))
                .contains(R"("builtFrom": "var/lib/paradrop/chute-files/two-services/web")"));
    QVERIFY(fixture.file(imageFile(u"redis:7"_s)).contains(R"("pulledFrom": "registry")"));
    QCOMPARE(fixture.file(u"var/lib/paradrop/chute-files/two-services/web/counter.py"_s),
             localFile(sampleChuteFolder(u"two-services/web/counter.py"_s)));
    const QByteArray allocation = fixture.file(u"var/lib/paradrop/allocation.json"_s);
    QVERIFY2(allocation.contains(R"("cpuShares": 512)"), allocation.constData());
}

void TestContainerSteps::unknownImageRollsBack()
{
    ContainerFixture fixture;
    const auto before = snapshotTree(fixture.root());
    ChuteSpec chute;
    chute.name = u"ghost"_s;
    chute.version = u"1"_s;
    ServiceSpec service;
    service.name = u"main"_s;
    service.type = ServiceType::Image;
    service.image = u"example.org/no-such-image:3"_s;
    chute.services.append(service);
    const RunReport report
        = fixture.run({makeChuteUpdate(UpdateType::Create, chute, chute.name, {})});
    QCOMPARE(report.resultName(), u"rolled-back"_s);
    QCOMPARE(report.failureMessage(),
             u"Cannot pull image example.org/no-such-image:3: not found in the registry"_s);
    QCOMPARE(snapshotTree(fixture.root()), before);
}

void TestContainerSteps::noSourcesFailsTheBuild()
{
    ContainerFixture fixture;
    Update update
        = makeChuteUpdate(UpdateType::Create, loadChute(sampleChuteFolder(u"hello-web"_s)).value(),
                          u"hello-web"_s, {});
    const RunReport report = fixture.run({update});
    QCOMPARE(report.resultName(), u"rolled-back"_s);
    QCOMPARE(report.failureMessage(),
             u"Cannot build image hello-web-main:1: no chute sources in "
             "var/lib/paradrop/chute-files/hello-web (the change has no source folder)"_s);
}

void TestContainerSteps::stopStartDelete()
{
    ContainerFixture fixture;
    QCOMPARE(fixture.createSample(u"hello-web"_s).resultName(), u"succeeded"_s);
    const QByteArray running = fixture.file(containerFile(u"hello-web-main"_s));

    QCOMPARE(fixture.change(UpdateType::Stop, u"hello-web"_s).failureMessage(), QString());
    QVERIFY(!fixture.exists(containerFile(u"hello-web-main"_s)));
    QVERIFY(fixture.exists(imageFile(u"hello-web-main:1"_s)));
    QVERIFY(!fixture.file(u"etc/haproxy.cfg"_s).contains("hello-web"));
    QCOMPARE(fixture.file(u"var/lib/paradrop/allocation.json"_s), "{\n}\n"_ba);

    QCOMPARE(fixture.change(UpdateType::Start, u"hello-web"_s).failureMessage(), QString());
    QCOMPARE(fixture.file(containerFile(u"hello-web-main"_s)), running);
    QVERIFY(fixture.file(u"etc/haproxy.cfg"_s).contains("backend chute_hello-web"));

    QCOMPARE(fixture.change(UpdateType::Delete, u"hello-web"_s).failureMessage(), QString());
    QCOMPARE(fixture.entries(u"var/lib/paradrop/containers"_s), QStringList());
    QCOMPARE(fixture.entries(u"var/lib/paradrop/images"_s), QStringList());
    QCOMPARE(fixture.entries(u"var/lib/paradrop/chute-files"_s), QStringList());
    QCOMPARE(fixture.entries(u"var/lib/paradrop/data"_s), QStringList());
    QVERIFY(!fixture.file(u"etc/haproxy.cfg"_s).contains("hello-web"));
}

// Without a router transaction, the undo steps alone put the containers back byte for byte.
void TestContainerSteps::restartUndoneByItsUndoSteps()
{
    ContainerFixture fixture;
    QCOMPARE(fixture.createSample(u"two-services"_s).resultName(), u"succeeded"_s);
    const auto before = snapshotTree(fixture.root());
    const RunReport report
        = fixture.run({makeChuteUpdate(UpdateType::Restart, {}, u"two-services"_s,
                                       readInstalledChutes(*fixture.router).value())},
                      {StepMatcher::forTodo(u"state.saveChute"_s)});
    QCOMPARE(report.resultName(), u"rolled-back"_s);
    QCOMPARE(snapshotTree(fixture.root()), before);
}

void TestContainerSteps::updateReplacesImageAndContainer()
{
    ContainerFixture fixture;
    QCOMPARE(fixture.createSample(u"hello-web"_s).resultName(), u"succeeded"_s);
    ChuteSpec second = loadChute(sampleChuteFolder(u"hello-web"_s)).value();
    second.version = u"2"_s;
    Update update = makeChuteUpdate(UpdateType::Update, second, {},
                                    readInstalledChutes(*fixture.router).value());
    update.sourceFolder = sampleChuteFolder(u"hello-web"_s);
    QCOMPARE(fixture.run({update}).failureMessage(), QString());
    QCOMPARE(fixture.entries(u"var/lib/paradrop/images"_s),
             QStringList{u"hello-web-main%3A2.json"_s});
    QVERIFY(fixture.file(containerFile(u"hello-web-main"_s))
                .contains(R"("image": "hello-web-main:2")"));
}

QTEST_GUILESS_MAIN(TestContainerSteps)
#include "tst_containersteps.moc"
