#pragma once

#include "core/plan/eventfilter.h"

#include <QPointer>
#include <QSortFilterProxyModel>

namespace ChuteDeck::Ui {

class EventLogModel;

// Filters an EventLogModel by Core::EventFilter (phase, status, chute, text); the rules are the
// core's, the proxy only asks them. Sorts on EventLogModel::SortRole.
class EventFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventFilterProxy)

public:
    explicit EventFilterProxy(QObject *parent = nullptr);
    ~EventFilterProxy() override = default;

    // Only an EventLogModel can be filtered; other models are shown unfiltered.
    void setSourceModel(QAbstractItemModel *model) override;

    const Core::EventFilter &filter() const { return m_filter; }
    void setFilter(const Core::EventFilter &filter);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QPointer<EventLogModel> m_log;
    Core::EventFilter m_filter;
};

} // namespace ChuteDeck::Ui
