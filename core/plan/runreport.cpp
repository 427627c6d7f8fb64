#include "core/plan/runreport.h"

namespace ChuteDeck::Core {

void RunReport::add(const EventBatch &events)
{
    for (const ExecutionEvent &event : events)
        add(event);
}

void RunReport::add(const ExecutionEvent &event)
{
    if (event.kind == ExecutionEvent::Kind::State) {
        m_state = event.state;
        m_cause = event.cause;
        if (isFinal(event.state))
            m_finalMessage = event.message;
        return;
    }
    // A step's running event opens its entry; its end replaces it.
    if (event.status == StepStatus::Running || event.status == StepStatus::Skipped)
        m_steps.append(event);
    else if (!m_steps.isEmpty())
        m_steps.last() = event;
    if (event.status == StepStatus::Failed && m_failureMessage.isEmpty())
        m_failureMessage = event.message;
}

QString RunReport::resultName() const
{
    if (m_state == ExecutorState::RolledBack && m_cause == RollbackCause::Abort)
        return QStringLiteral("aborted");
    return executorStateName(m_state);
}

QJsonArray RunReport::takenStepsJson() const
{
    QJsonArray steps;
    for (const ExecutionEvent &event : m_steps)
        steps.append(toJson(event));
    return steps;
}

} // namespace ChuteDeck::Core
