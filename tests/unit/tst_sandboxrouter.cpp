#include "core/chute/chutestore.h"
#include "core/plan/workerthread.h"
#include "core/router/routerstate.h"
#include "core/router/sandboxrouter.h"
#include "core/router/sandboxseed.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <climits>
#include <functional>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>

using namespace ChuteDeck::Core;
using namespace Qt::StringLiterals;

namespace {

// "stat" names both a struct and a function; the alias keeps declarations plain.
using FileStatus = struct stat;

// One line per entry below `folder`, sorted: "0755 etc/" for folders, "0644 etc/haproxy.cfg" for
// files, "link data/link -> web/a" for links; so one QCOMPARE checks paths, types and modes.
void listTree(const QString &root, const QString &relative, QStringList &lines)
{
    const QDir folder(relative.isEmpty() ? root : root + u'/' + relative);
    const QDir::Filters all = QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot;
    for (const QString &name : folder.entryList(all, QDir::Name)) {
        const QString path = relative.isEmpty() ? name : relative + u'/' + name;
        const QByteArray native = QFile::encodeName(root + u'/' + path);
        FileStatus info{};
        if (::lstat(native.constData(), &info) != 0)
            continue;
        const QString mode = u"%1"_s.arg(info.st_mode & 07777, 4, 8, QLatin1Char('0'));
        if (S_ISLNK(info.st_mode)) {
            QByteArray target(PATH_MAX, Qt::Uninitialized);
            target.truncate(
                std::max<ssize_t>(::readlink(native.constData(), target.data(), target.size()), 0));
            lines.append(u"link "_s + path + u" -> "_s + QString::fromUtf8(target));
        } else if (S_ISDIR(info.st_mode)) {
            lines.append(mode + u' ' + path + u'/');
            listTree(root, path, lines);
        } else {
            lines.append(mode + u' ' + path);
        }
    }
}

QStringList treeOf(const QString &root, const QString &relative = {})
{
    QStringList lines;
    listTree(root, relative, lines);
    std::sort(lines.begin(), lines.end());
    return lines;
}

QByteArray fileContents(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return "<missing>";
    return file.readAll();
}

template<typename T>
std::optional<Error> errorOf(const Result<T> &result)
{
    if (result.ok())
        return std::nullopt;
    return result.error();
}

// Calls one path primitive the way its _data row names it; the other end of a copy or rename is
// an ordinary file inside the root.
std::optional<Error> callPrimitive(Router &router, const QString &primitive, const QString &path)
{
    const QString inside = u"etc/haproxy.cfg"_s;
    const QHash<QString, std::function<std::optional<Error>()>> calls{
        {u"readFile"_s, [&] { return errorOf(router.readFile(path)); }},
        {u"writeFile"_s, [&] { return errorOf(router.writeFile(path, "x")); }},
        {u"exists"_s, [&] { return errorOf(router.exists(path)); }},
        {u"copy from"_s, [&] { return errorOf(router.copy(path, u"copied"_s)); }},
        {u"copy to"_s, [&] { return errorOf(router.copy(inside, path)); }},
        {u"rename from"_s, [&] { return errorOf(router.rename(path, u"renamed"_s)); }},
        {u"rename to"_s, [&] { return errorOf(router.rename(inside, path)); }},
        {u"remove"_s, [&] { return errorOf(router.remove(path)); }},
        {u"list"_s, [&] { return errorOf(router.list(path)); }},
        {u"makeFolders"_s, [&] { return errorOf(router.makeFolders(path)); }},
    };
    return calls.value(primitive)();
}

ChuteSpec sampleChute(const QString &name, ChuteState state)
{
    ServiceSpec service;
    service.name = u"main"_s;
    service.type = ServiceType::Image;
    service.image = u"nginx:1.25"_s;
    service.environment = {{u"GREETING"_s, u"hello, world"_s}};
    ChuteSpec chute;
    chute.name = name;
    chute.version = u"1.2"_s;
    chute.description = u"A sample"_s;
    chute.services = {service};
    chute.state = state;
    return chute;
}

} // namespace

