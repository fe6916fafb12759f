#pragma once
// The points of one destination's quality series (QueryQuality's answer) as a table, and the
// same points cut into what a chart draws: per seller and source, runs of answered buckets.
// A bucket where nothing answered has no latency — it is listed as unreachable, never drawn as
// 0 ms — and a bucket with no data at all breaks the line instead of being interpolated over.
#include "quality/qualitytext.h"

#include <QAbstractTableModel>
#include <QList>
#include <QPointF>
#include <bwx/net/prefix.h>
#include <bwx/proto/messages_quality.h>
#include <vector>

namespace bwx::terminal::quality {

// One seller's series from one kind of source, ready to plot. x = milliseconds since the epoch,
// latency in ms, loss in percent (plotting only; the table shows the exact integers).
struct QualityLine
{
    MemberId seller{};
    proto::QualitySource source = proto::QualitySource::Probe;
    QList<QList<QPointF>> latencySegments; // answered buckets, split where data is missing
    QList<QList<QPointF>> lossSegments;    // every bucket with samples, split likewise
    QList<qint64> unreachable;             // times of buckets where nothing answered
};

class QualitySeriesModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        SellerColumn,
        SourceColumn,
        TimeColumn,
        LatencyColumn,
        LatencyP95Column,
        LossColumn,
        JitterColumn,
        SamplesColumn,
        ColumnCount
    };
    enum Role {
        SellerIdRole = Qt::UserRole + 1,
        TimeMsRole,    // qint64, ms since the epoch
        LatencyUsRole, // quint32, or an invalid QVariant when nothing answered
        LossPpmRole,   // quint32
        ReachableRole, // bool
    };

    explicit QualitySeriesModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant
    headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Replaces every point. Points are kept ordered by seller, source and time.
    void setSeries(const net::Prefix &destination,
                   proto::QualityGranularity granularity,
                   std::vector<proto::QualityPoint> points);
    void clear();
    void setSellerNames(const SellerNames &names);

    const proto::QualityPoint &pointAt(int row) const
    {
        return m_points.at(static_cast<std::size_t>(row));
    }
    const net::Prefix &destination() const { return m_destination; }
    proto::QualityGranularity granularity() const { return m_granularity; }
    const SellerNames &sellerNames() const { return m_names; }
    // Lines in the order of the rows (seller id, then source).
    QList<QualityLine> lines() const;

    static bool isUnreachable(const proto::QualityPoint &point)
    {
        return point.lossPpm >= kAllLostPpm;
    }

private:
    QVariant display(const proto::QualityPoint &point, int column) const;

    net::Prefix m_destination{};
    proto::QualityGranularity m_granularity = proto::QualityGranularity::FiveMinutes;
    std::vector<proto::QualityPoint> m_points;
    SellerNames m_names;
};

} // namespace bwx::terminal::quality
