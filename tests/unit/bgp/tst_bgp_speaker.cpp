// Two speakers in one process over loopback: sessions come up, routes pass transparently with
// every attribute, withdrawals arrive, max-prefix closes with Cease 6/1 and backs off, and a
// connection collision leaves exactly one session.
#include <QTest>

#include "speaker_fixture.h"


using namespace bwx::bgp;
using bwx::MemberId;
using bwx::net::Address;
using bwx::net::Prefix;
using namespace std::chrono_literals;

namespace {

Address addr(const char *t)
{
    return Address::parse(t).value();
}

Prefix pfx(const char *t)
{
    return Prefix::parse(t).value();
}

using Recorder = bwx::bgp::test::Recorder;
using Running = bwx::bgp::test::IoThread;

PeerConfig peerConfig(const char *name, std::uint16_t port, Asn as, bool passive)
{
    PeerConfig p;
    p.name = name;
    p.member = MemberId(as);
    p.address = addr("127.0.0.1");
    p.port = port;
    p.remoteAs = as;
    p.passive = passive;
    p.connectRetryTime = 1s;
    p.idleHoldTime = 200ms;
    p.holdTime = 9;
    return p;
}

SpeakerConfig speakerConfig(Asn as, std::uint32_t id)
{
    SpeakerConfig c;
    c.localAs = as;
    c.routerId = id;
    c.listen = {{addr("127.0.0.1"), 0}};
    c.statusPeriod = 50ms;
    return c;
}

AttributesRef routeAttributes(const char *nextHop)
{
    PathAttributes a;
    a.origin = Origin::Igp;
    a.asPath = AsPath::sequence({65010, 65020, 4200000001u});
    a.nextHop = addr(nextHop);
    a.med = 10;
    a.communities = {(65010u << 16) | 100};
    a.largeCommunities = {{4200000001u, 1, 2}};
    return std::make_shared<const PathAttributes>(a);
}

// Speaker a (AS65001) listens, with a passive peer for b; speaker b (AS65002) connects to it.
// Members are destroyed in reverse order: the io thread outlives both speakers.
struct SpeakerPair
{
    Running rt;
    Recorder ra, rb;
    BgpSpeaker a{rt.io, speakerConfig(65001, 0x0a000001), &ra};
    std::optional<BgpSpeaker> b;
    PeerId aToB;
    const PeerId bToA{0};

    // False when a speaker does not start.
    bool start(const PeerConfig &bAtA = peerConfig("b", 0, 65002, true))
    {
        const auto boundA = a.start();
        if (!boundA.hasValue())
            return false;
        aToB = a.addPeer(bAtA);
        SpeakerConfig cb = speakerConfig(65002, 0x0a000002);
        cb.listen.clear();
        cb.peers = {peerConfig("a", boundA->front().port, 65001, false)};
        b.emplace(rt.io, cb, &rb);
        return b->start().hasValue();
    }
};

} // namespace

class TestBgpSpeaker : public QObject
{
    Q_OBJECT

private slots:
    void routesPassTransparently();
    void maxPrefixCeaseThenBackOff();
    void collisionLeavesOneSession();
    void decoratedRoutes();
    void changesListedTwiceAreSentOnce();
};

void TestBgpSpeaker::routesPassTransparently()
{
    SpeakerPair pair;
    QVERIFY(pair.start());
    auto &[rt, ra, rb, a, b_, aToB, bToA] = pair;
    BgpSpeaker &b = *b_;

    QVERIFY(ra.waitFor([](Recorder &r) { return r.established() == 1; }));
    QVERIFY(rb.waitFor([](Recorder &r) { return r.established() == 1; }));

    // The route server sends another member's route: AS path and next hop must not change.
    b.announce(bToA, {{pfx("198.51.100.0/24"), routeAttributes("192.0.2.55")},
                      {pfx("203.0.113.0/24"), routeAttributes("192.0.2.55")},
                      {pfx("2001:db8:77::/48"), routeAttributes("2001:db8::55")}});
    QVERIFY(ra.waitFor([](Recorder &r) { return r.routes.size() == 3; }));
    {
        std::lock_guard lock(ra.mutex);
        const PathAttributes &got = *ra.routes.at(pfx("198.51.100.0/24"));
        QCOMPARE(got.asPath.toString(), std::string("65010 65020 4200000001"));
        QCOMPARE(got.nextHop->toString(), std::string("192.0.2.55"));
        QCOMPARE(*got.med, 10u);
        QCOMPARE(got.communities, routeAttributes("192.0.2.55")->communities);
        QCOMPARE(got.largeCommunities, routeAttributes("192.0.2.55")->largeCommunities);
        QCOMPARE(ra.routes.at(pfx("2001:db8:77::/48"))->nextHop->toString(),
                 std::string("2001:db8::55"));
    }
    b.withdraw(bToA, {pfx("203.0.113.0/24")});
    QVERIFY(ra.waitFor([](Recorder &r) { return r.routes.size() == 2; }));

    // Status comes from the snapshot.
    QTRY_VERIFY_WITH_TIMEOUT(a.status().at(aToB.value()).prefixesReceived == 2, 5000);
    const PeerStatus s = a.status().at(aToB.value());
    QCOMPARE(s.state, State::Established);
    QVERIFY(s.fourOctetAs);
    QVERIFY(s.ipv6Unicast);
    QVERIFY(s.updatesIn >= 3);

    // An administrative shutdown reaches the other side as Cease 6/2 and withdraws the routes.
    a.disablePeer(aToB, "maintenance");
    QVERIFY(ra.waitFor([](Recorder &r) { return r.routes.empty(); }));
    QTRY_VERIFY_WITH_TIMEOUT(b.status().at(0).lastError.find("6/2") != std::string::npos, 5000);
    QVERIFY(b.status().at(0).lastError.find("maintenance") != std::string::npos);
    a.stop();
    b.stop();
}

