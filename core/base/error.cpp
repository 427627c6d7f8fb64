#include "core/base/error.h"

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
    case ErrorCode::InvalidChute:
        return QStringLiteral("invalid-chute");
    case ErrorCode::InvalidHostConfig:
        return QStringLiteral("invalid-host-config");
    case ErrorCode::InvalidPatch:
        return QStringLiteral("invalid-patch");
    case ErrorCode::ChangeRejected:
        return QStringLiteral("change-rejected");
    case ErrorCode::InvalidRouterUrl:
        return QStringLiteral("invalid-router-url");
    case ErrorCode::RouterIo:
        return QStringLiteral("router-io");
    case ErrorCode::NotFound:
        return QStringLiteral("not-found");
    case ErrorCode::InvalidRequest:
        return QStringLiteral("invalid-request");
    case ErrorCode::CommandFailed:
        return QStringLiteral("command-failed");
    case ErrorCode::Unreachable:
        return QStringLiteral("unreachable");
    case ErrorCode::Busy:
        return QStringLiteral("busy");
    }
    return QStringLiteral("unknown");
}

} // namespace ChuteDeck::Core
