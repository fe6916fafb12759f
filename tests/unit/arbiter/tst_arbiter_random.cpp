// Random streams of trade and route changes: after every flush the incremental exports equal a
// recomputation from scratch (checkInvariants), what the sink holds equals exports(), and a
// fresh arbiter given only the final trades and routes — as after a restart — sends exactly the
// same routes to every member.
#include "arbiter_fakes.h"

#include <QTest>
#include <random>

using namespace bwx;
using namespace bwx::arbiter;
using namespace bwx::arbiter::test;
using State = proto::TradeState;

namespace {

constexpr std::uint32_t kExchange = 64496;
constexpr std::uint32_t kMembers = 4;

class Generator
{
public:
    explicit Generator(std::uint32_t seed)
        : m_random(seed)
    {}

    std::uint32_t below(std::uint32_t n)
    {
        return std::uniform_int_distribution<std::uint32_t>(0, n - 1)(m_random);
    }
    MemberId member() { return MemberId(1 + below(kMembers)); }

    // Prefixes inside 203.0.0.0/16 and 2001:db8::/32 at a few lengths, so routes and trades
    // overlap often.
    net::Prefix prefix()
    {
        static const int lengths[] = {16, 20, 22, 24, 25};
        const int length = lengths[below(5)];
        if (below(5) == 0) {
            const std::uint64_t high = 0x20010db800000000ull | (std::uint64_t{below(4)} << 16);
            return net::Prefix::makeTruncating(net::Address::fromWords(net::Family::V6, high, 0),
                                               32 + length);
        }
        const std::uint32_t address = 0xcb000000u | (below(8) << 8) | (below(2) << 7);
        return net::Prefix::makeTruncating(net::Address::v4(address), length);
    }
    RouteClass routeClass() { return RouteClass(1 + below(3)); }
    bgp::Asn origin() { return 64510 + below(3); }

    Destination destination()
    {
        switch (below(3)) {
        case 0:
            return Destination::ofPrefix(prefix());
        case 1:
            return Destination::ofAsn(origin(), below(4) ? net::Family::V4 : net::Family::V6);
        default:
            return Destination::ofClass(routeClass(), below(4) ? net::Family::V4 : net::Family::V6);
        }
    }

private:
    std::mt19937 m_random;
};

std::string nextHopOf(MemberId m)
{
    return "198.51.100." + std::to_string(m.value());
}

} // namespace

class TestArbiterRandom : public QObject
{
    Q_OBJECT

private slots:
    void stream_data();
    void stream();
};

void TestArbiterRandom::stream_data()
{
    QTest::addColumn<std::uint32_t>("seed");
    QTest::addColumn<int>("steps");
    for (std::uint32_t seed = 1; seed <= 12; ++seed)
        QTest::newRow(("seed " + std::to_string(seed)).c_str()) << seed << 400;
}

