#include "core/plan/stepmatcher.h"

#include <QRegularExpression>

#include <algorithm>

namespace ChuteDeck::Core {
namespace {

constexpr QLatin1StringView kAbortPrefix("abort:");

bool isFunctionName(const QString &name)
{
    static const QRegularExpression pattern(
        QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)+$"));
    return pattern.match(name).hasMatch();
}

} // namespace

StepMatcher::StepMatcher(Kind kind, StepId id, QString function)
    : m_function(std::move(function))
    , m_id(id)
    , m_kind(kind)
{}

StepMatcher StepMatcher::forId(StepId id)
{
    return {Kind::Id, id, {}};
}

StepMatcher StepMatcher::forTodo(QString function)
{
    return {Kind::Todo, 0, std::move(function)};
}

StepMatcher StepMatcher::forAbort(QString function)
{
    return {Kind::Abort, 0, std::move(function)};
}

Result<StepMatcher> StepMatcher::parse(const QString &spec)
{
    const QString text = spec.trimmed();
    bool isNumber = false;
    const int id = text.toInt(&isNumber);
    if (isNumber) {
        if (id < 1)
            return Error{ErrorCode::InvalidMatcher,
                         QStringLiteral("Step ids start at 1: '%1'").arg(spec)};
        return forId(id);
    }
    const bool abort = text.startsWith(kAbortPrefix);
    const QString function = abort ? text.mid(kAbortPrefix.size()) : text;
    if (!isFunctionName(function)) {
        return Error{ErrorCode::InvalidMatcher,
                     QStringLiteral("'%1' is not a step id, a step function (module.function) or "
                                    "abort:module.function")
                         .arg(spec)};
    }
    return abort ? forAbort(function) : forTodo(function);
}

QString StepMatcher::toString() const
{
    switch (m_kind) {
    case Kind::Id:
        return QString::number(m_id);
    case Kind::Todo:
        return m_function;
    case Kind::Abort:
        return kAbortPrefix + m_function;
    }
    return {};
}

bool StepMatcherSet::matches(Phase phase, StepId id, const QString &function) const
{
    if (m_specs.isEmpty())
        return false;
    if (phase == Phase::Abort)
        return m_specs.contains(kAbortPrefix + function);
    return m_specs.contains(function) || m_specs.contains(QString::number(id));
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
