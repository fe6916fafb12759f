// A raw test peer sends malformed OPENs and UPDATEs to a running speaker; each case has its
// expected outcome: a NOTIFICATION with code/subcode (session reset), or treat-as-withdraw /
// attribute discard with the session kept up. Also hold timer expiry (4/0).
#include <algorithm>
#include <QTest>

#include "bgp_test_util.h"
#include "raw_peer.h"
#include "speaker_fixture.h"

#include "bwx/bgp/codec.h"

#include <thread>

using namespace bwx;
using namespace bwx::bgp;
using namespace bwx::bgp::test;
using namespace bwx::interop;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(bwx::bgp::test::Bytes)

namespace {

constexpr const char *kOurs = "127.0.30.1";
constexpr const char *kTheirs = "127.0.30.2";
constexpr std::uint32_t kTheirId = 0x0a1e0002;

const Bytes kRoute = prefix4(0xc6336400, 24); // 198.51.100.0/24
const net::Prefix kPrefix = net::Prefix::parse("198.51.100.0/24").value();

Bytes update(const Bytes &attributes, const Bytes &nlri = kRoute)
{
    return message(2, updateBody({}, attributes, nlri));
}

// A speaker with one passive peer for the raw peer; quick back-off so cases follow each other.
struct Harness
{
    IoThread io;
    Recorder rec;
    std::unique_ptr<BgpSpeaker> speaker;
    std::uint16_t port = 0;

    explicit Harness(std::uint16_t hold = 30, std::size_t highWater = 1 << 20,
                     std::chrono::milliseconds idleHold = 50ms)
    {
        SpeakerConfig c;
        c.localAs = 65000;
        c.routerId = 0x0a1e0001;
        c.listen = {{net::Address::parse(kOurs).value(), 0}};
        c.statusPeriod = 50ms;
        c.outboundHighWater = highWater;
        PeerConfig p;
        p.name = "raw";
        p.address = net::Address::parse(kTheirs).value();
        p.remoteAs = 65002;
        p.passive = true;
        p.holdTime = hold;
        p.ipv6Unicast = false;
        p.idleHoldTime = idleHold;
        p.idleHoldTimeMax = std::max(idleHold, std::chrono::milliseconds(200));
        c.peers = {p};
        speaker = std::make_unique<BgpSpeaker>(io.io, c, &rec);
        auto bound = speaker->start();
        if (bound)
            port = bound->front().port;
    }
    ~Harness() { speaker.reset(); }

    // Connects until the speaker accepts (it refuses while backing off) and opens the session.
    bool establish(RawPeer &peer, std::uint16_t hold = 30, std::uint16_t gracefulRestart = 0)
    {
        for (int attempt = 0; attempt < 50; ++attempt) {
            if (peer.connect(kTheirs, kOurs, port)
                && peer.handshake(65002, kTheirId, hold, true, false, gracefulRestart))
                return true;
            peer.close();
            std::this_thread::sleep_for(100ms);
        }
        return false;
    }
};

} // namespace

class TestInteropMalformed : public QObject
{
    Q_OBJECT

private slots:
    void sessionReset_data();
    void sessionReset();
    void openRejected_data();
    void openRejected();
    void treatAsWithdraw_data();
    void treatAsWithdraw();
    void attributeDiscard_data();
    void attributeDiscard();
    void holdTimerExpiry();
    void gracefulRestartHelper();
    void gracefulRestartTimeout();
    void gracefulRestartPeerRemoved();
    void slowPeerBoundedQueue();
    void routeRefresh();
    void connectionRejected();
    void holdTimeZero();
    void tableInOneWriteThenByteByByte();

private:
    void addUpdateRows();
};

