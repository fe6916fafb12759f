#include "access/views/candidatesmodel.h"

#include "access/rulesvalues.h"

#include <QBrush>
#include <QColor>
#include <QFont>

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

CandidatesModel::CandidatesModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void CandidatesModel::setCandidates(const std::vector<CandidateVerdict> &candidates)
{
    beginResetModel();
    m_rows = candidates;
    endResetModel();
}

int CandidatesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int CandidatesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CandidatesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const CandidateVerdict &v = m_rows[static_cast<std::size_t>(index.row())];
    const proto::BookEntry &e = v.candidate.entry;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Order:
            return QString::number(e.orderId.value());
        case Verdict:
            return v.won ? tr("won") : tr("lost");
        case Reason:
            return v.won ? QString() : qs(toString(v.reason));
        case Price:
            return qs(formatPrice(e.price));
        case Available:
            return qs(formatBandwidth(e.remaining));
        case Latency:
            return e.qualityKnown ? qs(formatLatencyUs(e.latencyUs)) : tr("not measured");
        case Loss:
            if (!e.qualityKnown)
                return QString();
            return e.lossPpm == 0 ? QStringLiteral("0%") : qs(formatLossPpm(e.lossPpm));
        case Distance:
            return e.qualityKnown ? QString::number(e.distance) : QString();
        case ExchangeRank:
            return v.candidate.rank == 0 ? tr("not eligible") : QString::number(v.candidate.rank);
        case LocalRank:
            return v.localRank == 0 ? QString() : QString::number(v.localRank);
        case LocalScore:
            return v.localRank == 0 ? QString() : QString::number(v.localScore);
        case Fill:
            return v.fill.isPositive() ? qs(formatBandwidth(v.fill)) : QString();
        case Cost:
            return v.fill.isPositive() ? qs(formatMoney(v.cost)) : QString();
        case Explanation:
            return qs(v.explanation);
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        QString tip = qs(v.explanation);
        if (v.candidate.rank == 0 || !v.candidate.explanation.empty())
            tip += tr("\nThe exchange: %1 %2")
                       .arg(qs(proto::name(v.candidate.reason)), qs(v.candidate.explanation));
        return tip;
    }
    if (role == Qt::FontRole && v.won) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    if (role == Qt::ForegroundRole && index.column() == Verdict)
        return QBrush(v.won ? QColor(0x1b, 0x5e, 0x20) : QColor(0x75, 0x75, 0x75));
    if (role == Qt::TextAlignmentRole && index.column() >= Price && index.column() <= Cost)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant CandidatesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Order:
        return tr("Sell order");
    case Verdict:
        return tr("Verdict");
    case Reason:
        return tr("Reason");
    case Price:
        return tr("Price");
    case Available:
        return tr("Available");
    case Latency:
        return tr("Latency");
    case Loss:
        return tr("Loss");
    case Distance:
        return tr("AS path");
    case ExchangeRank:
        return tr("Exchange rank");
    case LocalRank:
        return tr("Local rank");
    case LocalScore:
        return tr("Local score");
    case Fill:
        return tr("Takes");
    case Cost:
        return tr("Cost");
    case Explanation:
        return tr("Why");
    default:
        return {};
    }
}

} // namespace bwx::access
