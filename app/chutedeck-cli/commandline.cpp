#include "app/chutedeck-cli/commandline.h"

#include "app/chutedeck-cli/console.h"
#include "core/remote/openrouter.h"
#include "core/router/sandboxrouter.h"
#include "core/router/transactions.h"

#include <QDateTime>

namespace ChuteDeck::Cli {

using namespace Qt::StringLiterals;
using namespace ChuteDeck::Core;

namespace {

Result<void> revertExpiredTransactions(Router &router)
{
    const Result<QStringList> reverted
        = Core::revertExpiredTransactions(router, QDateTime::currentDateTimeUtc());
    if (!reverted)
        return reverted.error();
    for (const QString &id : reverted.value())
        err() << "chutedeck-cli: reverted transaction " << id << " on " << router.url()
              << ": it was not confirmed before its deadline" << Qt::endl;
    return {};
}

} // namespace

CommandLine::CommandLine(const QString &description)
{
    parser.setApplicationDescription(description);
    parser.addHelpOption();
    parser.addOption(router);
    parser.addOption(json);
    routerOptions.addTo(parser);
}

std::optional<int> CommandLine::parse(const QStringList &arguments)
{
    if (!parser.parse(arguments))
        return usageError(parser.errorText());
    if (parser.isSet(u"help"_s)) {
        out() << parser.helpText() << Qt::flush;
        return ExitSucceeded;
    }
    if (!parser.positionalArguments().isEmpty())
        return usageError(u"unexpected argument '%1'"_s.arg(parser.positionalArguments().first()));
    if (!parser.isSet(router))
        return usageError(u"--router is required"_s);
    return std::nullopt;
}

int CommandLine::usageError(const QString &message) const
{
    return reportError(Error{ErrorCode::InvalidRequest, message}, parser.isSet(json));
}

Result<std::unique_ptr<Router>> CommandLine::openRouter() const
{
    const Result<SshOptions> ssh = routerOptions.sshOptions(parser);
    if (!ssh)
        return ssh.error();
    Result<std::unique_ptr<Router>> opened = Core::openRouter(parser.value(router), ssh.value());
    if (!opened || dynamic_cast<SandboxRouter *>(opened.value().get()) == nullptr)
        return opened;
    if (Result<void> reverted = revertExpiredTransactions(*opened.value()); !reverted)
        return reverted.error();
    return opened;
}

} // namespace ChuteDeck::Cli
