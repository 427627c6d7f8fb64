#include "core/plan/executionsession.h"

namespace ChuteDeck::Core {

// Out of line, so the vtable has one home.
ExecutionSession::~ExecutionSession() = default;

} // namespace ChuteDeck::Core
