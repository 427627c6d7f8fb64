#include "core/steps/containerruntime.h"

#include "core/router/router.h"
#include "core/router/routerstate.h"
#include "core/steps/dockerruntime.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QUrl>

namespace ChuteDeck::Core {
namespace {

using namespace Qt::StringLiterals;

const QString bridgePrefix = u"bridge~"_s;

QString encodedFileName(const QString &name)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(name)) + u".json"_s;
}

// "redis:7" -> "redis"; "host:5000/team/app:1" -> "host:5000/team/app"; digests are cut too.
QString repositoryOf(const QString &image)
{
    QString repository = image.section(u'@', 0, 0);
    const qsizetype colon = repository.lastIndexOf(u':');
    if (colon > repository.lastIndexOf(u'/'))
        repository.truncate(colon);
    return repository;
}

// Images a sandbox can always pull, with any tag: the common bases chutes are written against.
bool isBuiltinRepository(const QString &repository)
{
    static const QStringList builtin{
        u"alpine"_s,
        u"busybox"_s,
        u"debian"_s,
        u"ubuntu"_s,
        u"python"_s,
        u"node"_s,
        u"nginx"_s,
        u"httpd"_s,
        u"redis"_s,
        u"postgres"_s,
        u"mysql"_s,
        u"mosquitto"_s,
        u"eclipse-mosquitto"_s,
    };
    QString name = repository;
    for (const QString &prefix : {u"docker.io/"_s, u"library/"_s}) {
        if (name.startsWith(prefix))
            name.remove(0, prefix.size());
    }
    return builtin.contains(name);
}

QJsonArray portsJson(const QList<PortBinding> &ports)
{
    QJsonArray array;
    for (const PortBinding &port : ports)
        array.append(QJsonObject{{u"external"_s, port.external}, {u"internal"_s, port.internal}});
    return array;
}

} // namespace

Error containerError(const QString &message)
{
    return Error{ErrorCode::StepFailed, message};
}

Result<void> ContainerRuntime::requireImage(const ContainerConfig &config)
{
    const Result<bool> image = hasImage(config.image);
    if (!image)
        return image.error();
    if (!image.value()) {
        return containerError(
            u"Cannot start container %1: image %2 is missing"_s.arg(config.name, config.image));
    }
    return Result<void>::success();
}

ContainerRuntime::~ContainerRuntime() = default;

std::unique_ptr<ContainerRuntime> makeContainerRuntime(Router &router, ChangeRecorder beforeChange)
{
    if (router.containerRuntime() == ContainerRuntimeKind::Docker)
        return std::make_unique<DockerContainerRuntime>(router);
    return std::make_unique<SandboxContainerRuntime>(router, std::move(beforeChange));
}

SandboxContainerRuntime::SandboxContainerRuntime(Router &router, ChangeRecorder beforeChange)
    : m_router(router)
    , m_beforeChange(std::move(beforeChange))
{}

QString SandboxContainerRuntime::imagePath(const QString &image)
{
    return QString(RouterPaths::images) + u'/' + encodedFileName(image);
}

QString SandboxContainerRuntime::containerPath(const QString &container)
{
    return QString(RouterPaths::containers) + u'/' + encodedFileName(container);
}

QString SandboxContainerRuntime::bridgePath(const QString &chute)
{
    return QString(RouterPaths::containers) + u'/' + bridgePrefix + encodedFileName(chute);
}

QString SandboxContainerRuntime::registryPath()
{
    return QString(RouterPaths::paradropState) + u"/registry.json"_s;
}

Result<QString> SandboxContainerRuntime::sourcePath(const QString &chute,
                                                    const ServiceSpec &service)
{
    const QString source = service.source.isEmpty() ? u"."_s : service.source;
    return checkedRouterPath(QString(RouterPaths::chuteFiles) + u'/' + chute + u'/' + source);
}

