#include "core/plan/stepmatcher.h"

#include <QRegularExpression>

#include <algorithm>

namespace ChuteDeck::Core {
namespace {

constexpr QLatin1StringView kAbortPrefix("abort:");

} // namespace

StepMatcher::StepMatcher(Kind kind, StepId id, QString function, QString argument)
    : m_function(std::move(function))
    , m_argument(std::move(argument))
    , m_id(id)
    , m_kind(kind)
{}

StepMatcher StepMatcher::forId(StepId id)
{
    return {Kind::Id, id, {}, {}};
}

StepMatcher StepMatcher::forTodo(QString function, QString argument)
{
    return {Kind::Todo, 0, std::move(function), std::move(argument)};
}

StepMatcher StepMatcher::forAbort(QString function, QString argument)
{
    return {Kind::Abort, 0, std::move(function), std::move(argument)};
}

Result<StepMatcher> StepMatcher::parse(const QString &spec)
{
    const QString text = spec.trimmed();
    bool isNumber = false;
    const int id = text.toInt(&isNumber);
    if (isNumber) {
        if (id < 1) {
            return Error{ErrorCode::InvalidMatcher,
                         QStringLiteral("Step ids start at 1: '%1'").arg(spec)};
        }
        return forId(id);
    }
    static const QRegularExpression pattern(QStringLiteral(
        "^(abort:)?([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)+)(?:\\[([^\\]]+)\\])?$"));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch()) {
        return Error{ErrorCode::InvalidMatcher,
                     QStringLiteral("'%1' is not a step id, a step function (module.function, "
                                    "optionally with [ARGUMENT]) or abort:module.function")
                         .arg(spec)};
    }
    const QString function = match.captured(2);
    const QString argument = match.captured(3);
    return match.hasCaptured(1) ? forAbort(function, argument) : forTodo(function, argument);
}

QString StepMatcher::toString() const
{
    if (m_kind == Kind::Id)
        return QString::number(m_id);
    const QString prefix = m_kind == Kind::Abort ? QString(kAbortPrefix) : QString();
    if (m_argument.isEmpty())
        return prefix + m_function;
    return prefix + m_function + u'[' + m_argument + u']';
}

QString StepMatcherSet::match(Phase phase, StepId id, const StepCall &call) const
{
    if (m_specs.isEmpty())
        return {};
    const QString prefix = phase == Phase::Abort ? QString(kAbortPrefix) : QString();
    QStringList candidates{prefix + call.function};
    for (const QString &argument : call.args.values())
        candidates.append(prefix + call.function + u'[' + argument + u']');
    if (phase == Phase::Todo)
        candidates.append(QString::number(id));
    for (const QString &candidate : candidates) {
        if (m_specs.contains(candidate))
            return candidate;
    }
    return {};
}

QStringList StepMatcherSet::toStringList() const
{
    QStringList result = m_specs.values();
    // Ids first, numerically; then function names alphabetically.
    std::ranges::sort(result, [](const QString &a, const QString &b) {
        bool aIsId = false;
        bool bIsId = false;
        const int aId = a.toInt(&aIsId);
        const int bId = b.toInt(&bIsId);
        if (aIsId != bIsId)
            return aIsId;
        return aIsId ? aId < bId : a < b;
    });
    return result;
}

} // namespace ChuteDeck::Core
