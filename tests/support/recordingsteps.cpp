#include "tests/support/recordingsteps.h"

#include <QMutexLocker>
#include <QSet>

namespace ChuteDeck::Tests {

using namespace ChuteDeck::Core;

void CallLog::record(Phase phase, const StepCall &call)
{
    const QMutexLocker locker(&m_mutex);
    (phase == Phase::Todo ? m_todo : m_undo).append(call.toDisplayString());
}

QStringList CallLog::todoCalls() const
{
    const QMutexLocker locker(&m_mutex);
    return m_todo;
}

QStringList CallLog::undoCalls() const
{
    const QMutexLocker locker(&m_mutex);
    return m_undo;
}

qsizetype CallLog::size() const
{
    const QMutexLocker locker(&m_mutex);
    return m_todo.size() + m_undo.size();
}

std::shared_ptr<StepRegistry> recordingRegistry(const QStringList &functions,
                                                const std::shared_ptr<CallLog> &log)
{
    auto registry = std::make_shared<StepRegistry>();
    for (const QString &function : functions) {
        registry->add(function, [log](StepContext &context) {
            log->record(context.phase(), context.call());
            return Result<void>::success();
        });
    }
    return registry;
}

QStringList functionsOf(const PlanMap &plan)
{
    QSet<QString> names;
    for (const Step &step : plan.steps()) {
        names.insert(step.todo.function);
        for (const StepCall &undo : step.undo)
            names.insert(undo.function);
    }
    return names.values();
}

} // namespace ChuteDeck::Tests
