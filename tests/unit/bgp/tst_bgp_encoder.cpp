// Packing many NLRI per UPDATE and splitting at the message size limit.
#include <QTest>

#include "bwx/bgp/codec.h"
#include "bwx/bgp/decoration.h"

#include <algorithm>
#include <set>

using namespace bwx::bgp;
using bwx::net::Address;
using bwx::net::Prefix;

namespace {

std::vector<Prefix> v4Prefixes(std::size_t n)
{
    std::vector<Prefix> out;
    for (std::size_t i = 0; i < n; ++i)
        out.push_back(Prefix::makeTruncating(
            Address::v4(0x0b000000u + static_cast<std::uint32_t>(i << 8)), 24));
    return out;
}

std::vector<Prefix> v6Prefixes(std::size_t n)
{
    std::vector<Prefix> out;
    for (std::size_t i = 0; i < n; ++i)
        out.push_back(Prefix::makeTruncating(
            Address::fromWords(bwx::net::Family::V6,
                               0x20010db800000000u | (std::uint64_t(i) << 16), 0),
            48));
    return out;
}

struct Decoded
{
    std::size_t messages = 0;
    std::size_t largest = 0;
    std::vector<Prefix> announced;
    std::vector<Prefix> withdrawn;
    bool allOk = true;
};

Decoded decodeAll(const std::vector<std::uint8_t> &bytes, const SessionParameters &s)
{
    Decoded d;
    std::size_t at = 0;
    while (at < bytes.size()) {
        const FrameCheck f = checkFrame(std::span(bytes).subspan(at), s.maxMessageSize);
        if (f.status != FrameStatus::Complete) {
            d.allOk = false;
            break;
        }
        Update u;
        decodeUpdate(std::span(bytes).subspan(at + kHeaderSize, f.length - kHeaderSize), s, u);
        d.allOk = d.allOk && u.action == ErrorAction::None;
        d.announced.insert(d.announced.end(), u.announced.begin(), u.announced.end());
        d.announced.insert(d.announced.end(), u.mpAnnounced.begin(), u.mpAnnounced.end());
        d.withdrawn.insert(d.withdrawn.end(), u.withdrawn.begin(), u.withdrawn.end());
        d.largest = std::max<std::size_t>(d.largest, f.length);
        ++d.messages;
        at += f.length;
    }
    return d;
}

PathAttributes attrs(bool v6)
{
    PathAttributes a;
    a.asPath = AsPath::sequence({64500, 64501, 64502});
    a.nextHop = v6 ? Address::parse("2001:db8::1").value() : Address::parse("192.0.2.1").value();
    a.communities = {1, 2, 3};
    return a;
}

} // namespace

class TestBgpEncoder : public QObject
{
    Q_OBJECT

private slots:
    void packing_data();
    void packing();
    void withdrawalsSplit();
    void attributesTooLargeForOneMessage();
    void extendedLengthAttribute();
    void decoration_data();
    void decoration();
};

void TestBgpEncoder::packing_data()
{
    QTest::addColumn<bool>("v6");
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("maxSize");
    QTest::addColumn<int>("expectedMessages");
    // IPv4 /24: 4 bytes each; 4096 - 23 - 43 (attributes) = 4030 -> 1007 per message.
    QTest::newRow("v4 one prefix") << false << 1 << 4096 << 1;
    QTest::newRow("v4 fills one message") << false << 1007 << 4096 << 1;
    QTest::newRow("v4 one more splits") << false << 1008 << 4096 << 2;
    QTest::newRow("v4 10000 prefixes") << false << 10000 << 4096 << 10;
    QTest::newRow("v4 extended messages") << false << 10000 << 65535 << 1;
    // IPv6 /48: 7 bytes each; 4096 - 23 - 36 (attributes) - 25 (MP_REACH head) = 4012 -> 573.
    QTest::newRow("v6 fills one message") << true << 573 << 4096 << 1;
    QTest::newRow("v6 one more splits") << true << 574 << 4096 << 2;
}

void TestBgpEncoder::packing()
{
    QFETCH(bool, v6);
    QFETCH(int, count);
    QFETCH(int, maxSize);
    QFETCH(int, expectedMessages);
    SessionParameters s;
    s.ipv6Unicast = true;
    s.maxMessageSize = std::uint32_t(maxSize);
    const auto prefixes = v6 ? v6Prefixes(std::size_t(count)) : v4Prefixes(std::size_t(count));
    std::vector<std::uint8_t> out;
    QCOMPARE(encodeAnnouncements(attrs(v6), prefixes, s, out), std::size_t(expectedMessages));
    const Decoded d = decodeAll(out, s);
    QVERIFY(d.allOk);
    QCOMPARE(d.messages, std::size_t(expectedMessages));
    QVERIFY(d.largest <= std::size_t(maxSize));
    QCOMPARE(d.announced, prefixes);
}

