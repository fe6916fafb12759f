#include "routing/routingview.h"

#include "client/exchangeclient.h"
#include "models/colors.h"
#include "routing/routesmodel.h"
#include "routing/sessionsmodel.h"
#include "views/tablesetup.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace bwx::terminal {

namespace {

// Routes of both families: the protocol reads any /0 as "everything".
constexpr auto kEverything = "0.0.0.0/0";
constexpr std::uint32_t kRouteLimit = 10'000;

QTableView *makeTable(QWidget *parent, QAbstractItemModel *model, const char *objectName)
{
    auto *table = new QTableView(parent);
    setUpTable(table, objectName);
    auto *proxy = new QSortFilterProxyModel(table);
    proxy->setSourceModel(model);
    proxy->setSortRole(Qt::EditRole);
    table->setModel(proxy);
    table->setSortingEnabled(true);
    table->sortByColumn(0, Qt::AscendingOrder);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

} // namespace

RoutingView::RoutingView(ExchangeClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_sessions(new SessionsModel(this))
    , m_routes(new RoutesModel(this))
{
    setObjectName(QStringLiteral("routingView"));

    m_refresh = new QPushButton(tr("&Refresh"), this);
    m_refresh->setObjectName(QStringLiteral("routingRefreshButton"));
    m_refresh->setAutoDefault(false);
    m_rejectedOnly = new QCheckBox(tr("Rejected routes only"), this);
    m_rejectedOnly->setObjectName(QStringLiteral("rejectedOnlyBox"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("routingStatus"));
    m_status->setWordWrap(true);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_status, 1);
    bar->addWidget(m_rejectedOnly);
    bar->addWidget(m_refresh);

    m_sessionsTable = makeTable(this, m_sessions, "routingSessionsTable");
    m_sessionsTable->setAccessibleName(tr("BGP sessions"));
    m_routesTable = makeTable(this, m_routes, "routingRoutesTable");
    m_routesTable->setAccessibleName(tr("Announced routes"));

    auto *split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(QStringLiteral("routingSplitter"));
    split->addWidget(m_sessionsTable);
    split->addWidget(m_routesTable);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 3);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(bar);
    layout->addWidget(split, 1);

    connect(m_refresh, &QPushButton::clicked, this, &RoutingView::refresh);
    connect(m_rejectedOnly, &QCheckBox::toggled, this, &RoutingView::refresh);
    connect(m_client, &ExchangeClient::loggedIn, this, &RoutingView::refresh);
    connect(m_client, &ExchangeClient::messageReceived, this, &RoutingView::onMessage);
    connect(m_client, &ExchangeClient::requestFailed, this,
            [this](quint32 requestId, proto::MessageType, proto::ResultCode code,
                   const QString &message) { onFailed(requestId, code, message); });
    updateStatus();
}

QString RoutingView::statusText() const
{
    return m_status->text();
}

void RoutingView::refresh()
{
    m_error.clear();
    m_noRouteServer = false;
    m_sessionsRequest = m_client->sendRequest(proto::QuerySessions{});
    proto::QueryRoutes query;
    query.within = *net::Prefix::parse(kEverything);
    query.rejectedOnly = m_rejectedOnly->isChecked() ? 1 : 0;
    query.limit = kRouteLimit;
    m_routesRequest = m_client->sendRequest(query);
    if (m_sessionsRequest == 0 || m_routesRequest == 0)
        m_error = tr("Not connected: the routing view shows the last answer");
    updateStatus();
}

void RoutingView::onMessage(quint32 requestId, const proto::Message &message)
{
    if (requestId == 0)
        return;
    if (requestId == m_sessionsRequest) {
        if (const auto *list = std::get_if<proto::SessionList>(&message)) {
            m_sessionsRequest = 0;
            m_sessions->setSessions(list->sessions, m_client->serverTimeNow());
            m_sessionsTable->resizeColumnsToContents();
        }
    } else if (requestId == m_routesRequest) {
        if (const auto *list = std::get_if<proto::RouteList>(&message)) {
            m_routesRequest = 0;
            m_routes->setRoutes(list->routes, list->truncated != 0);
            m_routesTable->resizeColumnsToContents();
        }
    } else {
        return;
    }
    updateStatus();
    if (!isWaiting())
        emit refreshed();
}

void RoutingView::onFailed(quint32 requestId, proto::ResultCode code, const QString &message)
{
    if (requestId == 0)
        return;
    if (requestId == m_sessionsRequest)
        m_sessionsRequest = 0;
    else if (requestId == m_routesRequest)
        m_routesRequest = 0;
    else
        return;
    // An exchange without a route server (no [registry] / BGP configured) answers
    // ServiceUnavailable: a fact about the exchange, not a failure of this terminal.
    if (code == proto::ResultCode::ServiceUnavailable)
        m_noRouteServer = true;
    else
        m_error = tr("The exchange refused the query: %1").arg(message);
    updateStatus();
    if (!isWaiting())
        emit refreshed();
}

void RoutingView::updateStatus()
{
    m_refresh->setEnabled(!isWaiting());
    m_status->setStyleSheet(
        m_error.isEmpty() ? QString() : QStringLiteral("color: %1").arg(colors::ask().name()));
    if (!m_error.isEmpty()) {
        m_status->setText(m_error);
        return;
    }
    if (isWaiting()) {
        m_status->setText(tr("Asking the exchange for your sessions and routes…"));
        return;
    }
    if (m_noRouteServer) {
        m_status->setText(tr("This exchange does not run a route server: there are no BGP "
                             "sessions or routes to show."));
        return;
    }
    QString text = tr("%1 of %n BGP session(s) established", nullptr, m_sessions->rowCount())
                       .arg(m_sessions->establishedCount());
    text += QStringLiteral("; ")
            + tr("%n route(s), %1 sellable, %2 rejected", nullptr, m_routes->rowCount())
                  .arg(m_routes->sellableCount())
                  .arg(m_routes->rejectedCount());
    if (m_routes->isTruncated())
        text += QStringLiteral("; ") + tr("only the first %1 shown").arg(kRouteLimit);
    m_status->setText(text);
}

} // namespace bwx::terminal
