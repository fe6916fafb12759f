#pragma once
// The quality matrix: one row per seller, one column per destination, each cell the seller's
// current quality figure toward that destination (QueryQualityMatrix's answer). Text and colour
// say the state first — fresh, stale, unreachable, not measured — and, when the buyer has set
// limits, whether a fresh figure meets them. A seller with no figure for a destination gets an
// empty cell: the exchange knows no route of it there.
#include "quality/qualitytext.h"

#include <QAbstractTableModel>
#include <QList>
#include <bwx/proto/messages_quality.h>
#include <map>
#include <optional>
#include <utility>
#include <vector>

namespace bwx::terminal::quality {

class QualityMatrixModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Role {
        StateRole = Qt::UserRole + 1, // int(proto::QualityState), invalid for an empty cell
        LatencyUsRole,                // quint32, invalid unless fresh or stale
        LossPpmRole,                  // quint32, invalid unless measured or unreachable
        MeetsLimitsRole,              // bool, invalid without limits or without a figure
        SellerIdRole,                 // quint32 (any column of the row, and the vertical header)
        DestinationRole,              // QString prefix (any row of the column, and the header)
    };

    explicit QualityMatrixModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant
    headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Replaces the matrix. Columns keep the order of `destinations` (what was asked for), then
    // any destination only the cells name; rows are sellers by id.
    void setMatrix(const std::vector<proto::QualityCell> &cells,
                   const std::vector<net::Prefix> &destinations = {});
    void clear();
    void setSellerNames(const SellerNames &names);
    // 0 = no limit, as in an order's QualityLimits.
    void setLimits(const proto::QualityLimits &limits);

    const proto::QualityCell *cellAt(int row, int column) const;
    MemberId sellerAt(int row) const { return m_sellers.at(row); }
    const net::Prefix &destinationAt(int column) const { return m_destinations.at(column); }

    // Whether a figure is within the limits; nothing when no limit applies or there is no
    // figure to judge (unknown). Unreachable never meets a limit; stale figures are judged.
    static std::optional<bool> meets(const proto::QualityCell &cell,
                                     const proto::QualityLimits &limits);

private:
    QString cellText(const proto::QualityCell &cell) const;
    QString cellToolTip(const proto::QualityCell &cell) const;
    QVariant cellBackground(const proto::QualityCell &cell) const;

    QList<MemberId> m_sellers;
    QList<net::Prefix> m_destinations;
    std::map<std::pair<int, int>, proto::QualityCell> m_cells; // (row, column)
    SellerNames m_names;
    proto::QualityLimits m_limits{};
};

} // namespace bwx::terminal::quality
