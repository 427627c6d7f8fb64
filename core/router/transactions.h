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

} // namespace ChuteDeck::Core
