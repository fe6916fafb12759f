// SessionsModel and RoutesModel under QAbstractItemModelTester: a member's BGP sessions with
// state, time in state and prefix counters; its routes with class, validation reason and
// whether they may be sold.
#include "routing/routesmodel.h"
#include "routing/sessionsmodel.h"
#include "support/marketbuilders.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace bwx;
using namespace bwx::terminal;
using namespace bwx::terminal::test;

namespace {

proto::BgpSessionView session(const char *peer,
                              proto::BgpState state,
                              const char *since,
                              std::uint32_t received,
                              std::uint32_t accepted,
                              std::uint32_t rejected,
                              const char *lastError = "")
{
    proto::BgpSessionView s;
    s.member = MemberId(1);
    s.peerAddress = peer;
    s.peerAsn = 64510;
    s.state = state;
    s.stateSince = at(since);
    s.prefixesReceived = received;
    s.prefixesAccepted = accepted;
    s.prefixesRejected = rejected;
    s.lastError = lastError;
    return s;
}

proto::RouteView route(const char *prefix,
                       RouteClass cls,
                       bool valid,
                       bool sellable,
                       const char *reason = "",
                       std::vector<std::uint32_t> path = {64510, 64496})
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
    r.reasonCode = valid ? 0 : 3;
    r.rpki = valid ? proto::ValidationState::Valid : proto::ValidationState::Invalid;
    r.irr = proto::ValidationState::NotFound;
    r.sellable = sellable ? 1 : 0;
    return r;
}

using Sessions = std::vector<proto::BgpSessionView>;
using Routes = std::vector<proto::RouteView>;

QStringList render(const QAbstractItemModel &model)
{
    QStringList rows;
    for (int r = 0; r < model.rowCount(); ++r) {
        QStringList cells;
        for (int c = 0; c < model.columnCount(); ++c)
            cells.append(model.index(r, c).data().toString());
        rows.append(cells.join(QLatin1String(" | ")));
    }
    return rows;
}

} // namespace

Q_DECLARE_METATYPE(Sessions)
Q_DECLARE_METATYPE(Routes)

class tst_RoutingModels : public QObject
{
    Q_OBJECT

private slots:
    void sessions_data();
    void sessions();
    void routes_data();
    void routes();
};

void tst_RoutingModels::sessions_data()
{
    QTest::addColumn<Sessions>("sessions");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<int>("established");

    const auto up = proto::BgpState::Established;
    QTest::newRow("no sessions") << Sessions{} << QStringList{} << 0;
    QTest::newRow("established: uptime, counters")
        << Sessions{session("192.0.2.10", up, "2026-11-25T08:00:00Z", 120, 118, 2)}
        << QStringList{"192.0.2.10 | AS64510 | Established | 1d 02:00:00 | 120 | 118 | 2 | "} << 1;
    QTest::newRow("down with an error, sorted by router")
        << Sessions{session("2001:db8::10", up, "2026-11-26T09:59:30Z", 4, 4, 0),
                    session("192.0.2.10", proto::BgpState::Active, "2026-11-26T09:15:00Z", 0, 0, 0,
                            "hold timer expired")}
        << QStringList{"192.0.2.10 | AS64510 | Active | 00:45:00 | 0 | 0 | 0 | hold timer expired",
                       "2001:db8::10 | AS64510 | Established | 00:00:30 | 4 | 4 | 0 | "}
        << 1;
}

void tst_RoutingModels::sessions()
{
    QFETCH(Sessions, sessions);
    QFETCH(QStringList, expected);
    QFETCH(int, established);

    SessionsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSessions(sessions, at("2026-11-26T10:00:00Z"));
    QCOMPARE(render(model), expected);
    QCOMPARE(model.establishedCount(), established);
    for (int r = 0; r < model.rowCount(); ++r)
        QCOMPARE(model.index(r, 0).data(SessionsModel::EstablishedRole).toBool(),
                 model.sessionAt(r)->state == proto::BgpState::Established);
}

void tst_RoutingModels::routes_data()
{
    QTest::addColumn<Routes>("routes");
    QTest::addColumn<bool>("truncated");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<int>("rejected");
    QTest::addColumn<int>("sellable");

    QTest::newRow("no routes") << Routes{} << false << QStringList{} << 0 << 0;
    QTest::newRow("sellable customer, unsold peer, rejected too specific; sorted by prefix")
        << Routes{route("203.0.113.0/25", RouteClass::Customer, false, false,
                        "too specific: IPv4 longer than /24"),
                  route("198.51.100.0/24", RouteClass::Peer, true, false),
                  route("203.0.113.0/24", RouteClass::Customer, true, true)}
        << true
        << QStringList{"198.51.100.0/24 | peer | accepted | no |  | 64510 64496 | 192.0.2.10 | "
                       "valid | "
                       "not found | 192.0.2.10",
                       "203.0.113.0/24 | customer | accepted | yes |  | 64510 64496 | 192.0.2.10 | "
                       "valid | "
                       "not found | 192.0.2.10",
                       "203.0.113.0/25 | customer | rejected | no | too specific: IPv4 longer than "
                       "/24 | "
                       "64510 64496 | 192.0.2.10 | invalid | not found | 192.0.2.10"}
        << 1 << 1;
}

void tst_RoutingModels::routes()
{
    QFETCH(Routes, routes);
    QFETCH(bool, truncated);
    QFETCH(QStringList, expected);
    QFETCH(int, rejected);
    QFETCH(int, sellable);

    RoutesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRoutes(routes, truncated);
    QCOMPARE(render(model), expected);
    QCOMPARE(model.isTruncated(), truncated);
    QCOMPARE(model.rejectedCount(), rejected);
    QCOMPARE(model.sellableCount(), sellable);
    for (int r = 0; r < model.rowCount(); ++r) {
        QCOMPARE(model.index(r, 0).data(RoutesModel::ValidRole).toBool(),
                 model.routeAt(r)->valid != 0);
        QCOMPARE(model.index(r, 0).data(RoutesModel::SellableRole).toBool(),
                 model.routeAt(r)->sellable != 0);
        if (model.routeAt(r)->valid == 0)
            QCOMPARE(model.index(r, RoutesModel::ReasonColumn).data(Qt::ToolTipRole).toString(),
                     QString::fromStdString(model.routeAt(r)->reason));
    }
}

QTEST_MAIN(tst_RoutingModels)
#include "tst_routingmodels.moc"
