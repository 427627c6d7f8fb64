#pragma once

#include "core/base/result.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace ChuteDeck::Core {

class Router;

// The router transactions still pending on a router (DESIGN.md, "Execution and safety"), and the
// ways to end one from outside the run that began it: a later CLI call, the agent after a restart,
// the desktop reconnecting.
enum class TransactionState : quint8 {
    Running,              // its run has not ended (or its process died mid-run)
    AwaitingConfirmation, // its run succeeded; it is reverted unless confirmed by the deadline
};

struct TransactionInfo
{
    QString id;
    TransactionState state = TransactionState::Running;
    QDateTime deadline; // UTC; valid only while awaiting confirmation
};

QString transactionStateName(TransactionState state); // "running", "awaiting-confirmation"

// Oldest first (ids sort by start time).
Result<QList<TransactionInfo>> pendingTransactions(Router &router);
Result<TransactionInfo> pendingTransaction(Router &router, const QString &id);

// Commits a transaction awaiting confirmation: its deferred removals happen now.
Result<void> confirmTransaction(Router &router, const QString &id);
// Replays the manifest: the tree is as before the transaction began. Any pending transaction.
Result<void> revertTransaction(Router &router, const QString &id);
// Moves the deadline of a transaction awaiting confirmation.
Result<void> extendTransaction(Router &router, const QString &id, const QDateTime &deadline);
// Reverts every transaction whose confirmation deadline is before `now`; returns their ids.
Result<QStringList> revertExpiredTransactions(Router &router, const QDateTime &now);

// A transaction the router side reverted by itself, for the account the next session gives: the
// SSH watchdog (its session was lost mid-run, or no confirmation came by the deadline), or a CLI
// call that found its deadline past. One line each in revertedLog(): "EPOCH ID REASON".
struct RevertedTransaction
{
    enum class Reason : quint8 {
        Deadline,    // "deadline": no confirmation came by the deadline
        SessionLost, // "lease": the session that ran it went away mid-run
    };
    QString id;
    QDateTime at; // UTC
    Reason reason = Reason::Deadline;
};
QString revertedLog(); // var/lib/chutedeck/reverted
Result<void> recordReverted(Router &router, const RevertedTransaction &reverted);
// The ones reverted after `since`, oldest first; lines that are not records are skipped.
Result<QList<RevertedTransaction>> revertedTransactions(Router &router, const QDateTime &since);

} // namespace ChuteDeck::Core
