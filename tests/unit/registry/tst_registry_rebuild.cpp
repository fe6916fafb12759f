// Determinism: the same sequence of calls rebuilds the same state (stateHash) and the same
// notifications; the hash ignores memory layout but sees every piece of state. Also logs the
// memory a route costs (measured, not asserted).
#include "registry_fixture.h"

#include <QFile>
#include <QTest>
#include <algorithm>
#include <random>
#include <unistd.h>
#include <variant>

using namespace bwx;
using namespace bwx::registry;
using namespace bwx::registry::test;

namespace {

struct Announce
{
    MemberId member;
    net::Address peer;
    RouteInput route;
};
struct Withdraw
{
    MemberId member;
    net::Address peer;
    net::Prefix prefix;
};
struct WithdrawAll
{
    MemberId member;
    net::Address peer;
};
struct LoadVrps
{
    VrpSet set;
};
struct LoadIrr
{
    IrrSet set;
};
struct SetConfig
{
    RegistryConfig config;
};
struct SetPolicy
{
    MemberId member;
    SellPolicy policy;
};
struct UpdateMember
{
    MemberConfig member;
};
using Call = std::
    variant<Announce, Withdraw, WithdrawAll, LoadVrps, LoadIrr, SetConfig, SetPolicy, UpdateMember>;

// A random but reproducible day in the life of the registry.
std::vector<Call> randomCalls(std::uint64_t seed, std::size_t count)
{
    std::mt19937_64 rng(seed);
    const auto draw = [&](std::uint32_t n) {
        return static_cast<std::uint32_t>(rng() % n);
    };
    const auto prefix = [&] {
        const int length = 16 + int(draw(9));
        const std::uint32_t bits = (0xcb000000u | draw(1u << 20)) & ~((1u << (32 - length)) - 1u);
        return net::Prefix::makeTruncating(net::Address::v4(bits), length);
    };
    struct Session
    {
        MemberId member;
        const char *peer;
        const char *asn;
    };
    const Session sessions[] = {{kAlpha, "192.0.2.1", "64500"},
                                {kBravo, "192.0.2.2", "64510"},
                                {kBravo, "192.0.2.3", "64510"},
                                {kCharlie, "192.0.2.4", "65550"}};
    std::vector<Call> calls;
    for (std::size_t i = 0; i < count; ++i) {
        const Session &s = sessions[draw(4)];
        const std::uint32_t kind = draw(100);
        if (kind < 70) {
            std::string path = s.asn;
            for (std::uint32_t hop = draw(4); hop > 0; --hop)
                path += " " + std::to_string(64502 + draw(8));
            RouteInput route = makeRoute(prefix().toString(), path, s.peer,
                                         draw(2) ? "64496:1:" + std::to_string(1 + draw(3)) : "");
            route.communities = {draw(3) * 65536u + draw(100)};
            calls.push_back(Announce{s.member, addr(s.peer), std::move(route)});
        } else if (kind < 85) {
            calls.push_back(Withdraw{s.member, addr(s.peer), prefix()});
        } else if (kind < 87) {
            calls.push_back(WithdrawAll{s.member, addr(s.peer)});
        } else if (kind < 91) {
            std::vector<Vrp> list;
            for (int k = 0; k < 30; ++k) {
                const net::Prefix p = prefix();
                list.push_back(
                    {p, 64500 + draw(12), static_cast<std::uint8_t>(p.length() + int(draw(5)))});
            }
            calls.push_back(LoadVrps{std::move(*VrpSet::make(std::move(list)))});
        } else if (kind < 95) {
            std::vector<IrrRoute> list;
            for (int k = 0; k < 30; ++k)
                list.push_back({prefix(), 64500 + draw(12)});
            calls.push_back(LoadIrr{IrrSet::make(std::move(list))});
        } else if (kind < 97) {
            RegistryConfig config = labConfig();
            config.irr.rejectNotFound = draw(2) == 0;
            config.rpki.rejectNotFound = draw(4) == 0;
            config.maxLengthV4 = 22 + int(draw(3));
            calls.push_back(SetConfig{config});
        } else if (kind < 99) {
            SellPolicy policy;
            policy.peer.sell = draw(2) == 0;
            policy.transit.mode = ListMode::AllowListed;
            policy.transit.members = {kAlpha};
            calls.push_back(SetPolicy{s.member, policy});
        } else {
            MemberConfig m = bravo();
            m.defaultClass = draw(2) ? RouteClass::Peer : RouteClass::Customer;
            if (draw(2))
                m.routers.pop_back();
            calls.push_back(UpdateMember{m});
        }
    }
    return calls;
}

std::vector<RouteChange> replay(Registry &registry, const std::vector<Call> &calls)
{
    RecordingListener listener;
    registry.setListener(&listener);
    for (const Call &call : calls) {
        std::visit(
            [&](const auto &c) {
                using T = std::decay_t<decltype(c)>;
                if constexpr (std::is_same_v<T, Announce>)
                    (void)registry.announce(c.member, c.peer, c.route);
                else if constexpr (std::is_same_v<T, Withdraw>)
                    (void)registry.withdraw(c.member, c.peer, c.prefix);
                else if constexpr (std::is_same_v<T, WithdrawAll>)
                    (void)registry.withdrawAll(c.member, c.peer);
                else if constexpr (std::is_same_v<T, LoadVrps>)
                    registry.loadVrps(c.set);
                else if constexpr (std::is_same_v<T, LoadIrr>)
                    registry.loadIrr(c.set);
                else if constexpr (std::is_same_v<T, SetConfig>)
                    (void)registry.setConfig(c.config);
                else if constexpr (std::is_same_v<T, SetPolicy>)
                    (void)registry.setPolicy(c.member, c.policy);
                else
                    (void)registry.updateMember(c.member);
            },
            call);
    }
    registry.setListener(nullptr);
    return listener.changes;
}

std::uint64_t residentBytes()
{
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.size() > 1 ? fields[1].toULongLong() * std::uint64_t(sysconf(_SC_PAGESIZE)) : 0;
}

} // namespace