void TestInteropMalformed::sessionReset_data()
{
    QTest::addColumn<Bytes>("bytes");
    QTest::addColumn<int>("code");
    QTest::addColumn<int>("subcode");
    Bytes badMarker = message(4, {});
    badMarker[0] = 0;
    QTest::newRow("bad marker") << badMarker << 1 << 1;
    Bytes shortLength = message(4, {});
    shortLength[17] = 18;
    QTest::newRow("length below 19") << shortLength << 1 << 2;
    QTest::newRow("length above 4096") << message(2, Bytes(4100, 0)) << 1 << 2;
    QTest::newRow("unknown message type 7") << message(7, {}) << 1 << 3;
    QTest::newRow("KEEPALIVE with a body") << message(4, {0}) << 1 << 2;
    QTest::newRow("withdrawn length overruns the message") << message(2, cat({u16(60), u16(0)}))
                                                           << 3 << 1;
    QTest::newRow("total attribute length overruns the message")
        << message(2, cat({u16(0), u16(200), basicAttrs()})) << 3 << 1;
    QTest::newRow("NLRI prefix length 33") << update(basicAttrs(), {33, 198, 51, 100, 0, 0}) << 3
                                           << 10;
    QTest::newRow("NLRI prefix runs past the message") << update(basicAttrs(), {24, 198, 51}) << 3
                                                       << 10;
    QTest::newRow("unrecognised well-known attribute")
        << update(cat({basicAttrs(), attribute(0x40, 99, {1})})) << 3 << 2;
    QTest::newRow("MP_UNREACH_NLRI twice")
        << message(2, updateBody({}, cat({attribute(0x80, 15, {0, 1, 1}),
                                          attribute(0x80, 15, {0, 1, 1})}),
                                 {}))
        << 3 << 1;
    QTest::newRow("MP_REACH_NLRI with a malformed prefix")
        << update(cat({basicAttrs(), attribute(0x80, 14, cat({u16(1), {1, 4}, u32(0xc0000201),
                                                              {0, 40, 1}}))}),
                  {})
        << 3 << 9;
    QTest::newRow("MP_UNREACH_NLRI too short")
        << update(cat({basicAttrs(), attribute(0x80, 15, {0, 1})}), {}) << 3 << 9;
    QTest::newRow("OPEN while Established") << RawPeer::openMessage(65002, kTheirId, 30, true, false)
                                            << 5 << 3;
}

void TestInteropMalformed::sessionReset()
{
    QFETCH(Bytes, bytes);
    QFETCH(int, code);
    QFETCH(int, subcode);
    Harness h;
    RawPeer peer;
    QVERIFY(h.establish(peer));
    QVERIFY(h.rec.waitFor([](Recorder &r) { return r.established() == 1; }));
    QVERIFY(peer.send(bytes));
    const auto n = peer.waitNotification(5000);
    QVERIFY2(n.has_value(), "no NOTIFICATION");
    QCOMPARE(int(n->code), code);
    QCOMPARE(int(n->subcode), subcode);
    QVERIFY(peer.waitClosed(3000));
    QVERIFY(h.rec.waitFor([](Recorder &r) { return r.states.back().to == State::Idle; }));
}

void TestInteropMalformed::openRejected_data()
{
    QTest::addColumn<Bytes>("open");
    QTest::addColumn<int>("subcode");
    const Bytes caps = capabilityParam(cat({capability(1, {0, 1, 0, 1}),
                                            capability(65, u32(65002))}));
    QTest::newRow("version 3") << message(1, openBody(3, 65002, 30, kTheirId, caps)) << 1;
    QTest::newRow("wrong peer AS") << message(1, openBody(4, 65009, 30, kTheirId,
                                                          capabilityParam(cat({capability(
                                                              65, u32(65009))}))))
                                   << 2;
    QTest::newRow("BGP identifier 0") << message(1, openBody(4, 65002, 30, 0, caps)) << 3;
    QTest::newRow("unsupported optional parameter")
        << message(1, openBody(4, 65002, 30, kTheirId, {1, 2, 0, 0})) << 4;
    QTest::newRow("hold time 2") << message(1, openBody(4, 65002, 2, kTheirId, caps)) << 6;
    QTest::newRow("no common address family (IPv6 only)")
        << message(1, openBody(4, 65002, 30, kTheirId,
                               capabilityParam(cat({capability(1, {0, 2, 0, 1}),
                                                    capability(65, u32(65002))}))))
        << 7;
}

