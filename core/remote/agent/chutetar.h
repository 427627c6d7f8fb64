#pragma once

#include "core/base/result.h"

#include <QByteArray>
#include <QString>

namespace ChuteDeck::Core {

// The bounds of one chute upload once unpacked (the body itself is bounded by the HTTP front).
struct ChuteTarLimits
{
    qint64 maxUnpackedBytes = 64LL * 1024 * 1024;
    int maxEntries = 10000;
    int maxDepth = 32;
};

// Unpacks a chute's tar upload (plain or gzip-compressed, as ParaDrop's `pdtools node
// install-chute` sends it) into the empty folder `into`, with libarchive. Refused, with the entry
// named: absolute paths and paths that climb out ("../x"), links (symbolic and hard), devices,
// FIFOs, too many entries, too deep or too much data, and an archive without paradrop.yaml at its
// top. Files keep only their owner's execute bit (0644 or 0755). On failure `into` may hold part
// of the upload; the caller throws the folder away.
Result<void> unpackChuteTar(const QByteArray &tar, const QString &into,
                            const ChuteTarLimits &limits = {});

} // namespace ChuteDeck::Core
