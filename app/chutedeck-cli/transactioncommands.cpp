#include "app/chutedeck-cli/transactioncommands.h"

#include "app/chutedeck-cli/agentoptions.h"
#include "app/chutedeck-cli/applyrun.h"
#include "app/chutedeck-cli/commandline.h"
#include "app/chutedeck-cli/console.h"
#include "core/remote/http/remotechange.h"
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
    AgentOptions agent;
    QCommandLineOption id{
        u"id"_s, u"The transaction, or an agent's change (default: the one pending)."_s, u"ID"_s};

    explicit TransactionCommand(const QString &description)
        : command(description)
    {
        command.parser.addOptions(agent.options());
    }

    // An http(s):// agent holds its own transactions, as changes awaiting confirmation; the other
    // routers' transactions this process reads and replays itself.
    bool onAgent() const { return AgentOptions::isAgent(command.parser.value(command.router)); }

    Result<std::unique_ptr<AgentClient>> agentClient() const
    {
        const Result<QUrl> url = AgentClient::parseRouterUrl(command.parser.value(command.router));
        if (!url)
            return url.error();
        const Result<AgentLogin> login = agent.login(command);
        if (!login)
            return login.error();
        auto client = std::make_unique<AgentClient>(url.value(), login.value().credentials);
        client->setCertificateTrust(login.value().certificate);
        return client;
    }

    // The router's pending transactions; an agent's are its changes awaiting confirmation.
    Result<QList<TransactionInfo>> pending() const;

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

// The changes an agent holds for confirmation, oldest first.
Result<QJsonArray> awaitedChanges(AgentClient &client)
{
    const Result<QJsonValue> changes
        = client.sendAndWait(AgentRequest{"GET", u"/api/v1/changes/"_s});
    if (!changes)
        return changes.error();
    QJsonArray awaited;
    for (const auto &change : changes.value().toArray()) {
        if (isHeldForConfirmation(change))
            awaited.append(change);
    }
    return awaited;
}

// The change of an agent to confirm or revert: --id, or the one awaiting confirmation.
Result<int> awaitedChange(AgentClient &client, const TransactionCommand &transaction)
{
    const QCommandLineParser &parser = transaction.command.parser;
    if (parser.isSet(transaction.id)) {
        bool ok = false;
        const int change = parser.value(transaction.id).toInt(&ok);
        if (!ok || change < 1)
            return Error{ErrorCode::InvalidRequest, u"--id: a change id, e.g. 3"_s};
        return change;
    }
    const Result<QJsonArray> awaited = awaitedChanges(client);
    if (!awaited)
        return awaited.error();
    if (awaited.value().isEmpty())
        return Error{ErrorCode::CommandRejected,
                     u"%1: no change awaits confirmation"_s.arg(client.host())};
    return awaited.value().first()[u"id"_s].toInt();
}

enum class Ending : bool { Confirm, Revert };

Result<QList<TransactionInfo>> TransactionCommand::pending() const
{
    if (!onAgent()) {
        const Result<std::unique_ptr<Router>> router = command.openRouter();
        if (!router)
            return router.error();
        return pendingTransactions(*router.value());
    }
    const Result<std::unique_ptr<AgentClient>> client = agentClient();
    if (!client)
        return client.error();
    const Result<QJsonArray> awaited = awaitedChanges(*client.value());
    if (!awaited)
        return awaited.error();
    QList<TransactionInfo> pending;
    for (const QJsonValue &change : awaited.value())
        pending.append(TransactionInfo{QString::number(change[u"id"_s].toInt()),
                                       TransactionState::AwaitingConfirmation, heldUntil(change)});
    return pending;
}

// An agent's change awaiting confirmation, confirmed or reverted by the agent.
int endAgentChange(const TransactionCommand &transaction, Ending ending)
{
    const bool json = transaction.command.wantsJson();
    const Result<std::unique_ptr<AgentClient>> client = transaction.agentClient();
    if (!client)
        return reportError(client.error(), json);
    const Result<int> change = awaitedChange(*client.value(), transaction);
    if (!change)
        return reportError(change.error(), json, u"failed"_s);
    const bool confirming = ending == Ending::Confirm;
    const QString action = confirming ? u"confirm"_s : u"revert"_s;
    const Result<QJsonValue> settled = client.value()->sendAndWait(
        AgentRequest{"POST", u"/api/v1/changes/%1/%2"_s.arg(change.value()).arg(action)});
    if (!settled)
        return reportError(settled.error(), json, u"failed"_s);
    if (json)
        printJson(settled.value());
    else
        out() << (confirming ? "confirmed" : "reverted") << ": change " << change.value() << ": "
              << settled.value()[u"message"_s].toString() << Qt::endl;
    return ExitSucceeded;
}

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
    if (transaction.onAgent())
        return endAgentChange(transaction, ending);
    const bool json = command.wantsJson();
    Result<std::unique_ptr<Router>> router = transaction.command.openRouter();
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
        "their deadline (on an agent: its changes awaiting confirmation)."_s);
    CommandLine &command = transaction.command;
    if (const auto exit = command.parse(arguments))
        return *exit;
    const Result<QList<TransactionInfo>> pending = transaction.pending();
    if (!pending) {
        // A bad address or login is the user's to fix (exit 2); a router that cannot list fails.
        const bool invalid = pending.error().code == ErrorCode::InvalidRequest;
        return reportError(pending.error(), command.wantsJson(),
                           invalid ? u"invalid"_s : u"failed"_s);
    }
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
