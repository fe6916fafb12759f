// The market's questions: who can deliver a prefix, an origin ASN or a class, how far away it
// is, and the route listings. Hand-made scenarios first, then every query against a brute-force
// answer computed from the plain route lists on random data.
#include "registry_fixture.h"

#include <QTest>
#include <map>
#include <random>

using namespace bwx;
using namespace bwx::registry;
using namespace bwx::registry::test;

namespace {

void announce(Registry &registry, MemberId member, std::string_view peer, const RouteInput &route)
{
    const auto result = registry.announce(member, addr(peer), route);
    if (!result)
        qFatal("announce: %s", result.error().c_str());
}

QStringList described(const std::vector<Deliverer> &deliverers)
{
    QStringList out;
    for (const Deliverer &d : deliverers)
        out << QStringLiteral("%1 %2 %3 %4")
                   .arg(d.member.value())
                   .arg(QString::fromStdString(d.route.toString()), nameOf(d.routeClass))
                   .arg(d.pathLength);
    return out;
}

} // namespace

class TestRegistryQueries : public QObject
{
    Q_OBJECT

private slots:
    void storedAttributesRoundTrip_data();
    void storedAttributesRoundTrip();
    void deliverersScenario();
    void policyFilters();
    void destinations();
    void distanceAndListings();
    void countersByReason();
    void bruteForceCrossCheck();
};

void TestRegistryQueries::storedAttributesRoundTrip_data()
{
    QTest::addColumn<QString>("peer");
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("nextHop");
    QTest::addColumn<QString>("large");
    QTest::newRow("IPv4 next hop") << "192.0.2.1" << "203.0.113.0/24" << "64500 64502"
                                   << "192.0.2.1" << "";
    QTest::newRow("IPv4 next hop of another router")
        << "192.0.2.1" << "198.51.100.0/24" << "64500" << "192.0.2.77" << "64496:1:1";
    QTest::newRow("IPv6 next hop") << "2001:db8:ffff::1" << "2001:db8:100::/48"
                                   << "64500 64502 64503" << "2001:db8:ffff::1" << "64496:1:2";
    QTest::newRow("IPv6 next hop with every bit used")
        << "2001:db8:ffff::1" << "2001:db8:200::/48" << "64500 {64502 64503}"
        << "2001:db8:ffff:ffff:ffff:ffff:ffff:fffe" << "";
}

void TestRegistryQueries::storedAttributesRoundTrip()
{
    // The pool keeps a set's next hop in 4 or 16 bytes of its block: what is read back is
    // exactly what was announced.
    QFETCH(QString, peer);
    QFETCH(QString, prefix);
    QFETCH(QString, path);
    QFETCH(QString, nextHop);
    QFETCH(QString, large);
    Registry registry(labConfig());
    addMembers(registry);
    const RouteInput route = makeRoute(prefix.toStdString(), path.toStdString(),
                                       nextHop.toStdString(), large.toStdString());
    announce(registry, kAlpha, peer.toStdString(), route);
    const auto stored = registry.route(kAlpha, addr(peer.toStdString()), route.prefix);
    QVERIFY(stored);
    QCOMPARE(stored->nextHop, route.nextHop);
    QCOMPARE(QString::fromStdString(stored->nextHop.toString()), nextHop);
    QVERIFY(stored->asPath == route.asPath);
    QCOMPARE(stored->asSets.size(), route.asSets.size());
    QVERIFY(stored->largeCommunities == route.largeCommunities);
    QCOMPARE(QString::fromStdString(registry.checkInvariants()), QString());
}