void TestInteropMalformed::openRejected()
{
    QFETCH(Bytes, open);
    QFETCH(int, subcode);
    Harness h;
    RawPeer peer;
    QVERIFY(peer.connect(kTheirs, kOurs, h.port));
    QVERIFY(peer.send(open));
    const auto n = peer.waitNotification(5000);
    QVERIFY2(n.has_value(), "no NOTIFICATION");
    QCOMPARE(int(n->code), 2);
    QCOMPARE(int(n->subcode), subcode);
    QCOMPARE(h.rec.established(), 0);
}

void TestInteropMalformed::treatAsWithdraw_data()
{
    QTest::addColumn<Bytes>("bad");
    const Bytes path = asPathAttr4({65002, 65010});
    const Bytes hop = nextHopAttr(0xc0000202);
    QTest::newRow("ORIGIN value 3") << update(cat({originAttr(3), path, hop}));
    QTest::newRow("ORIGIN flagged optional") << update(cat({attribute(0xc0, 1, {0}), path, hop}));
    QTest::newRow("AS_PATH segment overrun")
        << update(cat({originAttr(), attribute(0x40, 2, {2, 4, 0, 0, 0xfe, 0xea}), hop}));
    QTest::newRow("AS_PATH with AS 0") << update(cat({originAttr(), asPathAttr4({65002, 0}), hop}));
    QTest::newRow("NEXT_HOP missing") << update(cat({originAttr(), path}));
    QTest::newRow("NEXT_HOP length 3") << update(cat({originAttr(), path,
                                                      attribute(0x40, 3, {192, 0, 2})}));
    QTest::newRow("NEXT_HOP 0.0.0.0") << update(cat({originAttr(), path, nextHopAttr(0)}));
    QTest::newRow("MULTI_EXIT_DISC length 2")
        << update(cat({originAttr(), path, hop, attribute(0x80, 4, {0, 1})}));
    QTest::newRow("COMMUNITIES length 3")
        << update(cat({originAttr(), path, hop, attribute(0xc0, 8, {1, 2, 3})}));
    QTest::newRow("LARGE_COMMUNITY length 13")
        << update(cat({originAttr(), path, hop, attribute(0xc0, 32, Bytes(13, 1))}));
    QTest::newRow("last attribute overruns the section")
        << update(cat({originAttr(), path, hop, Bytes{0xc0, 8, 40, 0, 0}}));
}

void TestInteropMalformed::treatAsWithdraw()
{
    QFETCH(Bytes, bad);
    Harness h;
    RawPeer peer;
    QVERIFY(h.establish(peer));
    QVERIFY(peer.send(update(cat({originAttr(), asPathAttr4({65002}), nextHopAttr(0xc0000202)}))));
    QVERIFY(h.rec.waitFor([](Recorder &r) { return r.routes.count(kPrefix) == 1; }));
    QVERIFY(peer.send(bad));
    // The route is gone, and the session stays up: a KEEPALIVE exchange still works and no
    // NOTIFICATION came.
    QVERIFY(h.rec.waitFor([](Recorder &r) { return r.routes.count(kPrefix) == 0; }));
    Bytes keepalive;
    encodeKeepalive(keepalive);
    QVERIFY(peer.send(keepalive));
    QVERIFY(!peer.waitNotification(500).has_value());
    QVERIFY(!peer.waitClosed(100));
    QCOMPARE(h.speaker->status().at(0).state, State::Established);
    QTRY_VERIFY_WITH_TIMEOUT(h.speaker->status().at(0).treatAsWithdraw == 1, 3000);
}

void TestInteropMalformed::attributeDiscard_data()
{
    QTest::addColumn<Bytes>("extra");
    QTest::addColumn<QString>("gone");
    QTest::newRow("ATOMIC_AGGREGATE length 1") << attribute(0x40, 6, {1}) << "atomic";
    QTest::newRow("AGGREGATOR length 5") << attribute(0xc0, 7, {1, 2, 3, 4, 5}) << "aggregator";
    QTest::newRow("LOCAL_PREF from an external peer") << attribute(0x40, 5, u32(300))
                                                      << "local_pref";
    QTest::newRow("AS4_PATH on a 4-octet session")
        << attribute(0xc0, 17, cat({{2, 1}, u32(4200000001u)})) << "as4_path";
    QTest::newRow("MULTI_EXIT_DISC twice: second dropped")
        << cat({attribute(0x80, 4, u32(5)), attribute(0x80, 4, u32(6))}) << "second med";
}