class TestSandboxRouter final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void seedCreatesTheLayout();
    void seededFiles_data();
    void seededFiles();
    void seedIsIdempotentAndKeepsEdits();
    void openDoesNotReseedASeededFolder();
    void openSeedsAFolderWithoutUciConfig();
    void openCreatesAMissingFolder();

    void writeFile_data();
    void writeFile();
    void writeReplacesALinkNotItsTarget();
    void failuresNameThePath_data();
    void failuresNameThePath();
    void writeIntoAReadOnlyFolderFails();
    void makeFoldersAppliesTheModeToTheLastFolder();
    void copyFolderTreeKeepsModesLinksAndEmptyFolders();
    void copyFileReplacesTheDestination();
    void copyIntoItselfIsRefused();
    void renameReplacesTheDestination();
    void remove_data();
    void remove();
    void listIsSortedWithTypes();
    void escapingPathsAreRefused_data();
    void escapingPathsAreRefused();
    void runRecordsTheCommand();
    void appendFileAddsToTheEnd();

    void installedChutesRoundTrip();
    void missingChuteStoreHasNoChutes();
    void hostConfigOfASeededRouterIsTheDefault();
    void missingHostConfigIsTheDefaultOfTheDevices();
    void systemDevicesOfASeededRouter();

private:
    SandboxRouter &router() { return *m_router; }
    QString hostPath(const QString &relative) const { return m_dir->path() + u'/' + relative; }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SandboxRouter> m_router;
};

void TestSandboxRouter::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestSandboxRouter::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    Result<std::unique_ptr<SandboxRouter>> opened = SandboxRouter::open(m_dir->path());
    QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().message));
    m_router = std::move(opened).value();
}

void TestSandboxRouter::cleanup()
{
    m_router.reset();
    m_dir.reset();
}

void TestSandboxRouter::seedCreatesTheLayout()
{
    const QStringList expected{
        u"0644 etc/config/dhcp"_s,
        u"0644 etc/config/firewall"_s,
        u"0644 etc/config/network"_s,
        u"0644 etc/config/wireless"_s,
        u"0644 etc/haproxy.cfg"_s,
        u"0644 etc/paradrop/hostconfig.yaml"_s,
        u"0644 sys/class/ieee80211/phy0/band"_s,
        u"0644 sys/class/ieee80211/phy0/hwmodes"_s,
        u"0644 sys/class/ieee80211/phy0/name"_s,
        u"0644 sys/class/ieee80211/phy1/band"_s,
        u"0644 sys/class/ieee80211/phy1/hwmodes"_s,
        u"0644 sys/class/ieee80211/phy1/name"_s,
        u"0644 sys/class/net/eth0/address"_s,
        u"0644 sys/class/net/eth0/operstate"_s,
        u"0644 sys/class/net/eth0/type"_s,
        u"0644 sys/class/net/eth1/address"_s,
        u"0644 sys/class/net/eth1/operstate"_s,
        u"0644 sys/class/net/eth1/type"_s,
        u"0644 sys/class/net/wlan0/address"_s,
        u"0644 sys/class/net/wlan0/operstate"_s,
        u"0644 sys/class/net/wlan0/phy80211/name"_s,
        u"0644 sys/class/net/wlan0/type"_s,
        u"0644 sys/class/net/wlan1/address"_s,
        u"0644 sys/class/net/wlan1/operstate"_s,
        u"0644 sys/class/net/wlan1/phy80211/name"_s,
        u"0644 sys/class/net/wlan1/type"_s,
        u"0644 var/lib/paradrop/chutes.yaml"_s,
        u"0755 etc/"_s,
        u"0755 etc/config/"_s,
        u"0755 etc/paradrop/"_s,
        u"0755 sys/"_s,
        u"0755 sys/class/"_s,
        u"0755 sys/class/ieee80211/"_s,
        u"0755 sys/class/ieee80211/phy0/"_s,
        u"0755 sys/class/ieee80211/phy1/"_s,
        u"0755 sys/class/net/"_s,
        u"0755 sys/class/net/eth0/"_s,
        u"0755 sys/class/net/eth1/"_s,
        u"0755 sys/class/net/wlan0/"_s,
        u"0755 sys/class/net/wlan0/phy80211/"_s,
        u"0755 sys/class/net/wlan1/"_s,
        u"0755 sys/class/net/wlan1/phy80211/"_s,
        u"0755 var/"_s,
        u"0755 var/lib/"_s,
        u"0755 var/lib/chutedeck/"_s,
        u"0755 var/lib/paradrop/"_s,
        u"0755 var/lib/paradrop/chute-files/"_s,
        u"0755 var/lib/paradrop/containers/"_s,
        u"0755 var/lib/paradrop/data/"_s,
        u"0755 var/lib/paradrop/images/"_s,
    };
    QCOMPARE(treeOf(m_dir->path()), expected);
    QCOMPARE(router().url(), u"sandbox:"_s + QDir(m_dir->path()).canonicalPath());
    QCOMPARE(router().ioThread().thread()->objectName(), u"sandbox-io"_s);
}

