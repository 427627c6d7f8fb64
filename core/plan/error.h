#pragma once

#include <QString>

namespace ChuteDeck::Core {

// What went wrong, as a code the UI can translate, with English text for logs, the CLI and
// protocol messages. Later layers append their own codes.
enum class ErrorCode {
    PlanOutOfOrder,      // ParaDrop: "Added plan out of order during execution."
    UnknownStepFunction, // a plan names a function that no registry entry provides
    StepFailed,          // a step function reported failure
    InjectedFailure,     // a failure injected for simulation or tests
    InvalidMatcher,      // a breakpoint or failure spec that cannot be parsed
    CommandRejected,     // an executor command that the current state does not allow
};

QString errorCodeName(ErrorCode code);

struct Error
{
    ErrorCode code = ErrorCode::StepFailed;
    QString message;

    friend bool operator==(const Error &, const Error &) = default;
};

} // namespace ChuteDeck::Core