void TestRegistryQueries::deliverersScenario()
{
    Registry registry(labConfig());
    addMembers(registry);
    registry.loadVrps(vrps("203.0.113.0/24-24 AS64505"));
    // alpha: the /16 aggregate (customer); bravo: the /24 itself (transit, its default), and
    // a shorter path on its second router; charlie: an RPKI-invalid /24 and a valid /25-free /23.
    announce(registry, kAlpha, "192.0.2.1", makeRoute("203.0.0.0/16", "64500 64502", "192.0.2.1"));
    announce(registry, kBravo, "192.0.2.2",
             makeRoute("203.0.113.0/24", "64510 64505 64505", "192.0.2.2"));
    announce(registry, kBravo, "192.0.2.3",
             makeRoute("203.0.113.0/24", "64510 64505", "192.0.2.3"));
    announce(registry, kCharlie, "192.0.2.4", makeRoute("203.0.113.0/24", "65550", "192.0.2.4"));
    announce(registry, kCharlie, "192.0.2.4", makeRoute("203.0.112.0/23", "65550", "192.0.2.4"));

    QCOMPARE(described(registry.deliverers(pfx("203.0.113.0/24"))),
             (QStringList{"1 203.0.0.0/16 customer 2", "2 203.0.113.0/24 transit 2",
                          "3 203.0.112.0/23 peer 1"}));
    // Same question for an address range inside: covering semantics.
    QCOMPARE(described(registry.deliverers(pfx("203.0.113.128/25"))),
             (QStringList{"1 203.0.0.0/16 customer 2", "2 203.0.113.0/24 transit 2",
                          "3 203.0.112.0/23 peer 1"}));
    // A prefix only the aggregate covers.
    QCOMPARE(described(registry.deliverers(pfx("203.0.200.0/24"))),
             QStringList{"1 203.0.0.0/16 customer 2"});
    // Nobody covers a shorter prefix than they hold.
    QVERIFY(registry.deliverers(pfx("203.0.0.0/8")).empty());
    const auto bravo = registry.deliverers(pfx("203.0.113.0/24"))[1];
    QCOMPARE(bravo.peer, addr("192.0.2.3"));
    QCOMPARE(bravo.originAsn, std::optional<std::uint32_t>(64505));

    // The buyer never delivers to itself.
    QCOMPARE(described(registry.deliverers(pfx("203.0.113.0/24"), kBravo)),
             (QStringList{"1 203.0.0.0/16 customer 2", "3 203.0.112.0/23 peer 1"}));

    // Withdrawing bravo's better session falls back to the other one; withdrawing both drops it.
    QVERIFY(*registry.withdraw(kBravo, addr("192.0.2.3"), pfx("203.0.113.0/24")));
    QCOMPARE(described(registry.deliverers(pfx("203.0.113.0/24")))[1],
             QStringLiteral("2 203.0.113.0/24 transit 3"));
    QCOMPARE(*registry.withdrawAll(kBravo, addr("192.0.2.2")), std::uint64_t(1));
    QCOMPARE(registry.deliverers(pfx("203.0.113.0/24")).size(), std::size_t(2));
}

void TestRegistryQueries::policyFilters()
{
    Registry registry(labConfig());
    addMembers(registry);
    announce(registry, kAlpha, "192.0.2.1",
             makeRoute("203.0.0.0/16", "64500", "192.0.2.1", "64496:1:1"));
    announce(registry, kAlpha, "192.0.2.1",
             makeRoute("203.0.113.0/24", "64500 64502", "192.0.2.1", "64496:1:3"));

    // Alpha sells customer routes to everyone but charlie and transit only to bravo.
    SellPolicy policy;
    policy.customer.members = {kCharlie};
    policy.transit.mode = ListMode::AllowListed;
    policy.transit.members = {kBravo};
    QVERIFY(registry.setPolicy(kAlpha, policy));

    QCOMPARE(described(registry.deliverers(pfx("203.0.113.0/24"), kBravo)),
             QStringList{"1 203.0.113.0/24 transit 2"});
    // Charlie may not buy the customer routes and may not buy transit: nothing.
    QVERIFY(registry.deliverers(pfx("203.0.113.0/24"), kCharlie).empty());
    // Without a buyer, every class that is sold to anyone counts.
    QCOMPARE(described(registry.deliverers(pfx("203.0.113.0/24"))),
             QStringList{"1 203.0.113.0/24 transit 2"});
    // An unknown future member: customer yes (deny list), transit no (allow list).
    QCOMPARE(described(registry.deliverers(pfx("203.0.113.0/24"), MemberId{99})),
             QStringList{"1 203.0.0.0/16 customer 1"});

    QVERIFY(registry.maySell(kAlpha, RouteClass::Customer, kBravo));
    QVERIFY(!registry.maySell(kAlpha, RouteClass::Customer, kCharlie));
    QVERIFY(registry.maySell(kAlpha, RouteClass::Transit, kBravo));
    QVERIFY(!registry.maySell(kAlpha, RouteClass::Transit, kCharlie));
    QVERIFY(!registry.maySell(kAlpha, RouteClass::Peer, kAlpha)); // never to itself
    QVERIFY(!registry.maySell(MemberId{42}, RouteClass::Peer, kAlpha));

    // Not selling a class at all.
    policy.transit.sell = false;
    QVERIFY(registry.setPolicy(kAlpha, policy));
    QVERIFY(!registry.maySell(kAlpha, RouteClass::Transit, kBravo));
    QCOMPARE(described(registry.deliverers(pfx("203.0.113.0/24"))),
             QStringList{"1 203.0.0.0/16 customer 1"});
    QVERIFY(!registry.setPolicy(MemberId{42}, policy));
    policy.peer.members = {MemberId{0}};
    QVERIFY(!registry.setPolicy(kAlpha, policy));
}

