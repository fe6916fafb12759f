// Codec tables: every message kind round-trips; header and OPEN errors give the NOTIFICATION
// code/subcode (and data) RFC 4271 and RFC 5492 prescribe.
#include <QTest>

#include "bgp_test_util.h"
#include "bwx/bgp/codec.h"

using namespace bwx::bgp;
using namespace bwx::bgp::test;
using bwx::net::Address;
using bwx::net::Prefix;

Q_DECLARE_METATYPE(bwx::bgp::test::Bytes)

namespace {

Prefix pfx(const char *text)
{
    return Prefix::parse(text).value();
}

Address addr(const char *text)
{
    return Address::parse(text).value();
}

std::span<const std::uint8_t> bodyOf(const Bytes &m)
{
    return std::span<const std::uint8_t>(m).subspan(19);
}

PathAttributes fullAttributes()
{
    PathAttributes a;
    a.origin = Origin::Egp;
    a.asPath = AsPath({{SegmentType::AsSequence, {64500, 4200000001u, 64502}},
                       {SegmentType::AsSet, {64510, 64511}}});
    a.nextHop = addr("192.0.2.1");
    a.med = 50;
    a.atomicAggregate = true;
    a.mutableRare().aggregator = Aggregator{4200000001u, 0xc0000263};
    a.communities = {0xfc000001, 0xfc000002};
    a.largeCommunities = {{4200000001u, 1, 2}, {64500, 0, 7}};
    a.mutableRare().unknown = {{0xc0, 99, {1, 2, 3}}};
    return a;
}

} // namespace

class TestBgpCodec : public QObject
{
    Q_OBJECT

private slots:
    void header_data();
    void header();
    void openRoundTrip();
    void openErrors_data();
    void openErrors();
    void openCapabilities();
    void updateRoundTripV4_data();
    void updateRoundTripV4();
    void updateRoundTripV6();
    void unknownTransitiveGetsPartial();
    void withdrawalsBothFamilies();
    void endOfRib();
    void smallMessages();
    void notificationText();
    void localPrefOnlyInternal();
};

void TestBgpCodec::header_data()
{
    QTest::addColumn<Bytes>("bytes");
    QTest::addColumn<int>("status"); // 0 complete, 1 incomplete, 2 error
    QTest::addColumn<int>("subcode");
    QTest::addColumn<Bytes>("data");

    const Bytes keepalive = message(4, {});
    QTest::newRow("keepalive complete") << keepalive << 0 << 0 << Bytes{};
    QTest::newRow("short buffer is incomplete") << Bytes(keepalive.begin(), keepalive.begin() + 18)
                                                << 1 << 0 << Bytes{};
    Bytes badMarker = keepalive;
    badMarker[3] = 0xfe;
    QTest::newRow("bad marker 1/1") << badMarker << 2 << 1 << Bytes{};
    Bytes partialBadMarker(badMarker.begin(), badMarker.begin() + 5);
    QTest::newRow("bad marker seen before the header is complete") << partialBadMarker << 2 << 1
                                                                   << Bytes{};
    Bytes shortLen = keepalive;
    shortLen[17] = 18;
    QTest::newRow("length 18 is 1/2") << shortLen << 2 << 2 << Bytes{0, 18};
    Bytes longLen = message(2, Bytes(4078, 0));
    QTest::newRow("length 4097 is 1/2") << longLen << 2 << 2 << Bytes{0x10, 0x01};
    Bytes badType = keepalive;
    badType[18] = 9;
    QTest::newRow("type 9 is 1/3") << badType << 2 << 3 << Bytes{9};
    Bytes badType0 = keepalive;
    badType0[18] = 0;
    QTest::newRow("type 0 is 1/3") << badType0 << 2 << 3 << Bytes{0};
    QTest::newRow("keepalive with a body is 1/2") << message(4, {0}) << 2 << 2 << Bytes{0, 20};
    QTest::newRow("open shorter than 29 is 1/2") << message(1, Bytes(9, 0)) << 2 << 2
                                                 << Bytes{0, 28};
    QTest::newRow("update shorter than 23 is 1/2") << message(2, {0, 0, 0}) << 2 << 2
                                                   << Bytes{0, 22};
    QTest::newRow("notification shorter than 21 is 1/2") << message(3, {6}) << 2 << 2
                                                         << Bytes{0, 20};
    QTest::newRow("route refresh not 23 is 1/2") << message(5, {0, 1, 0}) << 2 << 2
                                                 << Bytes{0, 22};
    Bytes incompleteUpdate = message(2, updateBody({}, basicAttrs(), prefix4(0x0a000000, 8)));
    incompleteUpdate.pop_back();
    QTest::newRow("update missing its last byte is incomplete") << incompleteUpdate << 1 << 0
                                                                << Bytes{};
}

