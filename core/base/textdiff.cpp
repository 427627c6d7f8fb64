#include "core/base/textdiff.h"

#include <vector>

namespace ChuteDeck::Core {

namespace {

constexpr qsizetype kMaxComparedPairs = 4'000'000;

class Differ
{
public:
    Differ(const QStringList &before, const QStringList &after)
        : m_before(before)
        , m_after(after)
    {}

    QList<DiffLine> run()
    {
        qsizetype prefix = 0;
        while (prefix < m_before.size() && prefix < m_after.size()
               && m_before[prefix] == m_after[prefix])
            ++prefix;
        qsizetype suffix = 0;
        while (suffix < m_before.size() - prefix && suffix < m_after.size() - prefix
               && m_before[m_before.size() - 1 - suffix] == m_after[m_after.size() - 1 - suffix])
            ++suffix;
        for (qsizetype i = 0; i < prefix; ++i)
            same(i, i);
        compareMiddle(prefix, m_before.size() - suffix, prefix, m_after.size() - suffix);
        for (qsizetype i = suffix; i > 0; --i)
            same(m_before.size() - i, m_after.size() - i);
        return m_lines;
    }

private:
    void same(qsizetype oldIndex, qsizetype newIndex)
    {
        m_lines.append(
            {DiffLine::Kind::Same, int(oldIndex + 1), int(newIndex + 1), m_before[oldIndex]});
    }
    void removed(qsizetype oldIndex)
    {
        m_lines.append({DiffLine::Kind::Removed, int(oldIndex + 1), 0, m_before[oldIndex]});
    }
    void added(qsizetype newIndex)
    {
        m_lines.append({DiffLine::Kind::Added, 0, int(newIndex + 1), m_after[newIndex]});
    }

    // Lines [oldBegin, oldEnd) against [newBegin, newEnd), by a table of common-subsequence
    // lengths from the end, walked from the start.
    void compareMiddle(qsizetype oldBegin, qsizetype oldEnd, qsizetype newBegin, qsizetype newEnd)
    {
        const qsizetype rows = oldEnd - oldBegin;
        const qsizetype columns = newEnd - newBegin;
        if (rows * columns > kMaxComparedPairs) {
            for (qsizetype i = oldBegin; i < oldEnd; ++i)
                removed(i);
            for (qsizetype j = newBegin; j < newEnd; ++j)
                added(j);
            return;
        }
        const auto width = size_t(columns + 1);
        std::vector<int> common(size_t(rows + 1) * width, 0);
        const auto at = [&](qsizetype i, qsizetype j) -> int & {
            return common[size_t(i) * width + size_t(j)];
        };
        for (qsizetype i = rows - 1; i >= 0; --i) {
            for (qsizetype j = columns - 1; j >= 0; --j) {
                at(i, j) = m_before[oldBegin + i] == m_after[newBegin + j]
                               ? at(i + 1, j + 1) + 1
                               : std::max(at(i + 1, j), at(i, j + 1));
            }
        }
        qsizetype i = 0;
        qsizetype j = 0;
        while (i < rows || j < columns) {
            if (i < rows && j < columns && m_before[oldBegin + i] == m_after[newBegin + j]) {
                same(oldBegin + i++, newBegin + j++);
            } else if (i < rows && (j == columns || at(i + 1, j) >= at(i, j + 1))) {
                removed(oldBegin + i++);
            } else {
                added(newBegin + j++);
            }
        }
    }

    const QStringList &m_before;
    const QStringList &m_after;
    QList<DiffLine> m_lines;
};

} // namespace

QList<DiffLine> diffLines(const QStringList &before, const QStringList &after)
{
    return Differ(before, after).run();
}

} // namespace ChuteDeck::Core