void TestRegistryQueries::destinations()
{
    Registry registry(labConfig());
    addMembers(registry);
    announce(registry, kAlpha, "192.0.2.1",
             makeRoute("203.0.0.0/16", "64500 64502", "192.0.2.1", "64496:1:2"));
    announce(registry, kAlpha, "2001:db8:ffff::1",
             makeRoute("2001:db8:1::/48", "64500 64503", "2001:db8:ffff::1"));
    announce(registry, kAlpha, "192.0.2.1",
             makeRoute("10.0.0.0/8", "64500 64509", "192.0.2.1")); // bogon

    QVERIFY(registry.canDeliver(kAlpha, Destination::ofPrefix(pfx("203.0.113.0/24"))));
    QVERIFY(registry.canDeliver(kAlpha, Destination::ofPrefix(pfx("2001:db8:1:2::/64"))));
    QVERIFY(
        !registry.canDeliver(kAlpha, Destination::ofPrefix(pfx("10.1.0.0/16")))); // invalid route
    QVERIFY(!registry.canDeliver(kAlpha, Destination::ofPrefix(pfx("198.51.100.0/24"))));
    QVERIFY(registry.canDeliver(kAlpha, Destination::ofAsn(64502, net::Family::V4)));
    QVERIFY(!registry.canDeliver(kAlpha, Destination::ofAsn(64502, net::Family::V6)));
    QVERIFY(registry.canDeliver(kAlpha, Destination::ofAsn(64503, net::Family::V6)));
    QVERIFY(
        !registry.canDeliver(kAlpha, Destination::ofAsn(64509, net::Family::V4))); // only invalid
    QVERIFY(registry.canDeliver(kAlpha, Destination::ofClass(RouteClass::Peer, net::Family::V4)));
    QVERIFY(
        !registry.canDeliver(kAlpha, Destination::ofClass(RouteClass::Customer, net::Family::V4)));
    QVERIFY(
        registry.canDeliver(kAlpha, Destination::ofClass(RouteClass::Customer, net::Family::V6)));
    QVERIFY(!registry.canDeliver(kAlpha, Destination::ofClass(RouteClass::Peer, net::Family::V4),
                                 kAlpha));
    QVERIFY(!registry.canDeliver(kBravo, Destination::ofPrefix(pfx("203.0.113.0/24"))));
    QVERIFY(!registry.canDeliver(MemberId{42}, Destination::ofPrefix(pfx("203.0.113.0/24"))));

    // The policy applies to every kind of destination.
    SellPolicy policy;
    policy.peer.sell = false;
    QVERIFY(registry.setPolicy(kAlpha, policy));
    QVERIFY(!registry.canDeliver(kAlpha, Destination::ofPrefix(pfx("203.0.113.0/24"))));
    QVERIFY(!registry.canDeliver(kAlpha, Destination::ofAsn(64502, net::Family::V4)));
    QVERIFY(!registry.canDeliver(kAlpha, Destination::ofClass(RouteClass::Peer, net::Family::V4)));

    // Withdrawal ends it ("you cannot sell what you cannot reach").
    QVERIFY(*registry.withdraw(kAlpha, addr("2001:db8:ffff::1"), pfx("2001:db8:1::/48")));
    QVERIFY(!registry.canDeliver(kAlpha, Destination::ofAsn(64503, net::Family::V6)));
    QVERIFY(
        !registry.canDeliver(kAlpha, Destination::ofClass(RouteClass::Customer, net::Family::V6)));
    QCOMPARE(QString::fromStdString(registry.checkInvariants()), QString());
}