void TestSandboxRouter::seededFiles_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("contents");
    QTest::newRow("wired device type") << u"sys/class/net/eth0/type"_s << QByteArray("1\n");
    QTest::newRow("device is up") << u"sys/class/net/eth1/operstate"_s << QByteArray("up\n");
    QTest::newRow("device address")
        << u"sys/class/net/eth1/address"_s << QByteArray("02:cd:00:00:00:02\n");
    QTest::newRow("wlan0 is on phy0")
        << u"sys/class/net/wlan0/phy80211/name"_s << QByteArray("phy0\n");
    QTest::newRow("wlan1 is on phy1")
        << u"sys/class/net/wlan1/phy80211/name"_s << QByteArray("phy1\n");
    QTest::newRow("phy0 band") << u"sys/class/ieee80211/phy0/band"_s << QByteArray("2.4\n");
    QTest::newRow("phy0 modes") << u"sys/class/ieee80211/phy0/hwmodes"_s << QByteArray("11b/g/n\n");
    QTest::newRow("phy1 band") << u"sys/class/ieee80211/phy1/band"_s << QByteArray("5\n");
    QTest::newRow("phy1 modes") << u"sys/class/ieee80211/phy1/hwmodes"_s
                                << QByteArray("11a/n/ac\n");
    QTest::newRow("UCI network") << u"etc/config/network"_s
                                 << QByteArray("config interface 'loopback'\n"
                                               "\toption ifname 'lo'\n"
                                               "\toption proto 'static'\n"
                                               "\toption ipaddr '127.0.0.1'\n"
                                               "\toption netmask '255.0.0.0'\n"
                                               "\n"
                                               "config interface 'lan'\n"
                                               "\toption type 'bridge'\n"
                                               "\toption ifname 'eth1'\n"
                                               "\toption proto 'static'\n"
                                               "\toption ipaddr '10.0.0.1'\n"
                                               "\toption netmask '255.255.255.0'\n"
                                               "\n"
                                               "config interface 'wan'\n"
                                               "\toption ifname 'eth0'\n"
                                               "\toption proto 'dhcp'\n");
    QTest::newRow("UCI wireless") << u"etc/config/wireless"_s
                                  << QByteArray("config wifi-device 'radio0'\n"
                                                "\toption type 'mac80211'\n"
                                                "\toption phy 'phy0'\n"
                                                "\toption hwmode '11g'\n"
                                                "\toption channel '1'\n"
                                                "\toption htmode 'HT20'\n"
                                                "\n"
                                                "config wifi-device 'radio1'\n"
                                                "\toption type 'mac80211'\n"
                                                "\toption phy 'phy1'\n"
                                                "\toption hwmode '11a'\n"
                                                "\toption channel '36'\n"
                                                "\toption htmode 'VHT80'\n"
                                                "\n"
                                                "config wifi-iface 'default_radio0'\n"
                                                "\toption device 'radio0'\n"
                                                "\toption ifname 'wlan0'\n"
                                                "\toption network 'lan'\n"
                                                "\toption mode 'ap'\n"
                                                "\toption ssid 'ParaDrop'\n"
                                                "\toption encryption 'none'\n");
    QTest::newRow("host config is the default")
        << u"etc/paradrop/hostconfig.yaml"_s << HostConfig::defaults(sandboxDevices()).toYaml();
    QTest::newRow("no chutes installed")
        << u"var/lib/paradrop/chutes.yaml"_s << chuteStoreToYaml({});
}

void TestSandboxRouter::seededFiles()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, contents);
    QCOMPARE(fileContents(hostPath(path)), contents);
}