void TestBgpSpeaker::maxPrefixCeaseThenBackOff()
{
    PeerConfig limited = peerConfig("b", 0, 65002, true);
    limited.maxPrefixes = 2;
    limited.maxPrefixRestart = 1s;
    SpeakerPair pair;
    QVERIFY(pair.start(limited));
    auto &[rt, ra, rb, a, b_, aToB, bToA] = pair;
    BgpSpeaker &b = *b_;
    QVERIFY(rb.waitFor([](Recorder &r) { return r.established() == 1; }));
    b.announce(PeerId(0), {{pfx("198.51.100.0/24"), routeAttributes("192.0.2.55")},
                           {pfx("198.51.101.0/24"), routeAttributes("192.0.2.55")},
                           {pfx("198.51.102.0/24"), routeAttributes("192.0.2.55")}});
    // A closes with Cease 6/1 carrying AFI 1, SAFI 1 and the limit 2.
    QVERIFY(rb.waitFor([](Recorder &r) {
        for (const auto &s : r.states)
            if (s.reason.find("6/1") != std::string::npos)
                return true;
        return false;
    }));
    QTRY_VERIFY_WITH_TIMEOUT(b.status().at(0).lastError.find("6/1") != std::string::npos, 5000);
    QVERIFY(b.status().at(0).lastError.find("data 00 01 01 00 00 00 02") != std::string::npos);
    QVERIFY(ra.waitFor([](Recorder &r) { return r.routes.empty(); }));
    // After the restart time A accepts the session again (and trips again: the table is the
    // same), so it was really re-established.
    QVERIFY(ra.waitFor([](Recorder &r) { return r.established() >= 2; }, 15s));
    QVERIFY(a.status().at(aToB.value()).lastError.find("6/1") != std::string::npos);
    a.stop();
    b.stop();
}

void TestBgpSpeaker::collisionLeavesOneSession()
{
    Running rt;
    Recorder ra, rb;
    BgpSpeaker a(rt.io, speakerConfig(65001, 0x0a000001), &ra);
    BgpSpeaker b(rt.io, speakerConfig(65002, 0x0a000002), &rb);
    auto boundA = a.start();
    auto boundB = b.start();
    QVERIFY(boundA.hasValue() && boundB.hasValue());
    // Both sides active: each connects to the other at the same moment.
    PeerConfig toB = peerConfig("b", boundB->front().port, 65002, false);
    PeerConfig toA = peerConfig("a", boundA->front().port, 65001, false);
    toB.connectRetryTime = toA.connectRetryTime = 1s;
    a.addPeer(toB);
    b.addPeer(toA);
    QVERIFY(ra.waitFor([](Recorder &r) { return r.established() >= 1; }));
    QVERIFY(rb.waitFor([](Recorder &r) { return r.established() >= 1; }));
    // Stable: still one established session a little later, with routes flowing over it.
    b.announce(PeerId(0), {{pfx("198.51.100.0/24"), routeAttributes("192.0.2.55")}});
    QVERIFY(ra.waitFor([](Recorder &r) { return r.routes.size() == 1; }));
    QCOMPARE(a.status().at(0).state, State::Established);
    QCOMPARE(b.status().at(0).state, State::Established);
    a.stop();
    b.stop();
}

