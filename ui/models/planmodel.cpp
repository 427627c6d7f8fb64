#include "ui/models/planmodel.h"

#include "ui/models/statustext.h"

#include <QDateTime>
#include <QFont>

#include <algorithm>
#include <vector>

using namespace Qt::StringLiterals;

namespace ChuteDeck::Ui {

// The rows and roles one batch changed, announced together at its end.
class PlanModel::Changes
{
public:
    void add(int row, std::initializer_list<int> roles)
    {
        m_rows.push_back(row);
        for (const int role : roles) {
            if (!m_roles.contains(role))
                m_roles.append(role);
        }
    }

    // One dataChanged per contiguous range of changed rows.
    void emitFrom(PlanModel &model)
    {
        std::sort(m_rows.begin(), m_rows.end());
        m_rows.erase(std::unique(m_rows.begin(), m_rows.end()), m_rows.end());
        for (size_t i = 0; i < m_rows.size();) {
            size_t end = i + 1;
            while (end < m_rows.size() && m_rows[end] == m_rows[end - 1] + 1)
                ++end;
            Q_EMIT model.dataChanged(model.index(m_rows[i], 0),
                                     model.index(m_rows[end - 1], ColumnCount - 1), m_roles);
            i = end;
        }
    }

private:
    std::vector<int> m_rows;
    QList<int> m_roles;
};

namespace {

const std::initializer_list<int> kStatusRoles{Qt::DisplayRole,       Qt::ToolTipRole,
                                              Qt::ForegroundRole,    PlanModel::SortRole,
                                              PlanModel::StatusRole, PlanModel::MessageRole};

PlanModel::Status statusOf(Core::StepStatus status)
{
    switch (status) {
    case Core::StepStatus::Running:
        return PlanModel::Status::Running;
    case Core::StepStatus::Done:
        return PlanModel::Status::Done;
    case Core::StepStatus::Failed:
        return PlanModel::Status::Failed;
    case Core::StepStatus::Skipped:
        return PlanModel::Status::Skipped;
    }
    return PlanModel::Status::Pending;
}

QString callsText(const QList<Core::StepCall> &calls)
{
    QStringList texts;
    texts.reserve(calls.size());
    for (const Core::StepCall &call : calls)
        texts.append(call.toDisplayString());
    return texts.join(u"; "_s);
}

} // namespace

PlanModel::PlanModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

QColor PlanModel::bandColor(Core::PriorityBand band)
{
    // Translucent tints: blended over the view's base colour they stay readable with dark text on
    // a light palette and light text on a dark one.
    constexpr int alpha = 70;
    switch (band) {
    case Core::PriorityBand::Security:
        return {0xb0, 0x5c, 0x5c, alpha};
    case Core::PriorityBand::ConfigurationGeneration:
        return {0x5c, 0x86, 0xb0, alpha};
    case Core::PriorityBand::Image:
        return {0x8a, 0x6c, 0xb0, alpha};
    case Core::PriorityBand::Validation:
        return {0xb0, 0x9c, 0x5c, alpha};
    case Core::PriorityBand::WriteConfiguration:
        return {0x5c, 0xa6, 0x8a, alpha};
    case Core::PriorityBand::OperationsOnConfigChanges:
        return {0x5c, 0xa6, 0xb0, alpha};
    case Core::PriorityBand::Container:
        return {0x7c, 0xa6, 0x5c, alpha};
    case Core::PriorityBand::Final:
        return {0x8c, 0x8c, 0x8c, alpha};
    }
    return {};
}

// The statuses a step event has read as the event log and the status bar show them.
QString PlanModel::statusName(Status status)
{
    switch (status) {
    case Status::Pending:
        return tr("pending");
    case Status::Running:
        return stepStatusText(Core::StepStatus::Running);
    case Status::Done:
        return stepStatusText(Core::StepStatus::Done);
    case Status::Failed:
        return stepStatusText(Core::StepStatus::Failed);
    case Status::Skipped:
        return stepStatusText(Core::StepStatus::Skipped);
    case Status::RolledBack:
        return executorStateText(Core::ExecutorState::RolledBack);
    }
    return {};
}

void PlanModel::setPlan(const Core::PlanMap &preview)
{
    beginResetModel();
    m_rows.clear();
    m_rowOfStep.clear();
    m_rowOfUndo.clear();
    m_rollbackRow = -1;
    m_currentRow = -1;
    m_rows.reserve(preview.size());
    m_rowOfStep.reserve(preview.size());
    for (qsizetype i = 0; i < preview.size(); ++i) {
        const Core::Step &step = preview.at(i);
        Row row;
        row.stepId = step.id;
        row.priority = step.priority;
        row.call = step.todo;
        row.undo = step.undo;
        row.description = step.description;
        row.chutes = step.chutes;
        m_rowOfStep.insert(step.id, int(m_rows.size()));
        m_rows.append(std::move(row));
    }
    endResetModel();
}

void PlanModel::applyEvents(const Core::EventBatch &batch)
{
    Changes changes;
    for (const Core::ExecutionEvent &event : batch) {
        if (event.kind == Core::ExecutionEvent::Kind::Step)
            applyStep(event, changes);
        else
            applyState(event, changes);
    }
    changes.emitFrom(*this);
}

void PlanModel::applyStep(const Core::ExecutionEvent &event, Changes &changes)
{
    const int index = rowOf(event.step);
    if (index < 0)
        return;
    Row &row = m_rows[index];
    row.status = statusOf(event.status);
    row.message = event.status == Core::StepStatus::Failed ? event.message : QString();
    if (event.status == Core::StepStatus::Running) {
        row.start = event.time;
        row.ms = -1;
        setCurrentRow(index, changes);
    } else if (event.status != Core::StepStatus::Skipped) {
        row.ms = event.ms;
    }
    changes.add(index, kStatusRoles);

    // The todo step whose undo ran is rolled back.
    if (row.kind == RowKind::Undo && event.status == Core::StepStatus::Done) {
        const int todo = rowOfStep(row.stepId);
        if (todo >= 0 && m_rows[todo].status == Status::Done) {
            m_rows[todo].status = Status::RolledBack;
            changes.add(todo, kStatusRoles);
        }
    }
}

void PlanModel::applyState(const Core::ExecutionEvent &event, Changes &changes)
{
    switch (event.state) {
    case Core::ExecutorState::RollingBack:
        // Resuming a paused rollback announces the rest again; the rows are there already.
        if (m_rollbackRow < 0)
            appendRollback(event.pendingUndo);
        break;
    case Core::ExecutorState::Paused:
        setCurrentRow(event.step.stepId == 0 ? -1 : rowOf(event.step), changes);
        break;
    case Core::ExecutorState::Succeeded:
    case Core::ExecutorState::RolledBack:
    case Core::ExecutorState::RollbackFailed:
    case Core::ExecutorState::Ready:
        setCurrentRow(-1, changes);
        break;
    case Core::ExecutorState::Running:
        break;
    }
}

void PlanModel::appendRollback(const QList<Core::StepRef> &pendingUndo)
{
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(pendingUndo.size()));
    m_rollbackRow = first;
    Row section;
    section.kind = RowKind::RollbackSection;
    m_rows.append(section);
    for (const Core::StepRef &undo : pendingUndo) {
        Row row;
        row.kind = RowKind::Undo;
        row.stepId = undo.stepId;
        row.priority = undo.priority;
        row.call = undo.call;
        row.chutes = undo.chutes;
        m_rowOfUndo.insert({undo.stepId, undo.call.toDisplayString()}, int(m_rows.size()));
        m_rows.append(std::move(row));
    }
    endInsertRows();
}