void TestSandboxRouter::seedIsIdempotentAndKeepsEdits()
{
    QVERIFY(router().writeFile(u"etc/config/network"_s, "config interface 'mine'\n").ok());
    QVERIFY(router().remove(u"etc/config/dhcp"_s).ok());
    QVERIFY(router().remove(u"var/lib/paradrop/images"_s).ok());
    QVERIFY(router().seed().ok());
    QCOMPARE(fileContents(hostPath(u"etc/config/network"_s)), "config interface 'mine'\n");

    QTemporaryDir fresh;
    QVERIFY(SandboxRouter::open(fresh.path()).ok());
    QCOMPARE(treeOf(m_dir->path()), treeOf(fresh.path()));
    QCOMPARE(fileContents(hostPath(u"etc/config/dhcp"_s)),
             fileContents(fresh.filePath(u"etc/config/dhcp"_s)));
}

void TestSandboxRouter::openDoesNotReseedASeededFolder()
{
    QVERIFY(router().remove(u"etc/config/dhcp"_s).ok());
    QVERIFY(router().remove(u"var/lib/paradrop/images"_s).ok());
    const QStringList before = treeOf(m_dir->path());
    m_router.reset();
    QVERIFY(SandboxRouter::open(m_dir->path()).ok());
    QCOMPARE(treeOf(m_dir->path()), before);
}

void TestSandboxRouter::openSeedsAFolderWithoutUciConfig()
{
    QTemporaryDir dir;
    QFile notes(dir.filePath(u"notes.txt"_s));
    QVERIFY(notes.open(QIODevice::WriteOnly));
    notes.write("mine");
    notes.close();
    QVERIFY(SandboxRouter::open(dir.path()).ok());
    QCOMPARE(fileContents(dir.filePath(u"notes.txt"_s)), "mine");
    QStringList seeded = treeOf(dir.path());
    seeded.removeOne(u"0644 notes.txt"_s);
    QCOMPARE(seeded, treeOf(m_dir->path()));
}

void TestSandboxRouter::openCreatesAMissingFolder()
{
    const QString root = m_dir->filePath(u"var/lib/paradrop/data/nested/sandbox"_s);
    const Result<std::unique_ptr<SandboxRouter>> opened = SandboxRouter::open(root);
    QVERIFY(opened.ok());
    QCOMPARE(opened.value()->root(), QFileInfo(root).canonicalFilePath());
    QVERIFY(QFileInfo(root + u"/etc/config/network"_s).isFile());
}

void TestSandboxRouter::writeFile_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("mode");
    QTest::addColumn<bool>("replaces");            // an existing 0777 file
    QTest::addColumn<QStringList>("expectedTree"); // of var/lib/paradrop/data after the write
    QTest::newRow("new file in new folders")
        << u"var/lib/paradrop/data/web/conf/site.conf"_s << 0644 << false
        << QStringList{u"0644 var/lib/paradrop/data/web/conf/site.conf"_s,
                       u"0755 var/lib/paradrop/data/web/"_s,
                       u"0755 var/lib/paradrop/data/web/conf/"_s};
    QTest::newRow("private file") << u"var/lib/paradrop/data/key"_s << 0600 << false
                                  << QStringList{u"0600 var/lib/paradrop/data/key"_s};
    QTest::newRow("executable file") << u"var/lib/paradrop/data/start.sh"_s << 0755 << false
                                     << QStringList{u"0755 var/lib/paradrop/data/start.sh"_s};
    QTest::newRow("replacing takes the new mode")
        << u"var/lib/paradrop/data/old"_s << 0640 << true
        << QStringList{u"0640 var/lib/paradrop/data/old"_s};
}

void TestSandboxRouter::writeFile()
{
    QFETCH(QString, path);
    QFETCH(int, mode);
    QFETCH(bool, replaces);
    QFETCH(QStringList, expectedTree);
    if (replaces)
        QVERIFY(router().writeFile(path, "old contents", 0777).ok());

    QVERIFY(router().writeFile(path, "new contents", mode).ok());
    QCOMPARE(router().readFile(path).value(), "new contents");
    QCOMPARE(treeOf(m_dir->path(), u"var/lib/paradrop/data"_s), expectedTree);
}

void TestSandboxRouter::writeReplacesALinkNotItsTarget()
{
    QVERIFY(QFile::link(hostPath(u"etc/haproxy.cfg"_s), hostPath(u"etc/proxy"_s)));
    const QByteArray proxy = fileContents(hostPath(u"etc/haproxy.cfg"_s));
    QVERIFY(router().writeFile(u"etc/proxy"_s, "own file").ok());
    QCOMPARE(fileContents(hostPath(u"etc/haproxy.cfg"_s)), proxy);
    QVERIFY(!QFileInfo(hostPath(u"etc/proxy"_s)).isSymLink());
}

