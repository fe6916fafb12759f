// The arbiter's export rules, one scenario per row: which routes each member's router holds
// after trades and route changes, with which attributes and trade communities.
#include "arbiter_fakes.h"

#include <QStringList>
#include <QTest>

#include <algorithm>

using namespace bwx;
using namespace bwx::arbiter;
using namespace bwx::arbiter::test;
using State = proto::TradeState;
using ExportRole = proto::ExportRole;

namespace {

constexpr std::uint32_t kExchange = 64496;
const MemberId kBuyer{1};
const MemberId kSeller{2};
const MemberId kSeller2{3};

RouteClass classOf(const QString &name)
{
    if (name == "peer")
        return RouteClass::Peer;
    if (name == "transit")
        return RouteClass::Transit;
    return RouteClass::Customer;
}

// The routes of a member from "prefix class [origin]" strings; the path is the member's AS,
// then the origin when it differs.
void addRoutes(FakeRoutes &routes, MemberId member, bgp::Asn asn, const char *nextHop,
               const QStringList &list)
{
    for (const QString &entry : list) {
        const QStringList parts = entry.split(' ');
        std::vector<bgp::Asn> path{asn};
        if (parts.size() > 2 && parts[2].toUInt() != asn)
            path.push_back(parts[2].toUInt());
        routes.set(member, pfx(parts[0].toLatin1().constData()),
                   {attrs(path, nextHop), classOf(parts.value(1))});
    }
}

// "prefix<-source" for each route the member's router holds, the source recognised by its
// AS path and next hop (the seller's routes all have distinct first hops in these tests).
QStringList ribOf(const FakeSink &sink, MemberId receiver)
{
    QStringList out;
    for (const auto &[prefix, a] : sink.rib(receiver))
        out << QString::fromStdString(prefix.toString() + " " + a->asPath.toString() + " via "
                                      + a->nextHop->toString());
    return out;
}

bool hasCommunity(const bgp::AttributesRef &a, std::uint32_t local1, std::uint32_t local2)
{
    for (const auto &c : a->largeCommunities)
        if (c.global == kExchange && c.local1 == local1 && c.local2 == local2)
            return true;
    return false;
}

struct World
{
    FakeRoutes routes;
    FakeSink sink;
    Arbiter arbiter{ArbiterConfig{kExchange}, routes, sink};

    World() { sink.readFrom(arbiter); }

    void routeChanged(MemberId member, const char *prefix)
    {
        arbiter.routeChanged(member, pfx(prefix));
    }
    QString check() const { return QString::fromStdString(arbiter.checkInvariants()); }
};

} // namespace

class TestArbiter : public QObject
{
    Q_OBJECT

private slots:
    void prefixTrade_data();
    void prefixTrade();
    void transparency();
    void buyerPrefixesToSeller();
    void lifecycle_data();
    void lifecycle();
    void routeChanges();
    void classAndOriginTrades_data();
    void classAndOriginTrades();
    void competingTrades();
    void sameRouteTwoTrades();
    void exportRecords();
    void sellDestinationLimits();
    void manyPrefixTradesFromOneSeller();
};

