#pragma once
// The routes the member announces to the route server as the registry holds them: class, the
// validation outcome with the reason for a rejected route, RPKI and IRR states, and whether the
// member may sell toward it.
#include <QAbstractTableModel>
#include <bwx/proto/messages.h>
#include <vector>

namespace bwx::terminal {

class RoutesModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        PrefixColumn,
        ClassColumn,
        StatusColumn,
        SellableColumn,
        ReasonColumn,
        AsPathColumn,
        NextHopColumn,
        RpkiColumn,
        IrrColumn,
        RouterColumn,
        ColumnCount
    };
    enum Role { ValidRole = Qt::UserRole + 1, SellableRole };

    explicit RoutesModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant
    headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Rows sorted by prefix, then router. `truncated`: the exchange sent only the first part.
    void setRoutes(std::vector<bwx::proto::RouteView> routes, bool truncated);
    const bwx::proto::RouteView *routeAt(int row) const;
    bool isTruncated() const { return m_truncated; }
    int rejectedCount() const;
    int sellableCount() const;

private:
    QVariant display(const bwx::proto::RouteView &r, int column) const;

    std::vector<bwx::proto::RouteView> m_routes;
    bool m_truncated = false;
};

} // namespace bwx::terminal