void TestSandboxRouter::failuresNameThePath_data()
{
    QTest::addColumn<QString>("primitive");
    QTest::addColumn<QString>("path");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("message");
    const auto row = [](const char *name, const QString &primitive, const QString &path,
                        ErrorCode code, const QString &message) {
        QTest::newRow(name) << primitive << path << code << message;
    };
    const ErrorCode io = ErrorCode::RouterIo;
    const ErrorCode notFound = ErrorCode::NotFound;
    row("read of a missing file is NotFound", u"readFile"_s, u"etc/config/nothing"_s, notFound,
        u"etc/config/nothing: cannot read: No such file or directory"_s);
    row("read of a folder", u"readFile"_s, u"etc"_s, io, u"etc: cannot read: Is a directory"_s);
    row("write over a folder", u"writeFile"_s, u"etc/config"_s, io,
        u"etc/config: cannot replace: Is a directory"_s);
    row("write where a parent is a file", u"writeFile"_s, u"etc/haproxy.cfg/extra/x"_s, io,
        u"etc/haproxy.cfg: cannot create folder: Not a directory"_s);
    row("write to the root", u"writeFile"_s, u"."_s, io, u".: names the router's root itself"_s);
    row("folders where a parent is a file", u"makeFolders"_s, u"etc/haproxy.cfg/x"_s, io,
        u"etc/haproxy.cfg: cannot create folder: Not a directory"_s);
    row("list of a file", u"list"_s, u"etc/haproxy.cfg"_s, io,
        u"etc/haproxy.cfg: cannot list: Not a directory"_s);
    row("list of a missing folder", u"list"_s, u"etc/none"_s, notFound,
        u"etc/none: cannot list: No such file or directory"_s);
    row("copy of a missing file", u"copy from"_s, u"etc/none"_s, notFound,
        u"etc/none: cannot copy: No such file or directory"_s);
    row("copy of a file over a folder", u"copy to"_s, u"etc/config"_s, io,
        u"etc/config: cannot replace: Is a directory"_s);
    row("rename of a missing file", u"rename from"_s, u"etc/none"_s, notFound,
        u"etc/none: cannot rename: No such file or directory"_s);
    row("remove of the root", u"remove"_s, QString(), io,
        u"\"\": names the router's root itself"_s);
}

void TestSandboxRouter::failuresNameThePath()
{
    QFETCH(QString, primitive);
    QFETCH(QString, path);
    QFETCH(ErrorCode, code);
    QFETCH(QString, message);
    const QStringList before = treeOf(m_dir->path());
    const std::optional<Error> error = callPrimitive(router(), primitive, path);
    QVERIFY(error.has_value());
    QCOMPARE(error->message, message);
    QCOMPARE(error->code, code);
    QCOMPARE(treeOf(m_dir->path()), before); // nothing half-made, no temporary file left
}

void TestSandboxRouter::writeIntoAReadOnlyFolderFails()
{
    if (::geteuid() == 0)
        QSKIP("permission bits do not stop root");
    QVERIFY(router().makeFolders(u"var/lib/paradrop/data/ro"_s, 0555).ok());
    const Result<void> written = router().writeFile(u"var/lib/paradrop/data/ro/x"_s, "x");
    QVERIFY(!written.ok());
    QCOMPARE(written.error().message,
             u"var/lib/paradrop/data/ro/x: cannot write: Permission denied"_s);
    QVERIFY(router().list(u"var/lib/paradrop/data/ro"_s).value().isEmpty());
}

void TestSandboxRouter::makeFoldersAppliesTheModeToTheLastFolder()
{
    QVERIFY(router().makeFolders(u"var/lib/paradrop/data/web/private"_s, 0700).ok());
    QVERIFY(router().makeFolders(u"var/lib/paradrop/data/web"_s, 0777).ok()); // exists: kept
    QCOMPARE(treeOf(m_dir->path(), u"var/lib/paradrop/data"_s),
             (QStringList{u"0700 var/lib/paradrop/data/web/private/"_s,
                          u"0755 var/lib/paradrop/data/web/"_s}));
}

