#pragma once

#include "core/base/result.h"
#include "core/plan/planmap.h"
#include "core/plan/step.h"

#include <QHash>
#include <QString>

#include <functional>

namespace ChuteDeck::Core {

enum class Phase : quint8 { Todo, Abort };

// What a step function works on beyond its arguments: the update, its cache, the router. Later
// layers derive from this; the plan core only passes it through.
class StepEnvironment
{
public:
    virtual ~StepEnvironment() = default;
};

// Handed to a step function while it runs, on the executor's thread.
class StepContext
{
public:
    StepContext(const Step &step, const StepCall &call, Phase phase, PlanMap &plan,
                StepEnvironment *environment);

    const Step &step() const { return m_step; }
    const StepCall &call() const { return m_call; }
    const StepArgs &args() const { return m_call.args; }
    Phase phase() const { return m_phase; }

    // Adds a step to the running plan (ParaDrop's generate_service_plans does this); fails for a
    // priority lower than the running step's. The new step belongs to the same update.
    Result<StepId> addStep(int priority, StepCall todo, const UndoCalls &undo = {},
                           QString description = {});
    // Pass over later steps of this function (the step found nothing to change).
    void skipLater(const QString &function) { m_plan.registerSkip(function); }

    // Text shown with the step's completion event (command output, what was written).
    void appendOutput(const QString &text);
    const QString &output() const { return m_output; }

    template<typename T>
    T *environment() const
    {
        return dynamic_cast<T *>(m_environment);
    }

private:
    const Step &m_step;
    const StepCall &m_call;
    PlanMap &m_plan;
    StepEnvironment *m_environment;
    QString m_output;
    Phase m_phase;
};

// A step function succeeds or fails with a message; it must leave nothing half-done on failure.
using StepFunction = std::function<Result<void>(StepContext &)>;

// Maps registered names ("dockerapi.start_container") to step functions, so plans stay data
// that can be previewed, serialized and replayed.
class StepRegistry
{
public:
    void add(const QString &name, StepFunction function);
    const StepFunction *find(const QString &name) const;
    bool contains(const QString &name) const { return m_functions.contains(name); }
    QStringList names() const;

private:
    QHash<QString, StepFunction> m_functions;
};

} // namespace ChuteDeck::Core