int PlanModel::rowOfUndo(Core::StepId recordedBy, const Core::StepCall &call) const
{
    return m_rowOfUndo.value({recordedBy, call.toDisplayString()}, -1);
}

int PlanModel::rowOf(const Core::StepRef &step) const
{
    return step.phase == Core::Phase::Todo ? rowOfStep(step.stepId)
                                           : rowOfUndo(step.stepId, step.call);
}

void PlanModel::setCurrentRow(int row, Changes &changes)
{
    if (row == m_currentRow)
        return;
    if (m_currentRow >= 0)
        changes.add(m_currentRow, {CurrentRole, Qt::FontRole});
    m_currentRow = row;
    if (row >= 0)
        changes.add(row, {CurrentRole, Qt::FontRole});
}

bool PlanModel::setStepFlag(Core::StepId id, bool Row::*flag, bool enabled, QList<int> roles)
{
    const int row = rowOfStep(id);
    if (row < 0)
        return false;
    if (m_rows[row].*flag == enabled)
        return true;
    m_rows[row].*flag = enabled;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1), roles);
    return true;
}

bool PlanModel::setBreakpoint(Core::StepId id, bool enabled)
{
    const bool changed = hasBreakpoint(id) != enabled;
    if (!setStepFlag(id, &Row::breakpoint, enabled, {Qt::CheckStateRole, BreakpointRole}))
        return false;
    if (changed)
        Q_EMIT breakpointChanged(id, enabled);
    return true;
}

