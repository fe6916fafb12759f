#include "models/myordersmodel.h"

#include "models/colors.h"
#include "models/format.h"

#include <QBrush>

namespace bwx::terminal {

MyOrdersModel::MyOrdersModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

int MyOrdersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int MyOrdersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MyOrdersModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const proto::OrderView &order = m_rows[static_cast<std::size_t>(index.row())].order;
    switch (role) {
    case Qt::DisplayRole:
        return display(order, index.column());
    case Qt::EditRole:
        return sortKey(order, index.column());
    case Qt::ForegroundRole:
        if (index.column() == StatusColumn)
            return QBrush(colors::orderStatus(order.status));
        if (index.column() == SideColumn)
            return QBrush(colors::side(order.params.side));
        if (isTerminal(order.status))
            return QBrush(colors::muted());
        return {};
    case Qt::ToolTipRole:
        if (index.column() == ReasonColumn || index.column() == StatusColumn) {
            if (order.reason != proto::ResultCode::Ok)
                return QStringLiteral("%1 (%2)").arg(format::resultCode(order.reason),
                                                     QString::fromUtf8(proto::name(order.reason)));
        }
        if (index.column() == PriceColumn)
            return tr("%1 %2, per Mbps per month")
                .arg(format::orderType(order.params.type),
                     format::timeInForce(order.params.timeInForce));
        if (index.column() == CapacityColumn)
            return tr("In blocks of %1").arg(format::bandwidth(order.params.minBlock));
        return {};
    case Qt::TextAlignmentRole:
        switch (index.column()) {
        case SideColumn:
        case DestinationColumn:
        case StatusColumn:
        case ReasonColumn:
        case PeriodColumn:
        case UpdatedColumn:
            return QVariant(Qt::AlignLeft | Qt::AlignVCenter);
        default:
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        }
    case IsOpenRole:
        return !isTerminal(order.status);
    case OrderIdRole:
        return qulonglong(order.orderId.value());
    default:
        return {};
    }
}

QVariant MyOrdersModel::display(const proto::OrderView &order, int column) const
{
    switch (column) {
    case OrderIdColumn:
        return QString::number(order.orderId.value());
    case ClientIdColumn:
        return QString::number(order.params.clientOrderId.value());
    case SideColumn:
        return format::side(order.params.side);
    case DestinationColumn:
        return format::destination(order.params.destination);
    case PriceColumn:
        return order.params.type == OrderType::Market ? format::orderType(OrderType::Market)
                                                      : format::price(order.params.price);
    case CapacityColumn:
        return format::bandwidth(order.params.capacity);
    case FilledColumn:
        return format::bandwidth(order.filled);
    case RemainingColumn:
        return format::bandwidth(order.remaining);
    case StatusColumn:
        return format::orderStatus(order.status);
    case ReasonColumn:
        return format::resultCode(order.reason);
    case PeriodColumn:
        return format::period(order.params.deliveryStart, order.params.deliveryEnd);
    case UpdatedColumn:
        return format::dateTime(order.updatedAt);
    default:
        return {};
    }
}

QVariant MyOrdersModel::sortKey(const proto::OrderView &order, int column) const
{
    switch (column) {
    case OrderIdColumn:
        return qulonglong(order.orderId.value());
    case ClientIdColumn:
        return qulonglong(order.params.clientOrderId.value());
    case SideColumn:
        return static_cast<int>(order.params.side);
    case DestinationColumn:
        return format::destinationSortKey(order.params.destination);
    case PriceColumn:
        return qlonglong(order.params.price.value());
    case CapacityColumn:
        return qlonglong(order.params.capacity.value());
    case FilledColumn:
        return qlonglong(order.filled.value());
    case RemainingColumn:
        return qlonglong(order.remaining.value());
    case StatusColumn:
        return static_cast<int>(order.status);
    case ReasonColumn:
        return static_cast<int>(order.reason);
    case PeriodColumn:
        return qlonglong(order.params.deliveryStart.value());
    case UpdatedColumn:
        return qlonglong(order.updatedAt.value());
    default:
        return {};
    }
}

QVariant MyOrdersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case OrderIdColumn:
        return tr("Order");
    case ClientIdColumn:
        return tr("Client ID");
    case SideColumn:
        return tr("Side");
    case DestinationColumn:
        return tr("Destination");
    case PriceColumn:
        return tr("Price");
    case CapacityColumn:
        return tr("Mbps");
    case FilledColumn:
        return tr("Filled");
    case RemainingColumn:
        return tr("Remaining");
    case StatusColumn:
        return tr("Status");
    case ReasonColumn:
        return tr("Reason");
    case PeriodColumn:
        return tr("Delivery (UTC)");
    case UpdatedColumn:
        return tr("Updated (UTC)");
    default:
        return {};
    }
}

bool MyOrdersModel::isNewer(const Row &current, const proto::OrderView &incoming, Seq seq) const
{
    // The journal position orders states exactly; list answers carry none, so fall back to
    // the update time and let an equal time through (the later message wins).
    if (seq.value() != 0 && current.seq.value() != 0)
        return seq >= current.seq;
    return incoming.updatedAt >= current.order.updatedAt;
}

void MyOrdersModel::upsert(const proto::OrderView &order, Seq seq, bool *changed)
{
    const auto it = m_rowOfOrder.find(order.orderId.value());
    if (it == m_rowOfOrder.end()) {
        const int row = rowCount();
        beginInsertRows({}, row, row);
        m_rows.push_back(Row{order, seq});
        m_rowOfOrder.emplace(order.orderId.value(), m_rows.size() - 1);
        endInsertRows();
        *changed = true;
        return;
    }
    Row &current = m_rows[it->second];
    if (!isNewer(current, order, seq)) {
        *changed = false;
        return;
    }
    const bool differs = !(current.order == order);
    current.order = order;
    if (seq.value() != 0)
        current.seq = seq;
    if (differs) {
        const int row = static_cast<int>(it->second);
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
    *changed = true;
}

bool MyOrdersModel::applyUpdate(const proto::OrderUpdate &update)
{
    bool changed = false;
    upsert(update.order, update.seq, &changed);
    return changed;
}

void MyOrdersModel::applyList(const proto::OrderList &list)
{
    bool changed = false;
    for (const proto::OrderView &order : list.orders)
        upsert(order, Seq{}, &changed);
}

void MyOrdersModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_rowOfOrder.clear();
    endResetModel();
}

const proto::OrderView *MyOrdersModel::orderAt(int row) const
{
    if (row < 0 || row >= rowCount())
        return nullptr;
    return &m_rows[static_cast<std::size_t>(row)].order;
}

const proto::OrderView *MyOrdersModel::findOrder(OrderId id) const
{
    const auto it = m_rowOfOrder.find(id.value());
    return it == m_rowOfOrder.end() ? nullptr : &m_rows[it->second].order;
}

int MyOrdersModel::openOrderCount() const
{
    int count = 0;
    for (const Row &row : m_rows)
        count += isTerminal(row.order.status) ? 0 : 1;
    return count;
}

} // namespace bwx::terminal
