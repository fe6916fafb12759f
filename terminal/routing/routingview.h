#pragma once
// The member's own routing as the exchange sees it: its BGP sessions with the route server and
// the routes it announces, which of them it may sell, and why a route was rejected. Asked for
// after every login and on Refresh; a member sees only its own (QuerySessions / QueryRoutes).
#include <QWidget>
#include <bwx/proto/messages.h>

class QCheckBox;
class QLabel;
class QPushButton;
class QTableView;

namespace bwx::terminal {

class ExchangeClient;
class RoutesModel;
class SessionsModel;

class RoutingView : public QWidget
{
    Q_OBJECT

public:
    explicit RoutingView(ExchangeClient *client, QWidget *parent = nullptr);

    SessionsModel *sessions() const { return m_sessions; }
    RoutesModel *routes() const { return m_routes; }
    QTableView *sessionsTable() const { return m_sessionsTable; }
    QTableView *routesTable() const { return m_routesTable; }
    QCheckBox *rejectedOnlyBox() const { return m_rejectedOnly; }
    QString statusText() const;
    bool isWaiting() const { return m_sessionsRequest != 0 || m_routesRequest != 0; }

public slots:
    void refresh();

signals:
    void refreshed();

private:
    void onMessage(quint32 requestId, const bwx::proto::Message &message);
    void onFailed(quint32 requestId, bwx::proto::ResultCode code, const QString &message);
    void updateStatus();

    ExchangeClient *m_client = nullptr;
    SessionsModel *m_sessions = nullptr;
    RoutesModel *m_routes = nullptr;
    QTableView *m_sessionsTable = nullptr;
    QTableView *m_routesTable = nullptr;
    QCheckBox *m_rejectedOnly = nullptr;
    QPushButton *m_refresh = nullptr;
    QLabel *m_status = nullptr;
    QString m_error;
    bool m_noRouteServer = false; // the exchange runs no BGP: nothing to show, not an error
    quint32 m_sessionsRequest = 0;
    quint32 m_routesRequest = 0;
};

} // namespace bwx::terminal