bool PlanModel::hasBreakpoint(Core::StepId id) const
{
    const int row = rowOfStep(id);
    return row >= 0 && m_rows[row].breakpoint;
}

bool PlanModel::setInjectedFailure(Core::StepId id, bool enabled)
{
    const bool changed = hasInjectedFailure(id) != enabled;
    if (!setStepFlag(id, &Row::injectedFailure, enabled, {InjectedFailureRole}))
        return false;
    if (changed)
        Q_EMIT injectedFailureChanged(id, enabled);
    return true;
}

bool PlanModel::hasInjectedFailure(Core::StepId id) const
{
    const int row = rowOfStep(id);
    return row >= 0 && m_rows[row].injectedFailure;
}

int PlanModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PlanModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PlanModel::displayData(const Row &row, int column) const
{
    if (row.kind == RowKind::RollbackSection)
        return column == StepColumn ? QVariant(tr("Rollback")) : QVariant();
    switch (column) {
    case IdColumn:
        return row.stepId;
    case PriorityColumn:
        return row.priority;
    case StepColumn:
        return row.call.toDisplayString();
    case DescriptionColumn:
        return descriptionOf(row);
    case ArgumentsColumn:
        return row.call.args.toDisplayString();
    case ChutesColumn:
        return row.chutes.join(u", "_s);
    case AbortStepsColumn:
        return callsText(row.undo);
    case StatusColumn:
        return statusName(row.status);
    case StartColumn:
        return row.start > 0 ? QDateTime::fromMSecsSinceEpoch(qint64(row.start * 1000))
                                   .time()
                                   .toString(u"HH:mm:ss.zzz"_s)
                             : QString();
    case DurationColumn:
        return row.ms >= 0 ? tr("%1 ms").arg(row.ms, 0, 'f', 1) : QString();
    default:
        return {};
    }
}

// The catalog's description in the user's language, or the plan's own text for steps the catalog
// does not know; an undo row describes what it undoes.
QString PlanModel::descriptionOf(const Row &row) const
{
    if (row.kind == RowKind::Undo) {
        const int todo = rowOfStep(row.stepId);
        return todo < 0 ? QString() : tr("Undo: %1").arg(descriptionOf(m_rows[todo]));
    }
    const QString translated = stepDescriptionText(row.call);
    return translated.isEmpty() ? row.description : translated;
}

QVariant PlanModel::sortData(const Row &row, int column) const
{
    switch (column) {
    case StatusColumn:
        return int(row.status);
    case StartColumn:
        return row.start;
    case DurationColumn:
        return row.ms;
    case BreakpointColumn:
        return row.breakpoint;
    default:
        return displayData(row, column);
    }
}

