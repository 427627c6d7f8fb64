#pragma once

#include "core/base/result.h"

#include <QString>
#include <QStringList>

namespace ChuteDeck::Core {

class Router;

// Installs the sample chutes under `samplesFolder` (one folder each, holding paradrop.yaml) that
// are listed in its `first-start` file (all of them, in name order, without one), each as its
// own change. A sample that conflicts with one
// installed before it is rolled back and left out, so a new sandbox starts alive and consistent.
// Returns the names installed; fails only when the folder cannot be read.
Result<QStringList> installSampleChutes(Router &router, const QString &samplesFolder);

// Where the sample chutes are: the installed data folder, or the source tree's resources/chutes
// when running from a build tree.
QString sampleChutesFolder();

} // namespace ChuteDeck::Core
