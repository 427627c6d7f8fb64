#include "app/chutedeck-cli/transactioncommands.h"

#include "app/chutedeck-cli/applyrun.h"
#include "app/chutedeck-cli/commandline.h"
#include "app/chutedeck-cli/console.h"
#include "core/router/transactions.h"
#include "core/steps/changerun.h"

#include <QDateTime>
#include <QJsonArray>

namespace ChuteDeck::Cli {
namespace {

using namespace Qt::StringLiterals;
using namespace ChuteDeck::Core;

QJsonValue isoTime(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(time.toUTC().toString(Qt::ISODate)) : QJsonValue();
}

QJsonObject transactionJson(const QString &id, const QString &state, const QDateTime &deadline)
{
    return {{u"id"_s, id}, {u"state"_s, state}, {u"deadline"_s, isoTime(deadline)}};
}

QJsonObject outcomeJson(const QString &id, TransactionOutcome outcome, const QDateTime &deadline)
{
    return transactionJson(id, transactionOutcomeName(outcome), deadline);
}

// confirm, revert and transactions: the router, and which of its transactions.
struct TransactionCommand
{
    CommandLine command;
    QCommandLineOption id{u"id"_s, u"The transaction (default: the one pending)."_s, u"ID"_s};

    explicit TransactionCommand(const QString &description)
        : command(description)
    {}

    // The routers whose transactions this process replays itself (sandbox:, ssh://). An http://
    // agent holds its own transactions: its confirm and revert routes belong here.
    Result<std::unique_ptr<Router>> openRouter() const
    {
        const QString address = command.parser.value(command.router);
        if (address.startsWith(u"http://"_s) || address.startsWith(u"https://"_s))
            return Error{ErrorCode::InvalidRequest,
                         address + u": transactions of an http:// router are not supported yet"_s};
        return command.openRouter();
    }

