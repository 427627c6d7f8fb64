#pragma once

#include "core/chute/chutespec.h"

#include <QList>
#include <QString>

namespace ChuteDeck::Core {

// One field that differs between two versions of a chute, named by its path in the chute's JSON
// form ("version", "services.web.image", "services.web.environment.GREETING",
// "web.port"); absent on one side is an empty optional, so "" and missing stay apart.
struct FieldChange
{
    QString field;
    std::optional<QString> before;
    std::optional<QString> after;

    friend bool operator==(const FieldChange &, const FieldChange &) = default;
};

// Every field that an update from `before` to `after` changes, adds or removes, sorted by path:
// what an admin checks before updating a chute (fields, services, interfaces, ports, environment).
QList<FieldChange> diffChutes(const ChuteSpec &before, const ChuteSpec &after);

} // namespace ChuteDeck::Core
