#pragma once

#include "core/plan/executionevent.h"
#include "core/plan/planmap.h"
#include "core/plan/priority.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QHash>
#include <QList>

#include <utility>

namespace ChuteDeck::Ui {

// The steps of a plan as flat rows in run order, then, once a rollback starts, one "Rollback"
// section row and the undo steps in the order they run. Live updates come as event batches: each
// batch costs one dataChanged per contiguous range of changed rows, naming the changed roles, so a
// 10,000-step run does not flood the view. Rows are plain structs found through hashes (30,000
// steps load in milliseconds).
class PlanModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PlanModel)

public:
    enum Column {
        IdColumn,
        PriorityColumn,
        StepColumn,
        DescriptionColumn,
        ArgumentsColumn,
        ChutesColumn,
        AbortStepsColumn,
        StatusColumn,
        StartColumn,
        DurationColumn,
        BreakpointColumn,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole, // raw values: numbers, times and statuses as numbers
        StepIdRole,              // the todo step's id; for undo rows, the step that recorded them
        RowKindRole,             // RowKind
        StatusRole,              // Status
        PriorityBandRole,        // Core::PriorityBand
        BreakpointRole,          // bool, settable on todo rows
        CurrentRole,             // bool: the running step, or the step a pause stopped before
        MessageRole,             // the last message of the step: its error when it failed
        InjectedFailureRole,     // bool, settable on todo rows: "make this step fail"
    };
    enum class RowKind : quint8 { Step, RollbackSection, Undo };
    enum class Status : quint8 { Pending, Running, Done, Failed, Skipped, RolledBack };

    explicit PlanModel(QObject *parent = nullptr);
    ~PlanModel() override = default;

    // The band colour of a priority: muted and translucent, readable on light and dark bases.
    static QColor bandColor(Core::PriorityBand band);
    static QString statusName(Status status); // translated, for the view and tests

    // Replaces the rows (a reset) with the steps of a preview, all pending.
    void setPlan(const Core::PlanMap &preview);
    void applyEvents(const Core::EventBatch &batch);

    int rowOfStep(Core::StepId id) const { return m_rowOfStep.value(id, -1); }
    int rowOfUndo(Core::StepId recordedBy, const Core::StepCall &call) const;
    int rollbackSectionRow() const { return m_rollbackRow; }
    int currentRow() const { return m_currentRow; }
    Status statusAt(int row) const { return m_rows.at(row).status; }

    bool setBreakpoint(Core::StepId id, bool enabled);
    bool hasBreakpoint(Core::StepId id) const;
    // Marks the step the user made fail (the sandbox's "make this step fail"), for the gutter.
    bool setInjectedFailure(Core::StepId id, bool enabled);
    bool hasInjectedFailure(Core::StepId id) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    // The user toggled a breakpoint (the window forwards it to the executor).
    void breakpointChanged(ChuteDeck::Core::StepId id, bool enabled);
    void injectedFailureChanged(ChuteDeck::Core::StepId id, bool enabled);

private:
    struct Row
    {
        RowKind kind = RowKind::Step;
        Status status = Status::Pending;
        bool breakpoint = false;
        bool injectedFailure = false;
        Core::StepId stepId = 0;
        int priority = 0;
        Core::StepCall call;
        QList<Core::StepCall> undo;
        QString description;
        QStringList chutes;
        QString message;
        double start = 0; // epoch seconds, 0 before the step starts
        double ms = -1;   // duration, -1 until the step ends
    };
    class Changes;

    QVariant displayData(const Row &row, int column) const;
    QVariant sortData(const Row &row, int column) const;
    QString descriptionOf(const Row &row) const;
    void applyStep(const Core::ExecutionEvent &event, Changes &changes);
    void applyState(const Core::ExecutionEvent &event, Changes &changes);
    void appendRollback(const QList<Core::StepRef> &pendingUndo);
    int rowOf(const Core::StepRef &step) const;
    void setCurrentRow(int row, Changes &changes);
    QVariant styleData(const Row &row, int column, int role) const;
    // Sets one of a todo row's flags; false when the step is unknown.
    bool setStepFlag(Core::StepId id, bool Row::*flag, bool enabled, QList<int> roles);

    QList<Row> m_rows;
    QHash<Core::StepId, int> m_rowOfStep;
    QHash<std::pair<Core::StepId, QString>, int> m_rowOfUndo; // (recorded by, call display text)
    int m_rollbackRow = -1;
    int m_currentRow = -1;
};

} // namespace ChuteDeck::Ui
