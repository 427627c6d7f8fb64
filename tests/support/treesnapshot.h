#pragma once

#include <QMap>
#include <QString>
#include <QStringList>

namespace ChuteDeck::Tests {

// A folder tree as one comparable value: every path (relative, sorted) with its type, mode and
// content, so that "the router is exactly as before" is one QCOMPARE. Paths under any of
// `excluded` (ChuteDeck's own records, var/lib/chutedeck) are left out; modification times are
// not recorded.
// Files up to `shownBytes` appear verbatim (so a failing comparison shows what changed), larger
// ones as their SHA-256.
QMap<QString, QString> snapshotTree(const QString &root,
                                    const QStringList &excluded
                                    = {QStringLiteral("var/lib/chutedeck")},
                                    qsizetype shownBytes = 512);

} // namespace ChuteDeck::Tests
