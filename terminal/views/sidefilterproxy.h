#pragma once
// One side of the book, for the side-by-side ladder: bids sorted from the highest price down,
// asks from the lowest up, so both tables start at the best price.
#include <QSortFilterProxyModel>
#include <bwx/domain/order_types.h>

namespace bwx::terminal {

class SideFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    SideFilterProxy(bwx::Side side, QObject *parent = nullptr);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bwx::Side m_side;
};

} // namespace bwx::terminal
