#pragma once

#include "app/chutedeck-cli/routeroptions.h"
#include "core/base/result.h"
#include "core/router/router.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

#include <memory>
#include <optional>

namespace ChuteDeck::Cli {

// The options every command shares, and the parsing every command does the same way.
struct CommandLine
{
    QCommandLineParser parser;
    QCommandLineOption router{
        QStringLiteral("router"),
        QStringLiteral(
            "The router: sandbox:PATH, ssh://[USER@]HOST[:PORT][/PATH], or "
            "http(s)://HOST:PORT (a chutedeck-agent: apply, confirm, revert, transactions)."),
        QStringLiteral("R")};
    QCommandLineOption json{QStringLiteral("json"), QStringLiteral("Print JSON instead of text.")};
    RouterOptions routerOptions;

    explicit CommandLine(const QString &description);

    // Parses the command's arguments; nullopt to go on, else the exit code (help, usage error).
    std::optional<int> parse(const QStringList &arguments);
    int usageError(const QString &message) const;
    bool wantsJson() const { return parser.isSet(json); }

    // A new connection each call. Nobody else enforces a sandbox's confirmation deadlines, so
    // opening one first reverts its expired transactions and says so on stderr.
    Core::Result<std::unique_ptr<Core::Router>> openRouter() const;
};

} // namespace ChuteDeck::Cli
