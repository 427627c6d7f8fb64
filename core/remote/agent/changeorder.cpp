#include "core/remote/agent/changeorder.h"

#include "core/chute/chutereader.h"
#include "core/chute/hostconfig.h"
#include "core/remote/agent/chutetar.h"
#include "core/remote/agent/requestbody.h"
#include "core/router/routerstate.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>

namespace ChuteDeck::Core::ChangeOrders {
namespace {

using namespace Qt::StringLiterals;

Error invalid(const QString &message)
{
    return Error{ErrorCode::InvalidRequest, message};
}

Result<ChangeOrder> emptyOrder(UpdateType type, const QString &name)
{
    ChangeOrder order;
    order.request.type = type;
    order.name = name;
    order.staging = std::make_shared<QTemporaryDir>();
    if (!order.staging->isValid())
        return Error{ErrorCode::RouterIo, u"cannot make a staging folder for the upload"_s};
    return order;
}

Result<QString> writeStaged(const ChangeOrder &order, const QString &fileName,
                            const QByteArray &data)
{
    const QString path = order.staging->filePath(fileName);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size())
        return Error{ErrorCode::RouterIo, u"%1: %2"_s.arg(path, file.errorString())};
    return path;
}

Result<void> checkChuteName(const QString &name)
{
    if (isValidChuteName(name))
        return {};
    return invalid(u"invalid chute name '%1': letters, digits, '-' and '_' only, 1 to 64"_s.arg(
        name.left(80)));
}

Result<void> checkNameMatches(const QString &given, const QString &urlName)
{
    if (urlName.isEmpty() || given == urlName)
        return {};
    return invalid(u"name: '%1' does not match the chute '%2' of the URL"_s.arg(given, urlName));
}

Result<void> requireChuteType(UpdateType type, std::initializer_list<UpdateType> allowed)
{
    if (std::find(allowed.begin(), allowed.end(), type) != allowed.end())
        return {};
    return invalid(u"updateType: %1 does not take that input"_s.arg(updateTypeName(type)));
}

std::optional<UpdateClass> classFromName(const QString &name)
{
    if (name == u"CHUTE")
        return UpdateClass::Chute;
    if (name == u"ROUTER")
        return UpdateClass::Router;
    if (name == u"SNAP")
        return UpdateClass::Snap;
    return std::nullopt;
}

Result<UpdateType> rawUpdateType(const QJsonObject &update)
{
    const QJsonValue typeValue = update.value(u"updateType"_s);
    if (!typeValue.isString())
        return invalid(u"updateType: must be a string"_s);
    const std::optional<UpdateType> type = updateTypeFromName(typeValue.toString());
    if (!type)
        return invalid(
            u"updateType: unknown update type '%1'"_s.arg(typeValue.toString().left(80)));
    const QJsonValue classValue = update.value(u"updateClass"_s);
    if (!classValue.isUndefined()) {
        const std::optional<UpdateClass> updateClass = classFromName(classValue.toString());
        if (!classValue.isString() || !updateClass)
            return invalid(u"updateClass: must be CHUTE, ROUTER or SNAP"_s);
        if (*updateClass != updateClassOf(*type)) {
            return invalid(u"updateClass: %1 is not the class of %2"_s.arg(classValue.toString(),
                                                                           updateTypeName(*type)));
        }
    }
    if (updateClassOf(*type) == UpdateClass::Snap)
        return invalid(u"updateType: snap updates are not served by chutedeck-agent"_s);
    return *type;
}

Result<ChangeOrder> rawChuteOrder(UpdateType type, const QJsonObject &update)
{
    const QJsonValue name = update.value(u"name"_s);
    if (!name.isUndefined() && !name.isString())
        return invalid(u"name: must be a string"_s);
    if (type == UpdateType::Create || type == UpdateType::Update) {
        const Result<QJsonObject> config = objectMember(update, u"config"_s, true);
        if (!config)
            return config.error();
        return fromConfig(type, config.value(), name.toString());
    }
    if (!name.isString())
        return invalid(u"name: missing"_s);
    std::optional<TextPairs> environment;
    if (update.contains(u"environment"_s)) {
        Result<TextPairs> pairs = environmentMember(update, u"environment"_s);
        if (!pairs)
            return pairs.error();
        environment = std::move(pairs).value();
    }
    return forChute(type, name.toString(), environment);
}

Result<ChangeOrder> rawRouterOrder(UpdateType type, const QJsonObject &update, Router &router)
{
    if (type == UpdateType::SetHostConfig) {
        const Result<QJsonObject> config = objectMember(update, u"config"_s, true);
        if (!config)
            return config.error();
        return setHostConfig(config.value());
    }
    if (type == UpdateType::PatchHostConfig) {
        const QJsonValue patch = update.value(u"patch"_s);
        if (!patch.isArray())
            return invalid(u"patch: must be a JSON array (RFC 6902)"_s);
        return patchHostConfig(patch.toArray(), router);
    }
    return emptyOrder(type, routerUpdateName());
}

} // namespace

