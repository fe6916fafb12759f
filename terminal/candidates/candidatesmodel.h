#pragma once
// The sell orders the exchange considers for a prospective buy (claim 24), in the buyer's
// ranking order: eligible ones by rank, then the ineligible ones with the reason.
#include <QAbstractTableModel>
#include <bwx/proto/messages.h>
#include <vector>

namespace bwx::terminal {

class CandidatesModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        RankColumn,
        OrderColumn,
        PrefixColumn,
        PriceColumn,
        AvailableColumn,
        MinBlockColumn,
        LatencyColumn,
        LossColumn,
        DistanceColumn,
        PeriodColumn,
        TrafficColumn,
        EligibilityColumn,
        ColumnCount
    };
    enum Role { EligibleRole = Qt::UserRole + 1, OrderIdRole };

    explicit CandidatesModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant
    headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Replaces the list; rows keep the exchange's order (ranked first, by rank).
    void setCandidates(std::vector<bwx::proto::Candidate> candidates);
    void clear();
    const bwx::proto::Candidate *candidateAt(int row) const;
    int eligibleCount() const;
    // The row of a sell order, -1 when it is not listed.
    int rowOf(bwx::OrderId sellOrderId) const;

private:
    QVariant display(const bwx::proto::Candidate &candidate, int column) const;
    QVariant sortKey(const bwx::proto::Candidate &candidate, int column) const;

    std::vector<bwx::proto::Candidate> m_candidates;
};

} // namespace bwx::terminal
