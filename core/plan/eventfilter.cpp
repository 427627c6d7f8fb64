#include "core/plan/eventfilter.h"

namespace ChuteDeck::Core {

namespace {

bool containsText(const ExecutionEvent &event, const QString &text)
{
    const auto has
        = [&text](const QString &field) { return field.contains(text, Qt::CaseInsensitive); };
    if (has(event.message) || has(event.output))
        return true;
    if (event.kind == ExecutionEvent::Kind::State)
        return has(executorStateName(event.state)) || has(event.detail);
    return has(event.step.call.toDisplayString());
}

} // namespace

bool EventFilter::isEmpty() const
{
    return phases.isEmpty() && statuses.isEmpty() && chute.isEmpty() && text.isEmpty();
}

bool EventFilter::accepts(const ExecutionEvent &event) const
{
    if (event.kind == ExecutionEvent::Kind::Step) {
        if (!phases.isEmpty() && !phases.contains(event.step.phase))
            return false;
        if (!statuses.isEmpty() && !statuses.contains(event.status))
            return false;
        if (!chute.isEmpty() && !event.step.chutes.contains(chute))
            return false;
    }
    return text.isEmpty() || containsText(event, text);
}

} // namespace ChuteDeck::Core
