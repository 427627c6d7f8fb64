#pragma once

#include "core/base/result.h"
#include "core/chute/chutespec.h"
#include "core/chute/hostconfig.h"

#include <QString>

#include <optional>

namespace ChuteDeck::Core {

// ParaDrop's update classes: a change to one chute, to the router's host configuration, or to
// the ParaDrop software itself.
enum class UpdateClass : quint8 { Chute, Router, Snap };

enum class UpdateType : quint8 {
    Create,
    Update,
    Delete,
    Start,
    Stop,
    Restart,
    PreHostConfig,
    InitHostConfig,
    SetHostConfig,
    PatchHostConfig,
    FactoryReset,
    Reboot,
    Shutdown,
    UpdateSnap,
};

QString updateTypeName(UpdateType type); // ParaDrop's spelling: "create", "sethostconfig", ...
std::optional<UpdateType> updateTypeFromName(QStringView name);
UpdateClass updateClassOf(UpdateType type);

// The name router updates carry in place of a chute name.
QString routerUpdateName(); // "__PARADROP__"

// One requested change, with everything plan generation looks at: the chute as it will be and
// as it is installed, or the host configuration as it will be.
struct Update
{
    UpdateType type = UpdateType::Create;
    QString name;                            // the chute, or routerUpdateName()
    std::optional<ChuteSpec> newChute;       // create/update: as given; others: the installed one
                                             // with its new state
    std::optional<ChuteSpec> oldChute;       // the installed chute, if any
    std::optional<HostConfig> newHostConfig; // set/patch/init host config: the result
    QString snapVersion;                     // snap updates
    QString sourceFolder; // create/update: the local folder holding paradrop.yaml and sources

    UpdateClass updateClass() const { return updateClassOf(type); }
};

// Builds a chute update against the router's installed chutes. create/update take the given
// chute; start/stop/restart/delete take the installed chute named `name` (its absence is
// validate_change's business, not an error here).
Update makeChuteUpdate(UpdateType type, const std::optional<ChuteSpec> &given, const QString &name,
                       const QList<ChuteSpec> &installed);
Update makeRouterUpdate(UpdateType type, std::optional<HostConfig> newHostConfig = {});

// ParaDrop's state.validate_change, with its exact messages; fails with ChangeRejected.
Result<void> validateChange(const Update &update);

} // namespace ChuteDeck::Core
