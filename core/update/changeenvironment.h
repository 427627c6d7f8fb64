#pragma once

#include "core/plan/stepregistry.h"
#include "core/update/update.h"
#include "core/update/updatestate.h"

#include <QHash>
#include <QList>
#include <QVariantMap>

namespace ChuteDeck::Core {

class Router;

// What the steps of one change work on: the router (through the change's transaction), the
// updates of the (possibly aggregated) plan, and per update the state its steps share, as
// ParaDrop's update.cache. Touched only on the router's thread while the plan runs.
class ChangeEnvironment final : public StepEnvironment
{
public:
    ChangeEnvironment(Router &router, QList<Update> updates);

    Router &router() const { return m_router; }
    const QList<Update> &updates() const { return m_updates; }
    const Update *update(const QString &name) const;
    UpdateState &state(const QString &update) { return m_states[update]; }

private:
    Router &m_router;
    QList<Update> m_updates;
    QHash<QString, UpdateState> m_states;
};

} // namespace ChuteDeck::Core
