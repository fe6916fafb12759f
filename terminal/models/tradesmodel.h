#pragma once
// The trade blotter: the member's trades, newest first, from live fills, trade-list answers and
// the local cache. A trade appears once however many of those report it.
#include "models/traderecord.h"

#include <QAbstractTableModel>
#include <QHash>
#include <vector>

namespace bwx::terminal {

class TradesModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        TimeColumn,
        TradeIdColumn,
        SideColumn,
        DestinationColumn,
        CounterpartyColumn,
        PriceColumn,
        CapacityColumn,
        PeriodColumn,
        AmountColumn,
        StateColumn,
        ColumnCount
    };

    explicit TradesModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant
    headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Who "we" are: trade lists carry member ids, the side follows from them.
    void setSelf(bwx::MemberId self) { m_self = self; }
    bwx::MemberId self() const { return m_self; }
    // Names for counterparties that arrived by id only.
    void setMemberNames(const QHash<quint32, QString> &names);

    // Returns true when the record added or changed a row.
    bool addOrUpdate(const TradeRecord &record);
    void applyFill(const bwx::proto::Fill &fill);
    void applyList(const bwx::proto::TradeList &list);
    void clear();
    // Drops the rows the exchange does not know as ours (see TerminalSession::onTradeList);
    // `keep(record)` says which stay. Returns the ids of the rows removed.
    template<class Keep> std::vector<bwx::TradeId> removeUnless(Keep &&keep);

    const TradeRecord *recordAt(int row) const;

private:
    QString counterpartyName(const TradeRecord &record) const;
    QVariant display(const TradeRecord &record, int column) const;
    QVariant sortKey(const TradeRecord &record, int column) const;
    int findRow(bwx::TradeId id) const;

    std::vector<TradeRecord> m_rows; // newest first: executedAt, then trade id, descending
    bwx::MemberId m_self{};
    QHash<quint32, QString> m_memberNames;
};

template<class Keep> std::vector<bwx::TradeId> TradesModel::removeUnless(Keep &&keep)
{
    std::vector<bwx::TradeId> removed;
    for (int row = rowCount() - 1; row >= 0; --row) {
        const TradeRecord &record = m_rows[static_cast<std::size_t>(row)];
        if (keep(record))
            continue;
        removed.push_back(record.trade.tradeId);
        beginRemoveRows({}, row, row);
        m_rows.erase(m_rows.begin() + row);
        endRemoveRows();
    }
    return removed;
}

} // namespace bwx::terminal
