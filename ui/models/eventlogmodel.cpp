#include "ui/models/eventlogmodel.h"

#include "ui/models/statustext.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace ChuteDeck::Ui {

EventLogModel::EventLogModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void EventLogModel::appendEvents(const Core::EventBatch &batch)
{
    if (batch.isEmpty())
        return;
    const int first = int(m_events.size());
    beginInsertRows({}, first, first + int(batch.size()) - 1);
    m_events.append(batch);
    endInsertRows();
}

void EventLogModel::clear()
{
    if (m_events.isEmpty())
        return;
    beginResetModel();
    m_events.clear();
    endResetModel();
}

int EventLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int EventLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventLogModel::displayData(const Core::ExecutionEvent &event, int column) const
{
    const bool step = event.kind == Core::ExecutionEvent::Kind::Step;
    switch (column) {
    case TimeColumn:
        return QDateTime::fromMSecsSinceEpoch(qint64(event.time * 1000))
            .time()
            .toString(u"HH:mm:ss.zzz"_s);
    case PhaseColumn:
        if (!step)
            return tr("state");
        return event.step.phase == Core::Phase::Todo ? tr("todo") : tr("undo");
    case StepColumn:
        return step ? event.step.call.toDisplayString() : QString();
    case StatusColumn:
        return step ? stepStatusText(event.status) : executorStateText(event.state);
    case MessageColumn:
        return event.detail.isEmpty() ? event.message : event.message + u"\n"_s + event.detail;
    case OutputColumn:
        return event.output;
    default:
        return {};
    }
}

QVariant EventLogModel::sortData(const Core::ExecutionEvent &event, int column) const
{
    switch (column) {
    case TimeColumn:
        return event.seq;
    case PhaseColumn:
        return event.kind == Core::ExecutionEvent::Kind::Step ? int(event.step.phase) + 1 : 0;
    default:
        return displayData(event, column);
    }
}

QVariant EventLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Core::ExecutionEvent &event = m_events[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        return displayData(event, index.column());
    case Qt::ToolTipRole:
        return index.column() == OutputColumn || index.column() == MessageColumn
                   ? displayData(event, index.column())
                   : QVariant();
    case SortRole:
        return sortData(event, index.column());
    case SeqRole:
        return event.seq;
    case KindRole:
        return int(event.kind);
    default:
        return {};
    }
}

QVariant EventLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case PhaseColumn:
        return tr("Phase");
    case StepColumn:
        return tr("Step");
    case StatusColumn:
        return tr("Status");
    case MessageColumn:
        return tr("Message");
    case OutputColumn:
        return tr("Output");
    default:
        return {};
    }
}

} // namespace ChuteDeck::Ui
