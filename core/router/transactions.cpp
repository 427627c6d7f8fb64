#include "core/router/transactions.h"

#include "core/router/routerstate.h"
#include "core/router/transaction.h"

#include <tuple>

using namespace Qt::StringLiterals;

namespace ChuteDeck::Core {
namespace {

const QString kDeadlineReason = u"deadline"_s;
const QString kSessionLostReason = u"lease"_s;

QString confirmByFile(const QString &id)
{
    return RouterTransaction::folderOf(id) + u"/confirm-by"_s;
}

Result<TransactionInfo> readInfo(Router &router, const QString &id)
{
    TransactionInfo info;
    info.id = id;
    const QString file = confirmByFile(id);
    const Result<bool> awaiting = router.exists(file);
    if (!awaiting)
        return awaiting.error();
    if (!awaiting.value())
        return info;
    const Result<QByteArray> text = router.readFile(file);
    if (!text)
        return text.error();
    bool valid = false;
    const qint64 seconds = text.value().trimmed().toLongLong(&valid);
    if (!valid)
        return Error{ErrorCode::RouterIo, file + u": not a deadline (epoch seconds): "_s
                                              + QString::fromUtf8(text.value().trimmed().left(40))};
    info.state = TransactionState::AwaitingConfirmation;
    info.deadline = QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC);
    return info;
}

Result<void> checkAwaiting(Router &router, const QString &id)
{
    const Result<TransactionInfo> info = pendingTransaction(router, id);
    if (!info)
        return info.error();
    if (info.value().state != TransactionState::AwaitingConfirmation)
        return Error{ErrorCode::CommandRejected,
                     u"transaction "_s + id
                         + u" is not awaiting confirmation: its run has not ended"_s};
    return {};
}

} // namespace

QString transactionStateName(TransactionState state)
{
    return state == TransactionState::Running ? u"running"_s : u"awaiting-confirmation"_s;
}

Result<QList<TransactionInfo>> pendingTransactions(Router &router)
{
    const QString folder = RouterPaths::chuteDeckState + u"/txn"_s;
    const Result<bool> any = router.exists(folder);
    if (!any || !any.value())
        return any ? Result<QList<TransactionInfo>>(QList<TransactionInfo>()) : any.error();
    const Result<QList<DirEntry>> entries = router.list(folder);
    if (!entries)
        return entries.error();
    QList<TransactionInfo> pending;
    for (const DirEntry &entry : entries.value()) {
        if (entry.type != DirEntry::Type::Folder)
            continue;
        Result<TransactionInfo> info = readInfo(router, entry.name);
        if (!info)
            return info.error();
        pending.append(std::move(info).value());
    }
    return pending;
}

Result<TransactionInfo> pendingTransaction(Router &router, const QString &id)
{
    const Result<QList<TransactionInfo>> pending = pendingTransactions(router);
    if (!pending)
        return pending.error();
    for (const TransactionInfo &info : pending.value()) {
        if (info.id == id)
            return info;
    }
    return Error{ErrorCode::NotFound, u"no pending transaction "_s + id + u" on "_s + router.url()};
}

Result<void> confirmTransaction(Router &router, const QString &id)
{
    if (Result<void> awaiting = checkAwaiting(router, id); !awaiting)
        return awaiting;
    Result<std::unique_ptr<RouterTransaction>> transaction = RouterTransaction::open(router, id);
    if (!transaction)
        return transaction.error();
    return transaction.value()->commit();
}

Result<void> revertTransaction(Router &router, const QString &id)
{
    Result<std::unique_ptr<RouterTransaction>> transaction = RouterTransaction::open(router, id);
    if (!transaction)
        return transaction.error();
    return transaction.value()->restoreAndReload();
}

Result<void> extendTransaction(Router &router, const QString &id, const QDateTime &deadline)
{
    if (Result<void> awaiting = checkAwaiting(router, id); !awaiting)
        return awaiting;
    Result<std::unique_ptr<RouterTransaction>> transaction = RouterTransaction::open(router, id);
    if (!transaction)
        return transaction.error();
    return transaction.value()->awaitConfirmation(deadline);
}

Result<QStringList> revertExpiredTransactions(Router &router, const QDateTime &now)
{
    const Result<QList<TransactionInfo>> pending = pendingTransactions(router);
    if (!pending)
        return pending.error();
    QStringList reverted;
    for (const TransactionInfo &info : pending.value()) {
        if (info.state != TransactionState::AwaitingConfirmation || info.deadline > now)
            continue;
        if (Result<void> done = revertTransaction(router, info.id); !done)
            return done.error();
        reverted.append(info.id);
        // Only an account for later sessions: the router is back either way.
        std::ignore
            = recordReverted(router, {info.id, now.toUTC(), RevertedTransaction::Reason::Deadline});
    }
    return reverted;
}

QString revertedLog()
{
    return RouterPaths::chuteDeckState + u"/reverted"_s;
}

Result<void> recordReverted(Router &router, const RevertedTransaction &reverted)
{
    const QString reason = reverted.reason == RevertedTransaction::Reason::Deadline
                               ? kDeadlineReason
                               : kSessionLostReason;
    return router.appendFile(
        revertedLog(),
        u"%1 %2 %3\n"_s.arg(reverted.at.toSecsSinceEpoch()).arg(reverted.id, reason).toUtf8());
}

Result<QList<RevertedTransaction>> revertedTransactions(Router &router, const QDateTime &since)
{
    const Result<QByteArray> text = router.readFile(revertedLog());
    if (!text)
        return text.error().code == ErrorCode::NotFound
                   ? QList<RevertedTransaction>()
                   : Result<QList<RevertedTransaction>>(text.error());
    QList<RevertedTransaction> reverted;
    for (const QByteArray &line : text.value().split('\n')) {
        const QList<QByteArray> words = line.split(' ');
        bool valid = false;
        const qint64 seconds = words.value(0).toLongLong(&valid);
        const QString reason = QString::fromUtf8(words.value(2));
        if (!valid || words.size() != 3
            || (reason != kDeadlineReason && reason != kSessionLostReason))
            continue; // a partial last line, or not ours
        const QDateTime at = QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC);
        if (at > since)
            reverted.append({QString::fromUtf8(words.at(1)), at,
                             reason == kDeadlineReason ? RevertedTransaction::Reason::Deadline
                                                       : RevertedTransaction::Reason::SessionLost});
    }
    return reverted;
}

} // namespace ChuteDeck::Core
