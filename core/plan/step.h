#pragma once

#include "core/plan/stepcall.h"

#include <QList>
#include <QString>

#include <initializer_list>

namespace ChuteDeck::Core {

// Ids are given by the PlanMap in the order steps are added, starting at 1, so the same plan
// generated twice has the same ids: a preview shows the ids the run will use.
using StepId = int;

// The undo calls of a step: none, one, or a list, as ParaDrop's addPlans accepted.
class UndoCalls
{
public:
    UndoCalls() = default;
    UndoCalls(StepCall call)
        : m_calls{std::move(call)}
    {}
    UndoCalls(QList<StepCall> calls)
        : m_calls(std::move(calls))
    {}
    UndoCalls(std::initializer_list<StepCall> calls)
        : m_calls(calls)
    {}

    const QList<StepCall> &calls() const { return m_calls; }

private:
    QList<StepCall> m_calls;
};

// One step of a plan, as data: what to call, when, how to undo it, and which update asked for it.
struct Step
{
    StepId id = 0;
    int priority = 0;
    StepCall todo;
    QList<StepCall> undo;
    QString description; // one line for people: "Start the container of service main"
    QString update;      // the chute (or __PARADROP__ for router updates) the step belongs to
    // The update, then any others that asked for the step: aggregation keeps a router-wide step
    // once for all of them. Filled in by PlanMap::add().
    QStringList chutes;

    friend bool operator==(const Step &, const Step &) = default;
};

} // namespace ChuteDeck::Core