void TestArbiter::prefixTrade_data()
{
    QTest::addColumn<QStringList>("sellerRoutes");
    QTest::addColumn<QString>("traded");
    QTest::addColumn<QStringList>("buyerRib");
    QTest::addColumn<bool>("denied");

    QTest::newRow("the seller's route for exactly the traded prefix")
        << QStringList{"203.0.113.0/24 customer"} << "203.0.113.0/24"
        << QStringList{"203.0.113.0/24 64502 via 198.51.100.2"} << false;
    QTest::newRow("a covering route carries the traded prefix itself")
        << QStringList{"203.0.0.0/16 customer 64510"} << "203.0.113.0/24"
        << QStringList{"203.0.113.0/24 64502 64510 via 198.51.100.2"} << false;
    QTest::newRow("more specifics inside the traded prefix go too")
        << QStringList{"203.0.0.0/16 customer 64510", "203.0.113.128/25 customer 64511"}
        << "203.0.113.0/24"
        << QStringList{"203.0.113.0/24 64502 64510 via 198.51.100.2",
                       "203.0.113.128/25 64502 64511 via 198.51.100.2"}
        << false;
    QTest::newRow("the most specific covering route wins")
        << QStringList{"203.0.0.0/16 customer 64510", "203.0.112.0/23 customer 64511"}
        << "203.0.113.0/24" << QStringList{"203.0.113.0/24 64502 64511 via 198.51.100.2"}
        << false;
    QTest::newRow("routes outside the traded prefix stay home")
        << QStringList{"203.0.113.0/24 customer", "198.18.0.0/15 customer"} << "203.0.113.0/24"
        << QStringList{"203.0.113.0/24 64502 via 198.51.100.2"} << false;
    QTest::newRow("nothing without a covering route")
        << QStringList{"198.18.0.0/15 customer"} << "203.0.113.0/24" << QStringList{} << false;
    QTest::newRow("nothing the seller's policy does not sell to the buyer")
        << QStringList{"203.0.113.0/24 customer"} << "203.0.113.0/24" << QStringList{} << true;
    QTest::newRow("IPv6")
        << QStringList{"2001:db8::/32 customer 64510"} << "2001:db8:1::/48"
        << QStringList{"2001:db8:1::/48 64502 64510 via 198.51.100.2"} << false;
}

void TestArbiter::prefixTrade()
{
    QFETCH(QStringList, sellerRoutes);
    QFETCH(QString, traded);
    QFETCH(QStringList, buyerRib);
    QFETCH(bool, denied);
    World w;
    addRoutes(w.routes, kSeller, 64502, "198.51.100.2", sellerRoutes);
    if (denied)
        w.routes.deny(kSeller, RouteClass::Customer, kBuyer);
    w.arbiter.tradeChanged(trade(7, kBuyer, kSeller,
                                 Destination::ofPrefix(pfx(traded.toLatin1().constData()))));
    w.arbiter.flush();
    QCOMPARE(ribOf(w.sink, kBuyer), buyerRib);
    QCOMPARE(w.check(), QString());
    for (const auto &[prefix, a] : w.sink.rib(kBuyer))
        QVERIFY2(hasCommunity(a, 100, 7), prefix.toString().c_str());
}

void TestArbiter::transparency()
{
    World w;
    // The seller's route as its router sent it: a foreign large community, an RFC 1997
    // community, a MED, and its class signal to the exchange (64496:1:1).
    w.routes.set(kSeller, pfx("203.0.113.0/24"),
                 {attrs({64502, 64510}, "198.51.100.2",
                        {{kExchange, 1, 1}, {64510, 7, 7}}, {(64510u << 16) | 42u}, 50),
                  RouteClass::Customer});
    w.arbiter.tradeChanged(trade(9, kBuyer, kSeller, Destination::ofPrefix(pfx("203.0.113.0/24"))));
    w.arbiter.flush();
    const auto &rib = w.sink.rib(kBuyer);
    QCOMPARE(rib.size(), std::size_t{1});
    const bgp::PathAttributes &a = *rib.begin()->second;
    QCOMPARE(QString::fromStdString(a.asPath.toString()), QString("64502 64510")); // no 64496
    QCOMPARE(QString::fromStdString(a.nextHop->toString()), QString("198.51.100.2"));
    QCOMPARE(a.med, std::optional<std::uint32_t>(50));
    QCOMPARE(a.communities, std::vector<bgp::Community>{(64510u << 16) | 42u});
    const std::vector<bgp::LargeCommunity> expected{{kExchange, 100, 9}, {64510, 7, 7}};
    QCOMPARE(a.largeCommunities, expected);
}

