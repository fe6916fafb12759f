#include "routing/routesmodel.h"

#include "models/colors.h"
#include "models/format.h"
#include "models/qualityformat.h"

#include <QBrush>
#include <QStringList>
#include <algorithm>
#include <tuple>

namespace bwx::terminal {

namespace {

QString asPathText(const std::vector<std::uint32_t> &path)
{
    QStringList parts;
    for (const std::uint32_t asn : path)
        parts.append(QString::number(asn));
    return parts.join(QLatin1Char(' '));
}

} // namespace

RoutesModel::RoutesModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

int RoutesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_routes.size());
}

int RoutesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RoutesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const proto::RouteView &r = m_routes[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return display(r, index.column());
    case Qt::EditRole:
        switch (index.column()) {
        case PrefixColumn:
            return format::prefixSortKey(r.prefix);
        case AsPathColumn:
            return static_cast<qulonglong>(r.asPath.size());
        default:
            return display(r, index.column());
        }
    case Qt::ForegroundRole:
        if (r.valid == 0 && (index.column() == StatusColumn || index.column() == ReasonColumn))
            return QBrush(colors::ask());
        if (index.column() == SellableColumn)
            return QBrush(r.sellable != 0 ? colors::side(Side::Buy) : colors::muted());
        return {};
    case Qt::ToolTipRole:
        if (index.column() == ReasonColumn && !r.reason.empty())
            return QString::fromStdString(r.reason);
        if (index.column() == SellableColumn)
            return r.sellable != 0
                       ? tr("Valid, and the member's policy sells this class: sell orders "
                            "toward it are accepted")
                   : r.valid == 0 ? tr("Rejected routes cannot be sold")
                                  : tr("Valid, but the member's policy does not sell "
                                       "%1 routes")
                                        .arg(format::routeClass(r.routeClass));
        return {};
    case Qt::TextAlignmentRole:
        return index.column() == AsPathColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                              : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    case ValidRole:
        return r.valid != 0;
    case SellableRole:
        return r.sellable != 0;
    default:
        return {};
    }
}

QVariant RoutesModel::display(const proto::RouteView &r, int column) const
{
    switch (column) {
    case PrefixColumn:
        return format::prefix(r.prefix);
    case ClassColumn:
        return format::routeClass(r.routeClass);
    case StatusColumn:
        return r.valid != 0 ? tr("accepted") : tr("rejected");
    case SellableColumn:
        return r.sellable != 0 ? tr("yes") : tr("no");
    case AsPathColumn:
        return asPathText(r.asPath);
    case NextHopColumn:
        return QString::fromStdString(r.nextHop);
    case RpkiColumn:
        return format::validationState(r.rpki);
    case IrrColumn:
        return format::validationState(r.irr);
    case ReasonColumn:
        return QString::fromStdString(r.reason);
    case RouterColumn:
        return QString::fromStdString(r.peerAddress);
    default:
        return {};
    }
}

QVariant RoutesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case ClassColumn:
            return tr("Customer, peer or transit, from the large community the route carries "
                      "or the member's default");
        case SellableColumn:
            return tr("Whether sell orders toward this route are accepted");
        case ReasonColumn:
            return tr("Why the registry rejected the route");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case PrefixColumn:
        return tr("Prefix");
    case ClassColumn:
        return tr("Class");
    case StatusColumn:
        return tr("Status");
    case SellableColumn:
        return tr("Sellable");
    case AsPathColumn:
        return tr("AS path");
    case NextHopColumn:
        return tr("Next hop");
    case RpkiColumn:
        return tr("RPKI");
    case IrrColumn:
        return tr("IRR");
    case ReasonColumn:
        return tr("Reason");
    case RouterColumn:
        return tr("Router");
    default:
        return {};
    }
}

void RoutesModel::setRoutes(std::vector<proto::RouteView> routes, bool truncated)
{
    std::sort(routes.begin(), routes.end(),
              [](const proto::RouteView &a, const proto::RouteView &b) {
                  return std::tie(a.prefix, a.peerAddress) < std::tie(b.prefix, b.peerAddress);
              });
    beginResetModel();
    m_routes = std::move(routes);
    m_truncated = truncated;
    endResetModel();
}

const proto::RouteView *RoutesModel::routeAt(int row) const
{
    if (row < 0 || row >= rowCount())
        return nullptr;
    return &m_routes[static_cast<std::size_t>(row)];
}

int RoutesModel::rejectedCount() const
{
    return static_cast<int>(std::count_if(m_routes.begin(), m_routes.end(),
                                          [](const proto::RouteView &r) { return r.valid == 0; }));
}

int RoutesModel::sellableCount() const
{
    return static_cast<int>(
        std::count_if(m_routes.begin(), m_routes.end(),
                      [](const proto::RouteView &r) { return r.sellable != 0; }));
}

} // namespace bwx::terminal
