// RoutingView over the real client and TLS against the stand-in exchange: after login it asks
// for the member's sessions and routes, shows the answers with a summary, asks again for the
// rejected routes only when the box is ticked, and reports a refused query.
#include "client/exchangeclient.h"
#include "routing/routesmodel.h"
#include "routing/routingview.h"
#include "routing/sessionsmodel.h"
#include "support/fakeexchange.h"
#include "support/marketbuilders.h"

#include <QCheckBox>
#include <QDir>
#include <QLabel>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace bwx;
using namespace bwx::terminal;
using namespace bwx::terminal::test;

namespace {

constexpr int kWaitMs = 10'000;

proto::RouteView route(const char *prefix,
                       RouteClass cls,
                       bool valid,
                       bool sellable,
                       const char *reason,
                       std::vector<std::uint32_t> path)
{
    proto::RouteView r;
    r.member = MemberId(1);
    r.peerAddress = "192.0.2.10";
    r.prefix = pfx(prefix);
    r.nextHop = "192.0.2.10";
    r.asPath = std::move(path);
    r.routeClass = cls;
    r.valid = valid ? 1 : 0;
    r.reason = reason;
    r.rpki = valid ? proto::ValidationState::Valid : proto::ValidationState::Invalid;
    r.irr = valid ? proto::ValidationState::Valid : proto::ValidationState::NotFound;
    r.sellable = sellable ? 1 : 0;
    return r;
}

// The request id of the last message of `type` the exchange received, 0 if none.
std::uint32_t lastRequest(const FakeExchange &exchange, proto::MessageType type)
{
    std::uint32_t id = 0;
    for (const auto &r : exchange.received())
        if (proto::typeOf(r.message) == type)
            id = r.requestId;
    return id;
}

} // namespace

class tst_RoutingView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void showsSessionsAndRoutes();

private:
    QTemporaryDir m_dir;
    TestPki m_pki;
};

void tst_RoutingView::initTestCase()
{
    QString error;
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_pki.create(m_dir.path(), &error), qPrintable(error));
}