void TestArbiter::buyerPrefixesToSeller()
{
    World w;
    addRoutes(w.routes, kSeller, 64502, "198.51.100.2", {"203.0.113.0/24 customer"});
    addRoutes(w.routes, kBuyer, 64501, "198.51.100.1",
              {"192.0.2.0/24 customer", "198.18.0.0/15 peer 64520", "100.64.0.0/10 transit 64521",
               "2001:db8:1::/48 customer"});
    w.arbiter.tradeChanged(trade(3, kBuyer, kSeller, Destination::ofPrefix(pfx("203.0.113.0/24"))));
    w.arbiter.flush();
    // Only the buyer's own (customer) prefixes of the trade's family.
    QCOMPARE(ribOf(w.sink, kSeller), QStringList{"192.0.2.0/24 64501 via 198.51.100.1"});
    QVERIFY(hasCommunity(w.sink.rib(kSeller).begin()->second, 200, 3));
    // The buyer gets its new customer prefix to the seller as soon as it announces it.
    addRoutes(w.routes, kBuyer, 64501, "198.51.100.1", {"192.0.2.128/25 customer"});
    w.routeChanged(kBuyer, "192.0.2.128/25");
    w.arbiter.flush();
    QCOMPARE(ribOf(w.sink, kSeller), (QStringList{"192.0.2.0/24 64501 via 198.51.100.1",
                                                  "192.0.2.128/25 64501 via 198.51.100.1"}));
    QCOMPARE(w.check(), QString());
}

void TestArbiter::lifecycle_data()
{
    QTest::addColumn<QList<int>>("states");
    QTest::addColumn<bool>("exported");
    const int scheduled = int(State::Scheduled), active = int(State::Active),
              ended = int(State::Ended), suspended = int(State::Suspended),
              cancelled = int(State::Cancelled);
    QTest::newRow("scheduled exports nothing yet") << QList<int>{scheduled} << false;
    QTest::newRow("scheduled, then active") << QList<int>{scheduled, active} << true;
    QTest::newRow("active at execution") << QList<int>{active} << true;
    QTest::newRow("active, then ended") << QList<int>{active, ended} << false;
    QTest::newRow("active, then cancelled") << QList<int>{active, cancelled} << false;
    QTest::newRow("active, then suspended") << QList<int>{active, suspended} << false;
    QTest::newRow("suspended, then active again") << QList<int>{active, suspended, active}
                                                  << true;
    QTest::newRow("cancelled while scheduled") << QList<int>{scheduled, cancelled} << false;
    QTest::newRow("the same state twice") << QList<int>{active, active} << true;
}

void TestArbiter::lifecycle()
{
    QFETCH(QList<int>, states);
    QFETCH(bool, exported);
    World w;
    addRoutes(w.routes, kSeller, 64502, "198.51.100.2", {"203.0.113.0/24 customer"});
    addRoutes(w.routes, kBuyer, 64501, "198.51.100.1", {"192.0.2.0/24 customer"});
    for (const int s : states) {
        w.arbiter.tradeChanged(trade(5, kBuyer, kSeller,
                                     Destination::ofPrefix(pfx("203.0.113.0/24")), State(s)));
        w.arbiter.flush();
        QCOMPARE(w.check(), QString());
    }
    QCOMPARE(w.sink.rib(kBuyer).size(), exported ? std::size_t{1} : std::size_t{0});
    QCOMPARE(w.sink.rib(kSeller).size(), exported ? std::size_t{1} : std::size_t{0});
    QCOMPARE(w.sink.withdrawalsOfUnknown, 0);
    const bool known = states.last() != int(State::Ended) && states.last() != int(State::Cancelled);
    QCOMPARE(w.arbiter.trade(TradeId(5)).has_value(), known);
}

