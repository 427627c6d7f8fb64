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
    InvalidChute,        // paradrop.yaml (or a chute's JSON config) is malformed or invalid
    InvalidHostConfig,   // a host configuration is malformed or has an invalid value
    InvalidPatch,        // an RFC 6902 JSON Patch is malformed or does not apply
    ChangeRejected,      // validate_change refused the change (ParaDrop's message)
    InvalidRouterUrl,    // a router address that names no known kind of router
    RouterIo,            // a router primitive failed (read, write, rename, ...)
    NotFound,            // a file, chute or change that does not exist
    CommandFailed,       // a command run on the router exited non-zero
    InvalidRequest,      // a change request that lacks what its type needs (no chute to create)
    Unreachable, // a router that cannot be reached: no connection, failed login, refused host key
    Busy,        // the router's lock is held: another transaction is pending on it
};

QString errorCodeName(ErrorCode code);

struct Error
{
    ErrorCode code = ErrorCode::StepFailed;
    QString message;

    friend bool operator==(const Error &, const Error &) = default;
};

} // namespace ChuteDeck::Core
