#include "quality/qualityseriesmodel.h"

#include "models/colors.h"
#include "models/format.h"

#include <algorithm>
#include <tuple>

namespace bwx::terminal::quality {

namespace {

qint64 timeMs(Timestamp t)
{
    return t.value() / 1'000'000;
}

double latencyMs(std::uint32_t micros)
{
    return static_cast<double>(micros) / 1000.0;
}

double lossPercent(std::uint32_t ppm)
{
    return static_cast<double>(ppm) / 10'000.0;
}

} // namespace

QualitySeriesModel::QualitySeriesModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

int QualitySeriesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_points.size());
}

int QualitySeriesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant QualitySeriesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SellerColumn:
        return tr("Seller");
    case SourceColumn:
        return tr("Source");
    case TimeColumn:
        return tr("Time (UTC)");
    case LatencyColumn:
        return tr("Latency p50");
    case LatencyP95Column:
        return tr("Latency p95");
    case LossColumn:
        return tr("Loss");
    case JitterColumn:
        return tr("Jitter");
    case SamplesColumn:
        return tr("Samples");
    default:
        return {};
    }
}

QVariant QualitySeriesModel::display(const proto::QualityPoint &point, int column) const
{
    const bool unreachable = isUnreachable(point);
    switch (column) {
    case SellerColumn:
        return sellerName(m_names, point.seller);
    case SourceColumn:
        return source(point.source);
    case TimeColumn:
        return format::dateTime(point.time);
    case LatencyColumn:
        return unreachable ? tr("unreachable") : latency(point.latencyP50Us);
    case LatencyP95Column:
        return unreachable ? QString() : latency(point.latencyP95Us);
    case LossColumn:
        return loss(point.lossPpm);
    case JitterColumn:
        return unreachable || point.jitterUs == 0 ? QString() : latency(point.jitterUs);
    case SamplesColumn:
        return QString::number(point.samples);
    default:
        return {};
    }
}

QVariant QualitySeriesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const proto::QualityPoint &point = m_points[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return display(point, index.column());
    case Qt::TextAlignmentRole:
        return index.column() >= LatencyColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                               : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        if (isUnreachable(point) && index.column() == LatencyColumn)
            return colors::ask();
        return {};
    case SellerIdRole:
        return point.seller.value();
    case TimeMsRole:
        return timeMs(point.time);
    case LatencyUsRole:
        return isUnreachable(point) ? QVariant() : QVariant(point.latencyP50Us);
    case LossPpmRole:
        return point.lossPpm;
    case ReachableRole:
        return !isUnreachable(point);
    default:
        return {};
    }
}

void QualitySeriesModel::setSeries(const net::Prefix &destination,
                                   proto::QualityGranularity granularity,
                                   std::vector<proto::QualityPoint> points)
{
    std::stable_sort(points.begin(), points.end(),
                     [](const proto::QualityPoint &a, const proto::QualityPoint &b) {
                         return std::tuple(a.seller, a.source, a.time)
                                < std::tuple(b.seller, b.source, b.time);
                     });
    beginResetModel();
    m_destination = destination;
    m_granularity = granularity;
    m_points = std::move(points);
    endResetModel();
}

void QualitySeriesModel::clear()
{
    beginResetModel();
    m_points.clear();
    endResetModel();
}

void QualitySeriesModel::setSellerNames(const SellerNames &names)
{
    m_names = names;
    if (!m_points.empty())
        emit dataChanged(index(0, SellerColumn), index(rowCount() - 1, SellerColumn),
                         {Qt::DisplayRole});
}

QList<QualityLine> QualitySeriesModel::lines() const
{
    QList<QualityLine> out;
    // Adjacent buckets are one bucket apart; anything wider means no data in between. Raw
    // samples have no grid: only an unreachable sample breaks their line.
    const qint64 stepMs = bucketSeconds(m_granularity) * 1000;
    qint64 previousMs = 0;
    bool previousAnswered = false;
    for (const proto::QualityPoint &point : m_points) {
        if (out.isEmpty() || out.last().seller != point.seller
            || out.last().source != point.source) {
            out.append(QualityLine{point.seller, point.source, {}, {}, {}});
            previousAnswered = false;
            previousMs = 0;
        }
        QualityLine &line = out.last();
        const qint64 t = timeMs(point.time);
        const bool contiguous = previousMs != 0 && (stepMs == 0 || t - previousMs <= stepMs);
        if (!contiguous || line.lossSegments.isEmpty())
            line.lossSegments.append(QList<QPointF>());
        line.lossSegments.last().append(
            QPointF(static_cast<double>(t), lossPercent(point.lossPpm)));
        if (isUnreachable(point)) {
            line.unreachable.append(t);
            previousAnswered = false;
        } else {
            if (!contiguous || !previousAnswered)
                line.latencySegments.append(QList<QPointF>());
            line.latencySegments.last().append(
                QPointF(static_cast<double>(t), latencyMs(point.latencyP50Us)));
            previousAnswered = true;
        }
        previousMs = t;
    }
    return out;
}

} // namespace bwx::terminal::quality