void TestArbiter::routeChanges()
{
    World w;
    w.arbiter.tradeChanged(trade(4, kBuyer, kSeller, Destination::ofPrefix(pfx("203.0.113.0/24"))));
    w.arbiter.flush();
    QVERIFY(w.sink.rib(kBuyer).empty()); // the seller has no route yet

    addRoutes(w.routes, kSeller, 64502, "198.51.100.2", {"203.0.0.0/16 customer 64510"});
    w.routeChanged(kSeller, "203.0.0.0/16");
    w.arbiter.flush();
    QCOMPARE(ribOf(w.sink, kBuyer), QStringList{"203.0.113.0/24 64502 64510 via 198.51.100.2"});

    // A more specific covering route takes over the traded prefix.
    addRoutes(w.routes, kSeller, 64502, "198.51.100.2", {"203.0.113.0/24 customer 64511"});
    w.routeChanged(kSeller, "203.0.113.0/24");
    w.arbiter.flush();
    QCOMPARE(ribOf(w.sink, kBuyer), QStringList{"203.0.113.0/24 64502 64511 via 198.51.100.2"});

    // New attributes on the covering route show; the exact route still wins.
    addRoutes(w.routes, kSeller, 64502, "198.51.100.2", {"203.0.0.0/16 customer 64512"});
    w.routeChanged(kSeller, "203.0.0.0/16");
    w.arbiter.flush();
    QCOMPARE(ribOf(w.sink, kBuyer), QStringList{"203.0.113.0/24 64502 64511 via 198.51.100.2"});

    // The exact route goes: the covering route carries it again.
    w.routes.erase(kSeller, pfx("203.0.113.0/24"));
    w.routeChanged(kSeller, "203.0.113.0/24");
    w.arbiter.flush();
    QCOMPARE(ribOf(w.sink, kBuyer), QStringList{"203.0.113.0/24 64502 64512 via 198.51.100.2"});

    // Everything goes: withdrawn.
    w.routes.erase(kSeller, pfx("203.0.0.0/16"));
    w.routeChanged(kSeller, "203.0.0.0/16");
    w.arbiter.flush();
    QVERIFY(w.sink.rib(kBuyer).empty());
    QCOMPARE(w.sink.withdrawalsOfUnknown, 0);
    QCOMPARE(w.check(), QString());

    // A change of an unrelated route of the seller changes nothing and sends nothing.
    const int calls = w.sink.changeCalls;
    addRoutes(w.routes, kSeller, 64502, "198.51.100.2", {"198.18.0.0/15 customer"});
    w.routeChanged(kSeller, "198.18.0.0/15");
    QVERIFY(!w.arbiter.hasPendingChanges());
    w.arbiter.flush();
    QCOMPARE(w.sink.changeCalls, calls);
}

void TestArbiter::classAndOriginTrades_data()
{
    QTest::addColumn<QString>("destination");
    QTest::addColumn<QStringList>("buyerRib");
    QTest::newRow("the seller's customer routes")
        << "customer"
        << QStringList{"203.0.113.0/24 64502 via 198.51.100.2",
                       "203.0.114.0/24 64502 64510 via 198.51.100.2"};
    QTest::newRow("the seller's peer routes")
        << "peer" << QStringList{"198.18.0.0/15 64502 64520 via 198.51.100.2"};
    QTest::newRow("routes originated by AS64510")
        << "AS64510"
        << QStringList{"203.0.114.0/24 64502 64510 via 198.51.100.2",
                       "203.0.115.0/24 64502 64510 via 198.51.100.2"};
    QTest::newRow("IPv6 customer routes") << "customer/v6"
                                          << QStringList{"2001:db8::/32 64502 via 198.51.100.2"};
}

void TestArbiter::classAndOriginTrades()
{
    QFETCH(QString, destination);
    QFETCH(QStringList, buyerRib);
    World w;
    addRoutes(w.routes, kSeller, 64502, "198.51.100.2",
              {"203.0.113.0/24 customer", "203.0.114.0/24 customer 64510",
               "203.0.115.0/24 transit 64510", "198.18.0.0/15 peer 64520",
               "2001:db8::/32 customer"});
    auto dest = parseDestination(destination.toStdString());
    QVERIFY(dest.hasValue());
    w.arbiter.tradeChanged(trade(11, kBuyer, kSeller, *dest));
    w.arbiter.flush();
    QCOMPARE(ribOf(w.sink, kBuyer), buyerRib);
    QCOMPARE(w.check(), QString());

    // Every route of the seller changes class to peer: class trades follow at once.
    for (const auto &[prefix, r] : std::map(w.routes.all().at(kSeller))) {
        w.routes.set(kSeller, prefix, {r.attributes, RouteClass::Peer});
        w.arbiter.routeChanged(kSeller, prefix);
    }
    w.arbiter.flush();
    QCOMPARE(w.check(), QString());
    if (destination == "peer")
        QCOMPARE(w.sink.rib(kBuyer).size(), std::size_t{4}); // every IPv4 route now
    else if (destination.startsWith("customer"))
        QVERIFY(w.sink.rib(kBuyer).empty());
    else
        QCOMPARE(ribOf(w.sink, kBuyer), buyerRib); // origin trades do not care about class
}

