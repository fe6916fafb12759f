#include "quality/qualitymatrixmodel.h"

#include "models/colors.h"
#include "models/format.h"

#include <QColor>
#include <set>

namespace bwx::terminal::quality {

namespace {

// Translucent, so the cell stays readable on the light and the dark palette.
QColor tint(QColor colour)
{
    colour.setAlpha(90);
    return colour;
}

bool hasLatency(proto::QualityState state)
{
    return state == proto::QualityState::Fresh || state == proto::QualityState::Stale;
}

} // namespace

QualityMatrixModel::QualityMatrixModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

int QualityMatrixModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_sellers.size());
}

int QualityMatrixModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_destinations.size());
}

QVariant QualityMatrixModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal) {
        if (section < 0 || section >= m_destinations.size())
            return {};
        if (role == Qt::DisplayRole || role == DestinationRole)
            return format::prefix(m_destinations[section]);
        return {};
    }
    if (section < 0 || section >= m_sellers.size())
        return {};
    if (role == Qt::DisplayRole)
        return sellerName(m_names, m_sellers[section]);
    if (role == SellerIdRole)
        return m_sellers[section].value();
    return {};
}

const proto::QualityCell *QualityMatrixModel::cellAt(int row, int column) const
{
    const auto it = m_cells.find({row, column});
    return it != m_cells.end() ? &it->second : nullptr;
}

std::optional<bool> QualityMatrixModel::meets(const proto::QualityCell &cell,
                                              const proto::QualityLimits &limits)
{
    if (limits.maxLatencyUs == 0 && limits.maxLossPpm == 0 && limits.maxDistance == 0)
        return std::nullopt;
    switch (cell.state) {
    case proto::QualityState::Unknown:
        return std::nullopt;
    case proto::QualityState::Unreachable:
        return false;
    case proto::QualityState::Fresh:
    case proto::QualityState::Stale:
        break;
    }
    if (limits.maxLatencyUs != 0 && cell.latencyUs > limits.maxLatencyUs)
        return false;
    if (limits.maxLossPpm != 0 && cell.lossPpm > limits.maxLossPpm)
        return false;
    // An unknown distance (0) cannot be shown to meet a distance limit.
    if (limits.maxDistance != 0 && (cell.distance == 0 || cell.distance > limits.maxDistance))
        return false;
    return true;
}

QString QualityMatrixModel::cellText(const proto::QualityCell &cell) const
{
    switch (cell.state) {
    case proto::QualityState::Unknown:
        return tr("not measured");
    case proto::QualityState::Unreachable:
        return tr("unreachable");
    case proto::QualityState::Fresh:
        return tr("%1 · %2").arg(latency(cell.latencyUs), loss(cell.lossPpm));
    case proto::QualityState::Stale:
        return tr("%1 · %2 (stale)").arg(latency(cell.latencyUs), loss(cell.lossPpm));
    }
    return {};
}

QString QualityMatrixModel::cellToolTip(const proto::QualityCell &cell) const
{
    QStringList lines;
    lines << tr("%1 toward %2: %3")
                 .arg(sellerName(m_names, cell.seller), format::prefix(cell.destination),
                      state(cell.state));
    if (hasLatency(cell.state)) {
        lines << tr("latency %1, loss %2, jitter %3")
                     .arg(latency(cell.latencyUs), loss(cell.lossPpm), latency(cell.jitterUs));
    }
    if (cell.distance != 0)
        lines << tr("AS-path length %1").arg(cell.distance);
    if (cell.state != proto::QualityState::Unknown) {
        lines << tr("source %1, measured %2 UTC")
                     .arg(source(cell.source), format::dateTime(cell.measuredAt));
    }
    if (const auto ok = meets(cell, m_limits))
        lines << (*ok ? tr("meets your limits") : tr("outside your limits"));
    return lines.join(QLatin1Char('\n'));
}

QVariant QualityMatrixModel::cellBackground(const proto::QualityCell &cell) const
{
    switch (cell.state) {
    case proto::QualityState::Unknown:
        return {};
    case proto::QualityState::Unreachable:
        return tint(colors::ask());
    case proto::QualityState::Stale:
        return tint(colors::muted());
    case proto::QualityState::Fresh:
        break;
    }
    const auto ok = meets(cell, m_limits);
    return tint(ok.value_or(true) ? colors::bid() : colors::warning());
}

QVariant QualityMatrixModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role == SellerIdRole)
        return m_sellers[index.row()].value();
    if (role == DestinationRole)
        return format::prefix(m_destinations[index.column()]);
    if (role == Qt::TextAlignmentRole)
        return QVariant(Qt::AlignCenter);
    const proto::QualityCell *cell = cellAt(index.row(), index.column());
    if (!cell) {
        if (role == Qt::ToolTipRole)
            return tr("%1 has no quality figure toward %2")
                .arg(sellerName(m_names, m_sellers[index.row()]),
                     format::prefix(m_destinations[index.column()]));
        return {};
    }
    switch (role) {
    case Qt::DisplayRole:
        return cellText(*cell);
    case Qt::ToolTipRole:
        return cellToolTip(*cell);
    case Qt::BackgroundRole:
        return cellBackground(*cell);
    case Qt::ForegroundRole:
        return cell->state == proto::QualityState::Unknown ? QVariant(colors::muted()) : QVariant();
    case StateRole:
        return static_cast<int>(cell->state);
    case LatencyUsRole:
        return hasLatency(cell->state) ? QVariant(cell->latencyUs) : QVariant();
    case LossPpmRole:
        return cell->state != proto::QualityState::Unknown ? QVariant(cell->lossPpm) : QVariant();
    case MeetsLimitsRole: {
        const auto ok = meets(*cell, m_limits);
        return ok ? QVariant(*ok) : QVariant();
    }
    default:
        return {};
    }
}

void QualityMatrixModel::setMatrix(const std::vector<proto::QualityCell> &cells,
                                   const std::vector<net::Prefix> &destinations)
{
    QList<net::Prefix> columns;
    std::set<net::Prefix> seen;
    for (const net::Prefix &prefix : destinations)
        if (seen.insert(prefix).second)
            columns.append(prefix);
    std::set<MemberId> sellers;
    for (const proto::QualityCell &cell : cells) {
        sellers.insert(cell.seller);
        if (seen.insert(cell.destination).second)
            columns.append(cell.destination);
    }
    beginResetModel();
    m_sellers = QList<MemberId>(sellers.begin(), sellers.end());
    m_destinations = columns;
    m_cells.clear();
    for (const proto::QualityCell &cell : cells) {
        const int row = static_cast<int>(m_sellers.indexOf(cell.seller));
        const int column = static_cast<int>(m_destinations.indexOf(cell.destination));
        m_cells.insert_or_assign({row, column}, cell);
    }
    endResetModel();
}

void QualityMatrixModel::clear()
{
    beginResetModel();
    m_sellers.clear();
    m_destinations.clear();
    m_cells.clear();
    endResetModel();
}

void QualityMatrixModel::setSellerNames(const SellerNames &names)
{
    m_names = names;
    if (!m_sellers.isEmpty())
        emit headerDataChanged(Qt::Vertical, 0, rowCount() - 1);
    if (rowCount() > 0 && columnCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1), {Qt::ToolTipRole});
}

void QualityMatrixModel::setLimits(const proto::QualityLimits &limits)
{
    if (limits == m_limits)
        return;
    m_limits = limits;
    if (rowCount() > 0 && columnCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1),
                         {Qt::BackgroundRole, Qt::ToolTipRole, MeetsLimitsRole});
}

} // namespace bwx::terminal::quality
