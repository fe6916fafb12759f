#include "access/views/decisionsmodel.h"

#include <QBrush>
#include <QColor>

namespace bwx::access {

namespace {

QString qs(const std::string &text)
{
    return QString::fromStdString(text);
}

QString qs(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

} // namespace

DecisionsModel::DecisionsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void DecisionsModel::addDecision(const Decision &decision, bool dryRun)
{
    if (static_cast<int>(m_rows.size()) >= kMaxRows) {
        beginRemoveRows({}, 0, 0);
        m_rows.pop_front();
        endRemoveRows();
    }
    const int row = static_cast<int>(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.push_back({decision, dryRun});
    endInsertRows();
}

void DecisionsModel::clear()
{
    if (m_rows.empty())
        return;
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

int DecisionsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int DecisionsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString DecisionsModel::outcomeText(access::Outcome outcome)
{
    switch (outcome) {
    case access::Outcome::Covered:
        return tr("Covered");
    case access::Outcome::Finished:
        return tr("Finished");
    case access::Outcome::Take:
        return tr("Take");
    case access::Outcome::BuyOrder:
        return tr("Buy order");
    case access::Outcome::Wait:
        return tr("Wait");
    case access::Outcome::NeedsCandidates:
        return tr("Asking");
    case access::Outcome::Blocked:
        return tr("Blocked");
    case access::Outcome::Pending:
        return tr("Pending");
    }
    return {};
}

QString DecisionsModel::actionsText(const Decision &d, bool dryRun)
{
    QStringList parts;
    for (std::size_t i = 0; i < d.actions.size(); ++i) {
        const Action &a = d.actions[i];
        QString text = a.kind == Action::Kind::Take
                           ? tr("take %1, %2").arg(a.sellOrderId.value()).arg(qs(formatBandwidth(a.capacity)))
                           : tr("buy order, %1 at up to %2")
                                 .arg(qs(formatBandwidth(a.capacity)), qs(formatPrice(a.params.price)));
        if (i < d.results.size()) {
            const ActionResult &r = d.results[i];
            if (!r.sent)
                text += tr(": not sent (%1)").arg(qs(r.notSentBecause));
            else if (r.order)
                text += tr(": order %1 %2, filled %3")
                            .arg(r.order->orderId.value())
                            .arg(qs(toString(r.order->status)), qs(formatBandwidth(r.order->filled)));
            else if (r.code != proto::ResultCode::Ok)
                text += tr(": refused (%1: %2)").arg(qs(proto::name(r.code)), qs(r.message));
            else if (!r.message.empty())
                text += QStringLiteral(": ") + qs(r.message);
        } else if (dryRun) {
            text += tr(": not sent (dry run)");
        }
        parts << text;
    }
    for (const TradeCancel &c : d.cancels) {
        QString text = tr("cancel trade %1").arg(c.tradeId.value());
        if (!c.sent)
            text += tr(": not sent (%1)").arg(qs(c.notSentBecause));
        else if (c.code != proto::ResultCode::Ok)
            text += tr(": refused (%1: %2)").arg(qs(proto::name(c.code)), qs(c.message));
        else
            text += QStringLiteral(": ") + qs(c.message);
        parts << text;
    }
    return parts.join(QStringLiteral("; "));
}

QVariant DecisionsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Row &row = m_rows[static_cast<std::size_t>(index.row())];
    const Decision &d = row.decision;
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case Time:
            return qs(formatTimestamp(d.time));
        case Group:
            return qs(d.group);
        case Need:
            return qs(d.need);
        case Outcome: {
            QString text = outcomeText(d.outcome);
            if (!d.blockers.empty())
                text += QStringLiteral(" (%1)").arg(qs(toString(d.blockers.front())));
            return text;
        }
        case Summary:
            return qs(d.summary);
        case Actions:
            return actionsText(d, row.dryRun);
        case Mode:
            return row.dryRun ? tr("dry run") : tr("live");
        default:
            return {};
        }
    }
    if (role == Qt::ForegroundRole && index.column() == Outcome) {
        switch (d.outcome) {
        case access::Outcome::Blocked:
            return QBrush(QColor(0xc6, 0x28, 0x28));
        case access::Outcome::Take:
        case access::Outcome::BuyOrder:
            return QBrush(QColor(0x1b, 0x5e, 0x20));
        default:
            return {};
        }
    }
    return {};
}

QVariant DecisionsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time:
        return tr("Time (UTC)");
    case Group:
        return tr("Group");
    case Need:
        return tr("Need");
    case Outcome:
        return tr("Outcome");
    case Summary:
        return tr("Decision");
    case Actions:
        return tr("Sent / answer");
    case Mode:
        return tr("Mode");
    default:
        return {};
    }
}

} // namespace bwx::access
