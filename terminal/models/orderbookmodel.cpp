#include "models/orderbookmodel.h"

#include "models/colors.h"
#include "models/format.h"
#include "models/qualityformat.h"

#include <QBrush>
#include <QFont>
#include <algorithm>
#include <limits>
#include <set>

namespace bwx::terminal {

OrderBookModel::OrderBookModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

int OrderBookModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_levels.size());
}

int OrderBookModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool OrderBookModel::isBestLevel(int row) const
{
    const auto &level = m_levels[static_cast<std::size_t>(row)];
    if (level.side == Side::Buy)
        return row == 0 || m_levels[static_cast<std::size_t>(row - 1)].side == Side::Sell;
    return row + 1 == rowCount() || m_levels[static_cast<std::size_t>(row + 1)].side == Side::Buy;
}

QVariant OrderBookModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const BookLevel &level = m_levels[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return display(level, index.column());
    case Qt::EditRole:
        return sortKey(level, index.column());
    case Qt::ToolTipRole:
        return toolTip(level, index.column());
    case Qt::ForegroundRole:
        if (index.column() == SideColumn || index.column() == PriceColumn)
            return QBrush(colors::side(level.side));
        if ((index.column() == LatencyColumn || index.column() == LossColumn)
            && format::cellFreshness(level.entries) != QualityFreshness::Fresh)
            return QBrush(colors::muted());
        return {};
    case Qt::BackgroundRole: {
        QColor tint = colors::side(level.side);
        tint.setAlpha(isBestLevel(index.row()) ? 56 : 24);
        return QBrush(tint);
    }
    case Qt::FontRole: {
        const bool stale = (index.column() == LatencyColumn || index.column() == LossColumn)
                           && format::cellFreshness(level.entries) == QualityFreshness::Stale;
        if (isBestLevel(index.row()) || stale) {
            QFont font;
            font.setBold(isBestLevel(index.row()));
            font.setItalic(stale);
            return font;
        }
        return {};
    }
    case Qt::TextAlignmentRole:
        return index.column() == SourceColumn || index.column() == SideColumn
                   ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                   : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case SideRole:
        return static_cast<int>(level.side);
    case FreshnessRole:
        if (level.side != Side::Sell)
            return {};
        return static_cast<int>(format::cellFreshness(level.entries));
    default:
        return {};
    }
}

QVariant OrderBookModel::display(const BookLevel &level, int column) const
{
    switch (column) {
    case SideColumn:
        return format::side(level.side);
    case RankColumn:
        return level.rank == 0 ? QVariant() : QVariant(static_cast<qulonglong>(level.rank));
    case PriceColumn:
        return format::price(level.price);
    case SizeColumn:
        return format::bandwidth(level.total);
    case LatencyColumn:
        // Buyers state limits, not measurements: their cells stay empty.
        return level.side == Side::Sell ? format::latencyCell(level.entries) : QString();
    case LossColumn:
        return level.side == Side::Sell ? format::lossCell(level.entries) : QString();
    case CumulativeColumn:
        return format::bandwidth(level.cumulative);
    case OrdersColumn:
        return static_cast<int>(level.entries.size());
    case SourceColumn: {
        // The book prefix's own orders first, then covering (sells) or covered (buys) ones.
        std::map<net::Prefix, int> counts;
        for (const auto &entry : level.entries)
            ++counts[entry.prefix];
        QStringList parts;
        for (const auto &[prefix, count] : counts) {
            QString text = format::prefix(prefix);
            if (count > 1)
                text += QStringLiteral(" ×%1").arg(count);
            if (m_prefix && prefix == *m_prefix)
                parts.prepend(text);
            else
                parts.append(text);
        }
        return parts.join(QLatin1String(", "));
    }
    default:
        return {};
    }
}

