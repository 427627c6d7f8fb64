#include "core/steps/filesteps.h"

#include "core/router/router.h"
#include "core/router/routerstate.h"
#include "core/steps/containerruntime.h"
#include "core/steps/runtimesupport.h"
#include "core/steps/stepsupport.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QSet>

namespace ChuteDeck::Core {
namespace {

using namespace Qt::StringLiterals;

QString chuteFilesPath(const QString &chute)
{
    return QString(RouterPaths::chuteFiles) + u'/' + chute;
}

QString chuteDataPath(const QString &chute)
{
    return QString(RouterPaths::chuteData) + u'/' + chute;
}

int unixMode(QFile::Permissions permissions)
{
    static constexpr std::pair<QFile::Permission, int> bits[] = {
        {QFile::ReadOwner, 0400}, {QFile::WriteOwner, 0200}, {QFile::ExeOwner, 0100},
        {QFile::ReadGroup, 0040}, {QFile::WriteGroup, 0020}, {QFile::ExeGroup, 0010},
        {QFile::ReadOther, 0004}, {QFile::WriteOther, 0002}, {QFile::ExeOther, 0001},
    };
    int mode = 0;
    for (const auto &[permission, bit] : bits) {
        if (permissions.testFlag(permission))
            mode |= bit;
    }
    return mode;
}

// The regular files under a local folder, relative and sorted; links are not followed, so a chute
// folder cannot smuggle files from elsewhere on the desktop.
QStringList localFiles(const QString &folder)
{
    QStringList files;
    QDirIterator it(folder, QDir::Files | QDir::Hidden | QDir::NoSymLinks,
                    QDirIterator::Subdirectories);
    const QDir root(folder);
    while (it.hasNext()) {
        it.next();
        files.append(root.relativeFilePath(it.filePath()));
    }
    files.sort();
    return files;
}

// Records every folder from `base` down to the file's parent that the download will create.
Result<void> recordParents(StepContext &context, const QString &base, const QString &relative,
                           QSet<QString> &known)
{
    QString folder = base;
    const QStringList parts = relative.split(u'/');
    for (qsizetype i = 0; i < parts.size(); ++i) {
        if (i > 0)
            folder += u'/' + parts.at(i - 1);
        if (known.contains(folder))
            continue;
        known.insert(folder);
        if (Result<void> recorded = recordFolderCreation(context, folder); !recorded)
            return recorded;
    }
    return Result<void>::success();
}

Result<void> downloadChuteFiles(StepContext &context)
{
    const Update &update = updateOf(context);
    Router &router = routerOf(context);
    const QString target = chuteFilesPath(update.name);
    if (update.type == UpdateType::Delete) {
        context.appendOutput(u"Removing %1"_s.arg(target));
        return router.remove(target);
    }
    if (update.sourceFolder.isEmpty())
        return Result<void>::success();
    if (!QFileInfo(update.sourceFolder).isDir()) {
        return Result<void>::failure(ErrorCode::NotFound,
                                     u"%1: not a folder"_s.arg(update.sourceFolder));
    }
    QSet<QString> knownFolders;
    const QStringList files = localFiles(update.sourceFolder);
    for (const QString &relative : files) {
        const QString local = QDir(update.sourceFolder).filePath(relative);
        QFile file(local);
        if (!file.open(QIODevice::ReadOnly)) {
            return Result<void>::failure(ErrorCode::RouterIo,
                                         u"%1: cannot read: %2"_s.arg(local, file.errorString()));
        }
        const QByteArray content = file.readAll();
        const QString path = target + u'/' + relative;
        if (Result<void> recorded = recordParents(context, target, relative, knownFolders);
            !recorded) {
            return recorded;
        }
        if (Result<void> recorded = recordFile(context, path); !recorded)
            return recorded;
        if (Result<void> written = router.writeFile(path, content, unixMode(file.permissions()));
            !written) {
            return written;
        }
    }
    context.appendOutput(u"Copied %1 file(s) from %2 to %3"_s.arg(QString::number(files.size()),
                                                                  update.sourceFolder, target));
    return Result<void>::success();
}

Result<void> loadChuteConfiguration(StepContext &context)
{
    const Update &update = updateOf(context);
    if (update.sourceFolder.isEmpty() || update.type == UpdateType::Delete)
        return Result<void>::success();
    const QString path = chuteFilesPath(update.name) + u"/paradrop.yaml"_s;
    const Result<bool> present = routerOf(context).exists(path);
    if (!present)
        return present.error();
    if (!present.value()) {
        return Result<void>::failure(
            ErrorCode::NotFound,
            u"The chute's configuration was not downloaded: %1 is missing"_s.arg(path));
    }
    return Result<void>::success();
}

Result<void> createVolumeDirs(StepContext &context)
{
    const Update &update = updateOf(context);
    const QString folder = chuteDataPath(update.name);
    if (update.type == UpdateType::Delete) {
        context.appendOutput(u"Removing %1"_s.arg(folder));
        return routerOf(context).remove(folder);
    }
    if (Result<void> recorded = recordFolderCreation(context, folder); !recorded)
        return recorded;
    return routerOf(context).makeFolders(folder);
}

// The chute's address for the proxy: its web service's allocated interface (from this plan's
// network.getNetworkConfig, or as attached to its container), else the sandbox's stand-in.
Result<QString> webAddress(StepContext &context, const ChuteSpec &chute, const ServiceSpec &service)
{
    ChangeEnvironment &environment = environmentOf(context);
    if (environment.update(chute.name)) {
        for (const AllocatedInterface &interface : environment.state(chute.name).interfaces) {
            if (interface.service == service.name && !interface.address.isEmpty())
                return interface.address;
        }
    }
    const Result<QList<QJsonObject>> containers = runtimeFor(context)->containers();
    if (!containers)
        return containers.error();
    for (const QJsonObject &container : containers.value()) {
        if (container.value(u"name"_s).toString() != chute.containerName(service))
            continue;
        for (const QJsonValue &interface : container.value(u"interfaces"_s).toArray()) {
            const QString address = interface.toObject().value(u"address"_s).toString();
            if (!address.isEmpty())
                return address;
        }
    }
    return sandboxContainerAddress();
}

// What precedes the sections the proxy step writes (the seeded global and defaults sections).
QByteArray proxyPreamble(const QByteArray &config)
{
    QByteArray preamble;
    for (const QByteArray &line : config.split('\n')) {
        if (line.startsWith("frontend ") || line.startsWith("backend "))
            break;
        preamble += line + '\n';
    }
    while (preamble.endsWith("\n\n"))
        preamble.chop(1);
    return preamble.trimmed().isEmpty() ? QByteArray() : preamble;
}

Result<void> reconfigureProxy(StepContext &context)
{
    const QString path(RouterPaths::haproxyConfig);
    Router &router = routerOf(context);
    const Result<QByteArray> current = router.readFile(path);
    if (!current && current.error().code != ErrorCode::NotFound)
        return current.error();
    Result<QList<ChuteSpec>> chutes = chutesAfterChange(context);
    if (!chutes)
        return chutes.error();
    std::sort(chutes.value().begin(), chutes.value().end(),
              [](const ChuteSpec &a, const ChuteSpec &b) { return a.name < b.name; });

    QString frontend = u"frontend http-in\n\tbind *:80\n"_s;
    QString backends;
    for (const ChuteSpec &chute : chutes.value()) {
        const ServiceSpec *service = chute.web ? chute.service(chute.web->service) : nullptr;
        if (chute.state != ChuteState::Running || !service || chute.web->port <= 0)
            continue;
        const Result<QString> address = webAddress(context, chute, *service);
        if (!address)
            return address.error();
        const QString backend = u"chute_"_s + chute.name;
        frontend += u"\tacl is_%1 path_beg /chutes/%2/\n\tuse_backend %1 if is_%1\n"_s.arg(
            backend, chute.name);
        backends += u"\nbackend %1\n\thttp-request set-path %[path,regsub(^/chutes/%2/,/)]\n"
                    "\tserver %3 %4:%5 maxconn 256\n"_s.arg(
                        backend, chute.name, chute.containerName(*service), address.value(),
                        QString::number(chute.web->port));
        context.appendOutput(u"/chutes/%1/ -> %2:%3"_s.arg(chute.name, address.value(),
                                                           QString::number(chute.web->port)));
    }
    QByteArray preamble = proxyPreamble(current.ok() ? current.value() : QByteArray());
    if (!preamble.isEmpty())
        preamble += '\n';
    const QByteArray config = preamble + (frontend + backends).toUtf8();
    if (current.ok() && current.value() == config)
        return Result<void>::success();
    return replaceFile(context, path, config);
}

Result<void> getResourceAllocation(StepContext &context)
{
    const Result<QJsonObject> allocation = resourceAllocation(context, true);
    if (!allocation)
        return allocation.error();
    for (auto it = allocation.value().begin(); it != allocation.value().end(); ++it) {
        context.appendOutput(u"%1: %2 CPU shares"_s.arg(
            it.key(), QString::number(it.value().toObject().value(u"cpuShares"_s).toInt())));
    }
    return Result<void>::success();
}

Result<void> removeAllContainers(StepContext &context)
{
    const Result<int> removed = makeContainerRuntime(routerOf(context))->removeAllContainers();
    if (!removed)
        return removed.error();
    context.appendOutput(u"Removed %1 container file(s)"_s.arg(QString::number(removed.value())));
    return Result<void>::success();
}

// The sandbox router only records the command (in var/lib/chutedeck/commands.log).
Result<void> runPowerCommand(StepContext &context, const QString &command)
{
    const Result<CommandOutput> output = routerOf(context).run({command});
    if (!output)
        return output.error();
    if (output.value().exitCode != 0) {
        return Result<void>::failure(
            ErrorCode::CommandFailed,
            u"%1 exited with %2: %3"_s.arg(command, QString::number(output.value().exitCode),
                                           QString::fromUtf8(output.value().standardError)));
    }
    return Result<void>::success();
}

Result<void> succeed(StepContext &)
{
    return Result<void>::success();
}

} // namespace

QString sandboxContainerAddress()
{
    return u"172.17.0.2"_s;
}

void registerFileSteps(StepRegistry &registry)
{
    registry.add(u"files.download_chute_files"_s, recordedStep(downloadChuteFiles));
    registry.add(u"files.delete_chute_files"_s, restoreRecorded);
    registry.add(u"files.load_chute_configuration"_s, loadChuteConfiguration);
    registry.add(u"dockerconfig.getVirtPreamble"_s, succeed);
    registry.add(u"dockerconfig.createVolumeDirs"_s, recordedStep(createVolumeDirs));
    registry.add(u"dockerconfig.abortCreateVolumeDirs"_s, restoreRecorded);
    registry.add(u"haproxy.reconfigureProxy"_s, reconfigureProxy);
    registry.add(u"resource.getResourceAllocation"_s, getResourceAllocation);
    registry.add(u"security.enforce_access_rights"_s, succeed);
    registry.add(u"power.reboot"_s,
                 [](StepContext &context) { return runPowerCommand(context, u"reboot"_s); });
    registry.add(u"power.shutdown"_s,
                 [](StepContext &context) { return runPowerCommand(context, u"poweroff"_s); });
    registry.add(u"snap.updateSnap"_s, succeed);
    registry.add(u"dockerapi.removeAllContainers"_s, removeAllContainers);
}

} // namespace ChuteDeck::Core
