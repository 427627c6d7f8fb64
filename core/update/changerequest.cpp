#include "core/update/changerequest.h"

#include "core/router/router.h"
#include "core/router/routerstate.h"

#include <QFile>
#include <QFileInfo>

namespace ChuteDeck::Core {
namespace {

using namespace Qt::StringLiterals;

Result<QList<Update>> invalidRequest(const QString &message)
{
    return Error{ErrorCode::InvalidRequest, message};
}

Result<QByteArray> readInputFile(const QString &fileName)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly))
        return Error{ErrorCode::NotFound, u"%1: %2"_s.arg(fileName, file.errorString())};
    return file.readAll();
}

Result<QList<Update>> chuteUpdates(const ChangeRequest &request, Router &router)
{
    const Result<QList<ChuteSpec>> installed = readInstalledChutes(router);
    if (!installed)
        return installed.error();
    const bool fromSources
        = request.type == UpdateType::Create || request.type == UpdateType::Update;
    const QStringList &inputs = fromSources ? request.chuteSources : request.chuteNames;
    if (inputs.isEmpty()) {
        return invalidRequest(
            fromSources
                ? u"%1 needs a chute (--chute DIR_OR_YAML)"_s.arg(updateTypeName(request.type))
                : u"%1 needs a chute name (--name NAME)"_s.arg(updateTypeName(request.type)));
    }
    QList<Update> updates;
    for (const QString &input : inputs) {
        std::optional<ChuteSpec> given;
        if (fromSources) {
            Result<ChuteSpec> chute = loadChute(input);
            if (!chute)
                return chute.error();
            given = std::move(chute).value();
        }
        updates.append(makeChuteUpdate(request.type, given, input, installed.value()));
        if (fromSources) {
            const QFileInfo info(input);
            updates.last().sourceFolder
                = info.isDir() ? info.absoluteFilePath() : info.absolutePath();
        }
    }
    return updates;
}

Result<std::optional<HostConfig>> newHostConfig(const ChangeRequest &request, Router &router)
{
    switch (request.type) {
    case UpdateType::SetHostConfig: {
        if (request.hostConfigFile.isEmpty() && request.hostConfigText.isEmpty())
            return Error{ErrorCode::InvalidRequest, u"sethostconfig needs --hostconfig FILE"_s};
        Result<HostConfig> config
            = request.hostConfigFile.isEmpty()
                  ? HostConfig::parse(request.hostConfigText, request.textName)
                  : HostConfig::load(request.hostConfigFile);
        if (!config)
            return config.error();
        return std::optional<HostConfig>(std::move(config).value());
    }
    case UpdateType::PatchHostConfig: {
        if (request.patchFile.isEmpty() && request.patchText.isEmpty())
            return Error{ErrorCode::InvalidRequest, u"patchhostconfig needs --patch FILE"_s};
        const Result<QByteArray> patch = request.patchFile.isEmpty()
                                             ? Result<QByteArray>(request.patchText)
                                             : readInputFile(request.patchFile);
        if (!patch)
            return patch.error();
        const Result<HostConfig> current = readHostConfig(router);
        if (!current)
            return current.error();
        Result<HostConfig> patched = current.value().patched(
            patch.value(), request.patchFile.isEmpty() ? request.textName : request.patchFile);
        if (!patched)
            return patched.error();
        return std::optional<HostConfig>(std::move(patched).value());
    }
    case UpdateType::InitHostConfig: {
        const Result<SystemDevices> devices = readSystemDevices(router);
        if (!devices)
            return devices.error();
        return std::optional<HostConfig>(HostConfig::defaults(devices.value()));
    }
    default:
        return std::optional<HostConfig>();
    }
}

} // namespace

Result<QList<Update>> buildUpdates(const ChangeRequest &request, Router &router)
{
    if (updateClassOf(request.type) == UpdateClass::Chute)
        return chuteUpdates(request, router);
    Result<std::optional<HostConfig>> config = newHostConfig(request, router);
    if (!config)
        return config.error();
    return QList<Update>{makeRouterUpdate(request.type, std::move(config).value())};
}

QString successMessage(const QList<Update> &updates)
{
    QStringList messages;
    for (const Update &update : updates)
        messages.append(u"Chute %1 %2 success"_s.arg(update.name, updateTypeName(update.type)));
    return messages.join(u"; "_s);
}

} // namespace ChuteDeck::Core
