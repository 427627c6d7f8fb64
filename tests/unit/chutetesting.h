#pragma once

#include "core/chute/chutespec.h"

#include <QDir>
#include <QTest>

// Shared by the chute tests: readable QCOMPARE failures and the sample chutes of resources/chutes.

namespace ChuteDeck::Core {

// QTest finds this by argument-dependent lookup: a failed QCOMPARE shows both chutes as JSON.
inline char *toString(const ChuteSpec &chute)
{
    return QTest::toString(QString::fromUtf8(chuteToJson(chute)) + u" state="
                           + chuteStateName(chute.state) + u" owner=" + chute.owner);
}

} // namespace ChuteDeck::Core

namespace ChuteDeck::Tests {

inline QString sampleChuteFolder(const QString &name)
{
    return QDir(QStringLiteral(CHUTEDECK_SAMPLE_CHUTES)).filePath(name);
}

} // namespace ChuteDeck::Tests
