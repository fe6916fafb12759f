#pragma once
// The depth ladder of one prefix's effective book: every order that can trade on the prefix,
// grouped into price levels with their cumulative capacity, the sellers' measured latency and
// loss, and the prefixes they come from. Under a performance or weighted ranking the asks are
// single orders in the order the matcher would take them for a buyer with that ranking.
#include "client/feedsequence.h"
#include "models/applyresult.h"
#include "models/bookladder.h"

#include <QAbstractTableModel>
#include <map>
#include <optional>
#include <vector>

namespace bwx::terminal {

class OrderBookModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        SideColumn,
        RankColumn,
        PriceColumn,
        SizeColumn,
        LatencyColumn,
        LossColumn,
        CumulativeColumn,
        OrdersColumn,
        SourceColumn,
        ColumnCount
    };
    enum Role {
        SideRole = Qt::UserRole + 1,
        FreshnessRole, // int(QualityFreshness) of the latency and loss cells
    };

    explicit OrderBookModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant
    headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Which book the model shows; messages for other prefixes are ignored.
    void setPrefix(const std::optional<bwx::net::Prefix> &prefix);
    std::optional<bwx::net::Prefix> prefix() const { return m_prefix; }
    void setGrouping(bwx::Price grouping);
    bwx::Price grouping() const { return m_grouping; }
    // How the asks are ordered: as a buyer with this ranking (and weights) would meet them.
    void setRanking(RankingMode ranking, const bwx::proto::RankingWeights &weights = {});
    RankingMode ranking() const { return m_ranking; }
    const bwx::proto::RankingWeights &weights() const { return m_weights; }

    void applySnapshot(const bwx::proto::BookSnapshot &snapshot);
    ApplyResult applyUpdate(const bwx::proto::BookUpdate &update);

    bool isLoaded() const { return m_sequence.isSynced(); }
    std::uint64_t bookSeq() const { return m_sequence.position(); }
    std::size_t orderCount() const { return m_orders.size(); }
    const BookLevel *levelAt(int row) const;

signals:
    void loaded();
    void prefixChanged();
    void rankingChanged();

private:
    void relayout();
    QVariant display(const BookLevel &level, int column) const;
    QVariant sortKey(const BookLevel &level, int column) const;
    QVariant toolTip(const BookLevel &level, int column) const;
    bool isBestLevel(int row) const;

    std::optional<bwx::net::Prefix> m_prefix;
    bwx::Price m_grouping{};
    RankingMode m_ranking = RankingMode::BestPrice;
    bwx::proto::RankingWeights m_weights{};
    FeedSequence m_sequence;
    std::map<std::uint64_t, bwx::proto::BookEntry> m_orders;
    std::vector<BookLevel> m_levels;
};

} // namespace bwx::terminal
