#pragma once

#include <QString>

namespace ChuteDeck::Tests {

// The folder of the sample chute `name` in the source tree (resources/chutes).
QString sampleChuteFolder(const QString &name);

// Copies the sample chute `sample` of `samplesFolder` into `into`/<sample>-<version>, sources
// included and writable, with paradrop.yaml's version set: a developer's next release of it.
// Returns the copy's folder.
QString sampleWithVersion(const QString &samplesFolder, const QString &sample,
                          const QString &version, const QString &into);

} // namespace ChuteDeck::Tests
