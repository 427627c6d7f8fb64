#include "core/router/routeraddress.h"

#include "core/router/sandboxrouter.h"

namespace ChuteDeck::Core {

using namespace Qt::StringLiterals;

Result<std::unique_ptr<Router>> openRouter(const QString &address)
{
    const QString sandboxScheme = u"sandbox:"_s;
    if (address.startsWith(sandboxScheme) && address.size() > sandboxScheme.size()) {
        Result<std::unique_ptr<SandboxRouter>> sandbox
            = SandboxRouter::open(address.mid(sandboxScheme.size()));
        if (!sandbox)
            return sandbox.error();
        return std::unique_ptr<Router>(std::move(sandbox).value());
    }
    return Error{ErrorCode::InvalidRouterUrl,
                 u"'%1' is not a router address: use sandbox:PATH"_s.arg(address)};
}

} // namespace ChuteDeck::Core
