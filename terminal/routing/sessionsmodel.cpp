#include "routing/sessionsmodel.h"

#include "models/colors.h"
#include "models/format.h"
#include "models/qualityformat.h"

#include <QBrush>
#include <algorithm>
#include <tuple>

namespace bwx::terminal {

SessionsModel::SessionsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

int SessionsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_sessions.size());
}

int SessionsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SessionsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const proto::BgpSessionView &s = m_sessions[static_cast<std::size_t>(index.row())];
    const bool up = s.state == proto::BgpState::Established;
    switch (role) {
    case Qt::DisplayRole:
        return display(s, index.column());
    case Qt::EditRole:
        switch (index.column()) {
        case AsnColumn:
            return static_cast<qulonglong>(s.peerAsn);
        case StateColumn:
            return static_cast<int>(s.state);
        case SinceColumn:
            return qlonglong(s.stateSince.value());
        case ReceivedColumn:
            return static_cast<qulonglong>(s.prefixesReceived);
        case AcceptedColumn:
            return static_cast<qulonglong>(s.prefixesAccepted);
        case RejectedColumn:
            return static_cast<qulonglong>(s.prefixesRejected);
        default:
            return display(s, index.column());
        }
    case Qt::ForegroundRole:
        if (index.column() == StateColumn)
            return QBrush(up ? colors::side(Side::Buy) : colors::ask());
        if (index.column() == RejectedColumn && s.prefixesRejected > 0)
            return QBrush(colors::warning());
        return {};
    case Qt::ToolTipRole:
        if (index.column() == SinceColumn && s.stateSince.isSet())
            return tr("In %1 since %2 UTC")
                .arg(format::bgpState(s.state), format::dateTime(s.stateSince));
        if (index.column() == LastErrorColumn && !s.lastError.empty())
            return QString::fromStdString(s.lastError);
        return {};
    case Qt::TextAlignmentRole:
        return index.column() == PeerColumn || index.column() == StateColumn
                       || index.column() == LastErrorColumn
                   ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                   : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case EstablishedRole:
        return up;
    default:
        return {};
    }
}

QVariant SessionsModel::display(const proto::BgpSessionView &s, int column) const
{
    switch (column) {
    case PeerColumn:
        return QString::fromStdString(s.peerAddress);
    case AsnColumn:
        return QStringLiteral("AS%1").arg(s.peerAsn);
    case StateColumn:
        return format::bgpState(s.state);
    case SinceColumn:
        if (!s.stateSince.isSet() || !m_asOf.isSet())
            return tr("—");
        return format::duration((m_asOf - s.stateSince).value() / units::kNanosPerSecond);
    case ReceivedColumn:
        return static_cast<qulonglong>(s.prefixesReceived);
    case AcceptedColumn:
        return static_cast<qulonglong>(s.prefixesAccepted);
    case RejectedColumn:
        return static_cast<qulonglong>(s.prefixesRejected);
    case LastErrorColumn:
        return QString::fromStdString(s.lastError);
    default:
        return {};
    }
}

QVariant SessionsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole && section == SinceColumn)
        return tr("How long the session has been in its state: the uptime when established");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case PeerColumn:
        return tr("Router");
    case AsnColumn:
        return tr("ASN");
    case StateColumn:
        return tr("State");
    case SinceColumn:
        return tr("For");
    case ReceivedColumn:
        return tr("Received");
    case AcceptedColumn:
        return tr("Accepted");
    case RejectedColumn:
        return tr("Rejected");
    case LastErrorColumn:
        return tr("Last error");
    default:
        return {};
    }
}

void SessionsModel::setSessions(std::vector<proto::BgpSessionView> sessions, Timestamp asOf)
{
    std::sort(sessions.begin(), sessions.end(),
              [](const proto::BgpSessionView &a, const proto::BgpSessionView &b) {
                  return std::tie(a.peerAddress, a.peerAsn) < std::tie(b.peerAddress, b.peerAsn);
              });
    beginResetModel();
    m_sessions = std::move(sessions);
    m_asOf = asOf;
    endResetModel();
}

const proto::BgpSessionView *SessionsModel::sessionAt(int row) const
{
    if (row < 0 || row >= rowCount())
        return nullptr;
    return &m_sessions[static_cast<std::size_t>(row)];
}

int SessionsModel::establishedCount() const
{
    return static_cast<int>(
        std::count_if(m_sessions.begin(), m_sessions.end(), [](const proto::BgpSessionView &s) {
            return s.state == proto::BgpState::Established;
        }));
}

} // namespace bwx::terminal