void TestSandboxRouter::copyFolderTreeKeepsModesLinksAndEmptyFolders()
{
    QVERIFY(router().writeFile(u"src/a/secret"_s, "s", 0600).ok());
    QVERIFY(router().writeFile(u"src/run.sh"_s, "#!/bin/sh\n", 0755).ok());
    QVERIFY(router().makeFolders(u"src/empty"_s, 0750).ok());
    QVERIFY(router().makeFolders(u"src/a/locked"_s, 0500).ok());
    QVERIFY(QFile::link(u"a/secret"_s, hostPath(u"src/link"_s)));
    QVERIFY(::chmod(QFile::encodeName(hostPath(u"src"_s)).constData(), 0710) == 0);

    QVERIFY(router().copy(u"src"_s, u"backup/copy"_s).ok());
    QStringList copied = treeOf(m_dir->path(), u"backup/copy"_s);
    copied.replaceInStrings(u"backup/copy/"_s, u"src/"_s);
    QCOMPARE(copied, treeOf(m_dir->path(), u"src"_s));
    QVERIFY(treeOf(m_dir->path(), u"backup"_s).contains(u"0710 backup/copy/"_s));
    QCOMPARE(router().readFile(u"backup/copy/link"_s).value(), "s");
}

void TestSandboxRouter::copyFileReplacesTheDestination()
{
    QVERIFY(router().writeFile(u"etc/config/network.bak"_s, "older backup", 0600).ok());
    QVERIFY(router().copy(u"etc/config/network"_s, u"etc/config/network.bak"_s).ok());
    QCOMPARE(router().readFile(u"etc/config/network.bak"_s).value(),
             router().readFile(u"etc/config/network"_s).value());
    QStringList tree = treeOf(m_dir->path(), u"etc/config"_s);
    QVERIFY(tree.contains(u"0644 etc/config/network.bak"_s));
    QCOMPARE(tree.size(), 5); // no temporary file left behind
}

void TestSandboxRouter::copyIntoItselfIsRefused()
{
    const Result<void> copied = router().copy(u"etc"_s, u"etc/config/etc"_s);
    QVERIFY(!copied.ok());
    QCOMPARE(copied.error().message, u"etc/config/etc: cannot copy etc into itself"_s);
    QVERIFY(!router().exists(u"etc/config/etc"_s).value());
}

void TestSandboxRouter::renameReplacesTheDestination()
{
    QVERIFY(router().writeFile(u"etc/config/network.new"_s, "config interface 'new'\n").ok());
    QVERIFY(router().rename(u"etc/config/network.new"_s, u"etc/config/network"_s).ok());
    QCOMPARE(router().readFile(u"etc/config/network"_s).value(), "config interface 'new'\n");
    QVERIFY(!router().exists(u"etc/config/network.new"_s).value());

    QVERIFY(router().rename(u"etc/config"_s, u"var/lib/chutedeck/txn/1/config"_s).ok());
    QVERIFY(router().exists(u"var/lib/chutedeck/txn/1/config/network"_s).value());
}

void TestSandboxRouter::remove_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QStringList>("left"); // what var/lib/paradrop/data holds afterwards
    QTest::newRow("a file") << u"var/lib/paradrop/data/web/conf/a"_s
                            << QStringList{u"0755 var/lib/paradrop/data/web/"_s,
                                           u"0755 var/lib/paradrop/data/web/conf/"_s,
                                           u"link var/lib/paradrop/data/link -> web/conf/a"_s};
    QTest::newRow("a folder tree")
        << u"var/lib/paradrop/data/web"_s
        << QStringList{u"link var/lib/paradrop/data/link -> web/conf/a"_s};
    QTest::newRow("a link, not its target")
        << u"var/lib/paradrop/data/link"_s
        << QStringList{u"0644 var/lib/paradrop/data/web/conf/a"_s,
                       u"0755 var/lib/paradrop/data/web/"_s,
                       u"0755 var/lib/paradrop/data/web/conf/"_s};
    QTest::newRow("nothing there")
        << u"var/lib/paradrop/data/none/at/all"_s
        << QStringList{u"0644 var/lib/paradrop/data/web/conf/a"_s,
                       u"0755 var/lib/paradrop/data/web/"_s,
                       u"0755 var/lib/paradrop/data/web/conf/"_s,
                       u"link var/lib/paradrop/data/link -> web/conf/a"_s};
}

