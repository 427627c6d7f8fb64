#pragma once

#include "core/base/result.h"
#include "core/chute/chutespec.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
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
    QStringList dns;       // the docker runtime's only: the sandbox's files leave them out
    bool privileged = false;
};

// What the dockerapi steps do to images, containers and chute networks, whatever runs them
// (DESIGN.md, "Router state"): ParaDrop's dockerapi module, as an interface. Errors are
// ErrorCode::StepFailed with the operation and the runtime's reason, or the router's own errors.
class ContainerRuntime
{
    Q_DISABLE_COPY_MOVE(ContainerRuntime)

public:
    ContainerRuntime() = default;
    virtual ~ContainerRuntime();

    // Light and normal services: from the chute's downloaded sources.
    virtual Result<void> buildImage(const QString &image, const QString &chute,
                                    const ServiceSpec &service)
        = 0;
    // Image services: an image already present is kept as it is.
    virtual Result<void> pullImage(const QString &image, const QString &chute,
                                   const QString &service)
        = 0;
    virtual Result<bool> hasImage(const QString &image) = 0;
    // Removing a missing image succeeds (ParaDrop ignored it); an image that a container still
    // uses is kept, as Docker refuses to remove it. Returns what happened, for the step's output.
    virtual Result<QString> removeImage(const QString &image) = 0;

    virtual Result<void> startContainer(const ContainerConfig &config) = 0;
    // false: there was none. The configuration is the container's (to undo the removal).
    virtual Result<bool> removeContainer(const ContainerConfig &config) = 0;
    // Replaces the container's interfaces; false when the container does not exist.
    virtual Result<bool> setInterfaces(const QString &container, const QJsonArray &interfaces) = 0;
    // Every chute container, by name: {name, image, chute, service, state, interfaces: [...]}.
    virtual Result<QList<QJsonObject>> containers() = 0;
    virtual Result<int> removeAllContainers() = 0; // containers and networks; returns how many

    // The chute's own network.
    virtual Result<void> createBridge(const QString &chute) = 0;
    virtual Result<void> removeBridge(const QString &chute) = 0;

protected:
    // Before a container starts: its image must be there.
    Result<void> requireImage(const ContainerConfig &config);
};

// A step failure of a container runtime, with its message.
Error containerError(const QString &message);

// The runtime of `router` (Router::containerRuntime()); `beforeChange` is told of the files that
// the sandbox runtime replaces.
std::unique_ptr<ContainerRuntime> makeContainerRuntime(Router &router,
                                                       ChangeRecorder beforeChange = {});

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
class SandboxContainerRuntime final : public ContainerRuntime
{
public:
    explicit SandboxContainerRuntime(Router &router, ChangeRecorder beforeChange = {});

    static QString imagePath(const QString &image);
    static QString containerPath(const QString &container);
    static QString bridgePath(const QString &chute);
    static QString registryPath();
    // The folder a service is built from: var/lib/paradrop/chute-files/<chute>/<source>, cleaned.
    static Result<QString> sourcePath(const QString &chute, const ServiceSpec &service);

    Result<void> buildImage(const QString &image, const QString &chute,
                            const ServiceSpec &service) override;
    Result<void> pullImage(const QString &image, const QString &chute,
                           const QString &service) override;
    Result<bool> hasImage(const QString &image) override;
    Result<QString> removeImage(const QString &image) override;

    Result<void> startContainer(const ContainerConfig &config) override;
    Result<bool> removeContainer(const ContainerConfig &config) override;
    Result<bool> removeContainer(const QString &name); // false: there was none
    Result<bool> setInterfaces(const QString &container, const QJsonArray &interfaces) override;
    Result<QList<QJsonObject>> containers() override; // bridges excluded
    Result<int> removeAllContainers() override;       // containers and bridges

    Result<void> createBridge(const QString &chute) override;
    Result<void> removeBridge(const QString &chute) override;

private:
    Result<std::optional<QJsonObject>> readJson(const QString &path);
    Result<void> writeJson(const QString &path, const QJsonObject &object);
    Result<void> removeFile(const QString &path);
    Result<bool> isInRegistry(const QString &image);

    Router &m_router;
    ChangeRecorder m_beforeChange;
};

} // namespace ChuteDeck::Core