// Colours and weight that let a run be read at a glance: the current step in bold, each status in
// its own colour, the rollback section as a heading.
QVariant PlanModel::styleData(const Row &row, int column, int role) const
{
    if (role == Qt::FontRole) {
        const bool current = m_currentRow >= 0 && &m_rows[m_currentRow] == &row;
        if (!current && row.kind != RowKind::RollbackSection)
            return {};
        QFont font;
        font.setBold(true);
        return font;
    }
    if (column != StatusColumn || row.kind == RowKind::RollbackSection)
        return {};
    switch (row.status) {
    case Status::Running:
        return QColor(0x1e, 0x6f, 0xd9);
    case Status::Done:
        return QColor(0x2e, 0x8b, 0x57);
    case Status::Failed:
        return QColor(0xd0, 0x30, 0x30);
    case Status::RolledBack:
        return QColor(0x8e, 0x44, 0xad);
    case Status::Pending:
    case Status::Skipped:
        return {};
    }
    return {};
}

QVariant PlanModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows[index.row()];
    const bool step = row.kind == RowKind::Step;
    switch (role) {
    case Qt::DisplayRole:
        return displayData(row, index.column());
    case Qt::ToolTipRole:
        if (index.column() == PriorityColumn && row.kind != RowKind::RollbackSection)
            return u"%1 (%2)"_s.arg(Core::priorityName(row.priority),
                                    Core::bandName(Core::priorityBand(row.priority)));
        return index.column() == StatusColumn ? QVariant(row.message) : QVariant();
    case Qt::BackgroundRole:
        return index.column() == PriorityColumn && row.kind != RowKind::RollbackSection
                   ? QVariant(bandColor(Core::priorityBand(row.priority)))
                   : QVariant();
    case Qt::FontRole:
    case Qt::ForegroundRole:
        return styleData(row, index.column(), role);
    case Qt::CheckStateRole:
        return step && index.column() == BreakpointColumn
                   ? QVariant(row.breakpoint ? Qt::Checked : Qt::Unchecked)
                   : QVariant();
    case SortRole:
        return sortData(row, index.column());
    case StepIdRole:
        return row.stepId;
    case RowKindRole:
        return int(row.kind);
    case StatusRole:
        return int(row.status);
    case PriorityBandRole:
        return int(Core::priorityBand(row.priority));
    case BreakpointRole:
        return row.breakpoint;
    case CurrentRole:
        return index.row() == m_currentRow;
    case MessageRole:
        return row.message;
    case InjectedFailureRole:
        return row.injectedFailure;
    default:
        return {};
    }
}

bool PlanModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    const Row &row = m_rows[index.row()];
    if (row.kind != RowKind::Step)
        return false;
    if (role == Qt::CheckStateRole && index.column() == BreakpointColumn)
        return setBreakpoint(row.stepId, value.value<Qt::CheckState>() == Qt::Checked);
    if (role == BreakpointRole)
        return setBreakpoint(row.stepId, value.toBool());
    if (role == InjectedFailureRole)
        return setInjectedFailure(row.stepId, value.toBool());
    return false;
}

Qt::ItemFlags PlanModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags result = QAbstractTableModel::flags(index);
    if (!index.isValid())
        return result;
    const RowKind kind = m_rows[index.row()].kind;
    if (kind == RowKind::RollbackSection)
        return Qt::ItemIsEnabled;
    if (kind == RowKind::Step && index.column() == BreakpointColumn)
        result |= Qt::ItemIsUserCheckable;
    return result;
}

QVariant PlanModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    // The breakpoint column is a narrow gutter: its name is a tooltip, not a heading.
    if (section == BreakpointColumn)
        return role == Qt::ToolTipRole ? QVariant(tr("Breakpoint")) : QVariant();
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case IdColumn:
        return tr("Id");
    case PriorityColumn:
        return tr("Priority");
    case StepColumn:
        return tr("Step");
    case DescriptionColumn:
        return tr("Description");
    case ArgumentsColumn:
        return tr("Arguments");
    case ChutesColumn:
        return tr("Chutes");
    case AbortStepsColumn:
        return tr("Undo steps");
    case StatusColumn:
        return tr("Status");
    case StartColumn:
        return tr("Start");
    case DurationColumn:
        return tr("Duration");
    default:
        return {};
    }
}

} // namespace ChuteDeck::Ui
