#include "core/update/update.h"

#include <array>
#include <utility>

namespace ChuteDeck::Core {
namespace {

using namespace Qt::StringLiterals;

constexpr std::array kTypeNames{
    std::pair{UpdateType::Create, "create"},
    std::pair{UpdateType::Update, "update"},
    std::pair{UpdateType::Delete, "delete"},
    std::pair{UpdateType::Start, "start"},
    std::pair{UpdateType::Stop, "stop"},
    std::pair{UpdateType::Restart, "restart"},
    std::pair{UpdateType::PreHostConfig, "prehostconfig"},
    std::pair{UpdateType::InitHostConfig, "inithostconfig"},
    std::pair{UpdateType::SetHostConfig, "sethostconfig"},
    std::pair{UpdateType::PatchHostConfig, "patchhostconfig"},
    std::pair{UpdateType::FactoryReset, "factoryreset"},
    std::pair{UpdateType::Reboot, "reboot"},
    std::pair{UpdateType::Shutdown, "shutdown"},
    std::pair{UpdateType::UpdateSnap, "updatesnap"},
};

ChuteState newStateFor(UpdateType type)
{
    return type == UpdateType::Delete || type == UpdateType::Stop ? ChuteState::Stopped
                                                                  : ChuteState::Running;
}

Result<void> rejected(const QString &message)
{
    return Result<void>::failure(ErrorCode::ChangeRejected, message);
}

} // namespace

QString updateTypeName(UpdateType type)
{
    for (const auto &[value, name] : kTypeNames) {
        if (value == type)
            return QString::fromLatin1(name);
    }
    return {};
}

std::optional<UpdateType> updateTypeFromName(QStringView name)
{
    for (const auto &[value, text] : kTypeNames) {
        if (name == QLatin1StringView(text))
            return value;
    }
    return std::nullopt;
}

UpdateClass updateClassOf(UpdateType type)
{
    switch (type) {
    case UpdateType::Create:
    case UpdateType::Update:
    case UpdateType::Delete:
    case UpdateType::Start:
    case UpdateType::Stop:
    case UpdateType::Restart:
        return UpdateClass::Chute;
    case UpdateType::UpdateSnap:
        return UpdateClass::Snap;
    default:
        return UpdateClass::Router;
    }
}

QString routerUpdateName()
{
    return u"__PARADROP__"_s;
}

Update makeChuteUpdate(UpdateType type, const std::optional<ChuteSpec> &given, const QString &name,
                       const QList<ChuteSpec> &installed)
{
    Update update;
    update.type = type;
    update.name = given ? given->name : name;
    for (const ChuteSpec &chute : installed) {
        if (chute.name == update.name)
            update.oldChute = chute;
    }
    const bool takesGivenChute = type == UpdateType::Create || type == UpdateType::Update;
    update.newChute = takesGivenChute ? given : update.oldChute;
    if (update.newChute) {
        update.newChute->state = newStateFor(type);
        if (update.oldChute && update.newChute->owner.isEmpty())
            update.newChute->owner = update.oldChute->owner;
    }
    return update;
}

Update makeRouterUpdate(UpdateType type, std::optional<HostConfig> newHostConfig)
{
    Update update;
    update.type = type;
    update.name = routerUpdateName();
    update.newHostConfig = std::move(newHostConfig);
    return update;
}

Result<void> validateChange(const Update &update)
{
    const UpdateType type = update.type;
    const bool requiresOld = type == UpdateType::Stop || type == UpdateType::Start
                             || type == UpdateType::Delete || type == UpdateType::Restart;
    if (!update.oldChute && requiresOld)
        return rejected(u"No chute found with id: "_s + update.name);
    if (update.oldChute && type == UpdateType::Create)
        return rejected(u"Chute already exists."_s);
    if (!update.newChute || update.newChute->state == ChuteState::Invalid)
        return rejected(u"Chute state is invalid."_s);
    const bool oldRunning = update.oldChute && update.oldChute->state == ChuteState::Running;
    if (type == UpdateType::Start && oldRunning)
        return rejected(u"Chute is already running."_s);
    if (type == UpdateType::Stop && !oldRunning)
        return rejected(u"Chute is already stopped."_s);
    if (type == UpdateType::Update) {
        const QString installed = update.oldChute ? update.oldChute->version : QString();
        if (compareVersions(update.newChute->version, installed) <= 0) {
            return rejected(u"Version %1 of the chute is already installed."_s.arg(
                installed.isEmpty() ? u"0"_s : installed));
        }
    }
    return Result<void>::success();
}

} // namespace ChuteDeck::Core