void TestSandboxRouter::remove()
{
    QFETCH(QString, path);
    QFETCH(QStringList, left);
    QVERIFY(router().writeFile(u"var/lib/paradrop/data/web/conf/a"_s, "a").ok());
    QVERIFY(QFile::link(u"web/conf/a"_s, hostPath(u"var/lib/paradrop/data/link"_s)));

    QVERIFY(router().remove(path).ok());
    QCOMPARE(treeOf(m_dir->path(), u"var/lib/paradrop/data"_s), left);
}

void TestSandboxRouter::listIsSortedWithTypes()
{
    QVERIFY(router().writeFile(u"var/lib/paradrop/data/b"_s, "b").ok());
    QVERIFY(router().makeFolders(u"var/lib/paradrop/data/a"_s).ok());
    QVERIFY(QFile::link(u"a"_s, hostPath(u"var/lib/paradrop/data/c"_s)));
    QVERIFY(QFile::link(u"missing"_s, hostPath(u"var/lib/paradrop/data/.dangling"_s)));
    const QList<DirEntry> expected{{u".dangling"_s, DirEntry::Type::Link},
                                   {u"a"_s, DirEntry::Type::Folder},
                                   {u"b"_s, DirEntry::Type::File},
                                   {u"c"_s, DirEntry::Type::Link}};
    QCOMPARE(router().list(u"var/lib/paradrop/data"_s).value(), expected);
    QCOMPARE(router().list(u"var/lib/paradrop/data/c"_s).value(), QList<DirEntry>{});
    QCOMPARE(router().list(u"./var//lib"_s).value(),
             (QList<DirEntry>{{u"chutedeck"_s, DirEntry::Type::Folder},
                              {u"paradrop"_s, DirEntry::Type::Folder}}));
    QCOMPARE(router().list({}).value().size(), 3); // etc, sys, var
}

void TestSandboxRouter::escapingPathsAreRefused_data()
{
    QTest::addColumn<QString>("primitive");
    QTest::addColumn<QString>("path");
    const QStringList primitives{u"readFile"_s, u"writeFile"_s,   u"exists"_s,    u"copy from"_s,
                                 u"copy to"_s,  u"rename from"_s, u"rename to"_s, u"remove"_s,
                                 u"list"_s,     u"makeFolders"_s};
    const QStringList paths{u"../outside/secret"_s, u"/etc/passwd"_s, u"out/secret"_s,
                            u"out/new/file"_s};
    for (const QString &primitive : primitives) {
        for (const QString &path : paths)
            QTest::newRow(QString(primitive + u' ' + path).toUtf8().constData())
                << primitive << path;
    }
    // Following a final link that leads out is refused where the primitive would follow it.
    for (const QString &primitive : {u"readFile"_s, u"list"_s, u"makeFolders"_s})
        QTest::newRow(QString(primitive + u" through a final link"_s).toUtf8().constData())
            << primitive << u"out"_s;
}

void TestSandboxRouter::escapingPathsAreRefused()
{
    QFETCH(QString, primitive);
    QFETCH(QString, path);
    // The sandbox's "out" links to a folder outside it that holds a secret.
    const QTemporaryDir outside;
    QFile secret(outside.filePath(u"secret"_s));
    QVERIFY(secret.open(QIODevice::WriteOnly));
    secret.write("secret");
    secret.close();
    QVERIFY(QFile::link(outside.path(), hostPath(u"out"_s)));
    const QStringList outsideBefore = treeOf(outside.path());
    const QStringList rootBefore = treeOf(m_dir->path());

    const std::optional<Error> error = callPrimitive(router(), primitive, path);
    QVERIFY(error.has_value());
    QCOMPARE(error->code, ErrorCode::RouterIo);
    QVERIFY2(error->message.startsWith(path + u": "_s), qPrintable(error->message));
    QCOMPARE(treeOf(outside.path()), outsideBefore);
    QCOMPARE(treeOf(m_dir->path()), rootBefore);
}

