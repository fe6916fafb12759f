#include "bgp_fuzz_seeds.h"

#include "bgp_test_util.h"
#include "bwx/bgp/codec.h"

#include <algorithm>

namespace bwx::bgp::test {

namespace {

Bytes withSession(std::uint8_t sessionBits, const Bytes &messages)
{
    Bytes out(messages.size() + 1);
    out[0] = sessionBits;
    std::copy(messages.begin(), messages.end(), out.begin() + 1);
    return out;
}

PathAttributes richAttributes(bool v6)
{
    PathAttributes a;
    a.origin = Origin::Incomplete;
    a.asPath = AsPath({{SegmentType::AsSequence, {64500, 4200000001u}},
                       {SegmentType::AsSet, {64510, 64511}}});
    a.nextHop = v6 ? net::Address::parse("2001:db8::1").value()
                   : net::Address::parse("192.0.2.1").value();
    if (v6)
        a.mutableRare().linkLocalNextHop = net::Address::parse("fe80::1").value();
    a.med = 7;
    a.atomicAggregate = true;
    a.mutableRare().aggregator = Aggregator{4200000001u, 0xc0000201};
    a.communities = {0xfc000001, 0xfc000002};
    a.largeCommunities = {{4200000001u, 1, 2}};
    a.mutableRare().unknown = {{0xc0, 99, {1, 2, 3, 4}}};
    return a;
}

} // namespace

std::vector<Bytes> bgpFuzzSeeds()
{
    std::vector<Bytes> seeds;
    SessionParameters s;
    s.ipv6Unicast = true;

    Open open;
    open.myAs = kAsTrans;
    open.holdTime = 90;
    open.bgpId = 0x0a000001;
    open.capabilities.multiprotocol = {AfiSafi::ipv4Unicast(), AfiSafi::ipv6Unicast()};
    open.capabilities.routeRefresh = true;
    open.capabilities.extendedMessage = true;
    open.capabilities.fourOctetAs = 4200000001u;
    open.capabilities.gracefulRestart = GracefulRestart{false, false, 120,
                                                        {{AfiSafi::ipv4Unicast(), true}}};
    Bytes m;
    encodeOpen(open, m);
    encodeKeepalive(m);
    seeds.push_back(withSession(0, m));

    const std::vector<net::Prefix> v4{net::Prefix::parse("198.51.100.0/24").value(),
                                      net::Prefix::parse("10.0.0.0/8").value(),
                                      net::Prefix::parse("0.0.0.0/0").value()};
    const std::vector<net::Prefix> v6{net::Prefix::parse("2001:db8:1::/48").value(),
                                      net::Prefix::parse("2001:db8::1/128").value()};
    m.clear();
    encodeAnnouncements(richAttributes(false), v4, s, m);
    seeds.push_back(withSession(0, m));
    m.clear();
    encodeAnnouncements(richAttributes(true), v6, s, m);
    seeds.push_back(withSession(0, m));
    m.clear();
    SessionParameters old = s;
    old.fourOctetAs = false;
    encodeAnnouncements(richAttributes(false), v4, old, m);
    seeds.push_back(withSession(1, m));
    m.clear();
    std::vector<net::Prefix> both = v4;
    both.insert(both.end(), v6.begin(), v6.end());
    encodeWithdrawals(both, s, m);
    encodeEndOfRib(AfiSafi::ipv4Unicast(), m);
    encodeEndOfRib(AfiSafi::ipv6Unicast(), m);
    seeds.push_back(withSession(0, m));
    m.clear();
    encodeNotification(Notification::maxPrefix(AfiSafi::ipv4Unicast(), 1000), m);
    encodeNotification(Notification::shutdown(cease::AdministrativeShutdown, "bye"), m);
    encodeRouteRefresh({AfiSafi::ipv6Unicast(), 0}, m);
    seeds.push_back(withSession(0, m));

    // Known-bad inputs: the kinds of UPDATE that reset sessions elsewhere (CVE-2023-38802 was
    // a corrupted optional transitive attribute), malformed lengths, and OPEN errors.
    const Bytes nlri = prefix4(0xc6336400, 24);
    const std::vector<Bytes> badUpdates = {
        updateBody({}, cat({basicAttrs(), attribute(0xc0, 41, {0, 0, 0})}), nlri),
        updateBody({}, cat({basicAttrs(), attribute(0xe0, 40, Bytes(28, 0))}), nlri),
        updateBody({}, cat({basicAttrs(), {0xc0, 8, 40, 0, 0}}), nlri),
        updateBody({}, cat({originAttr(3), asPathAttr4({64500}), nextHopAttr(0)}), nlri),
        updateBody({}, cat({originAttr(), attribute(0x40, 2, {2, 3, 0, 0, 0, 1}),
                            nextHopAttr(0xc0000201)}),
                   nlri),
        updateBody({}, cat({basicAttrs(), mpReachV6Attr(), mpReachV6Attr()}), {}),
        updateBody({}, cat({basicAttrs(), attribute(0x90, 14, {0, 2, 1, 40, 0})}), {}),
        updateBody({}, cat({basicAttrs(), attribute(0x80, 15, {0, 2, 1, 129, 1})}), {}),
        updateBody({}, basicAttrs(), {33, 1, 2, 3, 4, 5}),
        cat({u16(60), u16(0)}),
        updateBody({}, cat({basicAttrs(), attribute(0x40, 6, {1}), attribute(0xc0, 7, {1})}),
                   nlri),
        updateBody({}, cat({basicAttrs(), attribute(0xc0, 17, cat({{2, 1}, u32(0)})),
                            attribute(0xc0, 18, {0})}),
                   nlri),
        updateBody({}, cat({basicAttrs(), attribute(0xc0, 32, Bytes(13, 1))}), nlri),
    };
    for (const Bytes &b : badUpdates) {
        seeds.push_back(withSession(0, message(2, b)));
        seeds.push_back(withSession(1, message(2, b)));
    }
    const Bytes caps = capabilityParam(capability(65, u32(64500)));
    seeds.push_back(withSession(0, message(1, openBody(3, 64500, 90, 1, caps))));
    seeds.push_back(withSession(0, message(1, openBody(4, 64500, 1, 0, {1, 2, 0, 0}))));
    seeds.push_back(withSession(0, message(1, openBody(4, 64500, 90, 1,
                                                       capabilityParam({65, 8, 0, 0})))));
    Bytes badHeader = message(4, {});
    badHeader[17] = 18;
    seeds.push_back(withSession(0, badHeader));
    return seeds;
}

} // namespace bwx::bgp::test
