#pragma once
// The member's own orders with their live state. Rows stay in the order the terminal first
// saw them; updates change rows in place, so a selection survives fills and amendments.
#include <QAbstractTableModel>
#include <bwx/proto/messages.h>
#include <optional>
#include <unordered_map>
#include <vector>

namespace bwx::terminal {

class MyOrdersModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    // Status comes early: it is what a glance at the table is for.
    enum Column {
        OrderIdColumn,
        StatusColumn,
        SideColumn,
        DestinationColumn,
        PriceColumn,
        CapacityColumn,
        FilledColumn,
        RemainingColumn,
        ReasonColumn,
        PeriodColumn,
        UpdatedColumn,
        ClientIdColumn,
        ColumnCount
    };
    enum Role { IsOpenRole = Qt::UserRole + 1, OrderIdRole };

    explicit MyOrdersModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant
    headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Returns false when the update is older than what the row already shows.
    bool applyUpdate(const bwx::proto::OrderUpdate &update);
    // Merges a query answer: orders not seen before are added, known ones take whichever
    // state is newer, orders only known locally (placed after the query) stay.
    void applyList(const bwx::proto::OrderList &list);
    void clear();

    const bwx::proto::OrderView *orderAt(int row) const;
    const bwx::proto::OrderView *findOrder(bwx::OrderId id) const;
    int openOrderCount() const;

private:
    struct Row
    {
        bwx::proto::OrderView order;
        bwx::Seq seq{};
    };

    bool isNewer(const Row &current, const bwx::proto::OrderView &incoming, bwx::Seq seq) const;
    void upsert(const bwx::proto::OrderView &order, bwx::Seq seq, bool *changed);
    QVariant display(const bwx::proto::OrderView &order, int column) const;
    QVariant sortKey(const bwx::proto::OrderView &order, int column) const;

    std::vector<Row> m_rows;
    std::unordered_map<std::uint64_t, std::size_t> m_rowOfOrder;
};

} // namespace bwx::terminal
