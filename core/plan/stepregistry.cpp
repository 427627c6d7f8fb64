#include "core/plan/stepregistry.h"

#include <algorithm>

namespace ChuteDeck::Core {

StepContext::StepContext(const Step &step, const StepCall &call, Phase phase, PlanMap &plan,
                         StepEnvironment *environment)
    : m_step(step)
    , m_call(call)
    , m_plan(plan)
    , m_environment(environment)
    , m_phase(phase)
{}

Result<StepId> StepContext::addStep(int priority, StepCall todo, const UndoCalls &undo,
                                    QString description)
{
    return m_plan.add(priority, std::move(todo), undo, std::move(description), m_step.update);
}

void StepContext::appendOutput(const QString &text)
{
    if (!m_output.isEmpty() && !m_output.endsWith(u'\n'))
        m_output += u'\n';
    m_output += text;
}

void StepRegistry::add(const QString &name, StepFunction function)
{
    m_functions.emplace(name, std::move(function));
}

const StepFunction *StepRegistry::find(const QString &name) const
{
    const auto it = m_functions.constFind(name);
    return it == m_functions.cend() ? nullptr : &it.value();
}

QStringList StepRegistry::names() const
{
    QStringList result = m_functions.keys();
    std::ranges::sort(result);
    return result;
}

} // namespace ChuteDeck::Core
