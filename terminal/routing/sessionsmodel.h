#pragma once
// The member's own BGP sessions with the route server: state, how long it has been in it, and
// the prefixes received, accepted and rejected.
#include <QAbstractTableModel>
#include <bwx/proto/messages.h>
#include <vector>

namespace bwx::terminal {

class SessionsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        PeerColumn,
        AsnColumn,
        StateColumn,
        SinceColumn,
        ReceivedColumn,
        AcceptedColumn,
        RejectedColumn,
        LastErrorColumn,
        ColumnCount
    };
    enum Role { EstablishedRole = Qt::UserRole + 1 };

    explicit SessionsModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant
    headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // `asOf` is the exchange's time of the answer: durations are measured to it.
    void setSessions(std::vector<bwx::proto::BgpSessionView> sessions, bwx::Timestamp asOf);
    const bwx::proto::BgpSessionView *sessionAt(int row) const;
    int establishedCount() const;

private:
    QVariant display(const bwx::proto::BgpSessionView &s, int column) const;

    std::vector<bwx::proto::BgpSessionView> m_sessions;
    bwx::Timestamp m_asOf{};
};

} // namespace bwx::terminal