void TestInteropMalformed::attributeDiscard()
{
    QFETCH(Bytes, extra);
    QFETCH(QString, gone);
    Harness h;
    RawPeer peer;
    QVERIFY(h.establish(peer));
    QVERIFY(peer.send(update(cat({originAttr(), asPathAttr4({65002}), nextHopAttr(0xc0000202),
                                  extra}))));
    QVERIFY(h.rec.waitFor([](Recorder &r) { return r.routes.count(kPrefix) == 1; }));
    const PathAttributes a = *h.rec.route(kPrefix);
    QVERIFY(!a.atomicAggregate);
    QVERIFY(!a.aggregator());
    QVERIFY(!a.localPref());
    QCOMPARE(QString::fromStdString(a.asPath.toString()), QStringLiteral("65002"));
    if (gone == "second med")
        QCOMPARE(*a.med, 5u);
    QVERIFY(!peer.waitNotification(300).has_value());
    QTRY_VERIFY_WITH_TIMEOUT(h.speaker->status().at(0).attributesDiscarded >= 1, 3000);
}

void TestInteropMalformed::holdTimerExpiry()
{
    Harness h(3);
    RawPeer peer;
    QVERIFY(h.establish(peer, 3));
    // The raw peer stays silent: after the negotiated 3 s the speaker sends 4/0.
    const auto n = peer.waitNotification(8000);
    QVERIFY(n.has_value());
    QCOMPARE(int(n->code), 4);
    QCOMPARE(int(n->subcode), 0);
    QVERIFY(h.rec.waitFor([](Recorder &r) { return r.sawReason("hold timer expired"); }));
}

void TestInteropMalformed::gracefulRestartHelper()
{
    Harness h;
    RawPeer peer;
    QVERIFY(h.establish(peer, 30, 60));
    const Bytes attrs = cat({originAttr(), asPathAttr4({65002}), nextHopAttr(0xc0000202)});
    const net::Prefix second = net::Prefix::parse("198.51.101.0/24").value();
    QVERIFY(peer.send(update(attrs, cat({kRoute, prefix4(0xc6336500, 24)}))));
    QVERIFY(h.rec.waitFor([](Recorder &r) { return r.routes.size() == 2; }));
    // The router restarts: TCP reset, no NOTIFICATION. Its routes stay (stale).
    peer.abort();
    QVERIFY(h.rec.waitFor([](Recorder &r) { return r.states.back().to == State::Idle; }));
    QTest::qWait(300);
    QCOMPARE(h.rec.routeCount(), std::size_t{2});
    // Back up: it re-announces one route and ends with End-of-RIB; the other goes.
    RawPeer again;
    QVERIFY(h.establish(again, 30, 60));
    QVERIFY(again.send(update(attrs)));
    Bytes eor;
    encodeEndOfRib(AfiSafi::ipv4Unicast(), eor);
    QVERIFY(again.send(eor));
    QVERIFY(h.rec.waitFor([&](Recorder &r) { return r.routes.count(second) == 0; }));
    QCOMPARE(h.rec.routeCount(), std::size_t{1});
    QVERIFY(h.rec.route(kPrefix).has_value());
}

void TestInteropMalformed::gracefulRestartTimeout()
{
    Harness h;
    RawPeer peer;
    QVERIFY(h.establish(peer, 30, 1)); // restart time 1 s
    QVERIFY(peer.send(update(cat({originAttr(), asPathAttr4({65002}), nextHopAttr(0xc0000202)}))));
    QVERIFY(h.rec.waitFor([](Recorder &r) { return r.routes.size() == 1; }));
    peer.abort();
    // Not back within the restart time: the stale routes are withdrawn.
    QVERIFY(h.rec.waitFor([](Recorder &r) { return r.routes.empty(); }, 5s));
}

