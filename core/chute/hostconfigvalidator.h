#pragma once

#include <QHash>
#include <QJsonObject>
#include <QString>

namespace ChuteDeck::Core {

// How deeply a host configuration may nest, whether it comes from YAML, JSON or a patch: every
// configuration that validates can be written and read back.
constexpr int kMaxHostConfigDepth = 64;

// Checks the keys of a host configuration that ChuteDeck knows (types, ranges, references between
// sections); other keys are kept unchecked. Throws FieldFailure, naming `origin` and, when the
// tree came from text, the line that `lines` records for the field (or its nearest parent).
void validateHostConfig(const QJsonObject &tree, const QString &origin,
                        const QHash<QString, int> &lines);

} // namespace ChuteDeck::Core
