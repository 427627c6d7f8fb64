#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace ChuteDeck::Core {

// One line of a line-by-line comparison: kept, removed from the old text or added by the new one.
// Line numbers count from 1; 0 where the line has no side (an added line has no old number).
struct DiffLine
{
    enum class Kind : quint8 { Same, Removed, Added };
    Kind kind = Kind::Same;
    int oldLine = 0;
    int newLine = 0;
    QString text;

    friend bool operator==(const DiffLine &, const DiffLine &) = default;
};

// The shortest edit from `before` to `after` (longest common subsequence), with removals before
// additions where lines are replaced. Common leading and trailing lines cost nothing, so a
// changed line in a long config file stays cheap; when what remains is too large to compare
// (over four million line pairs), it is shown as removed and added whole.
QList<DiffLine> diffLines(const QStringList &before, const QStringList &after);

} // namespace ChuteDeck::Core
