#pragma once

#include "core/base/result.h"
#include "core/chute/chutespec.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace ChuteDeck::Core {

class Router;

// Told before the runtime replaces or removes a file on the router, so that a step can record
// what the file held and its undo can put exactly that back.
using ChangeRecorder = std::function<Result<void>(const QString &path)>;

// What start_container needs to know about one service's container.
struct ContainerConfig
{
    QString name; // "<chute>-<service>"
    QString image;
    QString chute;
    QString service;
    QStringList command;
    QList<PortBinding> ports;
    TextPairs environment; // the chute's, then the service's (a later key wins)
};

// The sandbox container runtime (DESIGN.md, "Router state"): every image, container and bridge is
// a JSON file on the router; nothing ever runs on the host. The operations fail where Docker
// would: a build without sources, a pull of an image the registry does not have, a start whose
// image is missing or whose router port a running container already binds.
//
// Files (names percent-encoded with QUrl::toPercentEncoding, so "redis:7" is "redis%3A7.json"):
//   var/lib/paradrop/images/<image>.json          {name, chute, service, builtFrom (the router
//                                                  folder it was built from; light services also
//                                                  have baseImage) or pulledFrom}
//   var/lib/paradrop/containers/<container>.json  {name, image, chute, service, state, command,
//                                                  ports: [{external, internal}], interfaces:
//                                                  [...], environment}
//   var/lib/paradrop/containers/bridge~<chute>.json  {name, chute, driver}: the chute's network.
//     Container names start with a chute name, which cannot hold '~', so they never collide.
//   var/lib/paradrop/registry.json (optional, never written here): a JSON array of image names
//     the sandbox registry has besides the built-in common ones; "name" allows any tag,
//     "name:tag" only that tag.
// CPU shares are not in the container files: dockerapi.setResourceAllocation keeps them in
// var/lib/paradrop/allocation.json, so that its revert restores one file.
class SandboxContainerRuntime
{
public:
    explicit SandboxContainerRuntime(Router &router, ChangeRecorder beforeChange = {});

    static QString imagePath(const QString &image);
    static QString containerPath(const QString &container);
    static QString bridgePath(const QString &chute);
    static QString registryPath();
    // The folder a service is built from: var/lib/paradrop/chute-files/<chute>/<source>, cleaned.
    static Result<QString> sourcePath(const QString &chute, const ServiceSpec &service);

    // Light and normal services: from the chute's downloaded sources.
    Result<void> buildImage(const QString &image, const QString &chute, const ServiceSpec &service);
    // Image services: an image already present is kept as it is.
    Result<void> pullImage(const QString &image, const QString &chute, const QString &service);
    Result<bool> hasImage(const QString &image);
    // Removing a missing image succeeds (ParaDrop ignored it); an image that a container still
    // uses is kept, as Docker refuses to remove it. Returns what happened, for the step's output.
    Result<QString> removeImage(const QString &image);

    Result<void> startContainer(const ContainerConfig &config);
    Result<bool> removeContainer(const QString &name); // false: there was none
    // Replaces the container's interfaces; false when the container does not exist.
    Result<bool> setInterfaces(const QString &container, const QJsonArray &interfaces);
    Result<QList<QJsonObject>> containers(); // every container (bridges excluded), by name
    Result<int> removeAllContainers();       // containers and bridges; returns how many

    Result<void> createBridge(const QString &chute);
    Result<void> removeBridge(const QString &chute);

private:
    Result<std::optional<QJsonObject>> readJson(const QString &path);
    Result<void> writeJson(const QString &path, const QJsonObject &object);
    Result<void> removeFile(const QString &path);
    Result<bool> isInRegistry(const QString &image);

    Router &m_router;
    ChangeRecorder m_beforeChange;
};

} // namespace ChuteDeck::Core