void TestSandboxRouter::runRecordsTheCommand()
{
    const QStringList argv{u"docker"_s, u"run"_s, u"--name"_s, u"web main"_s, u"q\"uote"_s};
    const Result<CommandOutput> ran = router().run(argv);
    QVERIFY(ran.ok());
    QCOMPARE(ran.value().exitCode, 0);
    QVERIFY(ran.value().standardOutput.isEmpty());
    QVERIFY(ran.value().standardError.isEmpty());
    QVERIFY(router().run({u"true"_s}).ok());
    QCOMPARE(router().readFile(u"var/lib/chutedeck/commands.log"_s).value(),
             "[\"docker\",\"run\",\"--name\",\"web main\",\"q\\\"uote\"]\n[\"true\"]\n");
    QCOMPARE(router().run({}).error().message, u"cannot run an empty command"_s);
}

void TestSandboxRouter::appendFileAddsToTheEnd()
{
    QVERIFY(router().appendFile(u"new/folder/log"_s, "one\n").ok()); // creates it and its parents
    QVERIFY(router().appendFile(u"new/folder/log"_s, QByteArray("\0two", 4)).ok());
    QCOMPARE(router().readFile(u"new/folder/log"_s).value(), QByteArray("one\n\0two", 8));
    QCOMPARE(QFileInfo(m_dir->filePath(u"new/folder/log"_s)).permissions(),
             QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser
                 | QFile::ReadGroup | QFile::ReadOther);
    QCOMPARE(router().appendFile(u"new"_s, "x").error().message,
             u"new: cannot write: Is a directory"_s);
    QCOMPARE(router().appendFile(u"../x"_s, "x").error().message,
             u"../x: '..' would leave the router's root"_s);
}

void TestSandboxRouter::installedChutesRoundTrip()
{
    const QList<ChuteSpec> chutes{sampleChute(u"web"_s, ChuteState::Running),
                                  sampleChute(u"cam"_s, ChuteState::Stopped)};
    QVERIFY(writeInstalledChutes(router(), chutes).ok());
    const Result<QList<ChuteSpec>> read = readInstalledChutes(router());
    QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().message));
    QCOMPARE(read.value(), chutes);
}

void TestSandboxRouter::missingChuteStoreHasNoChutes()
{
    QCOMPARE(readInstalledChutes(router()).value(), QList<ChuteSpec>{});
    QVERIFY(router().remove(RouterPaths::chuteStore).ok());
    QCOMPARE(readInstalledChutes(router()).value(), QList<ChuteSpec>{});
}

void TestSandboxRouter::hostConfigOfASeededRouterIsTheDefault()
{
    const Result<HostConfig> config = readHostConfig(router());
    QVERIFY2(config.ok(), qPrintable(config.ok() ? QString() : config.error().message));
    QCOMPARE(config.value(), HostConfig::defaults(sandboxDevices()));
}

void TestSandboxRouter::missingHostConfigIsTheDefaultOfTheDevices()
{
    QVERIFY(router().remove(RouterPaths::hostConfig).ok());
    QVERIFY(router().remove(u"sys/class/net/wlan1"_s).ok());
    QVERIFY(router().remove(u"sys/class/ieee80211/phy1"_s).ok());
    QVERIFY(router().writeFile(u"sys/class/net/eth2/type"_s, "1\n").ok());
    SystemDevices devices = sandboxDevices();
    devices.lan = QStringList{u"eth1"_s, u"eth2"_s};
    devices.radios.removeLast();
    const Result<HostConfig> config = readHostConfig(router());
    QVERIFY2(config.ok(), qPrintable(config.ok() ? QString() : config.error().message));
    QCOMPARE(config.value(), HostConfig::defaults(devices));
}

void TestSandboxRouter::systemDevicesOfASeededRouter()
{
    const Result<SystemDevices> devices = readSystemDevices(router());
    QVERIFY2(devices.ok(), qPrintable(devices.ok() ? QString() : devices.error().message));
    const SystemDevices expected = sandboxDevices();
    QCOMPARE(devices.value().wan, expected.wan);
    QCOMPARE(devices.value().lan, expected.lan);
    QCOMPARE(devices.value().radios.size(), expected.radios.size());
    for (qsizetype i = 0; i < expected.radios.size(); ++i) {
        QCOMPARE(devices.value().radios[i].phy, expected.radios[i].phy);
        QCOMPARE(devices.value().radios[i].band, expected.radios[i].band);
        QCOMPARE(devices.value().radios[i].hwmodes, expected.radios[i].hwmodes);
    }
}

QTEST_GUILESS_MAIN(TestSandboxRouter)
#include "tst_sandboxrouter.moc"
