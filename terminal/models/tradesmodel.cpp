#include "models/tradesmodel.h"

#include "models/colors.h"
#include "models/format.h"

#include <QBrush>
#include <algorithm>
#include <tuple>

namespace bwx::terminal {

namespace {

bool newerFirst(const TradeRecord &a, const TradeRecord &b)
{
    return std::tie(a.trade.executedAt, a.trade.tradeId)
           > std::tie(b.trade.executedAt, b.trade.tradeId);
}

} // namespace

TradesModel::TradesModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

int TradesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int TradesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString TradesModel::counterpartyName(const TradeRecord &record) const
{
    if (!record.counterparty.empty())
        return QString::fromStdString(record.counterparty);
    const MemberId other = record.side == Side::Buy ? record.trade.seller : record.trade.buyer;
    const auto it = m_memberNames.constFind(other.value());
    if (it != m_memberNames.constEnd())
        return it.value();
    return tr("member %1").arg(other.value());
}

QVariant TradesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TradeRecord &record = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return display(record, index.column());
    case Qt::EditRole:
        return sortKey(record, index.column());
    case Qt::ForegroundRole:
        if (index.column() == SideColumn)
            return QBrush(colors::side(record.side));
        return {};
    case Qt::ToolTipRole:
        if (index.column() == DestinationColumn
            && !(record.trade.sellDestination == record.trade.destination))
            return tr("Served by the sell order on %1")
                .arg(format::destination(record.trade.sellDestination));
        if (index.column() == AmountColumn)
            return tr("Price × Mbps × months of the delivery period (30-day months)");
        if (index.column() == TradeIdColumn)
            return tr("Buy order %1, sell order %2")
                .arg(record.trade.buyOrderId.value())
                .arg(record.trade.sellOrderId.value());
        return {};
    case Qt::TextAlignmentRole:
        switch (index.column()) {
        case TimeColumn:
        case SideColumn:
        case DestinationColumn:
        case CounterpartyColumn:
        case PeriodColumn:
        case StateColumn:
            return QVariant(Qt::AlignLeft | Qt::AlignVCenter);
        default:
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        }
    default:
        return {};
    }
}

QVariant TradesModel::display(const TradeRecord &record, int column) const
{
    const proto::TradeView &t = record.trade;
    switch (column) {
    case TimeColumn:
        return format::dateTime(t.executedAt);
    case TradeIdColumn:
        return QString::number(t.tradeId.value());
    case SideColumn:
        return format::side(record.side);
    case DestinationColumn:
        return format::destination(t.destination);
    case CounterpartyColumn:
        return counterpartyName(record);
    case PriceColumn:
        return format::price(t.price);
    case CapacityColumn:
        return format::bandwidth(t.capacity);
    case PeriodColumn:
        return format::period(t.deliveryStart, t.deliveryEnd);
    case AmountColumn:
        return format::money(t.amount);
    case StateColumn:
        return format::tradeState(t.state);
    default:
        return {};
    }
}

QVariant TradesModel::sortKey(const TradeRecord &record, int column) const
{
    const proto::TradeView &t = record.trade;
    switch (column) {
    case TimeColumn:
        return qlonglong(t.executedAt.value());
    case TradeIdColumn:
        return qulonglong(t.tradeId.value());
    case SideColumn:
        return static_cast<int>(record.side);
    case DestinationColumn:
        return format::destinationSortKey(t.destination);
    case CounterpartyColumn:
        return counterpartyName(record);
    case PriceColumn:
        return qlonglong(t.price.value());
    case CapacityColumn:
        return qlonglong(t.capacity.value());
    case PeriodColumn:
        return qlonglong(t.deliveryStart.value());
    case AmountColumn:
        return qlonglong(t.amount.value());
    case StateColumn:
        return static_cast<int>(t.state);
    default:
        return {};
    }
}

QVariant TradesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time (UTC)");
    case TradeIdColumn:
        return tr("Trade");
    case SideColumn:
        return tr("Side");
    case DestinationColumn:
        return tr("Destination");
    case CounterpartyColumn:
        return tr("Counterparty");
    case PriceColumn:
        return tr("Price");
    case CapacityColumn:
        return tr("Mbps");
    case PeriodColumn:
        return tr("Delivery (UTC)");
    case AmountColumn:
        return tr("Amount");
    case StateColumn:
        return tr("State");
    default:
        return {};
    }
}

void TradesModel::setMemberNames(const QHash<quint32, QString> &names)
{
    m_memberNames = names;
    if (!m_rows.empty())
        emit dataChanged(index(0, CounterpartyColumn), index(rowCount() - 1, CounterpartyColumn));
}

int TradesModel::findRow(TradeId id) const
{
    const auto it = std::find_if(m_rows.begin(), m_rows.end(),
                                 [id](const TradeRecord &r) { return r.trade.tradeId == id; });
    return it == m_rows.end() ? -1 : static_cast<int>(it - m_rows.begin());
}

bool TradesModel::addOrUpdate(const TradeRecord &record)
{
    const int existing = findRow(record.trade.tradeId);
    if (existing >= 0) {
        TradeRecord merged = record;
        TradeRecord &current = m_rows[static_cast<std::size_t>(existing)];
        // A trade list does not carry the counterparty's name; keep the one a fill gave us.
        if (merged.counterparty.empty())
            merged.counterparty = current.counterparty;
        if (merged == current)
            return false;
        const bool moves = merged.trade.executedAt != current.trade.executedAt;
        if (!moves) {
            current = merged;
            emit dataChanged(index(existing, 0), index(existing, ColumnCount - 1));
            return true;
        }
        beginRemoveRows({}, existing, existing);
        m_rows.erase(m_rows.begin() + existing);
        endRemoveRows();
        return addOrUpdate(merged);
    }
    const auto it = std::lower_bound(m_rows.begin(), m_rows.end(), record, newerFirst);
    const int row = static_cast<int>(it - m_rows.begin());
    beginInsertRows({}, row, row);
    m_rows.insert(it, record);
    endInsertRows();
    return true;
}

void TradesModel::applyFill(const proto::Fill &fill)
{
    addOrUpdate(tradeRecordFromFill(fill));
}

void TradesModel::applyList(const proto::TradeList &list)
{
    for (const proto::TradeView &trade : list.trades)
        addOrUpdate(tradeRecordFor(trade, m_self));
}

void TradesModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

const TradeRecord *TradesModel::recordAt(int row) const
{
    if (row < 0 || row >= rowCount())
        return nullptr;
    return &m_rows[static_cast<std::size_t>(row)];
}

} // namespace bwx::terminal
