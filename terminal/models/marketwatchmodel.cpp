#include "models/marketwatchmodel.h"

#include "models/colors.h"
#include "models/format.h"

#include <QBrush>
#include <algorithm>
#include <limits>

namespace bwx::terminal {

namespace {

bool hasBid(const proto::WatchRow &row)
{
    return row.bidOrders > 0;
}

bool hasAsk(const proto::WatchRow &row)
{
    return row.askOrders > 0;
}

bool isEmpty(const proto::WatchRow &row)
{
    return !hasBid(row) && !hasAsk(row);
}

bool hasSpread(const proto::WatchRow &row)
{
    return hasBid(row) && hasAsk(row);
}

int tickOf(const proto::WatchRow &before, const proto::WatchRow &after)
{
    if (!before.lastTradeAt.isSet() || after.lastTradeAt == before.lastTradeAt)
        return 0;
    if (after.lastPrice > before.lastPrice)
        return 1;
    if (after.lastPrice < before.lastPrice)
        return -1;
    return 0;
}

} // namespace

MarketWatchModel::MarketWatchModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

int MarketWatchModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int MarketWatchModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MarketWatchModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return display(row, index.column());
    case Qt::EditRole:
        return sortKey(row, index.column());
    case Qt::ToolTipRole:
        return toolTip(row, index.column());
    case Qt::ForegroundRole:
        return foreground(row, index.column());
    case Qt::TextAlignmentRole:
        return index.column() == PrefixColumn ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                              : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    default:
        return {};
    }
}

QVariant MarketWatchModel::display(const Row &row, int column) const
{
    const proto::WatchRow &d = row.data;
    switch (column) {
    case PrefixColumn:
        return format::prefix(d.prefix);
    case BidColumn:
        return hasBid(d) ? format::price(d.bestBid) : QString();
    case BidDepthColumn:
        return hasBid(d) ? format::bandwidth(d.bidDepth) : QString();
    case AskColumn:
        return hasAsk(d) ? format::price(d.bestAsk) : QString();
    case AskDepthColumn:
        return hasAsk(d) ? format::bandwidth(d.askDepth) : QString();
    case SpreadColumn:
        return hasSpread(d) ? format::price(d.bestAsk - d.bestBid) : QString();
    case LastColumn:
        return d.lastTradeAt.isSet() ? format::price(d.lastPrice) : QString();
    case LastTradeColumn:
        return format::dateTime(d.lastTradeAt);
    default:
        return {};
    }
}

QVariant MarketWatchModel::sortKey(const Row &row, int column) const
{
    const proto::WatchRow &d = row.data;
    // Missing prices sort after every real one in ascending order.
    constexpr qlonglong kMissing = std::numeric_limits<qlonglong>::max();
    switch (column) {
    case PrefixColumn:
        return format::prefixSortKey(d.prefix);
    case BidColumn:
        return hasBid(d) ? qlonglong(d.bestBid.value()) : kMissing;
    case BidDepthColumn:
        return qlonglong(d.bidDepth.value());
    case AskColumn:
        return hasAsk(d) ? qlonglong(d.bestAsk.value()) : kMissing;
    case AskDepthColumn:
        return qlonglong(d.askDepth.value());
    case SpreadColumn:
        return hasSpread(d) ? qlonglong((d.bestAsk - d.bestBid).value()) : kMissing;
    case LastColumn:
        return d.lastTradeAt.isSet() ? qlonglong(d.lastPrice.value()) : kMissing;
    case LastTradeColumn:
        return qlonglong(d.lastTradeAt.value());
    default:
        return {};
    }
}

QVariant MarketWatchModel::toolTip(const Row &row, int column) const
{
    const proto::WatchRow &d = row.data;
    switch (column) {
    case BidColumn:
    case BidDepthColumn:
        return hasBid(d) ? tr("%n buy order(s), %1 in total", nullptr, int(d.bidOrders))
                               .arg(format::bandwidth(d.bidDepth))
                         : tr("No buy orders");
    case AskColumn:
    case AskDepthColumn:
        return hasAsk(d) ? tr("%n sell order(s), %1 in total", nullptr, int(d.askOrders))
                               .arg(format::bandwidth(d.askDepth))
                         : tr("No sell orders");
    case SpreadColumn:
        if (hasSpread(d) && d.bestAsk < d.bestBid)
            return tr("Crossed: the best bid and ask cannot trade with each other (delivery "
                      "period, traffic type or quality limits differ)");
        return tr("Best ask minus best bid, per Mbps per month");
    case LastColumn:
    case LastTradeColumn:
        return d.lastTradeAt.isSet()
                   ? tr("Last trade %1 UTC at %2")
                         .arg(format::dateTime(d.lastTradeAt), format::price(d.lastPrice))
                   : tr("No trade yet");
    default:
        return {};
    }
}