    Result<TransactionInfo> chosen(Router &router) const
    {
        if (command.parser.isSet(id))
            return pendingTransaction(router, command.parser.value(id));
        const Result<QList<TransactionInfo>> pending = pendingTransactions(router);
        if (!pending)
            return pending.error();
        if (pending.value().isEmpty())
            return Error{ErrorCode::NotFound, u"no pending transaction on "_s + router.url()};
        if (pending.value().size() > 1) {
            QStringList ids;
            for (const TransactionInfo &info : pending.value())
                ids.append(info.id);
            return Error{ErrorCode::InvalidRequest,
                         u"several transactions are pending on %1 (%2): choose one with --id"_s.arg(
                             router.url(), ids.join(u", "_s))};
        }
        return pending.value().constFirst();
    }
};

// Over SSH the router's watchdog reverts an expired transaction by itself: confirming it now
// would race with that replay.
Result<void> checkNotExpired(const TransactionInfo &info)
{
    if (!info.deadline.isValid() || info.deadline > QDateTime::currentDateTimeUtc())
        return {};
    return Error{
        ErrorCode::CommandRejected,
        u"transaction %1: its confirmation deadline %2 has passed; the router reverts it"_s.arg(
            info.id, info.deadline.toString(Qt::ISODate))};
}

enum class Ending : bool { Confirm, Revert };

int endTransaction(const QStringList &arguments, Ending ending)
{
    const bool confirming = ending == Ending::Confirm;
    TransactionCommand transaction(
        confirming ? u"Confirm a transaction that awaits confirmation: its change is kept and its "
                     "deferred removals happen now."_s
                   : u"Revert a pending transaction: the router is put back as it was before "
                     "it."_s);
    CommandLine &command = transaction.command;
    command.parser.addOption(transaction.id);
    if (const auto exit = command.parse(arguments))
        return *exit;
    const bool json = command.wantsJson();
    Result<std::unique_ptr<Router>> router = transaction.openRouter();
    if (!router)
        return reportError(router.error(), json);
    const Result<TransactionInfo> info = transaction.chosen(*router.value());
    Result<void> ended = info ? Result<void>() : Result<void>(info.error());
    if (ended && confirming)
        ended = checkNotExpired(info.value());
    if (ended)
        ended = confirming ? Core::confirmTransaction(*router.value(), info.value().id)
                           : Core::revertTransaction(*router.value(), info.value().id);
    if (!ended)
        return reportError(ended.error(), json, u"failed"_s);
    const TransactionOutcome outcome
        = confirming ? TransactionOutcome::Confirmed : TransactionOutcome::Reverted;
    const QString message = u"Transaction %1 %2 on %3."_s.arg(
        info.value().id, transactionOutcomeName(outcome), router.value()->url());
    if (json)
        printJson(QJsonObject{{u"result"_s, transactionOutcomeName(outcome)},
                              {u"message"_s, message},
                              {u"transaction"_s, outcomeJson(info.value().id, outcome, {})}});
    else
        out() << message << Qt::endl;
    return ExitSucceeded;
}

} // namespace

TransactionReport settleTransaction(ChangeRun &run, const ApplyOptions &options)
{
    const QString id = run.transactionId();
    const Confirmation confirmation = run.confirmation();
    if (confirmation.outcome != TransactionOutcome::Pending)
        return {outcomeJson(id, confirmation.outcome, {}), QString(), false};
    const QJsonObject pending = outcomeJson(id, confirmation.outcome, confirmation.deadline);
    const QString deadline = confirmation.deadline.toString(Qt::ISODate);
    if (options.manualConfirm)
        return {pending,
                u"Transaction %1 awaits confirmation: 'chutedeck-cli confirm --id %1' before %2, "
                "or the router reverts it then."_s.arg(id, deadline),
                false};
    // Confirming through a new connection proves that the change left the router reachable.
    Result<std::unique_ptr<Router>> fresh
        = options.reopenRouter ? options.reopenRouter()
                               : Result<std::unique_ptr<Router>>(
                                   Error{ErrorCode::InvalidRequest, u"no way to reconnect"_s});
    Result<void> confirmed
        = fresh ? Core::confirmTransaction(*fresh.value(), id) : Result<void>(fresh.error());
    if (!confirmed)
        return {pending,
                u"Transaction %1 is not confirmed: %2; the router reverts it at %3."_s.arg(
                    id, confirmed.error().message, deadline),
                true};
    return {outcomeJson(id, TransactionOutcome::Confirmed, {}),
            u"Transaction %1 confirmed over a new connection."_s.arg(id), false};
}

int confirmTransaction(const QStringList &arguments)
{
    return endTransaction(arguments, Ending::Confirm);
}

int revertTransaction(const QStringList &arguments)
{
    return endTransaction(arguments, Ending::Revert);
}

int listTransactions(const QStringList &arguments)
{
    TransactionCommand transaction(
        u"List the transactions pending on a router: running, or awaiting confirmation until "
        "their deadline."_s);
    CommandLine &command = transaction.command;
    if (const auto exit = command.parse(arguments))
        return *exit;
    Result<std::unique_ptr<Router>> router = transaction.openRouter();
    if (!router)
        return reportError(router.error(), command.wantsJson());
    const Result<QList<TransactionInfo>> pending = pendingTransactions(*router.value());
    if (!pending)
        return reportError(pending.error(), command.wantsJson(), u"failed"_s);
    if (command.wantsJson()) {
        QJsonArray list;
        for (const TransactionInfo &info : pending.value())
            list.append(transactionJson(info.id, transactionStateName(info.state), info.deadline));
        printJson(list);
        return ExitSucceeded;
    }
    TextTable table({u"ID"_s, u"STATE"_s, u"DEADLINE"_s});
    for (const TransactionInfo &info : pending.value())
        table.addRow({info.id, transactionStateName(info.state),
                      info.deadline.isValid() ? info.deadline.toString(Qt::ISODate) : QString()});
    table.print(out());
    return ExitSucceeded;
}

} // namespace ChuteDeck::Cli
