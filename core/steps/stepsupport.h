#pragma once

#include "core/base/result.h"
#include "core/plan/stepregistry.h"
#include "core/update/changeenvironment.h"

#include <QByteArray>
#include <QString>

namespace ChuteDeck::Core {

class Router;

// What every step function needs from its context. The executor of a change always runs with a
// ChangeEnvironment, and every step belongs to one of its updates.
ChangeEnvironment &environmentOf(StepContext &context);
Router &routerOf(StepContext &context); // the change's router (its transaction)
const Update &updateOf(StepContext &context);
UpdateState &stateOf(StepContext &context);

// Writes a file, remembering what it held before this update first replaced it (or that it did
// not exist), so that restoreFile() puts back exactly that.
Result<void> replaceFile(StepContext &context, const QString &path, const QByteArray &content);
// The revert: the file as it was before replaceFile(); nothing when this update never replaced
// it (its step did not run, or failed before writing).
Result<void> restoreFile(StepContext &context, const QString &path);

} // namespace ChuteDeck::Core
