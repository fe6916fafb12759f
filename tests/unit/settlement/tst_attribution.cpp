// Attribution of flows to trades: buyer by port or source prefix, seller by next hop or MAC
// (from the directory or the trade's router list), longest traded destination, delivery period,
// return traffic, and every reason for not attributing.
#include <QTest>

#include "bwx/settlement/attribution.h"
#include "test_support.h"

using namespace bwx;
using namespace bwx::settlement;
using namespace bwx::settlement::test;

Q_DECLARE_METATYPE(FlowRecord)
Q_DECLARE_METATYPE(Unattributed)
Q_DECLARE_METATYPE(Direction)

namespace {

const MemberId kBuyer(1), kSellerA(2), kSellerB(3), kOther(4);
const net::Address kSwitch = ip("192.0.2.250");
const MacAddress kMacA{2, 0, 0, 0, 0, 0xa};
const MacAddress kMacB{2, 0, 0, 0, 0, 0xb};
const Timestamp kStart = Timestamp::fromSeconds(1'700'000'000);
const Timestamp kEnd = kStart + seconds(30 * 86400);

TradeTerms trade(std::uint64_t id,
                 MemberId buyer,
                 MemberId seller,
                 std::string_view dest,
                 std::vector<net::Address> routers,
                 std::vector<MacAddress> macs,
                 Timestamp from = kStart,
                 Timestamp to = kEnd)
{
    TradeTerms t;
    t.id = TradeId(id);
    t.buyer = buyer;
    t.seller = seller;
    t.destination = prefix(dest);
    t.sellerRouters = std::move(routers);
    t.sellerMacs = std::move(macs);
    t.deliveryStart = from;
    t.deliveryEnd = to;
    t.committed = mbps(100);
    t.price = Price(1'000'000);
    return t;
}

FlowRecord flow(std::string_view src, std::string_view dst)
{
    FlowRecord f;
    f.exporter = kSwitch;
    f.src = ip(src);
    f.dst = ip(dst);
    f.bytes = 1000;
    f.start = f.end = kStart + seconds(3600);
    return f;
}

FlowRecord withNextHop(FlowRecord f, std::string_view nh)
{
    f.hasNextHop = true;
    f.nextHop = ip(nh);
    return f;
}

FlowRecord withDstMac(FlowRecord f, MacAddress mac)
{
    f.hasDstMac = true;
    f.dstMac = mac;
    return f;
}

} // namespace

class TestAttribution : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void attribute_data();
    void attribute();
    void noFallbackWithoutRouterInfo();
    void samePairTwiceGoesToLowestTradeId();

private:
    MemberDirectory m_members;
    TradeTable m_trades;
};

void TestAttribution::initTestCase()
{
    QVERIFY(m_members.addPrefix(prefix("10.1.0.0/16"), kBuyer).hasValue());
    QVERIFY(m_members.addPrefix(prefix("2001:db8:1::/48"), kBuyer).hasValue());
    QVERIFY(m_members.addPrefix(prefix("10.4.0.0/16"), kOther).hasValue());
    QVERIFY(!m_members.addPrefix(prefix("10.4.0.0/16"), kBuyer).hasValue()); // someone else's
    m_members.addPort(kSwitch, 11, kBuyer);
    m_members.addPort(kSwitch, 12, kSellerA);
    m_members.addRouter(ip("192.0.2.2"), kSellerA);
    m_members.addRouterMac(kMacA, kSellerA);
    // Seller B's router is known only from its trades' router lists.
    QVERIFY(m_trades.add(trade(1, kBuyer, kSellerA, "203.0.0.0/16", {ip("192.0.2.2")}, {kMacA}))
                .hasValue());
    QVERIFY(m_trades.add(trade(2, kBuyer, kSellerB, "203.0.113.0/24", {ip("192.0.2.3")}, {kMacB}))
                .hasValue());
    QVERIFY(m_trades.add(trade(3, kBuyer, kSellerA, "2001:db8:99::/48", {}, {kMacA})).hasValue());
    QVERIFY(m_trades.add(trade(4, kOther, kSellerA, "198.51.100.0/24", {}, {kMacA})).hasValue());
    QVERIFY(m_trades
                .add(trade(5, kBuyer, kSellerB, "192.0.2.128/25", {ip("192.0.2.3")}, {}, kEnd,
                           kEnd + seconds(86400)))
                .hasValue());
    QVERIFY(!m_trades.add(trade(1, kBuyer, kSellerA, "203.0.0.0/16", {}, {}))
                 .hasValue()); // duplicate id
    QVERIFY(
        !m_trades.add(trade(9, kBuyer, kSellerA, "203.0.0.0/16", {}, {}, kEnd, kStart)).hasValue());
    QVERIFY(!m_trades.add(trade(9, kBuyer, kBuyer, "203.0.0.0/16", {}, {})).hasValue());
}

