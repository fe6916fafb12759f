#pragma once
// The market watch: one row per prefix with orders, best bid and ask with their depth, the
// spread and the last traded price. Rows are kept in prefix order; views sort through a proxy.
#include "client/feedsequence.h"
#include "models/applyresult.h"

#include <QAbstractTableModel>
#include <bwx/proto/messages.h>
#include <optional>
#include <vector>

namespace bwx::terminal {

class MarketWatchModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        PrefixColumn,
        BidColumn,
        BidDepthColumn,
        AskColumn,
        AskDepthColumn,
        SpreadColumn,
        LastColumn,
        LastTradeColumn,
        ColumnCount
    };

    explicit MarketWatchModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant
    headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void applySnapshot(const bwx::proto::MarketWatchSnapshot &snapshot);
    ApplyResult applyUpdate(const bwx::proto::MarketWatchUpdate &update);
    void clear();

    bool isLoaded() const { return m_sequence.isSynced(); }
    std::uint64_t watchSeq() const { return m_sequence.position(); }
    std::optional<bwx::net::Prefix> prefixAt(int row) const;
    int rowOf(const bwx::net::Prefix &prefix) const;
    const bwx::proto::WatchRow *rowData(int row) const;

signals:
    void loaded();

private:
    struct Row
    {
        bwx::proto::WatchRow data;
        int lastTick = 0; // +1 last price went up, -1 down, 0 unchanged or unknown
    };

    QVariant display(const Row &row, int column) const;
    QVariant sortKey(const Row &row, int column) const;
    QVariant toolTip(const Row &row, int column) const;
    QVariant foreground(const Row &row, int column) const;
    std::vector<Row>::iterator lowerBound(const bwx::net::Prefix &prefix);

    std::vector<Row> m_rows; // sorted by prefix
    FeedSequence m_sequence;
};

} // namespace bwx::terminal