void TestInteropMalformed::gracefulRestartPeerRemoved()
{
    Harness h(30, 1 << 20, 10s); // stays idle for 10 s after the session drops
    RawPeer peer;
    QVERIFY(h.establish(peer, 30, 60));
    QVERIFY(peer.send(update(cat({originAttr(), asPathAttr4({65002}), nextHopAttr(0xc0000202)}),
                             cat({kRoute, prefix4(0xc6336500, 24)}))));
    QVERIFY(h.rec.waitFor([](Recorder &r) { return r.routes.size() == 2; }));
    peer.abort();
    QVERIFY(h.rec.waitFor([](Recorder &r) { return r.states.back().to == State::Idle; }));
    QTest::qWait(300);
    QCOMPARE(h.rec.routeCount(), std::size_t{2}); // stale, kept for the 60 s restart time
    // De-configured while its routes are stale: they go at once, not when the timer runs out.
    const PeerId id = h.rec.states.back().peer;
    h.speaker->removePeer(id);
    QVERIFY(h.rec.waitFor([](Recorder &r) { return r.routes.empty(); }, 3s));
    QCOMPARE(h.speaker->receivedRouteCount(id), std::size_t{0});
}

void TestInteropMalformed::slowPeerBoundedQueue()
{
    constexpr std::size_t highWater = 256 * 1024;
    constexpr int routes = 150000;
    Harness h(600, highWater);
    RawPeer peer;
    QVERIFY(h.establish(peer, 600));
    // Every route with attributes of its own: ~60 bytes each on the wire, far more than the
    // socket buffers hold while the peer does not read.
    std::vector<OutboundRoute> table;
    for (int i = 0; i < routes; ++i) {
        PathAttributes a;
        a.asPath = AsPath::sequence({65010, 65020});
        a.nextHop = net::Address::parse("192.0.2.9").value();
        a.med = std::uint32_t(i);
        table.emplace_back(net::Prefix::makeTruncating(net::Address::v4(0x0b000000u + (std::uint32_t(i) << 8)), 24),
                           std::make_shared<const PathAttributes>(a));
    }
    h.speaker->announce(PeerId(0), std::move(table));
    std::uint64_t largest = 0;
    for (int i = 0; i < 20; ++i) {
        QTest::qWait(100);
        largest = std::max(largest, h.speaker->status().at(0).outboundQueuedBytes);
    }
    QVERIFY(largest > 0);
    // Bounded by the high-water mark plus one encoded batch (4096 routes).
    QVERIFY2(largest <= highWater + 4096 * 64, qPrintable(QString::number(largest)));
    // The peer now reads: every route arrives.
    std::size_t seen = 0;
    while (seen < std::size_t(routes)) {
        auto m = peer.read(10000);
        QVERIFY2(m.has_value(), qPrintable(QStringLiteral("after %1 routes").arg(seen)));
        if (m->type != 2)
            continue;
        Update u;
        SessionParameters s;
        decodeUpdate(m->body, s, u);
        QCOMPARE(u.action, ErrorAction::None);
        seen += u.announced.size();
    }
    QCOMPARE(seen, std::size_t(routes));
}

namespace {

// Reads UPDATEs until `count` announced prefixes have arrived.
bool readAnnouncements(RawPeer &peer, std::size_t count)
{
    std::size_t seen = 0;
    while (seen < count) {
        auto m = peer.read(5000);
        if (!m)
            return false;
        if (m->type != 2)
            continue;
        Update u;
        decodeUpdate(m->body, SessionParameters{}, u);
        seen += u.announced.size();
    }
    return seen == count;
}

} // namespace

void TestInteropMalformed::routeRefresh()
{
    Harness h;
    RawPeer peer;
    QVERIFY(h.establish(peer));
    PathAttributes a;
    a.asPath = AsPath::sequence({65010});
    a.nextHop = net::Address::parse("192.0.2.9").value();
    const auto ref = std::make_shared<const PathAttributes>(a);
    h.speaker->announce(PeerId(0), {{kPrefix, ref},
                                    {net::Prefix::parse("203.0.113.0/24").value(), ref}});
    QVERIFY(readAnnouncements(peer, 2));
    // RFC 2918: asking again gets the Adj-RIB-Out again.
    Bytes refresh;
    encodeRouteRefresh({AfiSafi::ipv4Unicast(), 0}, refresh);
    QVERIFY(peer.send(refresh));
    QVERIFY(readAnnouncements(peer, 2));
}

