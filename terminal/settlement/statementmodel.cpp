#include "settlement/statementmodel.h"

#include "models/colors.h"
#include "models/format.h"

#include <QBrush>

namespace bwx::terminal::settlement {

StatementModel::StatementModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

int StatementModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_statement.lines.size());
}

int StatementModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const proto::StatementLine *StatementModel::lineAt(int row) const
{
    if (row < 0 || row >= rowCount())
        return nullptr;
    return &m_statement.lines[static_cast<std::size_t>(row)];
}

QVariant StatementModel::display(const proto::StatementLine &line, int column) const
{
    switch (column) {
    case TradeColumn:
        return QString::number(line.trade.value());
    case StatusColumn:
        return line.cancelledAt.isSet() ? format::tradeState(proto::TradeState::Cancelled)
                                        : QString();
    case RoleColumn:
        return line.role == Side::Buy ? tr("Buyer") : tr("Seller");
    case DestinationColumn:
        return format::destination(line.destination);
    case CounterpartColumn:
        return line.counterpartyName.empty()
                   ? tr("member %1").arg(line.counterparty.value())
                   : QString::fromStdString(line.counterpartyName);
    case PeriodColumn:
        return format::period(line.periodStart, line.periodEnd);
    case CommittedColumn:
        return format::bandwidth(line.committed);
    case P95Column:
        return format::bandwidth(line.p95);
    case PriceColumn:
        return format::price(line.price);
    case AmountColumn:
        return format::money(line.amount);
    case OverageColumn:
        return format::money(line.overage);
    case CreditsColumn:
        return format::money(line.credits);
    case TotalColumn:
        return format::money(line.total);
    default:
        return {};
    }
}

QVariant StatementModel::sortKey(const proto::StatementLine &line, int column) const
{
    switch (column) {
    case TradeColumn:
        return QVariant::fromValue<quint64>(line.trade.value());
    case StatusColumn:
        return QVariant::fromValue<qint64>(line.cancelledAt.value());
    case PeriodColumn:
        return QVariant::fromValue<qint64>(line.periodStart.value());
    case CommittedColumn:
        return QVariant::fromValue<qint64>(line.committed.value());
    case P95Column:
        return QVariant::fromValue<qint64>(line.p95.value());
    case PriceColumn:
        return QVariant::fromValue<qint64>(line.price.value());
    case AmountColumn:
        return QVariant::fromValue<qint64>(line.amount.value());
    case OverageColumn:
        return QVariant::fromValue<qint64>(line.overage.value());
    case CreditsColumn:
        return QVariant::fromValue<qint64>(line.credits.value());
    case TotalColumn:
        return QVariant::fromValue<qint64>(line.total.value());
    case DestinationColumn:
        return format::destinationSortKey(line.destination);
    default:
        return display(line, column);
    }
}

QVariant StatementModel::toolTip(const proto::StatementLine &line, int column) const
{
    if (column == P95Column && line.p95 > line.committed)
        return tr("95th percentile above the committed capacity: overage is billed");
    if (column == CreditsColumn && line.credits.isPositive())
        return tr("Credits given for this trade (e.g. quality SLA), deducted from the total");
    if (!line.cancelledAt.isSet()
        || (column != TradeColumn && column != StatusColumn && column != PeriodColumn))
        return {};
    // A statement of a month before the cancellation still names it, but bills the whole month.
    if (line.periodEnd < line.cancelledAt)
        return tr("Trade cancelled on %1 UTC, after this period: the whole period is billed")
            .arg(format::dateTime(line.cancelledAt));
    return tr("Trade cancelled on %1 UTC: billed up to the cancellation")
        .arg(format::dateTime(line.cancelledAt));
}

QVariant StatementModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const proto::StatementLine &line = m_statement.lines[static_cast<std::size_t>(index.row())];
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return display(line, column);
    case Qt::EditRole:
        return sortKey(line, column);
    case Qt::TextAlignmentRole:
        if (column >= CommittedColumn || column == TradeColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return QVariant::fromValue(Qt::Alignment(Qt::AlignLeft | Qt::AlignVCenter));
    case Qt::ForegroundRole:
        // The whole line, so a cancelled trade stands out in any column the trader sorts by.
        if (line.cancelledAt.isSet())
            return QBrush(colors::muted());
        return {};
    case Qt::ToolTipRole:
        return toolTip(line, column);
    case TradeIdRole:
        return QVariant::fromValue<quint64>(line.trade.value());
    case OverCommittedRole:
        return line.p95 > line.committed;
    case CancelledRole:
        return line.cancelledAt.isSet();
    default:
        return {};
    }
}

QVariant StatementModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TradeColumn:
        return tr("Trade");
    case StatusColumn:
        return tr("Status");
    case RoleColumn:
        return tr("Role");
    case DestinationColumn:
        return tr("Destination");
    case CounterpartColumn:
        return tr("Counterpart");
    case PeriodColumn:
        return tr("Billed period");
    case CommittedColumn:
        return tr("Committed");
    case P95Column:
        return tr("95th pct");
    case PriceColumn:
        return tr("Price /Mbps/mo");
    case AmountColumn:
        return tr("Amount");
    case OverageColumn:
        return tr("Overage");
    case CreditsColumn:
        return tr("Credits");
    case TotalColumn:
        return tr("Total");
    default:
        return {};
    }
}

void StatementModel::setStatement(const proto::Statement &statement)
{
    beginResetModel();
    m_statement = statement;
    m_loaded = true;
    endResetModel();
    emit statementChanged();
}

void StatementModel::clear()
{
    beginResetModel();
    m_statement = {};
    m_loaded = false;
    endResetModel();
    emit statementChanged();
}

Money StatementModel::totalAmount() const
{
    Money sum{};
    for (const proto::StatementLine &line : m_statement.lines)
        sum += line.amount;
    return sum;
}

Money StatementModel::totalOverage() const
{
    Money sum{};
    for (const proto::StatementLine &line : m_statement.lines)
        sum += line.overage;
    return sum;
}

Money StatementModel::totalCredits() const
{
    Money sum{};
    for (const proto::StatementLine &line : m_statement.lines)
        sum += line.credits;
    return sum;
}

QString StatementModel::totalsText() const
{
    if (!m_loaded)
        return {};
    return tr("Lines %1 · Amount %2 · Overage %3 · Credits %4 — Payable %5 · Receivable %6 · "
              "Net %7")
        .arg(QString::number(rowCount()), format::money(totalAmount()),
             format::money(totalOverage()), format::money(totalCredits()),
             format::money(m_statement.totalPayable), format::money(m_statement.totalReceivable),
             format::money(m_statement.net));
}

} // namespace bwx::terminal::settlement