QVariant OrderBookModel::sortKey(const BookLevel &level, int column) const
{
    switch (column) {
    case SideColumn:
        return static_cast<int>(level.side);
    case RankColumn:
        return static_cast<qulonglong>(level.rank);
    case PriceColumn:
        return qlonglong(level.price.value());
    case SizeColumn:
        return qlonglong(level.total.value());
    case LatencyColumn:
    case LossColumn: {
        // The best fresh figure; unmeasured levels sort after every measured one.
        qlonglong best = std::numeric_limits<qlonglong>::max();
        for (const auto &entry : level.entries)
            if (freshnessOf(entry) == QualityFreshness::Fresh)
                best = std::min<qlonglong>(best, column == LatencyColumn ? entry.latencyUs
                                                                        : entry.lossPpm);
        return best;
    }
    case CumulativeColumn:
        return qlonglong(level.cumulative.value());
    case OrdersColumn:
        return static_cast<int>(level.entries.size());
    case SourceColumn:
        return display(level, column);
    default:
        return {};
    }
}

QVariant OrderBookModel::toolTip(const BookLevel &level, int column) const
{
    if (column == CumulativeColumn) {
        if (level.rank != 0)
            return tr("Capacity of this offer and every better-ranked one");
        return level.side == Side::Sell ? tr("Capacity offered at this price or cheaper")
                                        : tr("Capacity bid at this price or higher");
    }
    if (column == RankColumn && level.rank != 0)
        return tr("Taken %1 by a buyer ranking by %2")
            .arg(level.rank == 1 ? tr("first") : tr("as number %1").arg(level.rank),
                 format::rankingMode(m_ranking).toLower());
    QStringList lines;
    lines.append(tr("%1 at %2: %n order(s)", nullptr, static_cast<int>(level.entries.size()))
                     .arg(format::side(level.side), format::price(level.price)));
    for (const auto &entry : level.entries) {
        QString line = tr("#%1  %2  %3 at %4, blocks of %5, %6, %7")
                           .arg(entry.orderId.value())
                           .arg(format::prefix(entry.prefix), format::bandwidth(entry.remaining),
                                format::price(entry.price), format::bandwidth(entry.minBlock),
                                format::period(entry.deliveryStart, entry.deliveryEnd),
                                format::trafficType(entry.trafficType));
        if (entry.side == Side::Sell) {
            switch (freshnessOf(entry)) {
            case QualityFreshness::Fresh:
                line += tr(", %1, loss %2, %3")
                            .arg(format::latency(entry.latencyUs), format::loss(entry.lossPpm),
                                 format::distance(entry.distance));
                break;
            case QualityFreshness::Stale:
                line += tr(", stale: %1, loss %2 (too old for matching)")
                            .arg(format::latency(entry.latencyUs), format::loss(entry.lossPpm));
                break;
            case QualityFreshness::Unreachable:
                line += tr(", destination unreachable in the last measurement");
                break;
            case QualityFreshness::Unknown:
                line += tr(", quality not measured yet");
                break;
            }
        }
        lines.append(line);
    }
    return lines.join(QLatin1Char('\n'));
}

QVariant OrderBookModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole)
        return section == SourceColumn || section == SideColumn
                   ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                   : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && section == SourceColumn)
        return tr("The prefixes of the level's orders: sells on covering prefixes can serve "
                  "this one, buys on more specific prefixes can be served by it");
    if (role == Qt::ToolTipRole && (section == LatencyColumn || section == LossColumn))
        return tr("The seller's measured quality toward this prefix; — not measured yet, "
                  "grey italics: stale, too old for the matcher to use");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SideColumn:
        return tr("Side");
    case RankColumn:
        return tr("Rank");
    case PriceColumn:
        return tr("Price");
    case SizeColumn:
        return tr("Mbps");
    case LatencyColumn:
        return tr("Latency");
    case LossColumn:
        return tr("Loss");
    case CumulativeColumn:
        return tr("Cumulative");
    case OrdersColumn:
        return tr("Orders");
    case SourceColumn:
        return tr("From prefixes");
    default:
        return {};
    }
}

void OrderBookModel::setPrefix(const std::optional<net::Prefix> &prefix)
{
    if (prefix == m_prefix)
        return;
    beginResetModel();
    m_prefix = prefix;
    m_orders.clear();
    m_levels.clear();
    m_sequence.invalidate();
    endResetModel();
    emit prefixChanged();
}

