#pragma once

#include "core/base/result.h"

#include <QDateTime>
#include <QString>

namespace ChuteDeck::Core {

// What became of a run's transaction beyond the run itself: "none" when the run committed it at
// once or rolled it back.
enum class TransactionOutcome : quint8 { None, Pending, Confirmed, Reverted };
QString transactionOutcomeName(TransactionOutcome outcome); // "none", "pending", ...

struct Confirmation
{
    TransactionOutcome outcome = TransactionOutcome::None;
    QDateTime deadline; // UTC, while Pending
};

// A change whose successful run may be held for a confirmation (DESIGN.md, confirm-or-revert),
// wherever it ran: a ChangeRun on a router of primitives, or an agent's change followed over
// HTTP. Front ends confirm, revert or extend it through this, whatever the router.
class HeldChange
{
public:
    HeldChange() = default;
    Q_DISABLE_COPY_MOVE(HeldChange)
    virtual ~HeldChange();

    // After the run ended; any thread.
    virtual Confirmation confirmation() const = 0;
    // While the outcome is Pending. Blocking, from the thread that drives the run.
    virtual Result<void> confirm() = 0;
    virtual Result<void> revert() = 0;
    virtual Result<void> extend(const QDateTime &deadline) = 0;
};

} // namespace ChuteDeck::Core
