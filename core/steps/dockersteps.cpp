#include "core/steps/dockersteps.h"

#include "core/router/router.h"
#include "core/router/routerstate.h"
#include "core/steps/containerruntime.h"
#include "core/steps/runtimesupport.h"
#include "core/steps/stepsupport.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace ChuteDeck::Core {
namespace {

using namespace Qt::StringLiterals;

QString allocationPath()
{
    return QString(RouterPaths::paradropState) + u"/allocation.json"_s;
}

Result<void> prepareImage(StepContext &context)
{
    const Result<ServiceRef> ref = serviceOf(context);
    if (!ref)
        return ref.error();
    const ChuteSpec &chute = *ref.value().chute;
    const ServiceSpec &service = *ref.value().service;
    const QString image = chute.imageName(service);
    const std::unique_ptr<ContainerRuntime> runtime = runtimeFor(context);
    if (service.type == ServiceType::Image) {
        context.appendOutput(u"Pulling image %1"_s.arg(image));
        return runtime->pullImage(image, chute.name, service.name);
    }
    context.appendOutput(u"Building image %1"_s.arg(image));
    return runtime->buildImage(image, chute.name, service);
}

Result<void> removeImage(StepContext &context)
{
    const Result<ServiceRef> ref = serviceOf(context);
    if (!ref)
        return ref.error();
    const Result<QString> removed
        = runtimeFor(context)->removeImage(ref.value().chute->imageName(*ref.value().service));
    if (!removed)
        return removed.error();
    context.appendOutput(removed.value());
    return Result<void>::success();
}

Result<void> checkImage(StepContext &context)
{
    const Result<ServiceRef> ref = serviceOf(context);
    if (!ref)
        return ref.error();
    const QString image = ref.value().chute->imageName(*ref.value().service);
    const Result<bool> present = runtimeFor(context)->hasImage(image);
    if (!present)
        return present.error();
    if (!present.value())
        return Result<void>::failure(ErrorCode::StepFailed, u"Image %1 is missing"_s.arg(image));
    return Result<void>::success();
}

ContainerConfig containerConfig(const ChuteSpec &chute, const ServiceSpec &service)
{
    TextPairs environment = chute.environment;
    environment += service.environment;
    environment.append({u"PARADROP_CHUTE_NAME"_s, chute.name});
    environment.append({u"PARADROP_CHUTE_VERSION"_s, chute.version});
    return ContainerConfig{chute.containerName(service),
                           chute.imageName(service),
                           chute.name,
                           service.name,
                           service.command,
                           service.portBindings,
                           environment,
                           service.dns,
                           service.privileged};
}

Result<void> startContainer(StepContext &context)
{
    const Result<ServiceRef> ref = serviceOf(context);
    if (!ref)
        return ref.error();
    const ContainerConfig config = containerConfig(*ref.value().chute, *ref.value().service);
    context.appendOutput(u"Starting container %1 from %2"_s.arg(config.name, config.image));
    return runtimeFor(context)->startContainer(config);
}

Result<void> removeContainer(StepContext &context)
{
    const Result<ServiceRef> ref = serviceOf(context);
    if (!ref)
        return ref.error();
    const ContainerConfig config = containerConfig(*ref.value().chute, *ref.value().service);
    const QString &name = config.name;
    const Result<bool> removed = runtimeFor(context)->removeContainer(config);
    if (!removed)
        return removed.error();
    context.appendOutput(removed.value() ? u"Removed container %1"_s.arg(name)
                                         : u"No container %1"_s.arg(name));
    return Result<void>::success();
}

Result<void> createBridge(StepContext &context)
{
    return runtimeFor(context)->createBridge(updateOf(context).name);
}

Result<void> removeBridge(StepContext &context)
{
    return runtimeFor(context)->removeBridge(updateOf(context).name);
}

QJsonArray interfacesJson(const QList<AllocatedInterface> &interfaces, const QString &service)
{
    QJsonArray array;
    for (const AllocatedInterface &interface : interfaces) {
        if (interface.service != service)
            continue;
        QJsonObject object{
            {u"name"_s, interface.name},       {u"type"_s, interfaceTypeName(interface.type)},
            {u"section"_s, interface.section}, {u"subnet"_s, interface.subnet},
            {u"gateway"_s, interface.gateway}, {u"address"_s, interface.address},
            {u"netmask"_s, interface.netmask}, {u"bridge"_s, interface.bridge}};
        if (!interface.radio.isEmpty())
            object.insert(u"radio"_s, interface.radio);
        array.append(object);
    }
    return array;
}

// Attaches (or, with `attach` false, detaches) the allocated interfaces to the chute's containers.
Result<void> setNetInterfaces(StepContext &context, const std::optional<ChuteSpec> &chute,
                              bool attach)
{
    if (!chute)
        return Result<void>::success();
    const std::unique_ptr<ContainerRuntime> runtime = runtimeFor(context);
    const QList<AllocatedInterface> &interfaces = stateOf(context).interfaces;
    for (const ServiceSpec &service : chute->services) {
        const QJsonArray wanted = attach ? interfacesJson(interfaces, service.name) : QJsonArray();
        const Result<bool> set = runtime->setInterfaces(chute->containerName(service), wanted);
        if (!set)
            return set.error();
        if (set.value() && !wanted.isEmpty()) {
            context.appendOutput(u"%1: %2 interface(s)"_s.arg(chute->containerName(service),
                                                              QString::number(wanted.size())));
        }
    }
    return Result<void>::success();
}

Result<void> setupNetInterfaces(StepContext &context)
{
    return setNetInterfaces(context, updateOf(context).newChute, true);
}

Result<void> cleanupNetInterfaces(StepContext &context)
{
    return setNetInterfaces(context, updateOf(context).oldChute, false);
}

Result<void> setResourceAllocation(StepContext &context)
{
    Result<QJsonObject> allocation = resourceAllocation(context);
    if (!allocation)
        return allocation.error();
    const QByteArray text = QJsonDocument(allocation.value()).toJson(QJsonDocument::Indented);
    const Result<QByteArray> current = routerOf(context).readFile(allocationPath());
    if (current.ok() && current.value() == text)
        return Result<void>::success();
    return replaceFile(context, allocationPath(), text);
}

Result<void> revertResourceAllocation(StepContext &context)
{
    return restoreFile(context, allocationPath());
}

} // namespace

void registerDockerSteps(StepRegistry &registry)
{
    registry.add(u"dockerapi.prepare_image"_s, recordedStep(prepareImage));
    registry.add(u"dockerapi.remove_image"_s, recordedStep(removeImage));
    registry.add(u"dockerapi.check_image"_s, checkImage);
    registry.add(u"dockerapi.start_container"_s, recordedStep(startContainer));
    registry.add(u"dockerapi.remove_container"_s, recordedStep(removeContainer));
    registry.add(u"dockerapi.create_bridge"_s, recordedStep(createBridge));
    registry.add(u"dockerapi.remove_bridge"_s, recordedStep(removeBridge));
    registry.add(u"dockerapi.setup_net_interfaces"_s, recordedStep(setupNetInterfaces));
    registry.add(u"dockerapi.cleanup_net_interfaces"_s, recordedStep(cleanupNetInterfaces));
    registry.add(u"dockerapi.setResourceAllocation"_s, setResourceAllocation);
    registry.add(u"dockerapi.revertResourceAllocation"_s, revertResourceAllocation);
}

} // namespace ChuteDeck::Core