void TestArbiter::competingTrades()
{
    World w;
    addRoutes(w.routes, kSeller, 64502, "198.51.100.2", {"203.0.113.0/24 customer"});
    addRoutes(w.routes, kSeller2, 64503, "198.51.100.3", {"203.0.113.0/24 customer"});
    const auto dest = Destination::ofPrefix(pfx("203.0.113.0/24"));
    w.arbiter.tradeChanged(trade(21, kBuyer, kSeller2, dest));
    w.arbiter.tradeChanged(trade(20, kBuyer, kSeller, dest));
    w.arbiter.flush();
    // One route per prefix on a session: the earlier trade (lower id) decides.
    QCOMPARE(ribOf(w.sink, kBuyer), QStringList{"203.0.113.0/24 64502 via 198.51.100.2"});
    QVERIFY(hasCommunity(w.sink.rib(kBuyer).begin()->second, 100, 20));
    QVERIFY(!hasCommunity(w.sink.rib(kBuyer).begin()->second, 100, 21));
    w.arbiter.tradeChanged(trade(20, kBuyer, kSeller, dest, State::Ended));
    w.arbiter.flush();
    QCOMPARE(ribOf(w.sink, kBuyer), QStringList{"203.0.113.0/24 64503 via 198.51.100.3"});
    QVERIFY(hasCommunity(w.sink.rib(kBuyer).begin()->second, 100, 21));
    QCOMPARE(w.check(), QString());
}

void TestArbiter::sameRouteTwoTrades()
{
    World w;
    addRoutes(w.routes, kSeller, 64502, "198.51.100.2", {"203.0.113.0/24 customer"});
    const auto dest = Destination::ofPrefix(pfx("203.0.113.0/24"));
    w.arbiter.tradeChanged(trade(30, kBuyer, kSeller, dest));
    w.arbiter.tradeChanged(trade(31, kBuyer, kSeller, dest));
    w.arbiter.flush();
    const auto &rib = w.sink.rib(kBuyer);
    QCOMPARE(rib.size(), std::size_t{1});
    QVERIFY(hasCommunity(rib.begin()->second, 100, 30));
    QVERIFY(hasCommunity(rib.begin()->second, 100, 31));
    w.arbiter.tradeChanged(trade(30, kBuyer, kSeller, dest, State::Cancelled));
    w.arbiter.flush();
    QVERIFY(!hasCommunity(w.sink.rib(kBuyer).begin()->second, 100, 30));
    QVERIFY(hasCommunity(w.sink.rib(kBuyer).begin()->second, 100, 31));
    QCOMPARE(w.check(), QString());
}

void TestArbiter::exportRecords()
{
    World w;
    addRoutes(w.routes, kSeller, 64502, "198.51.100.2", {"203.0.0.0/16 customer"});
    addRoutes(w.routes, kBuyer, 64501, "198.51.100.1", {"192.0.2.0/24 customer"});
    w.arbiter.tradeChanged(trade(12, kBuyer, kSeller, Destination::ofPrefix(pfx("203.0.113.0/24"))));
    w.arbiter.flush();
    const auto toBuyer = w.arbiter.exports(kBuyer);
    QCOMPARE(toBuyer.size(), std::size_t{1});
    QVERIFY(toBuyer[0].role == ExportRole::SellerRouteToBuyer);
    QCOMPARE(toBuyer[0].prefix, pfx("203.0.113.0/24"));
    QCOMPARE(toBuyer[0].sourcePrefix, pfx("203.0.0.0/16"));
    QCOMPARE(toBuyer[0].trade, TradeId(12));
    QCOMPARE(toBuyer[0].counterparty, kSeller);
    QVERIFY(*toBuyer[0].attributes == *w.sink.rib(kBuyer).begin()->second);
    const auto toSeller = w.arbiter.exports(kSeller);
    QCOMPARE(toSeller.size(), std::size_t{1});
    QVERIFY(toSeller[0].role == ExportRole::BuyerPrefixToSeller);
    QCOMPARE(toSeller[0].counterparty, kBuyer);
    QCOMPARE(w.arbiter.exportCount(), std::size_t{2});
    QVERIFY(w.arbiter.exportOf(kBuyer, pfx("203.0.113.0/24")).has_value());
    QVERIFY(!w.arbiter.exportOf(kBuyer, pfx("203.0.0.0/16")).has_value());
    QCOMPARE(w.arbiter.receivers(), (std::vector<MemberId>{kBuyer, kSeller}));
}

