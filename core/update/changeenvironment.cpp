#include "core/update/changeenvironment.h"

#include "core/update/planning.h"

namespace ChuteDeck::Core {

ChangeEnvironment::ChangeEnvironment(Router &router, QList<Update> updates)
    : m_router(router)
    , m_updates(std::move(updates))
{}

const Update *ChangeEnvironment::update(const QString &name) const
{
    return findUpdate(m_updates, name);
}

} // namespace ChuteDeck::Core
