#include "candidates/candidatesmodel.h"

#include "models/colors.h"
#include "models/format.h"
#include "models/qualityformat.h"

#include <QBrush>
#include <algorithm>
#include <limits>

namespace bwx::terminal {

namespace {

bool eligible(const proto::Candidate &c)
{
    return c.rank != 0;
}

} // namespace

CandidatesModel::CandidatesModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

int CandidatesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_candidates.size());
}

int CandidatesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CandidatesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const proto::Candidate &c = m_candidates[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return display(c, index.column());
    case Qt::EditRole:
        return sortKey(c, index.column());
    case Qt::ToolTipRole:
        if (index.column() == EligibilityColumn && !eligible(c))
            return format::resultCode(c.reason);
        if (index.column() == LatencyColumn || index.column() == LossColumn)
            return format::freshness(freshnessOf(c.entry));
        return {};
    case Qt::ForegroundRole:
        if (!eligible(c))
            return QBrush(colors::muted());
        if (index.column() == PriceColumn)
            return QBrush(colors::side(Side::Sell));
        return {};
    case Qt::TextAlignmentRole:
        switch (index.column()) {
        case PrefixColumn:
        case PeriodColumn:
        case TrafficColumn:
        case EligibilityColumn:
            return QVariant(Qt::AlignLeft | Qt::AlignVCenter);
        default:
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        }
    case EligibleRole:
        return eligible(c);
    case OrderIdRole:
        return static_cast<qulonglong>(c.entry.orderId.value());
    default:
        return {};
    }
}

QVariant CandidatesModel::display(const proto::Candidate &c, int column) const
{
    const proto::BookEntry &e = c.entry;
    switch (column) {
    case RankColumn:
        return eligible(c) ? QVariant(static_cast<qulonglong>(c.rank)) : QVariant(tr("—"));
    case OrderColumn:
        return QStringLiteral("#%1").arg(e.orderId.value());
    case PrefixColumn:
        return format::prefix(e.prefix);
    case PriceColumn:
        return format::price(e.price);
    case AvailableColumn:
        return format::bandwidth(e.remaining);
    case MinBlockColumn:
        return format::bandwidth(e.minBlock);
    case LatencyColumn:
        return format::latencyCell({e});
    case LossColumn:
        return format::lossCell({e});
    case DistanceColumn:
        return format::distance(e.distance);
    case PeriodColumn:
        return format::period(e.deliveryStart, e.deliveryEnd);
    case TrafficColumn:
        return format::trafficType(e.trafficType);
    case EligibilityColumn:
        if (eligible(c))
            return tr("eligible");
        // The exchange's explanation names the figures; the code's text is the fallback.
        return c.explanation.empty() ? format::resultCode(c.reason)
                                     : QString::fromStdString(c.explanation);
    default:
        return {};
    }
}

QVariant CandidatesModel::sortKey(const proto::Candidate &c, int column) const
{
    const proto::BookEntry &e = c.entry;
    switch (column) {
    case RankColumn:
        // Ineligible after every ranked one.
        return eligible(c) ? static_cast<qulonglong>(c.rank)
                           : std::numeric_limits<qulonglong>::max();
    case OrderColumn:
        return static_cast<qulonglong>(e.orderId.value());
    case PriceColumn:
        return qlonglong(e.price.value());
    case AvailableColumn:
        return qlonglong(e.remaining.value());
    case MinBlockColumn:
        return qlonglong(e.minBlock.value());
    case LatencyColumn:
        return freshnessOf(e) == QualityFreshness::Fresh ? qlonglong(e.latencyUs)
                                                         : std::numeric_limits<qlonglong>::max();
    case LossColumn:
        return freshnessOf(e) == QualityFreshness::Fresh ? qlonglong(e.lossPpm)
                                                         : std::numeric_limits<qlonglong>::max();
    case DistanceColumn:
        return e.distance == 0 ? 256 : int(e.distance);
    case PeriodColumn:
        return qlonglong(e.deliveryStart.value());
    default:
        return display(c, column);
    }
}

QVariant CandidatesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case RankColumn:
            return tr("The order in which the matcher would take the eligible sells for this buy");
        case LatencyColumn:
        case LossColumn:
            return tr("The seller's measured quality toward the buy's destination");
        case DistanceColumn:
            return tr("AS-path length of the seller's route");
        case EligibilityColumn:
            return tr("Why a sell order cannot serve this buy");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case RankColumn:
        return tr("Rank");
    case OrderColumn:
        return tr("Order");
    case PrefixColumn:
        return tr("Prefix");
    case PriceColumn:
        return tr("Price");
    case AvailableColumn:
        return tr("Available");
    case MinBlockColumn:
        return tr("Min. block");
    case LatencyColumn:
        return tr("Latency");
    case LossColumn:
        return tr("Loss");
    case DistanceColumn:
        return tr("Distance");
    case PeriodColumn:
        return tr("Delivery (UTC)");
    case TrafficColumn:
        return tr("Traffic");
    case EligibilityColumn:
        return tr("Eligibility");
    default:
        return {};
    }
}

void CandidatesModel::setCandidates(std::vector<proto::Candidate> candidates)
{
    // The exchange lists eligible sells by rank, then the rest; keep that order stable even
    // if a server sends them mixed, so row 0 is always the one the matcher would take.
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const proto::Candidate &a, const proto::Candidate &b) {
                         if (eligible(a) != eligible(b))
                             return eligible(a);
                         return eligible(a) && a.rank < b.rank;
                     });
    beginResetModel();
    m_candidates = std::move(candidates);
    endResetModel();
}

void CandidatesModel::clear()
{
    setCandidates({});
}

const proto::Candidate *CandidatesModel::candidateAt(int row) const
{
    if (row < 0 || row >= rowCount())
        return nullptr;
    return &m_candidates[static_cast<std::size_t>(row)];
}

int CandidatesModel::eligibleCount() const
{
    return static_cast<int>(std::count_if(m_candidates.begin(), m_candidates.end(), eligible));
}

int CandidatesModel::rowOf(OrderId sellOrderId) const
{
    for (std::size_t i = 0; i < m_candidates.size(); ++i)
        if (m_candidates[i].entry.orderId == sellOrderId)
            return static_cast<int>(i);
    return -1;
}

} // namespace bwx::terminal
