#pragma once

#include "core/base/result.h"
#include "core/plan/step.h"

#include <QSet>
#include <QString>

#include <deque>
#include <optional>
#include <vector>

namespace ChuteDeck::Core {

// An undo call waiting to run in a rollback, with the step that recorded it. Its priority is that
// of the recording step.
struct UndoEntry
{
    StepCall call;
    StepId recordedBy = 0;
    int priority = 0;
    QString update;

    friend bool operator==(const UndoEntry &, const UndoEntry &) = default;
};

// ParaDrop's PlanMap (paradrop.core.plan.plangraph), typed: the steps of one change in run order,
// the cursor of the execution, and the undo calls recorded so far.
//
// Steps run in ascending priority, equal priorities in the order they were added (ParaDrop left
// that order undefined). Steps may be added while the plan runs, but never before the step that is
// executing: the step generating service plans at 23 adds steps at 30 and later.
class PlanMap
{
public:
    explicit PlanMap(QString name = {});

    const QString &name() const { return m_name; }

    // Adds a step and gives it the next id. Fails with ParaDrop's message when the plan is
    // executing and `priority` is lower than the executing step's.
    Result<StepId> add(int priority, StepCall todo, const UndoCalls &undo = {},
                       QString description = {}, QString update = {});
    Result<StepId> add(Step step); // step.id is ignored and replaced
    // Adds steps as add() would one by one, in O(n log n) rather than O(n²) before execution:
    // generators and aggregation add thousands.
    Result<void> addSteps(QList<Step> steps);

    // Records that `update` asked for the step too (aggregation keeps router-wide steps once).
    void addRequester(StepId id, const QString &update);

    // Adds every step of `other`, in the order they were added there, after this map's steps of
    // equal priority, with new ids.
    // No de-duplication, as in ParaDrop; adding a map to itself doubles it.
    void addMap(const PlanMap &other);

    // A step function may ask for functions to be passed over later (a set step that changed
    // nothing makes its reload unnecessary). Skipped steps record no undo.
    void registerSkip(const QString &function);
    bool isSkipped(const QString &function) const { return m_skipped.contains(function); }

    // Inspection, in run order.
    qsizetype size() const { return qsizetype(m_order.size()); }
    bool isEmpty() const { return m_order.empty(); }
    const Step &at(qsizetype runIndex) const { return m_steps[m_order[size_t(runIndex)]]; }
    QList<Step> steps() const;
    QList<Step> stepsInAdditionOrder() const; // by id
    const Step *find(StepId id) const;

    // Execution. The step after the cursor, if any, without taking it.
    const Step *peekNextTodo() const;
    qsizetype nextRunIndex() const { return qsizetype(m_next); }

    struct Taken
    {
        const Step *step = nullptr; // stays valid while the map lives, even as steps are added
        bool skipped = false;
    };
    // Takes the next step. Unless its function is skipped, its undo calls are recorded first, so
    // a rollback started during the step includes them.
    std::optional<Taken> takeNextTodo();
    bool isExecuting() const { return !m_taken.empty(); }

    // The step taken last failed: its own undo calls must not run.
    void markCurrentFailed() { m_currentFailed = true; }

    // The rollback order: the recorded undo calls of the executed steps, newest step first, each
    // step's list in its order; a repeated call (same identity) runs once, at its newest position.
    QList<UndoEntry> rollbackOrder() const;

private:
    quint32 store(Step &&step); // gives the id; returns the storage index

    struct TakenStep
    {
        quint32 storageIndex;
        bool skipped;
    };

    std::deque<Step> m_steps;       // in the order added; a deque keeps references stable
    std::vector<quint32> m_order;   // indices into m_steps, in run order
    std::vector<TakenStep> m_taken; // the steps taken so far, in run order
    size_t m_next = 0;              // run index of the next step to take
    QSet<QString> m_skipped;
    QString m_name;
    StepId m_lastId = 0;
    bool m_currentFailed = false;
};

} // namespace ChuteDeck::Core
