#include "views/sidefilterproxy.h"

#include "models/orderbookmodel.h"

namespace bwx::terminal {

SideFilterProxy::SideFilterProxy(Side side, QObject *parent)
    : QSortFilterProxyModel(parent)
    , m_side(side)
{
    setSortRole(Qt::EditRole);
    setDynamicSortFilter(true);
    sort(OrderBookModel::PriceColumn, side == Side::Buy ? Qt::DescendingOrder : Qt::AscendingOrder);
}

bool SideFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    return index.data(OrderBookModel::SideRole).toInt() == static_cast<int>(m_side);
}

} // namespace bwx::terminal
