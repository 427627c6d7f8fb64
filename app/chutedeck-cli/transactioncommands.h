#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace ChuteDeck::Core {
class ChangeRun;
}

namespace ChuteDeck::Cli {

struct ApplyOptions;

// What became of an apply's transaction after its run, for the apply's report: the JSON
// {"id", "state": none|pending|confirmed|reverted, "deadline": ISO 8601 UTC or null}, a line for
// people, and whether the apply failed because of it (the router could not be reached again).
struct TransactionReport
{
    QJsonObject json;
    QString text;
    bool failed = false;
};

// After a run: a transaction left pending for confirmation is confirmed through a fresh
// connection (the router is still reachable), or left pending with --manual-confirm.
TransactionReport settleTransaction(Core::ChangeRun &run, const ApplyOptions &options);

// chutedeck-cli confirm|revert --router R [--id ID]: ends a pending transaction.
int confirmTransaction(const QStringList &arguments);
int revertTransaction(const QStringList &arguments);
// chutedeck-cli transactions --router R [--json]: the pending transactions.
int listTransactions(const QStringList &arguments);

} // namespace ChuteDeck::Cli
