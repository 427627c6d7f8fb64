#pragma once

#include "core/base/result.h"
#include "core/router/router.h"

#include <memory>

namespace ChuteDeck::Core {

// Opens the router a front end names: "sandbox:PATH" (created and seeded when new). ssh:// and
// http(s):// routers join with core/remote.
Result<std::unique_ptr<Router>> openRouter(const QString &address);

} // namespace ChuteDeck::Core