void tst_RoutingView::showsSessionsAndRoutes()
{
    FakeExchange exchange(m_pki);
    QString error;
    QVERIFY2(exchange.listen(&error), qPrintable(error));
    exchange.helloAck.serverTime = at("2026-11-26T10:00:00Z");

    ExchangeClient client;
    RoutingView view(&client);
    view.resize(1100, 420);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY2(view.statusText().startsWith(QLatin1String("Not connected")) || !view.isWaiting(),
             qPrintable(view.statusText()));

    ConnectionProfile profile;
    profile.host = QStringLiteral("127.0.0.1");
    profile.port = exchange.port();
    profile.certificateFile = m_pki.clientCert;
    profile.keyFile = m_pki.clientKey;
    profile.caFile = m_pki.caCert;
    client.connectToServer(profile);

    // Login makes the view ask for both lists.
    QTRY_VERIFY_WITH_TIMEOUT(lastRequest(exchange, proto::MessageType::QueryRoutes) != 0, kWaitMs);
    QVERIFY(lastRequest(exchange, proto::MessageType::QuerySessions) != 0);
    QVERIFY(view.isWaiting());
    for (const auto &r : exchange.received())
        if (const auto *q = std::get_if<proto::QueryRoutes>(&r.message)) {
            QCOMPARE(q->member, MemberId{}); // the caller's own
            QCOMPARE(int(q->rejectedOnly), 0);
            QCOMPARE(q->within.length(), 0);
        }

    proto::SessionList sessions;
    proto::BgpSessionView up;
    up.peerAddress = "192.0.2.10";
    up.peerAsn = 64510;
    up.state = proto::BgpState::Established;
    up.stateSince = at("2026-11-24T07:30:00Z");
    up.prefixesReceived = 4;
    up.prefixesAccepted = 3;
    up.prefixesRejected = 1;
    proto::BgpSessionView down = up;
    down.peerAddress = "2001:db8::10";
    down.state = proto::BgpState::Active;
    down.stateSince = at("2026-11-26T09:58:00Z");
    down.prefixesReceived = down.prefixesAccepted = down.prefixesRejected = 0;
    down.lastError = "hold timer expired";
    sessions.sessions = {up, down};
    proto::RouteList routes;
    routes.routes = {
        route("203.0.113.0/24", RouteClass::Customer, true, true, "", {64510}),
        route("198.51.100.0/24", RouteClass::Customer, true, true, "", {64510, 64496}),
        route("192.0.2.128/25", RouteClass::Peer, true, false, "", {64510, 64499}),
        route("203.0.113.0/25", RouteClass::Customer, false, false,
              "too specific: IPv4 longer than /24", {64510}),
    };
    QSignalSpy refreshed(&view, &RoutingView::refreshed);
    exchange.sendToAll(sessions, lastRequest(exchange, proto::MessageType::QuerySessions));
    exchange.sendToAll(routes, lastRequest(exchange, proto::MessageType::QueryRoutes));
    QTRY_VERIFY_WITH_TIMEOUT(!view.isWaiting(), kWaitMs);
    QCOMPARE(refreshed.size(), 1);
    QCOMPARE(view.sessions()->rowCount(), 2);
    QCOMPARE(view.routes()->rowCount(), 4);
    QCOMPARE(
        view.statusText(),
        QStringLiteral("1 of 2 BGP session(s) established; 4 route(s), 2 sellable, 1 rejected"));

    const QString shots = QCoreApplication::applicationDirPath() + QStringLiteral("/screenshots");
    QDir().mkpath(shots);
    QVERIFY(view.grab().save(shots + QStringLiteral("/terminal-routing.png")));

    // Rejected only: a new query with the flag.
    view.rejectedOnlyBox()->setChecked(true);
    QTRY_VERIFY_WITH_TIMEOUT(view.isWaiting(), kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (const auto &r : exchange.received())
                if (const auto *q = std::get_if<proto::QueryRoutes>(&r.message))
                    if (q->rejectedOnly == 1)
                        return true;
            return false;
        }(),
        kWaitMs);

    // A refused query is reported and ends the wait.
    exchange.sendToAll(proto::Result{proto::ResultCode::Forbidden, "not yours"},
                       lastRequest(exchange, proto::MessageType::QueryRoutes));
    exchange.sendToAll(sessions, lastRequest(exchange, proto::MessageType::QuerySessions));
    QTRY_VERIFY_WITH_TIMEOUT(!view.isWaiting(), kWaitMs);
    QCOMPARE(view.statusText(), QStringLiteral("The exchange refused the query: not yours"));
    QCOMPARE(client.lastError(), QStringLiteral("not yours"));

    // An exchange without a route server says so, not in the colour of an error, and the
    // connection's last error is not overwritten by it.
    QSignalSpy errors(&client, &ExchangeClient::errorOccurred);
    const std::uint32_t routesBefore = lastRequest(exchange, proto::MessageType::QueryRoutes);
    const std::uint32_t sessionsBefore = lastRequest(exchange, proto::MessageType::QuerySessions);
    view.refresh();
    QVERIFY(view.isWaiting());
    const proto::Result unavailable{proto::ResultCode::ServiceUnavailable,
                                    "query_routes is not available on this exchange"};
    QTRY_VERIFY_WITH_TIMEOUT(
        lastRequest(exchange, proto::MessageType::QueryRoutes) != routesBefore
            && lastRequest(exchange, proto::MessageType::QuerySessions) != sessionsBefore,
        kWaitMs);
    exchange.sendToAll(unavailable, lastRequest(exchange, proto::MessageType::QueryRoutes));
    exchange.sendToAll(unavailable, lastRequest(exchange, proto::MessageType::QuerySessions));
    QTRY_VERIFY_WITH_TIMEOUT(!view.isWaiting(), kWaitMs);
    QCOMPARE(view.statusText(),
             QStringLiteral("This exchange does not run a route server: there are no BGP "
                            "sessions or routes to show."));
    QVERIFY(view.findChild<QLabel *>(QStringLiteral("routingStatus"))->styleSheet().isEmpty());
    QCOMPARE(errors.size(), 0);
    QCOMPARE(client.lastError(), QStringLiteral("not yours"));
    client.disconnectFromServer();
}

QTEST_MAIN(tst_RoutingView)
#include "tst_routingview.moc"
