// Route classes from large communities: EXCHANGE_ASN:1:1 customer, :1:2 peer, :1:3 transit,
// the member's default without one, a rejection for unknown values and conflicts.
#include "registry_fixture.h"

#include <QTest>

using namespace bwx;
using namespace bwx::registry;
using namespace bwx::registry::test;

class TestClassCommunities : public QObject
{
    Q_OBJECT

private slots:
    void classes_data();
    void classes();
    void exchangeAsnIsConfigurable();
    void classChangeIsNotified();
};

void TestClassCommunities::classes_data()
{
    QTest::addColumn<int>("member");
    QTest::addColumn<QString>("communities");
    QTest::addColumn<int>("routeClass"); // 0: none
    QTest::addColumn<int>("reason");

    const int customer = int(RouteClass::Customer);
    const int peer = int(RouteClass::Peer);
    const int transit = int(RouteClass::Transit);
    const int ok = int(Reason::None);
    const int alphaId = int(kAlpha.value());
    const int bravoId = int(kBravo.value());

    QTest::newRow("no community: alpha's default customer") << alphaId << "" << customer << ok;
    QTest::newRow("no community: bravo's default transit") << bravoId << "" << transit << ok;
    QTest::newRow(":1:1 customer") << bravoId << "64496:1:1" << customer << ok;
    QTest::newRow(":1:2 peer") << alphaId << "64496:1:2" << peer << ok;
    QTest::newRow(":1:3 transit") << alphaId << "64496:1:3" << transit << ok;
    QTest::newRow("same class twice") << alphaId << "64496:1:3 64496:1:3" << transit << ok;
    QTest::newRow("among other communities")
        << alphaId << "64500:100:1 64496:1:2 64496:7:7" << peer << ok;
    QTest::newRow("another AS's :1:3 is ignored") << alphaId << "64500:1:3" << customer << ok;
    QTest::newRow("another exchange function is ignored")
        << alphaId << "64496:2:3" << customer << ok;
    QTest::newRow("customer and peer conflict")
        << alphaId << "64496:1:1 64496:1:2" << 0 << int(Reason::ConflictingClassCommunities);
    QTest::newRow("peer, peer, transit conflict") << alphaId << "64496:1:2 64496:1:2 64496:1:3" << 0
                                                  << int(Reason::ConflictingClassCommunities);
    QTest::newRow("class 0 unknown")
        << alphaId << "64496:1:0" << 0 << int(Reason::UnknownClassCommunity);
    QTest::newRow("class 4 unknown")
        << alphaId << "64496:1:4" << 0 << int(Reason::UnknownClassCommunity);
    QTest::newRow("unknown next to a valid one")
        << alphaId << "64496:1:1 64496:1:4294967295" << 0 << int(Reason::UnknownClassCommunity);
}

void TestClassCommunities::classes()
{
    QFETCH(int, member);
    QFETCH(QString, communities);
    QFETCH(int, routeClass);
    QFETCH(int, reason);

    Registry registry(labConfig());
    addMembers(registry);
    const MemberId id{std::uint32_t(member)};
    const bool isAlpha = id == kAlpha;
    const net::Address router = isAlpha ? addr("192.0.2.1") : addr("192.0.2.2");
    const RouteInput route
        = makeRoute("203.0.113.0/24", isAlpha ? "64500" : "64510",
                    isAlpha ? "192.0.2.1" : "192.0.2.2", communities.toStdString());
    registry.loadVrps(vrps("203.0.113.0/24-24 AS64500; 203.0.113.0/24-24 AS64510"));
    const auto result = registry.announce(id, router, route);
    QVERIFY(result.hasValue());
    QCOMPARE(nameOf(result->reason), nameOf(Reason(reason)));
    QCOMPARE(result->routeClass ? int(*result->routeClass) : 0, routeClass);

    const auto view = registry.route(id, router, route.prefix);
    QVERIFY(view.has_value());
    QCOMPARE(view->routeClass ? int(*view->routeClass) : 0, routeClass);
    // The communities are kept as received (the arbiter re-announces them).
    QCOMPARE(view->largeCommunities, route.largeCommunities);

    RouteFilter filter;
    if (routeClass != 0) {
        filter.routeClass = RouteClass(routeClass);
        QCOMPARE(registry.routes(id, filter).size(), std::size_t(1));
        const Destination destination
            = Destination::ofClass(RouteClass(routeClass), net::Family::V4);
        QCOMPARE(registry.canDeliver(id, destination), reason == int(Reason::None));
    }
    QCOMPARE(QString::fromStdString(registry.checkInvariants()), QString());
}

void TestClassCommunities::exchangeAsnIsConfigurable()
{
    RegistryConfig config = labConfig();
    config.exchangeAsn = 4200000123u; // a 32-bit ASN: the reason large communities are used
    Registry registry(config);
    addMembers(registry);
    const auto peerRoute = makeRoute("203.0.113.0/24", "64500", "192.0.2.1", "4200000123:1:2");
    QCOMPARE(registry.announce(kAlpha, addr("192.0.2.1"), peerRoute)->routeClass,
             std::optional(RouteClass::Peer));
    // The old exchange ASN's communities no longer mean anything.
    const auto oldRoute = makeRoute("198.51.100.0/24", "64500", "192.0.2.1", "64496:1:3");
    QCOMPARE(registry.announce(kAlpha, addr("192.0.2.1"), oldRoute)->routeClass,
             std::optional(RouteClass::Customer));

    // Changing the exchange ASN reclassifies routes already held.
    config.exchangeAsn = 64496;
    const auto report = registry.setConfig(config);
    QVERIFY(report.hasValue());
    QCOMPARE(report->changes.size(), std::size_t(2));
    QCOMPARE(registry.route(kAlpha, addr("192.0.2.1"), pfx("203.0.113.0/24"))->routeClass,
             std::optional(RouteClass::Customer));
    QCOMPARE(registry.route(kAlpha, addr("192.0.2.1"), pfx("198.51.100.0/24"))->routeClass,
             std::optional(RouteClass::Transit));
}

void TestClassCommunities::classChangeIsNotified()
{
    Registry registry(labConfig());
    addMembers(registry);
    RecordingListener listener;
    registry.setListener(&listener);
    const net::Address router = addr("192.0.2.1");
    QVERIFY(registry.announce(kAlpha, router,
                              makeRoute("203.0.113.0/24", "64500", "192.0.2.1", "64496:1:1")));
    QVERIFY(registry.announce(kAlpha, router,
                              makeRoute("203.0.113.0/24", "64500", "192.0.2.1", "64496:1:3")));
    QCOMPARE(listener.changes.size(), std::size_t(2));
    const RouteChange &change = listener.changes.back();
    QCOMPARE(change.classBefore, std::optional(RouteClass::Customer));
    QCOMPARE(change.classAfter, std::optional(RouteClass::Transit));
    QVERIFY(change.attributesChanged);
    QVERIFY(!change.becameValid() && !change.stoppedBeingValid());
}

QTEST_APPLESS_MAIN(TestClassCommunities)
#include "tst_class_communities.moc"