Result<ChangeOrder> fromConfig(UpdateType type, QJsonObject config, const QString &urlName)
{
    if (const Result<void> allowed
        = requireChuteType(type, {UpdateType::Create, UpdateType::Update});
        !allowed) {
        return allowed.error();
    }
    const QJsonValue name = config.value(u"name"_s);
    if (name.isUndefined() && !urlName.isEmpty())
        config.insert(u"name"_s, urlName);
    else if (!name.isString())
        return invalid(u"config.name: must be a string"_s);
    if (const Result<void> matches = checkNameMatches(config.value(u"name"_s).toString(), urlName);
        !matches) {
        return matches.error();
    }
    const QByteArray text = QJsonDocument(config).toJson(QJsonDocument::Indented);
    const Result<ChuteSpec> chute = parseChute(text, u"config"_s);
    if (!chute)
        return chute.error();
    Result<ChangeOrder> order = emptyOrder(type, chute.value().name);
    if (!order)
        return order;
    if (const Result<QString> file = writeStaged(order.value(), u"paradrop.yaml"_s, text); !file)
        return file.error();
    order.value().request.chuteSources = {order.value().staging->path()};
    return order;
}

Result<ChangeOrder> fromTar(UpdateType type, const QByteArray &tar, const QString &urlName)
{
    if (const Result<void> allowed
        = requireChuteType(type, {UpdateType::Create, UpdateType::Update});
        !allowed) {
        return allowed.error();
    }
    Result<ChangeOrder> order = emptyOrder(type, QString());
    if (!order)
        return order;
    const QString folder = order.value().staging->filePath(u"chute"_s);
    if (!QDir().mkpath(folder))
        return Error{ErrorCode::RouterIo, u"cannot make the folder %1"_s.arg(folder)};
    if (const Result<void> unpacked = unpackChuteTar(tar, folder); !unpacked)
        return unpacked.error();
    QFile yaml(folder + u"/paradrop.yaml"_s);
    if (!yaml.open(QIODevice::ReadOnly))
        return Error{ErrorCode::RouterIo, u"paradrop.yaml: %1"_s.arg(yaml.errorString())};
    const Result<ChuteSpec> chute = parseChute(yaml.readAll(), u"paradrop.yaml"_s);
    if (!chute)
        return chute.error();
    if (const Result<void> matches = checkNameMatches(chute.value().name, urlName); !matches)
        return matches.error();
    order.value().name = chute.value().name;
    order.value().request.chuteSources = {folder};
    return order;
}

Result<ChangeOrder> forChute(UpdateType type, const QString &name,
                             std::optional<TextPairs> environment)
{
    if (const Result<void> allowed = requireChuteType(
            type, {UpdateType::Start, UpdateType::Stop, UpdateType::Restart, UpdateType::Delete});
        !allowed) {
        return allowed.error();
    }
    if (const Result<void> valid = checkChuteName(name); !valid)
        return valid.error();
    Result<ChangeOrder> order = emptyOrder(type, name);
    if (!order)
        return order;
    order.value().request.chuteNames = {name};
    order.value().environment = std::move(environment);
    return order;
}

Result<ChangeOrder> withConfig(const QString &name, QJsonObject config)
{
    if (const Result<void> valid = checkChuteName(name); !valid)
        return valid.error();
    if (!config.contains(u"name"_s))
        config.insert(u"name"_s, name);
    if (const Result<void> matches = checkNameMatches(config.value(u"name"_s).toString(), name);
        !matches) {
        return matches.error();
    }
    const Result<ChuteSpec> chute
        = parseChute(QJsonDocument(config).toJson(QJsonDocument::Indented), u"config"_s);
    if (!chute)
        return chute.error();
    Result<ChangeOrder> order = forChute(UpdateType::Restart, name);
    if (order)
        order.value().replacement = chute.value();
    return order;
}

Result<ChangeOrder> setHostConfig(const QJsonObject &config)
{
    if (const Result<HostConfig> valid = HostConfig::fromJson(config, u"config"_s); !valid)
        return valid.error();
    Result<ChangeOrder> order = emptyOrder(UpdateType::SetHostConfig, routerUpdateName());
    if (!order)
        return order;
    const Result<QString> file
        = writeStaged(order.value(), u"hostconfig.json"_s, QJsonDocument(config).toJson());
    if (!file)
        return file.error();
    order.value().request.hostConfigFile = file.value();
    return order;
}

Result<ChangeOrder> patchHostConfig(const QJsonArray &patch, Router &router)
{
    const QByteArray text = QJsonDocument(patch).toJson();
    const Result<HostConfig> current = readHostConfig(router);
    if (!current)
        return current.error();
    if (const Result<HostConfig> patched = current.value().patched(text, u"patch"_s); !patched)
        return patched.error();
    Result<ChangeOrder> order = emptyOrder(UpdateType::PatchHostConfig, routerUpdateName());
    if (!order)
        return order;
    const Result<QString> file = writeStaged(order.value(), u"patch.json"_s, text);
    if (!file)
        return file.error();
    order.value().request.patchFile = file.value();
    return order;
}

Result<ChangeOrder> fromRawUpdate(const QJsonObject &update, Router &router)
{
    const Result<UpdateType> type = rawUpdateType(update);
    if (!type)
        return type.error();
    if (updateClassOf(type.value()) == UpdateClass::Chute)
        return rawChuteOrder(type.value(), update);
    return rawRouterOrder(type.value(), update, router);
}

} // namespace ChuteDeck::Core::ChangeOrders
