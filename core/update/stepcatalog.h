#pragma once

#include "core/plan/stepcall.h"

#include <QString>
#include <QStringList>

namespace ChuteDeck::Core {

// Every step function ParaDrop's generators name, with a one-line description for people.
// core/steps registers a body for each of them.
QStringList allStepFunctions(); // sorted
bool isKnownStepFunction(const QString &function);

// "Start the container of service main"; the function's name for an unknown function.
QString describeStep(const StepCall &call);

} // namespace ChuteDeck::Core
