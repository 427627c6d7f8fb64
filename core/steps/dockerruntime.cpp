#include "core/steps/dockerruntime.h"

#include "core/router/router.h"
#include "core/router/routerstate.h"
#include "core/router/transaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QUrl>

namespace ChuteDeck::Core {
namespace {

using namespace Qt::StringLiterals;

const QString chuteLabel = u"chutedeck.chute"_s;
const QString serviceLabel = u"chutedeck.service"_s;

Error dockerFailed(const QString &what, const CommandOutput &output)
{
    return containerError(u"Cannot %1: docker exited with %2: %3"_s.arg(
        what, QString::number(output.exitCode), QString::fromUtf8(output.standardError).trimmed()));
}

QString absolute(const QString &routerPath)
{
    return u'/' + routerPath;
}

// A command given as one string in paradrop.yaml is a command line: Docker's CLI, like ParaDrop's
// docker-py, wants its words.
QStringList commandWords(const QStringList &command)
{
    if (command.size() == 1)
        return QProcess::splitCommand(command.constFirst());
    return command;
}

QStringList networkCreation(const QString &chute)
{
    return {
        u"network"_s, u"create"_s, u"--driver=bridge"_s, u"--label="_s + chuteLabel + u'=' + chute,
        u"--"_s,      chute};
}

} // namespace

DockerContainerRuntime::DockerContainerRuntime(Router &router)
    : m_router(router)
{}

QStringList DockerContainerRuntime::containerArguments(const ContainerConfig &config)
{
    // ParaDrop's host configuration: no restart by Docker (the daemon starts chutes itself),
    // NET_ADMIN for the chute's interfaces, the chute's data folder at /data.
    QStringList arguments{u"--name="_s + config.name,
                          u"--label="_s + chuteLabel + u'=' + config.chute,
                          u"--label="_s + serviceLabel + u'=' + config.service,
                          u"--network="_s + config.chute,
                          u"--restart=no"_s,
                          u"--cap-add=NET_ADMIN"_s,
                          u"--volume="_s + absolute(QString(RouterPaths::chuteData)) + u'/'
                              + config.chute + u":/data"_s};
    if (config.privileged)
        arguments.append(u"--privileged"_s);
    for (const QString &server : config.dns)
        arguments.append(u"--dns="_s + server);
    for (const auto &[key, value] : config.environment)
        arguments.append(u"--env="_s + key + u'=' + value);
    for (const PortBinding &port : config.ports) {
        arguments.append(u"--publish="_s + QString::number(port.external) + u':'
                         + QString::number(port.internal));
    }
    arguments << u"--"_s << config.image;
    return arguments + commandWords(config.command);
}

QByteArray DockerContainerRuntime::lightDockerfile(const ServiceSpec &service)
{
    QByteArray text = "FROM " + service.image.toUtf8()
                      + "\nWORKDIR /opt/paradrop/app\nCOPY . /opt/paradrop/app\n";
    if (!service.command.isEmpty())
        text += "CMD "
                + QJsonDocument(QJsonArray::fromStringList(commandWords(service.command)))
                      .toJson(QJsonDocument::Compact)
                + '\n';
    return text;
}

QString DockerContainerRuntime::dockerfilePath(const QString &image)
{
    return QString(RouterPaths::chuteDeckState) + u"/build/"_s
           + QString::fromLatin1(QUrl::toPercentEncoding(image)) + u".Dockerfile"_s;
}

Result<CommandOutput> DockerContainerRuntime::docker(const QStringList &arguments)
{
    return m_router.run(QStringList{u"docker"_s} + arguments);
}

Result<CommandOutput> DockerContainerRuntime::dockerOk(const QString &what,
                                                       const QStringList &arguments)
{
    Result<CommandOutput> output = docker(arguments);
    if (!output || output.value().exitCode == 0)
        return output;
    return dockerFailed(what, output.value());
}

Result<void> DockerContainerRuntime::dockerWithUndo(const QString &what,
                                                    const QStringList &arguments,
                                                    const QStringList &undoArguments)
{
    auto *transaction = dynamic_cast<RouterTransaction *>(&m_router);
    if (!transaction) {
        const Result<CommandOutput> output = dockerOk(what, arguments);
        return output ? Result<void>() : Result<void>(output.error());
    }
    const Result<CommandOutput> output = transaction->runWithUndo(
        QStringList{u"docker"_s} + arguments, QStringList{u"docker"_s} + undoArguments);
    if (!output)
        return output.error();
    if (output.value().exitCode != 0)
        return dockerFailed(what, output.value());
    return {};
}

Result<bool> DockerContainerRuntime::succeeds(const QStringList &arguments)
{
    const Result<CommandOutput> output = docker(arguments);
    if (!output)
        return output.error();
    return output.value().exitCode == 0;
}

Result<QStringList> DockerContainerRuntime::lines(const QString &what, const QStringList &arguments)
{
    const Result<CommandOutput> output = dockerOk(what, arguments);
    if (!output)
        return output.error();
    return QString::fromUtf8(output.value().standardOutput).split(u'\n', Qt::SkipEmptyParts);
}

// The sandbox's checks, so that a chute without sources fails with the same message.
Result<void> DockerContainerRuntime::checkSources(const QString &image, const QString &chute,
                                                  const ServiceSpec &service)
{
    const Result<QString> source = SandboxContainerRuntime::sourcePath(chute, service);
    if (!source)
        return containerError(u"Cannot build image %1: %2"_s.arg(image, source.error().message));
    const Result<bool> present = m_router.exists(source.value());
    if (!present)
        return present.error();
    if (!present.value())
        return containerError(
            u"Cannot build image %1: no source folder %2"_s.arg(image, source.value()));
    if (service.type == ServiceType::Light && service.image.isEmpty())
        return containerError(u"Cannot build image %1: light service %2 names no base image"_s.arg(
            image, service.name));
    return {};
}

Result<void> DockerContainerRuntime::buildImage(const QString &image, const QString &chute,
                                                const ServiceSpec &service)
{
    if (Result<void> checked = checkSources(image, chute, service); !checked)
        return checked;
    const Result<bool> present = hasImage(image);
    if (!present)
        return present.error();
    if (present.value()) // a tag this run did not make: its removal would be no undo
        return {};
    const Result<QString> source = SandboxContainerRuntime::sourcePath(chute, service);
    return build(image, absolute(source.value()), service);
}

// A light service's Dockerfile is written under var/lib/chutedeck/ (ChuteDeck's own records, never
// part of the compared tree), not into the chute's sources.
Result<void> DockerContainerRuntime::build(const QString &image, const QString &context,
                                           const ServiceSpec &service)
{
    const QString what = u"build image "_s + image;
    QStringList arguments{u"build"_s, u"--rm"_s, u"--tag="_s + image};
    if (service.type != ServiceType::Light)
        return dockerWithUndo(what, arguments << u"--"_s << context,
                              {u"image"_s, u"rm"_s, u"--"_s, image});
    const QString dockerfile = dockerfilePath(image);
    if (Result<void> written = m_router.writeFile(dockerfile, lightDockerfile(service)); !written)
        return written;
    arguments << u"--pull"_s << u"--file="_s + absolute(dockerfile) << u"--"_s << context;
    const Result<void> built
        = dockerWithUndo(what, arguments, {u"image"_s, u"rm"_s, u"--"_s, image});
    const Result<void> removed = m_router.remove(dockerfile);
    return built ? removed : built;
}

Result<void> DockerContainerRuntime::pullImage(const QString &image, const QString & /*chute*/,
                                               const QString & /*service*/)
{
    const Result<bool> present = hasImage(image);
    if (!present)
        return present.error();
    if (present.value())
        return {};
    return dockerWithUndo(u"pull image "_s + image, {u"pull"_s, u"--"_s, image},
                          {u"image"_s, u"rm"_s, u"--"_s, image});
}

Result<bool> DockerContainerRuntime::hasImage(const QString &image)
{
    return succeeds({u"image"_s, u"inspect"_s, u"--format={{.Id}}"_s, u"--"_s, image});
}

Result<QString> DockerContainerRuntime::removeImage(const QString &image)
{
    const Result<bool> present = hasImage(image);
    if (!present)
        return present.error();
    if (!present.value())
        return u"Image %1 is not present"_s.arg(image);
    const Result<QStringList> users
        = lines(u"list the containers of image "_s + image,
                {u"ps"_s, u"--all"_s, u"--filter=ancestor="_s + image, u"--format={{.Names}}"_s});
    if (!users)
        return users.error();
    if (!users.value().isEmpty())
        return u"Image %1 is kept: container %2 uses it"_s.arg(image, users.value().constFirst());
    const QStringList removal{u"image"_s, u"rm"_s, u"--"_s, image};
    // Nothing could bring the image back: within a transaction it goes at the commit, so that a
    // rollback can still re-run the old container (DESIGN.md, deferred destruction).
    if (auto *transaction = dynamic_cast<RouterTransaction *>(&m_router)) {
        if (Result<void> deferred = transaction->runAtCommit(QStringList{u"docker"_s} + removal);
            !deferred) {
            return deferred.error();
        }
        return u"Removed image %1 (at commit)"_s.arg(image);
    }
    const Result<CommandOutput> removed = dockerOk(u"remove image "_s + image, removal);
    if (!removed)
        return removed.error();
    return u"Removed image %1"_s.arg(image);
}

// docker create (undone by docker rm --force), then docker start: a container whose start fails
// (a port already bound) is still removed by the rollback.
Result<void> DockerContainerRuntime::startContainer(const ContainerConfig &config)
{
    if (Result<void> present = requireImage(config); !present)
        return present;
    const QString what = u"start container "_s + config.name;
    if (Result<void> created
        = dockerWithUndo(what, QStringList{u"create"_s} + containerArguments(config),
                         {u"rm"_s, u"--force"_s, u"--"_s, config.name});
        !created) {
        return created;
    }
    const Result<CommandOutput> started = dockerOk(what, {u"start"_s, u"--"_s, config.name});
    return started ? Result<void>() : Result<void>(started.error());
}

Result<bool> DockerContainerRuntime::removeContainer(const ContainerConfig &config)
{
    Result<bool> present
        = succeeds({u"container"_s, u"inspect"_s, u"--format={{.Name}}"_s, u"--"_s, config.name});
    if (!present || !present.value())
        return present;
    if (Result<void> removed = dockerWithUndo(
            u"remove container "_s + config.name, {u"rm"_s, u"--force"_s, u"--"_s, config.name},
            QStringList{u"run"_s, u"--detach"_s} + containerArguments(config));
        !removed) {
        return removed.error();
    }
    return true;
}

Result<bool> DockerContainerRuntime::setInterfaces(const QString &container,
                                                   const QJsonArray & /*interfaces*/)
{
    return succeeds({u"container"_s, u"inspect"_s, u"--format={{.Name}}"_s, u"--"_s, container});
}

Result<QList<QJsonObject>> DockerContainerRuntime::containers()
{
    const Result<QStringList> listed = lines(
        u"list the chute containers"_s,
        {u"ps"_s, u"--all"_s, u"--filter=label="_s + chuteLabel,
         u"--format={{.Names}}\t{{.Image}}\t{{.State}}\t{{.Label \"%1\"}}\t{{.Label \"%2\"}}"_s.arg(
             chuteLabel, serviceLabel)});
    if (!listed)
        return listed.error();
    QList<QJsonObject> result;
    for (const QString &line : listed.value()) {
        const QStringList fields = line.split(u'\t');
        if (fields.size() != 5)
            return containerError(u"docker ps: unexpected line '%1'"_s.arg(line));
        result.append(QJsonObject{{u"name"_s, fields.at(0)},
                                  {u"image"_s, fields.at(1)},
                                  {u"state"_s, fields.at(2)},
                                  {u"chute"_s, fields.at(3)},
                                  {u"service"_s, fields.at(4)},
                                  {u"interfaces"_s, QJsonArray()}});
    }
    std::sort(result.begin(), result.end(), [](const QJsonObject &a, const QJsonObject &b) {
        return a.value(u"name"_s).toString() < b.value(u"name"_s).toString();
    });
    return result;
}

// A factory reset: ParaDrop's step has no undo, nor has this.
Result<int> DockerContainerRuntime::removeAllContainers()
{
    const Result<QList<QJsonObject>> all = containers();
    if (!all)
        return all.error();
    const Result<QStringList> networks = lines(
        u"list the chute networks"_s,
        {u"network"_s, u"ls"_s, u"--filter=label="_s + chuteLabel, u"--format={{.Name}}"_s});
    if (!networks)
        return networks.error();
    for (const QJsonObject &container : all.value()) {
        const QString name = container.value(u"name"_s).toString();
        if (Result<CommandOutput> removed
            = dockerOk(u"remove container "_s + name, {u"rm"_s, u"--force"_s, u"--"_s, name});
            !removed) {
            return removed.error();
        }
    }
    for (const QString &network : networks.value()) {
        if (Result<CommandOutput> removed
            = dockerOk(u"remove network "_s + network, {u"network"_s, u"rm"_s, u"--"_s, network});
            !removed) {
            return removed.error();
        }
    }
    return int(all.value().size() + networks.value().size());
}

Result<void> DockerContainerRuntime::createBridge(const QString &chute)
{
    const Result<bool> present
        = succeeds({u"network"_s, u"inspect"_s, u"--format={{.Name}}"_s, u"--"_s, chute});
    if (!present)
        return present.error();
    if (present.value())
        return {};
    return dockerWithUndo(u"create network "_s + chute, networkCreation(chute),
                          {u"network"_s, u"rm"_s, u"--"_s, chute});
}

Result<void> DockerContainerRuntime::removeBridge(const QString &chute)
{
    const Result<bool> present
        = succeeds({u"network"_s, u"inspect"_s, u"--format={{.Name}}"_s, u"--"_s, chute});
    if (!present)
        return present.error();
    if (!present.value())
        return {};
    return dockerWithUndo(u"remove network "_s + chute, {u"network"_s, u"rm"_s, u"--"_s, chute},
                          networkCreation(chute));
}

} // namespace ChuteDeck::Core