void TestRegistryQueries::distanceAndListings()
{
    Registry registry(labConfig());
    addMembers(registry);
    announce(registry, kBravo, "192.0.2.2", makeRoute("203.0.0.0/16", "64510", "192.0.2.2"));
    announce(registry, kBravo, "192.0.2.2",
             makeRoute("203.0.113.0/24", "64510 64502 64503 64504", "192.0.2.2"));
    announce(registry, kBravo, "192.0.2.3",
             makeRoute("203.0.113.0/24", "64510 64510 {64503 64504 64505}", "192.0.2.3"));
    announce(registry, kBravo, "192.0.2.2",
             makeRoute("203.0.114.0/24", "64510 64512", "192.0.2.2")); // private

    // The most specific valid route decides, then the shortest path (an AS_SET counts one).
    QCOMPARE(registry.networkDistance(kBravo, pfx("203.0.113.0/24")),
             std::optional<std::uint32_t>(3));
    QCOMPARE(registry.networkDistance(kBravo, pfx("203.0.113.7/32")),
             std::optional<std::uint32_t>(3));
    // An invalid more specific does not count: the /16 does.
    QCOMPARE(registry.networkDistance(kBravo, pfx("203.0.114.0/24")),
             std::optional<std::uint32_t>(1));
    QCOMPARE(registry.networkDistance(kBravo, pfx("198.51.100.0/24")),
             std::optional<std::uint32_t>());
    QCOMPARE(registry.networkDistance(kAlpha, pfx("203.0.113.0/24")),
             std::optional<std::uint32_t>());

    RouteFilter filter;
    filter.status = RouteStatus::Invalid;
    const auto invalid = registry.routes(kBravo, filter);
    QCOMPARE(invalid.size(), std::size_t(1));
    QCOMPARE(nameOf(invalid[0].reason), nameOf(Reason::PrivateAsn));
    QVERIFY(!invalid[0].reasonText.empty());

    filter = {};
    filter.within = pfx("203.0.113.0/24");
    QCOMPARE(registry.routes(kBravo, filter).size(), std::size_t(2));
    filter.peer = addr("192.0.2.3");
    const auto viaSecond = registry.routes(kBravo, filter);
    QCOMPARE(viaSecond.size(), std::size_t(1));
    QCOMPARE(viaSecond[0].originAsn, std::optional<std::uint32_t>());
    QCOMPARE(viaSecond[0].pathLength, std::uint32_t(3));
    QCOMPARE(
        QString::fromStdString(formatAsPath(AsPathView(viaSecond[0].asPath, viaSecond[0].asSets))),
        QStringLiteral("64510 64510 {64503 64504 64505}"));

    filter = {};
    filter.family = net::Family::V6;
    QVERIFY(registry.routes(kBravo, filter).empty());
    filter.family = net::Family::V4;
    filter.routeClass = RouteClass::Transit;
    filter.status = RouteStatus::Valid;
    QCOMPARE(registry.routes(kBravo, filter).size(), std::size_t(3));

    const auto byOrigin = registry.routesByOrigin(64504);
    QCOMPARE(byOrigin.size(), std::size_t(1));
    QCOMPARE(byOrigin[0].peer, addr("192.0.2.2"));
    QCOMPARE(registry.routesByOrigin(64510).size(), std::size_t(1)); // the /16
    QVERIFY(registry.routesByOrigin(64512).empty());                 // only an invalid route has it
    QVERIFY(registry.routesByOrigin(64504, net::Family::V6).empty());

    int seen = 0;
    registry.forEachRoute(kBravo, {}, [&](const RouteView &) { return ++seen < 2; });
    QCOMPARE(seen, 2);
}