void TestArbiterRandom::stream()
{
    QFETCH(std::uint32_t, seed);
    QFETCH(int, steps);
    Generator g(seed);
    FakeRoutes routes;
    FakeSink sink;
    Arbiter arbiter(ArbiterConfig{kExchange}, routes, sink);
    sink.readFrom(arbiter);
    std::map<std::uint64_t, proto::TradeView> trades;
    std::uint64_t nextTrade = 1;
    std::size_t mostExports = 0; // so a stream that never exports anything cannot pass unseen

    int changesSinceFlush = 0;
    int unknownBefore = 0;
    for (int step = 0; step < steps; ++step) {
        ++changesSinceFlush;
        const std::uint32_t what = g.below(10);
        if (what < 5) {
            // A route appears, changes (class, origin, next hop) or goes.
            const MemberId m = g.member();
            const net::Prefix p = g.prefix();
            if (g.below(4) == 0) {
                routes.erase(m, p);
            } else {
                const auto a = attrs({64500 + m.value(), g.origin()}, nextHopOf(m).c_str(),
                                     {{kExchange, 1, 1}});
                routes.set(m, p, {a, g.routeClass()});
            }
            arbiter.routeChanged(m, p);
        } else if (what < 8 || trades.empty()) {
            MemberId buyer = g.member();
            MemberId seller = g.member();
            if (buyer == seller)
                seller = MemberId(1 + seller.value() % kMembers);
            const auto state = g.below(3) ? State::Active : State::Scheduled;
            auto t = trade(nextTrade++, buyer, seller, g.destination(), state);
            trades[t.tradeId.value()] = t;
            arbiter.tradeChanged(t);
        } else {
            auto it = trades.begin();
            std::advance(it, g.below(static_cast<std::uint32_t>(trades.size())));
            static const State next[] = {State::Active, State::Suspended, State::Ended,
                                         State::Cancelled, State::Active};
            it->second.state = next[g.below(5)];
            arbiter.tradeChanged(it->second);
            if (it->second.state == State::Ended || it->second.state == State::Cancelled)
                trades.erase(it);
        }
        if (g.below(3) == 0 || step == steps - 1) {
            arbiter.flush();
            const std::string broken = arbiter.checkInvariants();
            QVERIFY2(broken.empty(), ("step " + std::to_string(step) + ": " + broken).c_str());
            // The arbiter keeps no record of what each member was sent: a prefix is listed when
            // a change made a trade export it or stop exporting it. After one change that is
            // exactly what the member holds; a prefix whose export came and went between two
            // flushes is listed too, and reaches the member as the withdrawal of a route it
            // never had, which routers ignore.
            if (changesSinceFlush == 1)
                QCOMPARE(sink.withdrawalsOfUnknown, unknownBefore);
            changesSinceFlush = 0;
            unknownBefore = sink.withdrawalsOfUnknown;
            mostExports = std::max(mostExports, arbiter.exportCount());
            for (std::uint32_t m = 1; m <= kMembers; ++m) {
                const auto records = arbiter.exports(MemberId(m));
                const auto &rib = sink.rib(MemberId(m));
                QCOMPARE(records.size(), rib.size());
                // What a session coming up now would be sent: the same prefixes.
                bgp::PrefixList walked;
                std::size_t counted = 0;
                for (const net::Family f : {net::Family::V4, net::Family::V6}) {
                    arbiter.outboundPrefixes(bgp::PeerId(0), MemberId(m), f, walked);
                    counted += arbiter.outboundCount(bgp::PeerId(0), MemberId(m), f);
                }
                QCOMPARE(walked.size(), rib.size());
                QCOMPARE(counted, rib.size());
                for (std::size_t i = 0; i < walked.size(); ++i)
                    QVERIFY2(rib.count(walked.at(i)), walked.at(i).toString().c_str());
                for (const auto &r : records) {
                    const auto it = rib.find(r.prefix);
                    QVERIFY(it != rib.end());
                    QVERIFY(*it->second == *r.attributes);
                }
            }
        }
    }

    QVERIFY2(mostExports >= 5, std::to_string(mostExports).c_str());

    // A restart: the same trades (in another order) and the same routes give the same exports.
    FakeSink restartedSink;
    Arbiter restarted(ArbiterConfig{kExchange}, routes, restartedSink);
    restartedSink.readFrom(restarted);
    std::vector<proto::TradeView> known = arbiter.trades();
    std::reverse(known.begin(), known.end());
    for (const auto &t : known)
        restarted.tradeChanged(t);
    restarted.flush();
    QCOMPARE(restarted.checkInvariants(), std::string());
    QCOMPARE(restartedSink.all().size() <= sink.all().size() + kMembers, true);
    for (std::uint32_t m = 1; m <= kMembers; ++m) {
        const auto &before = sink.rib(MemberId(m));
        const auto &after = restartedSink.rib(MemberId(m));
        QCOMPARE(after.size(), before.size());
        for (const auto &[prefix, a] : before) {
            const auto it = after.find(prefix);
            QVERIFY2(it != after.end(), prefix.toString().c_str());
            QVERIFY2(*it->second == *a, prefix.toString().c_str());
        }
    }
}

QTEST_APPLESS_MAIN(TestArbiterRandom)
#include "tst_arbiter_random.moc"
