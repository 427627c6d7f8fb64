#pragma once

#include <QStringList>

namespace ChuteDeck::Agent {

// chutedeck-agent's command line: serve a router (--root, --listen, --users, limits) or add an
// account (--users FILE --add-user NAME, the password on standard input). Returns the exit code:
// 0 stopped cleanly or account written, 1 could not start, 2 usage error.
int run(const QStringList &arguments);

} // namespace ChuteDeck::Agent
