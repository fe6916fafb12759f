// The routing service tells the market feed, with each registry change, what the member could
// deliver at that prefix just before it (RegistryRouteSource::deliverableBefore), so the feed
// keeps no copy of what the market holds. Random announcements and withdrawals over a member's
// three sessions, with routes of every class, valid and invalid, of several path lengths:
// after every change the answer must equal what deliverable() said before the change, and the
// market, fed through a MarketFeed flushed now and then, must end up with exactly the member's
// deliverable set.
#include "bwx/registry/registry.h"
#include "registry_route_source.h"

#include <QTest>
#include <map>
#include <random>

using namespace bwx;
using namespace bwx::routing;

namespace {

constexpr std::uint32_t kExchangeAsn = 64511;
const MemberId kAlpha{1};

net::Address addr(const char *text)
{
    return net::Address::parse(text).value();
}

class Recorder final : public registry::RegistryListener
{
public:
    const RegistryRouteSource *source = nullptr;
    MarketFeed *feed = nullptr;
    std::vector<std::optional<Deliverable>> befores;

    void routeChanged(const registry::RouteChange &change) override
    {
        befores.push_back(source->deliverableBefore(change));
        if (feed->wantsChange(change.member, change.prefix))
            feed->changed(change.member, change.prefix, befores.back());
    }
    void maxPrefixExceeded(MemberId, const net::Address &, net::Family, std::uint32_t) override {}
};

using Market = std::map<net::Prefix, Deliverable>;

} // namespace

class TestDeliverableBefore : public QObject
{
    Q_OBJECT

private slots:
    void randomChanges_data();
    void randomChanges();
};

void TestDeliverableBefore::randomChanges_data()
{
    QTest::addColumn<unsigned>("seed");
    QTest::addColumn<bool>("sellsPeerRoutes");
    QTest::newRow("seed 1, peer routes not sold") << 1u << false;
    QTest::newRow("seed 2, peer routes not sold") << 2u << false;
    QTest::newRow("seed 3, every class sold") << 3u << true;
    QTest::newRow("seed 4, every class sold") << 4u << true;
}

void TestDeliverableBefore::randomChanges()
{
    QFETCH(unsigned, seed);
    QFETCH(bool, sellsPeerRoutes);

    registry::RegistryConfig config;
    config.exchangeAsn = kExchangeAsn;
    config.lanPrefixes = {net::Prefix::parse("192.0.2.0/24").value(),
                          net::Prefix::parse("2001:db8:ffff::/64").value()};
    config.allowDocumentationAsns = true;
    registry::Registry registry(config);
    registry::MemberConfig alpha;
    alpha.id = kAlpha;
    alpha.name = "Alpha";
    alpha.asns = {64500};
    alpha.routers = {addr("192.0.2.1"), addr("192.0.2.2"), addr("2001:db8:ffff::1")};
    alpha.defaultClass = RouteClass::Customer;
    alpha.policy.peer.sell = sellsPeerRoutes;
    QVERIFY(registry.addMember(alpha));

    const RegistryRouteSource source(
        registry, [](MemberId, const net::Address &, const net::Prefix &) { return nullptr; });
    MarketFeed feed;
    Recorder recorder;
    recorder.source = &source;
    recorder.feed = &feed;
    registry.setListener(&recorder);

    Market market;
    const auto submit = [&](proto::RouteBatch &&batch) {
        if (batch.replaceAll)
            market.clear();
        for (const proto::RouteChange &c : batch.changes) {
            if (c.action == proto::RouteAction::Withdraw)
                market.erase(c.prefix);
            else
                market[c.prefix] = Deliverable{c.routeClass, c.originAsn, c.pathLength};
        }
        return true;
    };
    feed.requestFullSync(kAlpha);
    feed.flush(source, submit, 16);

    const std::vector<net::Prefix> prefixes
        = {net::Prefix::parse("11.1.0.0/16").value(), net::Prefix::parse("11.1.2.0/24").value(),
           net::Prefix::parse("12.0.0.0/8").value(), net::Prefix::parse("2a00:1::/32").value()};
    std::mt19937 random(seed);
    int changes = 0;
    for (int step = 0; step < 3000; ++step) {
        const net::Prefix &prefix = prefixes[random() % prefixes.size()];
        // An IPv6 prefix only on the IPv6 session, IPv4 ones on either IPv4 session.
        const net::Address &router
            = prefix.family() == net::Family::V6 ? alpha.routers[2] : alpha.routers[random() % 2];
        const std::optional<Deliverable> expected = source.deliverable(kAlpha, prefix);
        recorder.befores.clear();
        if (random() % 3 == 0) {
            QVERIFY(registry.withdraw(kAlpha, router, prefix));
        } else {
            registry::RouteInput route;
            route.prefix = prefix;
            // A path not starting with the member's AS is rejected (one in eight).
            route.asPath.push_back(random() % 8 == 0 ? 64999u : 64500u);
            for (unsigned hops = random() % 4; hops > 0; --hops)
                route.asPath.push_back(64501 + static_cast<std::uint32_t>(random() % 3));
            route.nextHop = router;
            route.largeCommunities.push_back({kExchangeAsn, registry::kClassFunction,
                                              1 + static_cast<std::uint32_t>(random() % 3)});
            QVERIFY(registry.announce(kAlpha, router, route));
        }
        QVERIFY(recorder.befores.size() <= 1);
        if (!recorder.befores.empty()) {
            ++changes;
            QCOMPARE(recorder.befores.front(), expected);
        }
        if (random() % 10 == 0)
            feed.flush(source, submit, 16);
    }
    feed.flush(source, submit, 16);
    QVERIFY(!feed.pending());
    Market deliverable;
    source.forEachDeliverable(
        kAlpha, [&](const net::Prefix &p, const Deliverable &d) { deliverable[p] = d; });
    QCOMPARE(market, deliverable);
    QVERIFY(!deliverable.empty());
    QVERIFY(changes > 1000);
    registry.setListener(nullptr);
}

QTEST_APPLESS_MAIN(TestDeliverableBefore)
#include "tst_deliverable_before.moc"