void TestBgpCodec::header()
{
    QFETCH(Bytes, bytes);
    QFETCH(int, status);
    QFETCH(int, subcode);
    QFETCH(Bytes, data);
    const FrameCheck f = checkFrame(bytes, kMaxMessageSize);
    QCOMPARE(static_cast<int>(f.status), status);
    if (status == 2) {
        QCOMPARE(f.error.code, std::uint8_t{1});
        QCOMPARE(int(f.error.subcode), subcode);
        QCOMPARE(f.error.data, data);
    }
}

void TestBgpCodec::openRoundTrip()
{
    Open open;
    open.myAs = kAsTrans;
    open.holdTime = 90;
    open.bgpId = 0x0a000001;
    open.capabilities.multiprotocol = {AfiSafi::ipv4Unicast(), AfiSafi::ipv6Unicast()};
    open.capabilities.routeRefresh = true;
    open.capabilities.extendedMessage = true;
    open.capabilities.fourOctetAs = 4200000001u;
    GracefulRestart gr;
    gr.restarting = true;
    gr.restartTime = 120;
    gr.families = {{AfiSafi::ipv4Unicast(), true}};
    open.capabilities.gracefulRestart = gr;
    open.capabilities.unknown = {{70, {}}};
    Bytes out;
    encodeOpen(open, out);
    const FrameCheck f = checkFrame(out, kMaxMessageSize);
    QCOMPARE(f.status, FrameStatus::Complete);
    QCOMPARE(f.type, MessageType::Open);
    const OpenResult r = decodeOpen(bodyOf(out));
    QVERIFY(r.open.has_value());
    QVERIFY(*r.open == open);
    QCOMPARE(r.open->asn(), 4200000001u);
}

void TestBgpCodec::openErrors_data()
{
    QTest::addColumn<Bytes>("body");
    QTest::addColumn<int>("subcode");
    QTest::addColumn<Bytes>("data");
    const Bytes caps = capabilityParam(capability(65, u32(64500)));
    QTest::newRow("version 3 is 2/1 with the supported version")
        << openBody(3, 64500, 90, 1, caps) << 1 << Bytes{0, 4};
    QTest::newRow("AS 0 is 2/2") << openBody(4, 0, 90, 1, {}) << 2 << Bytes{};
    QTest::newRow("4-octet AS capability with AS 0 is 2/2")
        << openBody(4, 64500, 90, 1, capabilityParam(capability(65, u32(0)))) << 2 << Bytes{};
    QTest::newRow("BGP identifier 0 is 2/3") << openBody(4, 64500, 90, 0, caps) << 3 << Bytes{};
    QTest::newRow("hold time 1 is 2/6") << openBody(4, 64500, 1, 1, caps) << 6 << Bytes{};
    QTest::newRow("hold time 2 is 2/6") << openBody(4, 64500, 2, 1, caps) << 6 << Bytes{};
    QTest::newRow("unknown optional parameter is 2/4")
        << openBody(4, 64500, 90, 1, {1, 2, 0, 0}) << 4 << Bytes{};
    QTest::newRow("parameter length overrun is 2/0")
        << openBody(4, 64500, 90, 1, {2, 9, 65, 4}) << 0 << Bytes{};
    QTest::newRow("capability length overrun is 2/0")
        << openBody(4, 64500, 90, 1, capabilityParam({65, 8, 0, 0, 0, 1})) << 0 << Bytes{};
    QTest::newRow("multiprotocol capability of 3 bytes is 2/0")
        << openBody(4, 64500, 90, 1, capabilityParam(capability(1, {0, 1, 0}))) << 0 << Bytes{};
    QTest::newRow("graceful restart of 3 bytes is 2/0")
        << openBody(4, 64500, 90, 1, capabilityParam(capability(64, {0, 120, 0}))) << 0
        << Bytes{};
    Bytes trailing = openBody(4, 64500, 90, 1, caps);
    trailing.push_back(0);
    QTest::newRow("bytes after the parameters is 2/0") << trailing << 0 << Bytes{};
}

void TestBgpCodec::openErrors()
{
    QFETCH(Bytes, body);
    QFETCH(int, subcode);
    QFETCH(Bytes, data);
    const OpenResult r = decodeOpen(body);
    QVERIFY(!r.open);
    QCOMPARE(r.error.code, std::uint8_t{2});
    QCOMPARE(int(r.error.subcode), subcode);
    QCOMPARE(r.error.data, data);
}

