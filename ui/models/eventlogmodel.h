#pragma once

#include "core/plan/executionevent.h"

#include <QAbstractTableModel>
#include <QList>

namespace ChuteDeck::Ui {

// Every event of a run, state and step, in the order they came. Each batch is one insertion.
class EventLogModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventLogModel)

public:
    enum Column {
        TimeColumn,
        PhaseColumn,
        StepColumn,
        StatusColumn,
        MessageColumn,
        OutputColumn,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole, // raw values: the sequence number for the time, enums as numbers
        SeqRole,
        KindRole, // Core::ExecutionEvent::Kind
    };

    explicit EventLogModel(QObject *parent = nullptr);
    ~EventLogModel() override = default;

    void appendEvents(const Core::EventBatch &batch);
    void clear();

    // For the filter proxy: the event behind a row.
    const Core::ExecutionEvent &event(int row) const { return m_events.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QVariant displayData(const Core::ExecutionEvent &event, int column) const;
    QVariant sortData(const Core::ExecutionEvent &event, int column) const;

    QList<Core::ExecutionEvent> m_events;
};

} // namespace ChuteDeck::Ui