class TestRegistryRebuild : public QObject
{
    Q_OBJECT

private slots:
    void sameCallsSameState();
    void insertionOrderDoesNotMatter();
    void hashSeesEveryChange_data();
    void hashSeesEveryChange();
    void memoryPerRoute();
};

void TestRegistryRebuild::sameCallsSameState()
{
    const std::vector<Call> calls = randomCalls(42, 3000);
    Registry first(labConfig());
    addMembers(first);
    const std::vector<RouteChange> firstChanges = replay(first, calls);
    QCOMPARE(QString::fromStdString(first.checkInvariants()), QString());
    QVERIFY(firstChanges.size() > 1000);

    Registry second(labConfig());
    addMembers(second);
    const std::vector<RouteChange> secondChanges = replay(second, calls);
    QCOMPARE(second.stateHash(), first.stateHash());
    QVERIFY(secondChanges == firstChanges);

    // One different community in the announcement of a route that is still held at the end is
    // a different state.
    std::vector<Call> altered = calls;
    bool alteredOne = false;
    for (auto it = altered.rbegin(); it != altered.rend() && !alteredOne; ++it) {
        auto *announce = std::get_if<Announce>(&*it);
        if (!announce)
            continue;
        const auto held = first.route(announce->member, announce->peer, announce->route.prefix);
        if (held && held->communities == announce->route.communities) {
            announce->route.communities = {0xffffffffu};
            alteredOne = true;
        }
    }
    QVERIFY(alteredOne);
    Registry third(labConfig());
    addMembers(third);
    replay(third, altered);
    QVERIFY(third.stateHash() != first.stateHash());
}

void TestRegistryRebuild::insertionOrderDoesNotMatter()
{
    // The same routes announced in opposite orders: the tries and the attribute pool are laid
    // out differently, the state is the same.
    std::vector<RouteInput> routes;
    for (int i = 0; i < 500; ++i)
        routes.push_back(makeRoute("11." + std::to_string(i % 250) + "."
                                       + std::to_string(i / 250 * 128) + ".0/17",
                                   "64500 6450" + std::to_string(2 + i % 5), "192.0.2.1"));
    Registry forward(labConfig());
    Registry backward(labConfig());
    addMembers(forward);
    addMembers(backward);
    for (const RouteInput &route : routes)
        QVERIFY(forward.announce(kAlpha, addr("192.0.2.1"), route));
    for (auto it = routes.rbegin(); it != routes.rend(); ++it)
        QVERIFY(backward.announce(kAlpha, addr("192.0.2.1"), *it));
    QCOMPARE(forward.stateHash(), backward.stateHash());
}

void TestRegistryRebuild::hashSeesEveryChange_data()
{
    QTest::addColumn<int>("change");
    QTest::newRow("configuration flag") << 0;
    QTest::newRow("VRP data") << 1;
    QTest::newRow("IRR data") << 2;
    QTest::newRow("sell policy") << 3;
    QTest::newRow("port capacity") << 4;
    QTest::newRow("route next hop") << 5;
    QTest::newRow("route large community") << 6;
    QTest::newRow("announce then withdraw (counters)") << 7;
    QTest::newRow("max-prefix refusal (counters)") << 8;
}

