#pragma once
// The explanation of one decision: every candidate the exchange listed, with its price and
// quality, the exchange's rank and score, the local rank and score, and why it won or lost.
#include "access/decision.h"

#include <QAbstractTableModel>
#include <vector>

namespace bwx::access {

class CandidatesModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        Order,
        Verdict,
        Reason,
        Price,
        Available,
        Latency,
        Loss,
        Distance,
        ExchangeRank,
        LocalRank,
        LocalScore,
        Fill,
        Cost,
        Explanation,
        ColumnCount
    };

    explicit CandidatesModel(QObject *parent = nullptr);

    void setCandidates(const std::vector<CandidateVerdict> &candidates);
    const CandidateVerdict &candidate(int row) const { return m_rows[static_cast<std::size_t>(row)]; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::vector<CandidateVerdict> m_rows;
};

} // namespace bwx::access