// Routes handed over as a set and a decoration reach the peer decorated; an equal decoration
// (another object) changes nothing on the wire, another one is sent.
void TestBgpSpeaker::decoratedRoutes()
{
    SpeakerPair pair;
    QVERIFY(pair.start());
    auto &[rt, ra, rb, a, b_, aToB, bToA] = pair;
    BgpSpeaker &b = *b_;
    QVERIFY(ra.waitFor([](Recorder &r) { return r.established() == 1; }));

    const AttributesRef set = routeAttributes("192.0.2.55"); // large community 4200000001:1:2
    const LargeCommunity trade{65002, 1, 41}, other{65002, 1, 42};
    const auto decoration = [](std::vector<LargeCommunity> add) {
        return std::make_shared<const Decoration>(Decoration{std::move(add), 4200000001u});
    };
    const DecorationRef first = decoration({trade});
    b.announce(bToA, {{pfx("198.51.100.0/24"), set, first}, {pfx("198.51.101.0/24"), set, first}});
    QVERIFY(ra.waitFor([](Recorder &r) { return r.routes.size() == 2; }));
    {
        std::lock_guard lock(ra.mutex);
        // The set's own large community is addressed to 4200000001: dropped.
        QVERIFY(ra.routes.at(pfx("198.51.100.0/24"))->largeCommunities
                == std::vector<LargeCommunity>{trade});
        QCOMPARE(ra.routes.at(pfx("198.51.100.0/24"))->communities, set->communities);
    }
    QTRY_VERIFY_WITH_TIMEOUT(b.status().at(0).updatesOut > 0, 5000);
    const std::uint64_t updates = b.status().at(0).updatesOut;

    // Equal content: nothing to send. The next route is queued behind it, so once it arrives
    // the first announcement has been handled.
    b.announce(bToA, {{pfx("198.51.100.0/24"), set, decoration({trade})}});
    b.announce(bToA, {{pfx("198.51.102.0/24"), set, nullptr}});
    QVERIFY(ra.waitFor([](Recorder &r) { return r.routes.size() == 3; }));
    QTRY_COMPARE_WITH_TIMEOUT(b.status().at(0).updatesOut, updates + 1, 5000);
    {
        std::lock_guard lock(ra.mutex);
        QCOMPARE(ra.routes.at(pfx("198.51.102.0/24"))->largeCommunities, set->largeCommunities);
    }

    b.announce(bToA, {{pfx("198.51.101.0/24"), set, decoration({trade, other})}});
    QVERIFY(ra.waitFor([&](Recorder &r) {
        return r.routes.at(pfx("198.51.101.0/24"))->largeCommunities
               == std::vector<LargeCommunity>{trade, other};
    }));
    b.withdraw(bToA, {pfx("198.51.100.0/24"), pfx("198.51.101.0/24")});
    QVERIFY(ra.waitFor([](Recorder &r) { return r.routes.size() == 1; }));
    a.stop();
    b.stop();
}

// A session keeps no route state: a prefix listed in two queued changes is read from the store
// when it is sent, once, with its latest route. Compared with a control that lists it once: a
// second reading would cost an UPDATE of its own, since it falls in the queue's next window.
void TestBgpSpeaker::changesListedTwiceAreSentOnce()
{
    SpeakerPair pair;
    QVERIFY(pair.start());
    auto &[rt, ra, rb, a, b_, aToB, bToA] = pair;
    BgpSpeaker &b = *b_;
    QVERIFY(ra.waitFor([](Recorder &r) { return r.established() == 1; }));

    const AttributesRef set = routeAttributes("192.0.2.55");
    const auto decoration = [](std::uint32_t tag) {
        return std::make_shared<const Decoration>(Decoration{{{65002, 1, tag}}, 4200000001u});
    };
    const DecorationRef early = decoration(1), late = decoration(2);
    // More prefixes than a drain window (4,096), all of one set and decoration.
    constexpr std::uint32_t kOthers = 5000;
    const auto table = [&](std::uint32_t firstOctets, const DecorationRef &first) {
        std::vector<OutboundRoute> routes;
        for (std::uint32_t i = 0; i <= kOthers; ++i)
            routes.push_back({Prefix::makeTruncating(Address::v4(firstOctets << 24 | i << 8), 24),
                              set, i == 0 ? first : early});
        return routes;
    };
    const auto updatesAfter = [&](std::size_t routes) -> std::optional<std::uint64_t> {
        if (!ra.waitFor([&](Recorder &r) { return r.routes.size() == routes; }))
            return std::nullopt;
        std::this_thread::sleep_for(300ms); // a few status periods: the counters are current
        return b.status().at(0).updatesOut;
    };
    const auto before = updatesAfter(0);
    QVERIFY(before);

    // Control: the first prefix listed once, with its latest route.
    b.announce(bToA, table(10, late));
    const auto afterControl = updatesAfter(kOthers + 1);
    QVERIFY(afterControl);
    const std::uint64_t control = *afterControl - *before;
    QVERIFY(control >= 3); // two sets of routes in the first window, one in the next

    // The same shape, the first prefix listed again in a second change queued behind the first
    // (both queued in one strand turn, before the session drains).
    b.post([&b, bToA, routes = table(11, early), late] {
        b.announce(bToA, routes);
        b.announce(bToA, {{routes.front().prefix, routes.front().attributes, late}});
    });
    const auto afterTwice = updatesAfter(2 * (kOthers + 1));
    QVERIFY(afterTwice);
    QCOMPARE(*afterTwice - *afterControl, control);
    {
        std::lock_guard lock(ra.mutex);
        const std::vector<LargeCommunity> latest{{65002, 1, 2}};
        QVERIFY(ra.routes.at(pfx("11.0.0.0/24"))->largeCommunities == latest);
    }
    QCOMPARE(b.status().at(0).prefixesAdvertised, std::uint64_t{2 * (kOthers + 1)});
    a.stop();
    b.stop();
}

QTEST_APPLESS_MAIN(TestBgpSpeaker)
#include "tst_bgp_speaker.moc"