void TestInteropMalformed::tableInOneWriteThenByteByByte()
{
    Harness h;
    RawPeer peer;
    QVERIFY(h.establish(peer));
    const Bytes attributes
        = cat({originAttr(), asPathAttr4({65002, 65010}), nextHopAttr(0xc0000202)});
    // 40,000 /24s in UPDATEs of 1,000 prefixes written at once (160 KB): the speaker's reads
    // fill their buffer and it grows to its largest.
    constexpr std::uint32_t kRoutes = 40000;
    Bytes burst;
    for (std::uint32_t first = 0; first < kRoutes; first += 1000) {
        Bytes nlri;
        for (std::uint32_t i = first; i < first + 1000; ++i) {
            const Bytes p = prefix4(0x0b000000u + i * 256, 24);
            nlri.insert(nlri.end(), p.begin(), p.end());
        }
        const Bytes m = update(attributes, nlri);
        QVERIFY(m.size() <= 4096);
        burst.insert(burst.end(), m.begin(), m.end());
    }
    QVERIFY(peer.send(burst));
    QVERIFY(h.rec.waitFor([&](Recorder &r) { return r.routes.size() == kRoutes; }, 20s));
    // Then one UPDATE a byte at a time: reads of a byte or two, and the buffer back to its
    // smallest, must still put the message together.
    for (const std::uint8_t byte : update(attributes, kRoute)) {
        QVERIFY(peer.send(Bytes{byte}));
        std::this_thread::sleep_for(1ms);
    }
    QVERIFY(h.rec.waitFor([&](Recorder &r) { return r.routes.size() == kRoutes + 1; }));
    QVERIFY(h.rec.route(kPrefix).has_value());
    QCOMPARE(h.rec.established(), 1);
    QVERIFY(h.rec.states.back().to == State::Established);
}

void TestInteropMalformed::connectionRejected()
{
    Harness h;
    // An address that is no configured peer: Cease 6/5.
    RawPeer stranger;
    QVERIFY(stranger.connect("127.0.30.3", kOurs, h.port));
    auto n = stranger.waitNotification(3000);
    QVERIFY(n.has_value());
    QCOMPARE(int(n->code), 6);
    QCOMPARE(int(n->subcode), 5);
    QVERIFY(stranger.waitClosed(3000));
    // A second connection while the session is up: collision with Established, Cease 6/7.
    RawPeer peer;
    QVERIFY(h.establish(peer));
    QTRY_COMPARE_WITH_TIMEOUT(h.speaker->status().at(0).state, State::Established, 3000);
    RawPeer second;
    QVERIFY(second.connect(kTheirs, kOurs, h.port));
    n = second.waitNotification(3000);
    QVERIFY(n.has_value());
    QCOMPARE(int(n->code), 6);
    QCOMPARE(int(n->subcode), 7);
    // A peer that is shut down: Cease 6/5 for its connections.
    h.speaker->disablePeer(PeerId(0), "maintenance");
    n = peer.waitNotification(3000);
    QVERIFY(n.has_value());
    QCOMPARE(int(n->subcode), 2);
    QCOMPARE(*n->shutdownMessage(), std::string("maintenance"));
    RawPeer refused;
    QVERIFY(refused.connect(kTheirs, kOurs, h.port));
    n = refused.waitNotification(3000);
    QVERIFY(n.has_value());
    QCOMPARE(int(n->subcode), 5);
}

void TestInteropMalformed::holdTimeZero()
{
    Harness h(3);
    RawPeer peer;
    QVERIFY(h.establish(peer, 0));
    QTRY_COMPARE_WITH_TIMEOUT(h.speaker->status().at(0).state, State::Established, 3000);
    QCOMPARE(h.speaker->status().at(0).negotiatedHoldTime, std::uint16_t{0});
    // Hold time 0: no KEEPALIVEs (with 3 s one would come every second) and no expiry. The
    // End-of-RIB UPDATE that follows Established is the only message.
    const auto until = std::chrono::steady_clock::now() + 2500ms;
    while (std::chrono::steady_clock::now() < until) {
        const auto m = peer.read(100);
        if (m)
            QCOMPARE(int(m->type), 2);
    }
    QVERIFY(!peer.waitClosed(100));
}

QTEST_GUILESS_MAIN(TestInteropMalformed)
#include "tst_interop_malformed.moc"
