#include "core/steps/runtimesupport.h"

#include "core/router/router.h"
#include "core/router/routerstate.h"
#include "core/steps/containerruntime.h"
#include "core/steps/stepsupport.h"

#include <QVariantList>
#include <QVariantMap>

namespace ChuteDeck::Core {
namespace {

using namespace Qt::StringLiterals;

const QString kindKey = u"kind"_s;
const QString pathKey = u"path"_s;
const QString contentKey = u"content"_s;
const QString fileKind = u"file"_s;     // the path held `content`
const QString absentKind = u"absent"_s; // the path did not exist
const QString folderKind = u"folder"_s; // the step created this folder

QString recordKey(const StepContext &context)
{
    return u"recorded/"_s + QString::number(context.step().id);
}

bool isRecorded(const QVariantList &records, const QString &path)
{
    return std::any_of(records.cbegin(), records.cend(), [&path](const QVariant &record) {
        return record.toMap().value(pathKey).toString() == path;
    });
}

Result<void> addRecord(StepContext &context, const QString &path, bool folder)
{
    QVariantMap &extra = stateOf(context).extra;
    QVariantList records = extra.value(recordKey(context)).toList();
    if (isRecorded(records, path))
        return Result<void>::success();
    Router &router = routerOf(context);
    const Result<bool> exists = router.exists(path);
    if (!exists)
        return exists.error();
    QVariantMap record{{pathKey, path}};
    if (folder) {
        if (exists.value())
            return Result<void>::success(); // only folders the step creates are recorded
        record.insert(kindKey, folderKind);
    } else if (exists.value()) {
        const Result<QByteArray> content = router.readFile(path);
        if (!content)
            return content.error();
        record.insert(kindKey, fileKind);
        record.insert(contentKey, content.value());
    } else {
        record.insert(kindKey, absentKind);
    }
    records.append(record);
    extra.insert(recordKey(context), records);
    return Result<void>::success();
}

} // namespace

Result<void> recordFile(StepContext &context, const QString &path)
{
    return addRecord(context, path, false);
}

Result<void> recordFolderCreation(StepContext &context, const QString &path)
{
    return addRecord(context, path, true);
}

Result<void> restoreRecorded(StepContext &context)
{
    const QVariantList records = stateOf(context).extra.take(recordKey(context)).toList();
    Router &router = routerOf(context);
    for (auto record = records.crbegin(); record != records.crend(); ++record) {
        const QVariantMap map = record->toMap();
        const QString path = map.value(pathKey).toString();
        const Result<void> restored
            = map.value(kindKey).toString() == fileKind
                  ? router.writeFile(path, map.value(contentKey).toByteArray())
                  : router.remove(path);
        if (!restored)
            return restored;
    }
    return Result<void>::success();
}

StepFunction recordedStep(StepFunction todo)
{
    return [todo = std::move(todo)](StepContext &context) -> Result<void> {
        if (context.phase() == Phase::Abort)
            return restoreRecorded(context);
        const Result<void> result = todo(context);
        if (!result)
            (void)restoreRecorded(context); // the step's own error is the one to report
        return result;
    };
}

std::unique_ptr<ContainerRuntime> runtimeFor(StepContext &context)
{
    return makeContainerRuntime(
        routerOf(context), [&context](const QString &path) { return recordFile(context, path); });
}

Result<ServiceRef> serviceOf(StepContext &context)
{
    const Update &update = updateOf(context);
    const QString name = context.args().value(0);
    const bool old = context.args().serviceOf() == ServiceOf::Old;
    const std::optional<ChuteSpec> &chute = old ? update.oldChute : update.newChute;
    const ServiceSpec *service = chute ? chute->service(name) : nullptr;
    if (!service) {
        return Error{ErrorCode::NotFound, u"No service %1 in the %2 chute %3"_s.arg(
                                              name, old ? u"installed"_s : u"new"_s, update.name)};
    }
    return ServiceRef{&*chute, service};
}

Result<QList<ChuteSpec>> chutesAfterChange(StepContext &context)
{
    Result<QList<ChuteSpec>> installed = readInstalledChutes(routerOf(context));
    if (!installed)
        return installed.error();
    QList<ChuteSpec> chutes = std::move(installed).value();
    for (const Update &update : environmentOf(context).updates()) {
        if (update.updateClass() != UpdateClass::Chute)
            continue;
        chutes.removeIf([&update](const ChuteSpec &chute) { return chute.name == update.name; });
        if (update.type != UpdateType::Delete && update.newChute)
            chutes.append(*update.newChute);
    }
    return chutes;
}

QJsonObject computeResourceAllocation(const QList<ChuteSpec> &chutes)
{
    double requested = 0;
    int unspecified = 0;
    for (const ChuteSpec &chute : chutes) {
        if (chute.state != ChuteState::Running)
            continue;
        for (const ServiceSpec &service : chute.services) {
            if (service.cpuFraction)
                requested += qMax(0.0, *service.cpuFraction);
            else
                ++unspecified;
        }
    }
    const double scale = requested > 1 ? 1 / requested : 1;
    const double equalShare = unspecified > 0 ? qMax(0.0, 1 - requested) / unspecified : 0;
    QJsonObject allocation;
    for (const ChuteSpec &chute : chutes) {
        if (chute.state != ChuteState::Running)
            continue;
        for (const ServiceSpec &service : chute.services) {
            const double fraction
                = service.cpuFraction ? qMax(0.0, *service.cpuFraction) * scale : equalShare;
            allocation.insert(chute.containerName(service),
                              QJsonObject{{u"chute"_s, chute.name},
                                          {u"service"_s, service.name},
                                          {u"cpuFraction"_s, fraction},
                                          {u"cpuShares"_s, qMax(2, qRound(fraction * 1024))}});
        }
    }
    return allocation;
}

Result<QJsonObject> resourceAllocation(StepContext &context, bool recompute)
{
    const QString key = u"allocation"_s;
    QVariantMap &extra = stateOf(context).extra;
    if (!recompute && extra.contains(key))
        return QJsonObject::fromVariantMap(extra.value(key).toMap());
    const Result<QList<ChuteSpec>> chutes = chutesAfterChange(context);
    if (!chutes)
        return chutes.error();
    const QJsonObject allocation = computeResourceAllocation(chutes.value());
    extra.insert(key, allocation.toVariantMap());
    return allocation;
}

} // namespace ChuteDeck::Core