void OrderBookModel::setGrouping(Price grouping)
{
    if (grouping == m_grouping)
        return;
    beginResetModel();
    m_grouping = grouping;
    m_levels = buildLadder(m_orders, m_grouping, m_ranking, m_weights);
    endResetModel();
}

void OrderBookModel::setRanking(RankingMode ranking, const proto::RankingWeights &weights)
{
    if (ranking == m_ranking && weights == m_weights)
        return;
    beginResetModel();
    m_ranking = ranking;
    m_weights = weights;
    m_levels = buildLadder(m_orders, m_grouping, m_ranking, m_weights);
    endResetModel();
    emit rankingChanged();
}

void OrderBookModel::applySnapshot(const proto::BookSnapshot &snapshot)
{
    if (!m_prefix || snapshot.prefix != *m_prefix)
        return;
    beginResetModel();
    m_orders.clear();
    for (const auto &entry : snapshot.entries)
        m_orders[entry.orderId.value()] = entry;
    m_levels = buildLadder(m_orders, m_grouping, m_ranking, m_weights);
    m_sequence.resetTo(snapshot.bookSeq);
    endResetModel();
    emit loaded();
}

ApplyResult OrderBookModel::applyUpdate(const proto::BookUpdate &update)
{
    if (!m_prefix || update.prefix != *m_prefix)
        return ApplyResult::Ignored;
    switch (m_sequence.accept(update.bookSeq)) {
    case SequenceCheck::InSequence:
        break;
    case SequenceCheck::Gap:
        m_sequence.invalidate();
        return ApplyResult::Gap;
    case SequenceCheck::Stale:
    case SequenceCheck::NoSnapshot:
        return ApplyResult::Ignored;
    }
    // Applied to a copy: an update that does not fit the book (modify or remove of an unknown
    // order) means we are out of step, and the visible book must stay as it was.
    std::map<std::uint64_t, proto::BookEntry> orders = m_orders;
    for (const proto::BookChange &change : update.changes) {
        const std::uint64_t id = change.entry.orderId.value();
        switch (change.action) {
        case proto::BookAction::Add:
            orders[id] = change.entry;
            break;
        case proto::BookAction::Modify:
            if (!orders.contains(id)) {
                m_sequence.invalidate();
                return ApplyResult::Gap;
            }
            orders[id] = change.entry;
            break;
        case proto::BookAction::Remove:
            if (orders.erase(id) == 0) {
                m_sequence.invalidate();
                return ApplyResult::Gap;
            }
            break;
        }
    }
    m_orders = std::move(orders);
    relayout();
    return ApplyResult::Applied;
}

void OrderBookModel::relayout()
{
    // Merge the new ladder into the old one row by row, so views keep their selection and
    // scroll position and only changed rows repaint.
    const std::vector<BookLevel> next = buildLadder(m_orders, m_grouping, m_ranking, m_weights);
    std::size_t n = 0;
    int row = 0;
    while (static_cast<std::size_t>(row) < m_levels.size() || n < next.size()) {
        const auto r = static_cast<std::size_t>(row);
        if (n == next.size() || (r < m_levels.size() && ladderLess(m_levels[r], next[n]))) {
            beginRemoveRows({}, row, row);
            m_levels.erase(m_levels.begin() + row);
            endRemoveRows();
        } else if (r == m_levels.size() || ladderLess(next[n], m_levels[r])) {
            beginInsertRows({}, row, row);
            m_levels.insert(m_levels.begin() + row, next[n]);
            endInsertRows();
            ++row;
            ++n;
        } else {
            if (!(m_levels[r] == next[n])) {
                m_levels[r] = next[n];
                emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
            }
            ++row;
            ++n;
        }
    }
    // Bold and tint mark the best levels; which rows those are may have moved.
    if (!m_levels.empty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1),
                         {Qt::FontRole, Qt::BackgroundRole});
}

const BookLevel *OrderBookModel::levelAt(int row) const
{
    if (row < 0 || row >= rowCount())
        return nullptr;
    return &m_levels[static_cast<std::size_t>(row)];
}

} // namespace bwx::terminal