QVariant MarketWatchModel::foreground(const Row &row, int column) const
{
    const proto::WatchRow &d = row.data;
    switch (column) {
    case BidColumn:
        return QBrush(colors::bid());
    case AskColumn:
        return QBrush(colors::ask());
    case SpreadColumn:
        if (hasSpread(d) && d.bestAsk < d.bestBid)
            return QBrush(colors::warning());
        return {};
    case LastColumn:
        if (row.lastTick > 0)
            return QBrush(colors::uptick());
        if (row.lastTick < 0)
            return QBrush(colors::downtick());
        return {};
    default:
        return {};
    }
}

QVariant MarketWatchModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole)
        return section == PrefixColumn ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                       : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case BidColumn:
        case AskColumn:
        case SpreadColumn:
        case LastColumn:
            return tr("Per Mbps per month");
        case BidDepthColumn:
            return tr("Capacity of all buy orders in the prefix's book");
        case AskDepthColumn:
            return tr("Capacity of all sell orders that can serve the prefix");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case PrefixColumn:
        return tr("Prefix");
    case BidColumn:
        return tr("Bid");
    case BidDepthColumn:
        return tr("Bid depth");
    case AskColumn:
        return tr("Ask");
    case AskDepthColumn:
        return tr("Ask depth");
    case SpreadColumn:
        return tr("Spread");
    case LastColumn:
        return tr("Last");
    case LastTradeColumn:
        return tr("Last trade (UTC)");
    default:
        return {};
    }
}

std::vector<MarketWatchModel::Row>::iterator MarketWatchModel::lowerBound(const net::Prefix &prefix)
{
    return std::lower_bound(
        m_rows.begin(), m_rows.end(), prefix,
        [](const Row &row, const net::Prefix &p) { return row.data.prefix < p; });
}

void MarketWatchModel::applySnapshot(const proto::MarketWatchSnapshot &snapshot)
{
    beginResetModel();
    m_rows.clear();
    m_rows.reserve(snapshot.rows.size());
    for (const proto::WatchRow &row : snapshot.rows) {
        if (!isEmpty(row))
            m_rows.push_back(Row{row, 0});
    }
    std::stable_sort(m_rows.begin(), m_rows.end(),
                     [](const Row &a, const Row &b) { return a.data.prefix < b.data.prefix; });
    // A snapshot listing a prefix twice keeps the later row, as an update would.
    auto last = std::unique(m_rows.rbegin(), m_rows.rend(), [](const Row &a, const Row &b) {
        return a.data.prefix == b.data.prefix;
    });
    m_rows.erase(m_rows.begin(), last.base());
    m_sequence.resetTo(snapshot.watchSeq);
    endResetModel();
    emit loaded();
}

ApplyResult MarketWatchModel::applyUpdate(const proto::MarketWatchUpdate &update)
{
    switch (m_sequence.accept(update.watchSeq)) {
    case SequenceCheck::InSequence:
        break;
    case SequenceCheck::Gap:
        m_sequence.invalidate();
        return ApplyResult::Gap;
    case SequenceCheck::Stale:
    case SequenceCheck::NoSnapshot:
        return ApplyResult::Ignored;
    }
    for (const proto::WatchRow &incoming : update.rows) {
        const auto it = lowerBound(incoming.prefix);
        const int row = static_cast<int>(it - m_rows.begin());
        const bool exists = it != m_rows.end() && it->data.prefix == incoming.prefix;
        if (isEmpty(incoming)) {
            if (exists) {
                beginRemoveRows({}, row, row);
                m_rows.erase(it);
                endRemoveRows();
            }
        } else if (exists) {
            // The colour of the last price stays until the next trade moves it.
            if (const int tick = tickOf(it->data, incoming); tick != 0)
                it->lastTick = tick;
            it->data = incoming;
            emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
        } else {
            beginInsertRows({}, row, row);
            m_rows.insert(it, Row{incoming, 0});
            endInsertRows();
        }
    }
    return ApplyResult::Applied;
}

void MarketWatchModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_sequence.invalidate();
    endResetModel();
}

std::optional<net::Prefix> MarketWatchModel::prefixAt(int row) const
{
    if (row < 0 || row >= rowCount())
        return std::nullopt;
    return m_rows[static_cast<std::size_t>(row)].data.prefix;
}

int MarketWatchModel::rowOf(const net::Prefix &prefix) const
{
    const auto it = std::lower_bound(
        m_rows.begin(), m_rows.end(), prefix,
        [](const Row &row, const net::Prefix &p) { return row.data.prefix < p; });
    if (it == m_rows.end() || it->data.prefix != prefix)
        return -1;
    return static_cast<int>(it - m_rows.begin());
}

const proto::WatchRow *MarketWatchModel::rowData(int row) const
{
    if (row < 0 || row >= rowCount())
        return nullptr;
    return &m_rows[static_cast<std::size_t>(row)].data;
}

} // namespace bwx::terminal
