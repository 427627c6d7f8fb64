#include "core/plan/planmap.h"

#include <algorithm>

namespace ChuteDeck::Core {

PlanMap::PlanMap(QString name)
    : m_name(std::move(name))
{}

Result<StepId> PlanMap::add(int priority, StepCall todo, const UndoCalls &undo, QString description,
                            QString update)
{
    return add(Step{
        0, priority, std::move(todo), undo.calls(), std::move(description), std::move(update), {}});
}

Result<StepId> PlanMap::add(Step step)
{
    if (isExecuting() && step.priority < m_steps[m_taken.back().storageIndex].priority) {
        return Error{ErrorCode::PlanOutOfOrder,
                     QStringLiteral("Added plan out of order during execution.")};
    }
    const int priority = step.priority;
    const quint32 storageIndex = store(std::move(step));

    // Only the steps not yet taken are ordered by this insertion; after all equal priorities.
    const auto pendingBegin = m_order.begin() + std::ptrdiff_t(m_next);
    const auto position
        = std::upper_bound(pendingBegin, m_order.end(), priority, [this](int value, quint32 index) {
              return value < m_steps[index].priority;
          });
    m_order.insert(position, storageIndex);
    return m_lastId;
}

Result<void> PlanMap::addSteps(QList<Step> steps)
{
    if (isExecuting()) {
        for (Step &step : steps) {
            if (const Result<StepId> added = add(std::move(step)); !added)
                return added.error();
        }
        return Result<void>::success();
    }
    // Appending and then sorting stably gives the order of adding them one by one: equal
    // priorities keep the order they were added in.
    m_order.reserve(m_order.size() + size_t(steps.size()));
    for (Step &step : steps)
        m_order.push_back(store(std::move(step)));
    std::stable_sort(m_order.begin(), m_order.end(), [this](quint32 a, quint32 b) {
        return m_steps[a].priority < m_steps[b].priority;
    });
    return Result<void>::success();
}

quint32 PlanMap::store(Step &&step)
{
    step.id = ++m_lastId;
    if (step.chutes.isEmpty() && !step.update.isEmpty())
        step.chutes = QStringList{step.update};
    m_steps.push_back(std::move(step));
    return quint32(m_steps.size() - 1);
}

void PlanMap::addMap(const PlanMap &other)
{
    // Copied first: `other` may be this map.
    (void)addSteps(other.stepsInAdditionOrder()); // cannot fail: maps are combined before they run
}

void PlanMap::addRequester(StepId id, const QString &update)
{
    if (id >= 1 && size_t(id) <= m_steps.size())
        m_steps[size_t(id) - 1].chutes.append(update);
}

void PlanMap::registerSkip(const QString &function)
{
    m_skipped.insert(function);
}

QList<Step> PlanMap::steps() const
{
    QList<Step> result;
    result.reserve(size());
    for (const quint32 index : m_order)
        result.append(m_steps[index]);
    return result;
}

QList<Step> PlanMap::stepsInAdditionOrder() const
{
    return {m_steps.cbegin(), m_steps.cend()};
}

const Step *PlanMap::find(StepId id) const
{
    // Ids are handed out in storage order, so the id is the storage position.
    if (id < 1 || size_t(id) > m_steps.size())
        return nullptr;
    return &m_steps[size_t(id) - 1];
}

const Step *PlanMap::peekNextTodo() const
{
    return m_next < m_order.size() ? &m_steps[m_order[m_next]] : nullptr;
}

std::optional<PlanMap::Taken> PlanMap::takeNextTodo()
{
    if (m_next >= m_order.size())
        return std::nullopt;
    const quint32 index = m_order[m_next++];
    const Step &step = m_steps[index];
    const bool skipped = isSkipped(step.todo.function);
    m_taken.push_back({index, skipped});
    m_currentFailed = false;
    return Taken{&step, skipped};
}

QList<UndoEntry> PlanMap::rollbackOrder() const
{
    QList<UndoEntry> order;
    QSet<QString> seen;
    for (auto it = m_taken.rbegin(); it != m_taken.rend(); ++it) {
        const bool failedStep = it == m_taken.rbegin() && m_currentFailed;
        if (it->skipped || failedStep)
            continue;
        const Step &step = m_steps[it->storageIndex];
        for (const StepCall &call : step.undo) {
            const QString key = identityKey(call, step.update);
            if (seen.contains(key))
                continue;
            seen.insert(key);
            order.append(UndoEntry{call, step.id, step.priority, step.update});
        }
    }
    return order;
}

} // namespace ChuteDeck::Core