void TestRegistryQueries::countersByReason()
{
    Registry registry(labConfig());
    addMembers(registry);
    announce(registry, kAlpha, "192.0.2.1", makeRoute("203.0.113.0/24", "64500", "192.0.2.1"));
    announce(registry, kAlpha, "192.0.2.1", makeRoute("10.0.0.0/8", "64500", "192.0.2.1"));
    announce(registry, kAlpha, "192.0.2.1", makeRoute("172.16.0.0/12", "64500", "192.0.2.1"));
    announce(registry, kAlpha, "2001:db8:ffff::1",
             makeRoute("2001:db8::/33", "", "2001:db8:ffff::1"));
    announce(registry, kAlpha, "192.0.2.1",
             makeRoute("10.0.0.0/8", "64500", "192.0.2.1")); // again: no change
    QVERIFY(!*registry.withdraw(kAlpha, addr("192.0.2.1"), pfx("198.51.100.0/24")));

    RouteCounters counters = registry.counters(kAlpha);
    QCOMPARE(counters.received, std::uint64_t(4));
    QCOMPARE(counters.accepted, std::uint64_t(1));
    QCOMPARE(counters.rejected, std::uint64_t(3));
    QCOMPARE(counters.rejectedByReason[std::size_t(Reason::Bogon)], std::uint64_t(2));
    QCOMPARE(counters.rejectedByReason[std::size_t(Reason::EmptyAsPath)], std::uint64_t(1));
    QCOMPARE(counters.announcements, std::uint64_t(5));
    QCOMPARE(counters.withdrawals, std::uint64_t(0));

    const RouteCounters v6 = registry.sessionCounters(kAlpha, addr("2001:db8:ffff::1"));
    QCOMPARE(v6.received, std::uint64_t(1));
    QCOMPARE(v6.rejected, std::uint64_t(1));
    QVERIFY(*registry.withdraw(kAlpha, addr("192.0.2.1"), pfx("10.0.0.0/8")));
    counters = registry.counters(kAlpha);
    QCOMPARE(counters.rejectedByReason[std::size_t(Reason::Bogon)], std::uint64_t(1));
    QCOMPARE(counters.withdrawals, std::uint64_t(1));
    QCOMPARE(registry.counters(MemberId{42}), RouteCounters{});
}