void TestArbiter::sellDestinationLimits()
{
    World w;
    addRoutes(w.routes, kSeller, 64502, "198.51.100.2",
              {"203.0.113.0/24 customer 64510", "203.0.114.0/24 transit 64510"});
    // The buyer bought "routes of AS64510" from a seller who sold only its customer routes.
    w.arbiter.tradeChanged(trade(40, kBuyer, kSeller, Destination::ofAsn(64510, net::Family::V4),
                                 State::Active,
                                 Destination::ofClass(RouteClass::Customer, net::Family::V4)));
    w.arbiter.flush();
    QCOMPARE(ribOf(w.sink, kBuyer), QStringList{"203.0.113.0/24 64502 64510 via 198.51.100.2"});
    QCOMPARE(w.check(), QString());
}

void TestArbiter::manyPrefixTradesFromOneSeller()
{
    // A buyer of 200 single /24s and of the /16 around them, all from one seller: each /24
    // reaches it once, tagged with its own trade and the /16's, and the /16 route itself once.
    World w;
    QStringList routes{"10.1.0.0/16 customer"};
    for (int i = 0; i < 200; ++i)
        routes << QString("10.1.%1.0/24 customer").arg(i);
    addRoutes(w.routes, kSeller, 64502, "198.51.100.2", routes);
    for (int i = 0; i < 200; ++i)
        w.arbiter.tradeChanged(trade(100 + std::uint64_t(i), kBuyer, kSeller,
                                     Destination::ofPrefix(pfx(("10.1." + std::to_string(i) + ".0/24").c_str()))));
    w.arbiter.tradeChanged(trade(99, kBuyer, kSeller, Destination::ofPrefix(pfx("10.1.0.0/16"))));
    w.arbiter.flush();
    QCOMPARE(w.check(), QString());
    QCOMPARE(w.sink.rib(kBuyer).size(), std::size_t{201});
    QCOMPARE(w.arbiter.outboundCount(bgp::PeerId(0), kBuyer, net::Family::V4), std::size_t{201});
    const auto one = w.arbiter.exportOf(kBuyer, pfx("10.1.77.0/24"));
    QVERIFY(one.has_value());
    std::vector<TradeId> tagged;
    for (const TradeTag &tag : one->trades)
        tagged.push_back(tag.trade);
    std::sort(tagged.begin(), tagged.end());
    QCOMPARE(tagged, (std::vector<TradeId>{TradeId(99), TradeId(177)}));
    QVERIFY(hasCommunity(w.sink.rib(kBuyer).at(pfx("10.1.77.0/24")), 100, 177));
    QVERIFY(hasCommunity(w.sink.rib(kBuyer).at(pfx("10.1.77.0/24")), 100, 99));
    QVERIFY(!hasCommunity(w.sink.rib(kBuyer).at(pfx("10.1.77.0/24")), 100, 178));

    // The /24 trade ends: the route stays for the /16 trade, with only its tag.
    w.arbiter.tradeChanged(trade(177, kBuyer, kSeller, Destination::ofPrefix(pfx("10.1.77.0/24")),
                                 State::Ended));
    w.arbiter.flush();
    QCOMPARE(w.check(), QString());
    QCOMPARE(w.sink.rib(kBuyer).size(), std::size_t{201});
    QVERIFY(!hasCommunity(w.sink.rib(kBuyer).at(pfx("10.1.77.0/24")), 100, 177));
    QVERIFY(hasCommunity(w.sink.rib(kBuyer).at(pfx("10.1.77.0/24")), 100, 99));
    QCOMPARE(w.sink.withdrawalsOfUnknown, 0);
}

QTEST_APPLESS_MAIN(TestArbiter)
#include "tst_arbiter.moc"