void TestAttribution::attribute_data()
{
    QTest::addColumn<FlowRecord>("flow");
    QTest::addColumn<bool>("attributed");
    QTest::addColumn<std::uint64_t>("trade");
    QTest::addColumn<Direction>("direction");
    QTest::addColumn<Unattributed>("reason");
    const auto T = Direction::ToDestination;
    const auto F = Direction::FromDestination;
    const auto none = Unattributed::UnknownBuyer;

    QTest::newRow("next hop of seller A, /16 trade")
        << withNextHop(flow("10.1.2.3", "203.0.5.5"), "192.0.2.2") << true << std::uint64_t(1) << T
        << none;
    QTest::newRow("more specific trade with seller B by its router list")
        << withNextHop(flow("10.1.2.3", "203.0.113.5"), "192.0.2.3") << true << std::uint64_t(2)
        << T << none;
    QTest::newRow("inside B's /24 but sent to A: A's covering /16")
        << withNextHop(flow("10.1.2.3", "203.0.113.5"), "192.0.2.2") << true << std::uint64_t(1)
        << T << none;
    QTest::newRow("destination MAC identifies the seller")
        << withDstMac(flow("10.1.2.3", "203.0.113.5"), kMacB) << true << std::uint64_t(2) << T
        << none;
    QTest::newRow("IPv6 by MAC") << withDstMac(flow("2001:db8:1::5", "2001:db8:99::1"), kMacA)
                                 << true << std::uint64_t(3) << T << none;
    FlowRecord byPort = withNextHop(flow("198.18.0.1", "203.0.5.5"), "192.0.2.2");
    byPort.inputInterface = 11;
    QTest::newRow("buyer by ingress port, source not registered")
        << byPort << true << std::uint64_t(1) << T << none;
    QTest::newRow("destination only, unambiguous")
        << flow("10.1.2.3", "203.0.5.5") << true << std::uint64_t(1) << T << none;
    QTest::newRow("destination only: the most specific trade")
        << flow("10.1.2.3", "203.0.113.9") << true << std::uint64_t(2) << T << none;
    FlowRecord back = flow("203.0.113.9", "10.1.2.3");
    back.hasSrcMac = true;
    back.srcMac = kMacB;
    QTest::newRow("return traffic from the traded destination")
        << back << true << std::uint64_t(2) << F << none;
    FlowRecord backPort = flow("203.0.5.9", "10.1.2.3");
    backPort.inputInterface = 12;
    QTest::newRow("return traffic through seller A's port")
        << backPort << true << std::uint64_t(1) << F << none;

    QTest::newRow("unknown buyer") << flow("172.16.0.1", "203.0.5.5") << false << std::uint64_t(0)
                                   << T << Unattributed::UnknownBuyer;
    QTest::newRow("unknown router")
        << withNextHop(flow("10.1.2.3", "203.0.5.5"), "192.0.2.99") << false << std::uint64_t(0)
        << T << Unattributed::UnknownSellerRouter;
    QTest::newRow("no trade for the destination")
        << withNextHop(flow("10.1.2.3", "8.8.8.8"), "192.0.2.2") << false << std::uint64_t(0) << T
        << Unattributed::NoTradeForDestination;
    QTest::newRow("destination traded by another buyer")
        << withNextHop(flow("10.1.2.3", "198.51.100.1"), "192.0.2.2") << false << std::uint64_t(0)
        << T << Unattributed::NoTradeForBuyer;
    QTest::newRow("right destination, wrong seller")
        << withNextHop(flow("10.1.2.3", "2001:db8:99::1"), "192.0.2.3") << false << std::uint64_t(0)
        << T << Unattributed::UnknownSellerRouter;
    FlowRecord early = withNextHop(flow("10.1.2.3", "203.0.5.5"), "192.0.2.2");
    early.start = kStart - seconds(1);
    QTest::newRow("before delivery")
        << early << false << std::uint64_t(0) << T << Unattributed::OutsideDelivery;
    QTest::newRow("trade not yet delivering")
        << withNextHop(flow("10.1.2.3", "192.0.2.200"), "192.0.2.3") << false << std::uint64_t(0)
        << T << Unattributed::OutsideDelivery;
    QTest::newRow("seller A router for B-only destination is a mismatch")
        << withNextHop(flow("10.1.2.3", "192.0.2.200"), "192.0.2.2") << false << std::uint64_t(0)
        << T << Unattributed::SellerMismatch;
}

void TestAttribution::attribute()
{
    QFETCH(FlowRecord, flow);
    QFETCH(bool, attributed);
    QFETCH(std::uint64_t, trade);
    QFETCH(Direction, direction);
    QFETCH(Unattributed, reason);
    const Attributor a(m_members, m_trades);
    const Attribution r = a.attribute(flow);
    QCOMPARE(r.attributed, attributed);
    if (attributed) {
        QCOMPARE(r.trade.value(), trade);
        QVERIFY(r.direction == direction);
        QCOMPARE(r.buyer, kBuyer);
    } else {
        QVERIFY2(r.reason == reason, std::string(toString(r.reason)).c_str());
    }
}

void TestAttribution::noFallbackWithoutRouterInfo()
{
    AttributionOptions o;
    o.destinationOnlyFallback = false;
    const Attributor a(m_members, m_trades, o);
    const Attribution r = a.attribute(flow("10.1.2.3", "203.0.5.5"));
    QVERIFY(!r.attributed);
    QVERIFY(r.reason == Unattributed::UnknownSellerRouter);
}

void TestAttribution::samePairTwiceGoesToLowestTradeId()
{
    TradeTable t;
    QVERIFY(t.add(trade(8, kBuyer, kSellerA, "203.0.113.0/24", {ip("192.0.2.2")}, {})).hasValue());
    QVERIFY(t.add(trade(7, kBuyer, kSellerA, "203.0.113.0/24", {ip("192.0.2.2")}, {})).hasValue());
    QVERIFY(t.add(trade(9, kBuyer, kSellerB, "203.0.113.0/24", {ip("192.0.2.3")}, {})).hasValue());
    const Attributor a(m_members, t);
    const Attribution r = a.attribute(withNextHop(flow("10.1.2.3", "203.0.113.1"), "192.0.2.2"));
    QVERIFY(r.attributed);
    QCOMPARE(r.trade, TradeId(7));
    // Without router information two sellers trade the same destination: ambiguous.
    const Attribution amb = a.attribute(flow("10.1.2.3", "203.0.113.1"));
    QVERIFY(!amb.attributed);
    QVERIFY(amb.reason == Unattributed::Ambiguous);
}

QTEST_APPLESS_MAIN(TestAttribution)
#include "tst_attribution.moc"