void TestBgpCodec::openCapabilities()
{
    // RFC 9072 extended optional parameters and hold time 0 are both valid.
    const Bytes caps = cat({capability(1, {0, 2, 0, 1}), capability(2, {}),
                            capability(65, u32(4200000001u))});
    const Bytes params = cat({{2}, u16(static_cast<std::uint16_t>(caps.size())), caps});
    Bytes body = cat({{4}, u16(kAsTrans), u16(0), u32(7), {255, 255},
                      u16(static_cast<std::uint16_t>(params.size())), params});
    const OpenResult r = decodeOpen(body);
    QVERIFY(r.open.has_value());
    QCOMPARE(r.open->holdTime, std::uint16_t{0});
    QVERIFY(r.open->capabilities.hasFamily(AfiSafi::ipv6Unicast()));
    QVERIFY(!r.open->capabilities.hasFamily(AfiSafi::ipv4Unicast()));
    QVERIFY(r.open->capabilities.routeRefresh);
    QCOMPARE(r.open->asn(), 4200000001u);
}

void TestBgpCodec::updateRoundTripV4_data()
{
    QTest::addColumn<bool>("fourOctet");
    QTest::newRow("4-octet session") << true;
    QTest::newRow("2-octet session (AS_TRANS + AS4_PATH)") << false;
}

void TestBgpCodec::updateRoundTripV4()
{
    QFETCH(bool, fourOctet);
    SessionParameters s;
    s.fourOctetAs = fourOctet;
    const PathAttributes a = fullAttributes();
    const std::vector<Prefix> prefixes{pfx("203.0.113.0/24"), pfx("198.51.100.0/22"),
                                       pfx("10.0.0.0/8"), pfx("0.0.0.0/0"),
                                       pfx("192.0.2.128/25")};
    Bytes out;
    QCOMPARE(encodeAnnouncements(a, prefixes, s, out), std::size_t{1});
    const FrameCheck f = checkFrame(out, kMaxMessageSize);
    QCOMPARE(f.status, FrameStatus::Complete);
    QCOMPARE(std::size_t{f.length}, out.size());
    Update u;
    decodeUpdate(bodyOf(out), s, u);
    QCOMPARE(u.action, ErrorAction::None);
    QVERIFY(u.problems.empty());
    QCOMPARE(u.announced, prefixes);
    PathAttributes expected = a;
    expected.mutableRare().unknown[0].flags |= attr::FlagPartial;
    QCOMPARE(u.attributes.asPath.toString(), expected.asPath.toString());
    QVERIFY(u.attributes == expected);
}

void TestBgpCodec::updateRoundTripV6()
{
    SessionParameters s;
    s.ipv6Unicast = true;
    PathAttributes a;
    a.asPath = AsPath::sequence({64500, 64501});
    a.nextHop = addr("2001:db8::1");
    a.mutableRare().linkLocalNextHop = addr("fe80::1");
    a.largeCommunities = {{64500, 1, 1}};
    const std::vector<Prefix> prefixes{pfx("2001:db8:100::/40"), pfx("2001:db8:1:2::/64"),
                                       pfx("::/0"), pfx("2001:db8::1/128")};
    Bytes out;
    QCOMPARE(encodeAnnouncements(a, prefixes, s, out), std::size_t{1});
    // RFC 7606 5.1: MP_REACH_NLRI is the first attribute.
    QCOMPARE(out[19 + 4 + 1], attr::MpReachNlri);
    Update u;
    decodeUpdate(bodyOf(out), s, u);
    QCOMPARE(u.action, ErrorAction::None);
    QVERIFY(u.announced.empty());
    QCOMPARE(u.mpAnnounced, prefixes);
    QCOMPARE(*u.mpNextHop, addr("2001:db8::1"));
    QCOMPARE(*u.mpLinkLocalNextHop, addr("fe80::1"));
    QCOMPARE(u.attributes.largeCommunities, a.largeCommunities);
    QCOMPARE(u.attributes.asPath, a.asPath);
}

void TestBgpCodec::unknownTransitiveGetsPartial()
{
    SessionParameters s;
    const Bytes body = updateBody({}, cat({basicAttrs(), attribute(0xc0, 200, {9, 9})}),
                                  prefix4(0xc6336400, 24));
    Update u;
    decodeUpdate(body, s, u);
    QCOMPARE(u.action, ErrorAction::None);
    QCOMPARE(u.attributes.unknown().size(), std::size_t{1});
    QCOMPARE(u.attributes.unknown()[0].flags, std::uint8_t{0xc0});
    Bytes out;
    QVERIFY(encodeAnnouncements(u.attributes, u.announced, s, out) == 1);
    Update again;
    decodeUpdate(bodyOf(out), s, again);
    QCOMPARE(again.attributes.unknown().size(), std::size_t{1});
    QCOMPARE(again.attributes.unknown()[0].flags, std::uint8_t{0xe0}); // Partial set
    QCOMPARE(again.attributes.unknown()[0].value, (std::vector<std::uint8_t>{9, 9}));
}

