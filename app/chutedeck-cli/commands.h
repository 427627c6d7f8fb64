#pragma once

#include <QStringList>

namespace ChuteDeck::Cli {

// Runs `chutedeck-cli COMMAND [OPTIONS]`; returns the exit code (see console.h).
int run(const QStringList &arguments);

} // namespace ChuteDeck::Cli
