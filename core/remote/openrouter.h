#pragma once

#include "core/base/result.h"
#include "core/remote/ssh/sshoptions.h"
#include "core/router/router.h"

#include <memory>

namespace ChuteDeck::Core {

// Opens the router a front end names:
//   sandbox:PATH                   a sandbox router (created and seeded when new)
//   ssh://[USER@]HOST[:PORT][/PATH] an SSH router whose state lives under PATH ("/" when absent);
//                                  `ssh` says how to trust and log in (sshoptions.h)
// An SSH router that cannot be reached, refuses the login or shows an unknown or changed host key
// is ErrorCode::Unreachable.
Result<std::unique_ptr<Router>> openRouter(const QString &address, const SshOptions &ssh = {});

} // namespace ChuteDeck::Core
