#pragma once

#include "core/steps/containerruntime.h"

#include <QStringList>

namespace ChuteDeck::Core {

struct CommandOutput;

// The docker runtime (DESIGN.md, "Router state"): ParaDrop's dockerapi operations as `docker ...`
// command lines, run with Router::run() — over SSH they run on the router. The router's root
// prefix is "/" (SshRouter refuses docker under any other), so router paths are absolute paths.
//
// Undo: when the router is a RouterTransaction, every command that creates or removes something
// is run with RouterTransaction::runWithUndo(), so that the transaction's restore() — at the end of
// a rollback, at a revert, or in the SSH watchdog's replay — runs the opposite command, newest
// first: `docker rm --force NAME` for a created container, `docker run --detach ...` with the old
// configuration for a removed one, `docker network rm`/`create` for a chute's network, and
// `docker image rm` for a built or pulled image. The undo steps of the plan therefore have nothing
// of their own to do on this runtime (their recorded files are none). Removing an image cannot be
// undone, so within a transaction it is deferred to the commit (RouterTransaction::runAtCommit()),
// as the sandbox defers its removals: a rollback after dockerapi.remove_image(old) can still bring
// the old container back.
//
// What this runtime does not do (yet): setInterfaces() only tells whether the container exists:
// the host interfaces are not moved into the container's namespace (ParaDrop's pipework-like
// `ip link ... netns` sequence), and dockerapi.setResourceAllocation writes its record but runs no
// `docker update --cpu-shares`.
//
// Chute containers and networks carry the labels chutedeck.chute and chutedeck.service, so that
// containers() and removeAllContainers() see only them. Every user-given word (an image, an
// environment value, a command) is a separate argv element and follows `--` or an `--option=`,
// so none is ever read as an option.
class DockerContainerRuntime final : public ContainerRuntime
{
public:
    explicit DockerContainerRuntime(Router &router);

    // The options and operands of `docker create` (and of `docker run --detach`, its undo).
    static QStringList containerArguments(const ContainerConfig &config);
    // The Dockerfile of a light service: its base image with the sources in /opt/paradrop/app.
    static QByteArray lightDockerfile(const ServiceSpec &service);
    static QString dockerfilePath(const QString &image); // under var/lib/chutedeck/build/

    Result<void> buildImage(const QString &image, const QString &chute,
                            const ServiceSpec &service) override;
    Result<void> pullImage(const QString &image, const QString &chute,
                           const QString &service) override;
    Result<bool> hasImage(const QString &image) override;
    Result<QString> removeImage(const QString &image) override;

    Result<void> startContainer(const ContainerConfig &config) override;
    Result<bool> removeContainer(const ContainerConfig &config) override;
    Result<bool> setInterfaces(const QString &container, const QJsonArray &interfaces) override;
    Result<QList<QJsonObject>> containers() override;
    Result<int> removeAllContainers() override;

    Result<void> createBridge(const QString &chute) override;
    Result<void> removeBridge(const QString &chute) override;

private:
    Result<CommandOutput> docker(const QStringList &arguments);
    // Fails (ErrorCode::StepFailed, "Cannot <what>: docker exited with N: <stderr>") unless the
    // command exits with 0.
    Result<CommandOutput> dockerOk(const QString &what, const QStringList &arguments);
    Result<void> dockerWithUndo(const QString &what, const QStringList &arguments,
                                const QStringList &undoArguments);
    Result<bool> succeeds(const QStringList &arguments); // an inspect: whether it exits with 0
    Result<QStringList> lines(const QString &what, const QStringList &arguments);
    Result<void> checkSources(const QString &image, const QString &chute,
                              const ServiceSpec &service);
    Result<void> build(const QString &image, const QString &context, const ServiceSpec &service);

    Router &m_router;
};

} // namespace ChuteDeck::Core