void TestBgpEncoder::withdrawalsSplit()
{
    SessionParameters s;
    s.ipv6Unicast = true;
    auto prefixes = v4Prefixes(3000);
    const auto v6 = v6Prefixes(1000);
    prefixes.insert(prefixes.end(), v6.begin(), v6.end());
    std::vector<std::uint8_t> out;
    const std::size_t n = encodeWithdrawals(prefixes, s, out);
    const Decoded d = decodeAll(out, s);
    QVERIFY(d.allOk);
    QCOMPARE(d.messages, n);
    QVERIFY(d.largest <= kMaxMessageSize);
    QCOMPARE(std::set<Prefix>(d.withdrawn.begin(), d.withdrawn.end()),
             std::set<Prefix>(prefixes.begin(), prefixes.end()));
    QCOMPARE(n, std::size_t{3 + 2}); // 4073/4 = 1018 v4 per message; 4062/7 = 580 v6
}

void TestBgpEncoder::attributesTooLargeForOneMessage()
{
    PathAttributes a = attrs(false);
    a.communities.assign(1100, 7); // 4400 bytes of communities
    SessionParameters s;
    std::vector<std::uint8_t> out;
    QCOMPARE(encodeAnnouncements(a, v4Prefixes(1), s, out), std::size_t{0});
    QVERIFY(out.empty());
    s.maxMessageSize = kMaxExtendedMessageSize;
    QCOMPARE(encodeAnnouncements(a, v4Prefixes(1), s, out), std::size_t{1});
}

void TestBgpEncoder::extendedLengthAttribute()
{
    PathAttributes a = attrs(false);
    a.communities.assign(100, 0xfc000001); // 400 bytes: needs the Extended Length flag
    SessionParameters s;
    std::vector<std::uint8_t> out;
    QCOMPARE(encodeAnnouncements(a, v4Prefixes(5), s, out), std::size_t{1});
    Update u;
    decodeUpdate(std::span(out).subspan(kHeaderSize), s, u);
    QCOMPARE(u.action, ErrorAction::None);
    QCOMPARE(u.attributes.communities.size(), std::size_t{100});
}

using LargeList = std::vector<LargeCommunity>;

void TestBgpEncoder::decoration_data()
{
    QTest::addColumn<LargeList>("own");   // the set's large communities, in received order
    QTest::addColumn<LargeList>("added"); // the decoration's, sorted
    QTest::addColumn<bool>("internal");   // an iBGP session
    QTest::addColumn<LargeList>("sent");

    const LargeCommunity t1{65000, 1, 7}, t2{65000, 2, 9};
    const LargeCommunity own1{64500, 5, 5}, own2{64501, 1, 1}, signal{65000, 900, 1};
    QTest::newRow("added to none") << LargeList{} << LargeList{t1, t2} << false
                                   << LargeList{t1, t2};
    QTest::newRow("merged in order") << LargeList{own2, own1} << LargeList{t1} << false
                                     << LargeList{own1, own2, t1};
    QTest::newRow("signal to the exchange dropped")
        << LargeList{signal, own1} << LargeList{t2} << false << LargeList{own1, t2};
    QTest::newRow("duplicate sent once") << LargeList{t1, own1} << LargeList{t1} << false
                                         << LargeList{own1, t1};
    QTest::newRow("nothing added") << LargeList{own1, signal} << LargeList{} << false
                                   << LargeList{own1};
    QTest::newRow("internal session") << LargeList{own1} << LargeList{t1} << true
                                      << LargeList{own1, t1};
}

// A decorated route goes out exactly as the set bgp::decorated() describes, whatever the
// session; undecorated, the set is sent as it is.
void TestBgpEncoder::decoration()
{
    QFETCH(LargeList, own);
    QFETCH(LargeList, added);
    QFETCH(bool, internal);
    QFETCH(LargeList, sent);

    PathAttributes a = attrs(false);
    a.largeCommunities = own;
    a.mutableRare().localPref = 200;
    a.mutableRare().originatorId = 0x0a000001;
    a.mutableRare().clusterList = {0x0a000002};
    const Decoration decoration{added, 65000};
    SessionParameters s;
    s.external = !internal;

    std::vector<std::uint8_t> out;
    QCOMPARE(encodeAnnouncements(a, &decoration, v4Prefixes(3), s, out), std::size_t{1});
    Update u;
    decodeUpdate(std::span(out).subspan(kHeaderSize), s, u);
    QCOMPARE(u.action, ErrorAction::None);
    QCOMPARE(u.announced, v4Prefixes(3));
    QVERIFY(u.attributes.largeCommunities == sent);
    QVERIFY(!u.attributes.localPref());
    QVERIFY(!u.attributes.originatorId());
    QVERIFY(u.attributes.clusterList().empty());
    QVERIFY(u.attributes == decorated(a, decoration));

    out.clear();
    QCOMPARE(encodeAnnouncements(a, nullptr, v4Prefixes(3), s, out), std::size_t{1});
    decodeUpdate(std::span(out).subspan(kHeaderSize), s, u);
    QVERIFY(u.attributes.largeCommunities == own);
    QCOMPARE(u.attributes.localPref().has_value(), internal);
}

QTEST_APPLESS_MAIN(TestBgpEncoder)
#include "tst_bgp_encoder.moc"