void TestBgpCodec::withdrawalsBothFamilies()
{
    SessionParameters s;
    s.ipv6Unicast = true;
    const std::vector<Prefix> prefixes{pfx("203.0.113.0/24"), pfx("2001:db8::/32"),
                                       pfx("10.0.0.0/8")};
    Bytes out;
    QCOMPARE(encodeWithdrawals(prefixes, s, out), std::size_t{2});
    std::vector<Prefix> seen;
    std::size_t at = 0;
    while (at < out.size()) {
        const FrameCheck f = checkFrame(std::span(out).subspan(at), kMaxMessageSize);
        QCOMPARE(f.status, FrameStatus::Complete);
        Update u;
        decodeUpdate(std::span(out).subspan(at + 19, f.length - 19u), s, u);
        QCOMPARE(u.action, ErrorAction::None);
        seen.insert(seen.end(), u.withdrawn.begin(), u.withdrawn.end());
        at += f.length;
    }
    std::sort(seen.begin(), seen.end());
    std::vector<Prefix> expected = prefixes;
    std::sort(expected.begin(), expected.end());
    QCOMPARE(seen, expected);
}

void TestBgpCodec::endOfRib()
{
    SessionParameters s;
    s.ipv6Unicast = true;
    for (AfiSafi f : {AfiSafi::ipv4Unicast(), AfiSafi::ipv6Unicast()}) {
        Bytes out;
        encodeEndOfRib(f, out);
        Update u;
        decodeUpdate(bodyOf(out), s, u);
        QVERIFY(u.endOfRib.has_value());
        QVERIFY(*u.endOfRib == f);
        QCOMPARE(u.action, ErrorAction::None);
    }
}

void TestBgpCodec::smallMessages()
{
    Bytes out;
    encodeKeepalive(out);
    QCOMPARE(out.size(), std::size_t{19});
    QCOMPARE(checkFrame(out, kMaxMessageSize).type, MessageType::Keepalive);

    out.clear();
    const Notification n = Notification::maxPrefix(AfiSafi::ipv4Unicast(), 1000);
    QCOMPARE(n.data, (std::vector<std::uint8_t>{0, 1, 1, 0, 0, 0x03, 0xe8}));
    encodeNotification(n, out);
    QCOMPARE(checkFrame(out, kMaxMessageSize).type, MessageType::Notification);
    QVERIFY(decodeNotification(bodyOf(out)) == n);

    out.clear();
    encodeRouteRefresh({AfiSafi::ipv6Unicast(), 0}, out);
    QCOMPARE(out.size(), std::size_t{23});
    const auto r = decodeRouteRefresh(bodyOf(out));
    QVERIFY(r.has_value());
    QVERIFY(r->family == AfiSafi::ipv6Unicast());
}

void TestBgpCodec::notificationText()
{
    const Notification n = Notification::shutdown(cease::AdministrativeShutdown, "maint\x01");
    QCOMPARE(*n.shutdownMessage(), std::string("maint?"));
    QCOMPARE(QString::fromStdString(n.toString()),
             QStringLiteral("6/2 (Cease: administrative shutdown) \"maint?\""));
    QCOMPARE(QString::fromStdString(Notification::make(ErrorCode::HoldTimerExpired, 0).toString()),
             QStringLiteral("4/0 (Hold Timer Expired)"));
}

void TestBgpCodec::localPrefOnlyInternal()
{
    PathAttributes a;
    a.asPath = AsPath::sequence({64500});
    a.nextHop = addr("192.0.2.1");
    a.mutableRare().localPref = 200;
    const std::vector<Prefix> p{pfx("203.0.113.0/24")};
    SessionParameters ebgp;
    SessionParameters ibgp;
    ibgp.external = false;
    Bytes e, i;
    encodeAnnouncements(a, p, ebgp, e);
    encodeAnnouncements(a, p, ibgp, i);
    Update ue, ui;
    decodeUpdate(bodyOf(e), ebgp, ue);
    decodeUpdate(bodyOf(i), ibgp, ui);
    QVERIFY(!ue.attributes.localPref());
    QCOMPARE(*ui.attributes.localPref(), 200u);
}

QTEST_APPLESS_MAIN(TestBgpCodec)
#include "tst_bgp_codec.moc"
