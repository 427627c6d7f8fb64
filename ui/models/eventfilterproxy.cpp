#include "ui/models/eventfilterproxy.h"

#include "ui/models/eventlogmodel.h"

namespace ChuteDeck::Ui {

EventFilterProxy::EventFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(EventLogModel::SortRole);
}

void EventFilterProxy::setSourceModel(QAbstractItemModel *model)
{
    m_log = qobject_cast<EventLogModel *>(model);
    QSortFilterProxyModel::setSourceModel(model);
}

void EventFilterProxy::setFilter(const Core::EventFilter &filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    invalidateFilter();
}

bool EventFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (sourceParent.isValid() || !m_log || m_filter.isEmpty())
        return true;
    return m_filter.accepts(m_log->event(sourceRow));
}

} // namespace ChuteDeck::Ui
