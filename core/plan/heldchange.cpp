#include "core/plan/heldchange.h"

namespace ChuteDeck::Core {

using namespace Qt::StringLiterals;

HeldChange::~HeldChange() = default;

QString transactionOutcomeName(TransactionOutcome outcome)
{
    switch (outcome) {
    case TransactionOutcome::None:
        break;
    case TransactionOutcome::Pending:
        return u"pending"_s;
    case TransactionOutcome::Confirmed:
        return u"confirmed"_s;
    case TransactionOutcome::Reverted:
        return u"reverted"_s;
    }
    return u"none"_s;
}

} // namespace ChuteDeck::Core