Result<void> SandboxContainerRuntime::buildImage(const QString &image, const QString &chute,
                                                 const ServiceSpec &service)
{
    const auto cannot = [&image](const QString &why) {
        return containerError(u"Cannot build image %1: %2"_s.arg(image, why));
    };
    const QString chuteFolder = QString(RouterPaths::chuteFiles) + u'/' + chute;
    const Result<bool> downloaded = m_router.exists(chuteFolder);
    if (!downloaded)
        return downloaded.error();
    if (!downloaded.value())
        return cannot(
            u"no chute sources in %1 (the change has no source folder)"_s.arg(chuteFolder));
    const Result<QString> source = sourcePath(chute, service);
    if (!source)
        return cannot(source.error().message);
    const Result<bool> sourceExists = m_router.exists(source.value());
    if (!sourceExists)
        return sourceExists.error();
    if (!sourceExists.value())
        return cannot(u"no source folder %1"_s.arg(source.value()));

    QJsonObject record{{u"name"_s, image},
                       {u"chute"_s, chute},
                       {u"service"_s, service.name},
                       {u"builtFrom"_s, source.value()}};
    if (service.type == ServiceType::Light) {
        if (service.image.isEmpty())
            return cannot(u"light service %1 names no base image"_s.arg(service.name));
        record.insert(u"baseImage"_s, service.image);
    } else {
        const Result<bool> dockerfile = m_router.exists(source.value() + u"/Dockerfile"_s);
        if (!dockerfile)
            return dockerfile.error();
        if (!dockerfile.value())
            return cannot(u"no Dockerfile in %1"_s.arg(source.value()));
    }
    return writeJson(imagePath(image), record);
}

Result<void> SandboxContainerRuntime::pullImage(const QString &image, const QString &chute,
                                                const QString &service)
{
    const Result<bool> present = hasImage(image);
    if (!present)
        return present.error();
    if (present.value())
        return Result<void>::success();
    const Result<bool> available = isInRegistry(image);
    if (!available)
        return available.error();
    if (!available.value())
        return containerError(u"Cannot pull image %1: not found in the registry"_s.arg(image));
    return writeJson(imagePath(image), QJsonObject{{u"name"_s, image},
                                                   {u"chute"_s, chute},
                                                   {u"service"_s, service},
                                                   {u"pulledFrom"_s, u"registry"_s}});
}

Result<bool> SandboxContainerRuntime::hasImage(const QString &image)
{
    return m_router.exists(imagePath(image));
}

Result<QString> SandboxContainerRuntime::removeImage(const QString &image)
{
    const Result<bool> present = hasImage(image);
    if (!present)
        return present.error();
    if (!present.value())
        return u"Image %1 is not present"_s.arg(image);
    Result<QList<QJsonObject>> all = containers();
    if (!all)
        return all.error();
    for (const QJsonObject &container : all.value()) {
        if (container.value(u"image"_s).toString() == image) {
            return u"Image %1 is kept: container %2 uses it"_s.arg(
                image, container.value(u"name"_s).toString());
        }
    }
    if (Result<void> removed = removeFile(imagePath(image)); !removed)
        return removed.error();
    return u"Removed image %1"_s.arg(image);
}

Result<void> SandboxContainerRuntime::startContainer(const ContainerConfig &config)
{
    if (Result<void> present = requireImage(config); !present)
        return present;
    Result<QList<QJsonObject>> all = containers();
    if (!all)
        return all.error();
    for (const QJsonObject &other : all.value()) {
        if (other.value(u"name"_s).toString() == config.name
            || other.value(u"state"_s).toString() != u"running") {
            continue;
        }
        for (const QJsonValue &port : other.value(u"ports"_s).toArray()) {
            const int external = port.toObject().value(u"external"_s).toInt();
            const bool clash = std::any_of(
                config.ports.cbegin(), config.ports.cend(),
                [external](const PortBinding &binding) { return binding.external == external; });
            if (clash) {
                return containerError(u"Port %1 is already bound by chute %2 (container %3)"_s.arg(
                    QString::number(external), other.value(u"chute"_s).toString(),
                    other.value(u"name"_s).toString()));
            }
        }
    }
    QJsonObject environment;
    for (const auto &[key, value] : config.environment)
        environment.insert(key, value);
    return writeJson(containerPath(config.name),
                     QJsonObject{{u"name"_s, config.name},
                                 {u"image"_s, config.image},
                                 {u"chute"_s, config.chute},
                                 {u"service"_s, config.service},
                                 {u"state"_s, u"running"_s},
                                 {u"command"_s, QJsonArray::fromStringList(config.command)},
                                 {u"ports"_s, portsJson(config.ports)},
                                 {u"interfaces"_s, QJsonArray()},
                                 {u"environment"_s, environment}});
}

Result<bool> SandboxContainerRuntime::removeContainer(const ContainerConfig &config)
{
    return removeContainer(config.name);
}

Result<bool> SandboxContainerRuntime::removeContainer(const QString &name)
{
    const Result<bool> present = m_router.exists(containerPath(name));
    if (!present || !present.value())
        return present;
    if (Result<void> removed = removeFile(containerPath(name)); !removed)
        return removed.error();
    return true;
}

