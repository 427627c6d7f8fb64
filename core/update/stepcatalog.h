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
// The description's English source ("Start the container of service %1", %1 the service), for
// front ends that translate it (lupdate context "ChuteDeck::StepCatalog"); nullptr for an
// unknown function.
const char *stepDescriptionSource(const QString &function);

} // namespace ChuteDeck::Core