void TestRegistryRebuild::hashSeesEveryChange()
{
    QFETCH(int, change);
    const auto build = [](int variant) {
        auto registry = std::make_unique<Registry>(labConfig());
        addMembers(*registry);
        const net::Address v4 = addr("192.0.2.1");
        (void)registry->announce(kAlpha, v4,
                                 makeRoute("203.0.113.0/24", "64500", "192.0.2.1", "64496:1:2"));
        switch (variant) {
        case 0: {
            RegistryConfig config = labConfig();
            config.rejectAsSets = true;
            (void)registry->setConfig(config);
            break;
        }
        case 1:
            registry->loadVrps(vrps("198.51.100.0/24-24 AS1"));
            break;
        case 2:
            registry->loadIrr(irr("198.51.100.0/24 AS1"));
            break;
        case 3: {
            SellPolicy policy;
            policy.customer.members = {kBravo};
            (void)registry->setPolicy(kAlpha, policy);
            break;
        }
        case 4: {
            MemberConfig m = charlie();
            m.ports = {{"p", mbps(1)}};
            (void)registry->updateMember(m);
            break;
        }
        case 5:
            (void)registry->announce(
                kAlpha, v4, makeRoute("203.0.113.0/24", "64500", "2001:db8:ffff::1", "64496:1:2"));
            break;
        case 6:
            (void)registry->announce(
                kAlpha, v4,
                makeRoute("203.0.113.0/24", "64500", "192.0.2.1", "64496:1:2 64500:0:1"));
            break;
        case 7:
            (void)registry->announce(kAlpha, v4,
                                     makeRoute("198.51.100.0/24", "64500", "192.0.2.1"));
            (void)registry->withdraw(kAlpha, v4, pfx("198.51.100.0/24"));
            break;
        case 8: {
            MemberConfig m = charlie();
            m.maxPrefixV4 = 1;
            (void)registry->updateMember(m);
            (void)registry->announce(kCharlie, addr("192.0.2.4"),
                                     makeRoute("11.0.0.0/8", "65550", "192.0.2.4"));
            (void)registry->announce(kCharlie, addr("192.0.2.4"),
                                     makeRoute("12.0.0.0/8", "65550", "192.0.2.4"));
            break;
        }
        case 9: {
            MemberConfig m = charlie();
            m.maxPrefixV4 = 1;
            (void)registry->updateMember(m);
            (void)registry->announce(kCharlie, addr("192.0.2.4"),
                                     makeRoute("11.0.0.0/8", "65550", "192.0.2.4"));
            break;
        }
        }
        return registry;
    };
    // The baseline for the counter rows must differ from them only in the counters.
    const int baseline = change == 8 ? 9 : -1;
    QVERIFY(build(change)->stateHash() != build(baseline)->stateHash());
    QCOMPARE(build(change)->stateHash(), build(change)->stateHash());
}

void TestRegistryRebuild::memoryPerRoute()
{
    // One member with a full-table-like load: prefix lengths mostly /24, a few /16-/23, AS
    // paths of 1-6 hops drawn so that attribute sets repeat the way they do in a real table
    // (one set per ~3 prefixes), standard and large communities on part of them.
    constexpr std::size_t kRoutes = 250'000;
    std::mt19937 rng(1997);
    const auto draw = [&](std::uint32_t n) {
        return static_cast<std::uint32_t>(rng() % n);
    };
    std::vector<std::vector<std::uint32_t>> paths(kRoutes / 3);
    for (auto &path : paths) {
        path = {64500};
        for (std::uint32_t hop = 1 + draw(5); hop > 0; --hop)
            path.push_back(1000 + draw(60000) % 20000);
    }
    RegistryConfig config = labConfig();
    config.rejectPrivateAsns = false;
    Registry registry(config);
    addMembers(registry);
    const std::uint64_t rssBefore = residentBytes();
    RouteInput route;
    route.nextHop = addr("192.0.2.1");
    std::size_t stored = 0;
    for (std::size_t i = 0; i < kRoutes; ++i) {
        const int length = draw(10) < 6 ? 24 : 16 + int(draw(8));
        const std::uint32_t bits
            = ((1u + draw(222)) << 24 | draw(1u << 24)) & ~((1u << (32 - length)) - 1u);
        route.prefix = net::Prefix::makeTruncating(net::Address::v4(bits), length);
        const std::size_t set = draw(std::uint32_t(paths.size()));
        route.asPath = paths[set];
        route.communities.assign(set % 4, std::uint32_t(64500u << 16 | set % 100));
        route.largeCommunities.clear();
        if (set % 3 == 0)
            route.largeCommunities.push_back({kExchangeAsn, 1, 1 + std::uint32_t(set % 3)});
        stored += registry.announce(kAlpha, addr("192.0.2.1"), route)->stored;
    }
    const std::uint64_t rssAfter = residentBytes();
    const MemoryStats stats = registry.memoryUsage();
    QVERIFY(stats.routes > kRoutes * 9 / 10); // random prefixes rarely repeat
    QCOMPARE(stats.routes, registry.counters(kAlpha).received);
    qInfo("registry memory: %llu routes, %llu attribute sets; %.1f bytes/route counted "
          "(rib %.1f, attributes %.1f, index %.1f); RSS grew %.1f bytes/route",
          static_cast<unsigned long long>(stats.routes),
          static_cast<unsigned long long>(stats.attributeSets),
          double(stats.total()) / double(stats.routes),
          double(stats.ribBytes) / double(stats.routes),
          double(stats.attributeBytes) / double(stats.routes),
          double(stats.indexBytes) / double(stats.routes),
          double(rssAfter - rssBefore) / double(stats.routes));
    QVERIFY(stored == kRoutes);
}

QTEST_APPLESS_MAIN(TestRegistryRebuild)
#include "tst_registry_rebuild.moc"