Result<bool> SandboxContainerRuntime::setInterfaces(const QString &container,
                                                    const QJsonArray &interfaces)
{
    Result<std::optional<QJsonObject>> read = readJson(containerPath(container));
    if (!read)
        return read.error();
    if (!read.value())
        return false;
    QJsonObject object = *read.value();
    if (object.value(u"interfaces"_s).toArray() == interfaces)
        return true;
    object.insert(u"interfaces"_s, interfaces);
    if (Result<void> written = writeJson(containerPath(container), object); !written)
        return written.error();
    return true;
}

Result<QList<QJsonObject>> SandboxContainerRuntime::containers()
{
    const Result<QList<DirEntry>> entries = m_router.list(QString(RouterPaths::containers));
    if (!entries) {
        if (entries.error().code == ErrorCode::NotFound)
            return QList<QJsonObject>();
        return entries.error();
    }
    QList<QJsonObject> result;
    for (const DirEntry &entry : entries.value()) {
        if (entry.type != DirEntry::Type::File || !entry.name.endsWith(u".json"_s)
            || entry.name.startsWith(bridgePrefix)) {
            continue;
        }
        Result<std::optional<QJsonObject>> read
            = readJson(QString(RouterPaths::containers) + u'/' + entry.name);
        if (!read)
            return read.error();
        if (read.value())
            result.append(*read.value());
    }
    return result;
}

Result<int> SandboxContainerRuntime::removeAllContainers()
{
    const Result<QList<DirEntry>> entries = m_router.list(QString(RouterPaths::containers));
    if (!entries) {
        if (entries.error().code == ErrorCode::NotFound)
            return 0;
        return entries.error();
    }
    int removed = 0;
    for (const DirEntry &entry : entries.value()) {
        if (entry.type != DirEntry::Type::File || !entry.name.endsWith(u".json"_s))
            continue;
        if (Result<void> done = removeFile(QString(RouterPaths::containers) + u'/' + entry.name);
            !done) {
            return done.error();
        }
        ++removed;
    }
    return removed;
}

Result<void> SandboxContainerRuntime::createBridge(const QString &chute)
{
    const Result<bool> present = m_router.exists(bridgePath(chute));
    if (!present)
        return present.error();
    if (present.value())
        return Result<void>::success();
    return writeJson(
        bridgePath(chute),
        QJsonObject{{u"name"_s, chute}, {u"chute"_s, chute}, {u"driver"_s, u"bridge"_s}});
}

Result<void> SandboxContainerRuntime::removeBridge(const QString &chute)
{
    const Result<bool> present = m_router.exists(bridgePath(chute));
    if (!present)
        return present.error();
    if (!present.value())
        return Result<void>::success();
    return removeFile(bridgePath(chute));
}

Result<std::optional<QJsonObject>> SandboxContainerRuntime::readJson(const QString &path)
{
    const Result<QByteArray> text = m_router.readFile(path);
    if (!text) {
        if (text.error().code == ErrorCode::NotFound)
            return std::optional<QJsonObject>();
        return text.error();
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text.value(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        return Error{ErrorCode::RouterIo,
                     u"%1: not a JSON object (%2 at offset %3)"_s.arg(
                         path,
                         parseError.error == QJsonParseError::NoError ? u"not an object"_s
                                                                      : parseError.errorString(),
                         QString::number(parseError.offset))};
    }
    return std::optional(document.object());
}

Result<void> SandboxContainerRuntime::writeJson(const QString &path, const QJsonObject &object)
{
    if (m_beforeChange) {
        if (Result<void> recorded = m_beforeChange(path); !recorded)
            return recorded;
    }
    return m_router.writeFile(path, QJsonDocument(object).toJson(QJsonDocument::Indented));
}

Result<void> SandboxContainerRuntime::removeFile(const QString &path)
{
    if (m_beforeChange) {
        if (Result<void> recorded = m_beforeChange(path); !recorded)
            return recorded;
    }
    return m_router.remove(path);
}

Result<bool> SandboxContainerRuntime::isInRegistry(const QString &image)
{
    const QString repository = repositoryOf(image);
    if (isBuiltinRepository(repository))
        return true;
    const Result<QByteArray> text = m_router.readFile(registryPath());
    if (!text) {
        if (text.error().code == ErrorCode::NotFound)
            return false;
        return text.error();
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text.value(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isArray()) {
        return Error{ErrorCode::RouterIo,
                     u"%1: not a JSON array of image names"_s.arg(registryPath())};
    }
    for (const QJsonValue &entry : document.array()) {
        const QString name = entry.toString();
        if (name == image || name == repository)
            return true;
    }
    return false;
}

} // namespace ChuteDeck::Core