void TestRegistryQueries::bruteForceCrossCheck()
{
    // Random members' routes (with nesting, several sessions, some invalid, random classes and
    // policies); each query is compared with an answer computed from routes() alone.
    std::mt19937 rng(20261126);
    const auto draw = [&](std::uint32_t n) {
        return static_cast<std::uint32_t>(rng() % n);
    };
    const auto randomPrefix = [&](int minLength, int maxLength) {
        const int length = minLength + int(draw(std::uint32_t(maxLength - minLength + 1)));
        std::uint32_t bits = 0xcb000000u | (draw(4) << 16) | (draw(1u << 16)); // 203.0-3.x.x
        bits &= length == 0 ? 0u : ~((1u << (32 - length)) - 1u);
        return net::Prefix::makeTruncating(net::Address::v4(bits), length);
    };

    for (int trial = 0; trial < 10; ++trial) {
        Registry registry(labConfig());
        addMembers(registry);
        const std::vector<MemberId> ids = {kAlpha, kBravo, kCharlie};
        const std::map<MemberId, std::vector<std::string>> routers
            = {{kAlpha, {"192.0.2.1"}},
               {kBravo, {"192.0.2.2", "192.0.2.3"}},
               {kCharlie, {"192.0.2.4"}}};
        const std::map<MemberId, std::string> firstAs
            = {{kAlpha, "64500"}, {kBravo, "64510"}, {kCharlie, "65550"}};
        for (const MemberId id : ids) {
            SellPolicy policy;
            for (RouteClass cls : {RouteClass::Customer, RouteClass::Peer, RouteClass::Transit}) {
                policy.of(cls).sell = draw(5) != 0;
                policy.of(cls).mode = draw(2) ? ListMode::AllowListed : ListMode::DenyListed;
                for (const MemberId other : ids) {
                    if (draw(2))
                        policy.of(cls).members.push_back(other);
                }
            }
            QVERIFY(registry.setPolicy(id, policy));
            for (int i = 0; i < 150; ++i) {
                const auto &peers = routers.at(id);
                const std::string peer = peers[draw(std::uint32_t(peers.size()))];
                std::string path = firstAs.at(id);
                for (std::uint32_t hop = draw(4); hop > 0; --hop)
                    path += " " + std::to_string(64502 + draw(6));
                // One route in ten gets a private ASN and is invalid.
                if (draw(10) == 0)
                    path += " 64512";
                const std::string cls = std::to_string(1 + draw(3));
                const auto route = makeRoute(randomPrefix(14, 24).toString(), path, peer,
                                             draw(3) ? "64496:1:" + cls : "");
                QVERIFY(registry.announce(id, addr(peer), route).hasValue());
            }
            // Some withdrawals so freed trie and pool slots get reused.
            for (const RouteView &view : registry.routes(id)) {
                if (draw(6) == 0)
                    QVERIFY(*registry.withdraw(id, view.peer, view.prefix));
            }
        }
        QCOMPARE(QString::fromStdString(registry.checkInvariants()), QString());

        std::map<MemberId, std::vector<RouteView>> all;
        for (const MemberId id : ids)
            all[id] = registry.routes(id);

        const auto bruteBest = [&](MemberId id, const net::Prefix &p, auto accept) {
            std::optional<RouteView> best;
            for (const RouteView &r : all[id]) {
                if (r.status != RouteStatus::Valid || !r.prefix.contains(p) || !accept(r))
                    continue;
                if (!best || r.prefix.length() > best->prefix.length()
                    || (r.prefix.length() == best->prefix.length()
                        && (r.pathLength < best->pathLength
                            || (r.pathLength == best->pathLength && r.peer < best->peer))))
                    best = r;
            }
            return best;
        };
        const auto policyOf = [&](MemberId id) {
            return registry.member(id)->policy;
        };

        for (int q = 0; q < 300; ++q) {
            const net::Prefix p = randomPrefix(12, 28);
            const std::optional<MemberId> buyer
                = draw(2) ? std::optional<MemberId>(ids[draw(3)]) : std::nullopt;
            std::vector<Deliverer> expected;
            for (const MemberId id : ids) {
                if (buyer && *buyer == id)
                    continue;
                const SellPolicy policy = policyOf(id);
                const auto best = bruteBest(id, p, [&](const RouteView &r) {
                    return buyer ? policy.maySell(*r.routeClass, id, *buyer)
                                 : policy.sells(*r.routeClass);
                });
                if (best)
                    expected.push_back({id, best->peer, best->prefix, *best->routeClass,
                                        best->pathLength, best->originAsn});
                QCOMPARE(registry.canDeliver(id, Destination::ofPrefix(p), buyer),
                         best.has_value() && !(buyer && *buyer == id));
                const auto nearest = bruteBest(id, p, [](const RouteView &) { return true; });
                QCOMPARE(registry.networkDistance(id, p),
                         nearest ? std::optional<std::uint32_t>(nearest->pathLength)
                                 : std::nullopt);
            }
            QVERIFY(registry.deliverers(p, buyer) == expected);
        }

        for (const MemberId id : ids) {
            const SellPolicy policy = policyOf(id);
            for (std::uint32_t asn = 64500; asn < 64520; ++asn) {
                bool expected = false;
                for (const RouteView &r : all[id])
                    expected = expected
                               || (r.status == RouteStatus::Valid && r.originAsn == asn
                                   && policy.sells(*r.routeClass));
                QCOMPARE(registry.canDeliver(id, Destination::ofAsn(asn, net::Family::V4)),
                         expected);
            }
            for (RouteClass cls : {RouteClass::Customer, RouteClass::Peer, RouteClass::Transit}) {
                for (const MemberId buyer : ids) {
                    bool expected = false;
                    for (const RouteView &r : all[id])
                        expected
                            = expected || (r.status == RouteStatus::Valid && r.routeClass == cls);
                    expected = expected && policy.maySell(cls, id, buyer);
                    QCOMPARE(
                        registry.canDeliver(id, Destination::ofClass(cls, net::Family::V4), buyer),
                        expected);
                }
            }
        }
        for (std::uint32_t asn = 64500; asn < 64520; ++asn) {
            std::size_t expected = 0;
            for (const MemberId id : ids) {
                for (const RouteView &r : all[id])
                    expected += r.status == RouteStatus::Valid && r.originAsn == asn;
            }
            QCOMPARE(registry.routesByOrigin(asn).size(), expected);
        }
    }
}

QTEST_APPLESS_MAIN(TestRegistryQueries)
#include "tst_registry_queries.moc"
