#include "core/plan/error.h"

namespace ChuteDeck::Core {

QString errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::PlanOutOfOrder:
        return QStringLiteral("plan-out-of-order");
    case ErrorCode::UnknownStepFunction:
        return QStringLiteral("unknown-step-function");
    case ErrorCode::StepFailed:
        return QStringLiteral("step-failed");
    case ErrorCode::InjectedFailure:
        return QStringLiteral("injected-failure");
    case ErrorCode::InvalidMatcher:
        return QStringLiteral("invalid-matcher");
    case ErrorCode::CommandRejected:
        return QStringLiteral("command-rejected");
    }
    return QStringLiteral("unknown");
}

} // namespace ChuteDeck::Core
