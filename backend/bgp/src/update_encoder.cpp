// UPDATE encoding: attributes are built once per attribute set, then as many prefixes as fit
// are packed behind them, message after message.
#include "bwx/bgp/codec.h"
#include "bwx/bgp/decoration.h"
#include "nlri.h"
#include "wire.h"

#include <algorithm>

namespace bwx::bgp {

namespace {

void putAttribute(std::vector<std::uint8_t> &out,
                  std::uint8_t flags,
                  std::uint8_t type,
                  std::span<const std::uint8_t> value)
{
    if (value.size() > 255) {
        out.push_back(flags | attr::FlagExtendedLength);
        out.push_back(type);
        wire::putU16(out, static_cast<std::uint16_t>(value.size()));
    } else {
        out.push_back(static_cast<std::uint8_t>(flags & ~attr::FlagExtendedLength));
        out.push_back(type);
        out.push_back(static_cast<std::uint8_t>(value.size()));
    }
    out.insert(out.end(), value.begin(), value.end());
}

// Segments of at most 255 ASes each (the count is one octet). `wide` writes 4-octet ASNs;
// otherwise ASNs above 65535 become AS_TRANS. `skipConfed` leaves confederation segments out
// (AS4_PATH never carries them).
void encodeAsPath(const AsPath &path, bool wide, bool skipConfed, std::vector<std::uint8_t> &v)
{
    for (const AsPathSegmentView s : path.segments()) {
        if (skipConfed
            && (s.type == SegmentType::ConfedSequence || s.type == SegmentType::ConfedSet))
            continue;
        for (std::size_t at = 0; at < s.asns.size(); at += 255) {
            const std::size_t n = std::min<std::size_t>(255, s.asns.size() - at);
            v.push_back(static_cast<std::uint8_t>(s.type));
            v.push_back(static_cast<std::uint8_t>(n));
            for (std::size_t i = 0; i < n; ++i) {
                const Asn asn = s.asns[at + i];
                if (wide)
                    wire::putU32(v, asn);
                else
                    wire::putU16(v, static_cast<std::uint16_t>(asn > 0xffff ? kAsTrans : asn));
            }
        }
    }
}

// Every attribute except MP_REACH_NLRI, in type-code order.
// A decorated route is passed on by the route server: it never carries the attributes of
// internal sessions, and its large communities are the decorated list.
void encodeCommonAttributes(const PathAttributes &a,
                            const Decoration *decoration,
                            bool ipv4NextHop,
                            const SessionParameters &s,
                            std::vector<std::uint8_t> &out)
{
    const bool internalAttributes = !s.external && !decoration;
    std::vector<std::uint8_t> v;
    constexpr std::uint8_t wellKnown = attr::FlagTransitive;
    constexpr std::uint8_t optTrans = attr::FlagOptional | attr::FlagTransitive;
    constexpr std::uint8_t optNonTrans = attr::FlagOptional;

    const std::uint8_t origin = static_cast<std::uint8_t>(a.origin);
    putAttribute(out, wellKnown, attr::Origin, {&origin, 1});

    encodeAsPath(a.asPath, s.fourOctetAs, false, v);
    putAttribute(out, wellKnown, attr::AsPath, v);

    if (ipv4NextHop) {
        v.clear();
        wire::putU32(v, a.nextHop->v4Value());
        putAttribute(out, wellKnown, attr::NextHop, v);
    }
    if (a.med) {
        v.clear();
        wire::putU32(v, *a.med);
        putAttribute(out, optNonTrans, attr::MultiExitDisc, v);
    }
    if (a.localPref() && internalAttributes) {
        v.clear();
        wire::putU32(v, *a.localPref());
        putAttribute(out, wellKnown, attr::LocalPref, v);
    }
    if (a.atomicAggregate)
        putAttribute(out, wellKnown, attr::AtomicAggregate, {});
    if (a.aggregator()) {
        v.clear();
        if (s.fourOctetAs)
            wire::putU32(v, a.aggregator()->asn);
        else
            wire::putU16(v, static_cast<std::uint16_t>(a.aggregator()->asn > 0xffff
                                                           ? kAsTrans
                                                           : a.aggregator()->asn));
        wire::putU32(v, a.aggregator()->address);
        putAttribute(out, optTrans, attr::Aggregator, v);
    }
    if (!a.communities.empty()) {
        v.clear();
        for (Community c : a.communities)
            wire::putU32(v, c);
        putAttribute(out, optTrans, attr::Communities, v);
    }
    if (internalAttributes) {
        if (a.originatorId()) {
            v.clear();
            wire::putU32(v, *a.originatorId());
            putAttribute(out, optNonTrans, attr::OriginatorId, v);
        }
        if (!a.clusterList().empty()) {
            v.clear();
            for (std::uint32_t c : a.clusterList())
                wire::putU32(v, c);
            putAttribute(out, optNonTrans, attr::ClusterList, v);
        }
    }
    if (!s.fourOctetAs) {
        // RFC 6793 4.2.2: an OLD peer gets the real path in AS4_PATH when it needs 4 octets.
        if (a.asPath.hasWideAsn()) {
            v.clear();
            encodeAsPath(a.asPath, true, true, v);
            putAttribute(out, optTrans, attr::As4Path, v);
        }
        if (a.aggregator() && a.aggregator()->asn > 0xffff) {
            v.clear();
            wire::putU32(v, a.aggregator()->asn);
            wire::putU32(v, a.aggregator()->address);
            putAttribute(out, optTrans, attr::As4Aggregator, v);
        }
    }
    std::vector<LargeCommunity> decoratedLarge;
    if (decoration)
        decorateLargeCommunities(a, *decoration, decoratedLarge);
    const std::vector<LargeCommunity> &large = decoration ? decoratedLarge : a.largeCommunities;
    if (!large.empty()) {
        v.clear();
        for (const LargeCommunity &c : large) {
            wire::putU32(v, c.global);
            wire::putU32(v, c.local1);
            wire::putU32(v, c.local2);
        }
        putAttribute(out, optTrans, attr::LargeCommunities, v);
    }
    // RFC 4271 5: an unrecognised transitive attribute passed on gets the Partial bit.
    for (const RawAttribute &r : a.unknown())
        putAttribute(out, static_cast<std::uint8_t>(r.flags | attr::FlagPartial), r.type,
                     r.value);
}

} // namespace

std::size_t encodeAnnouncements(const PathAttributes &attributes,
                                std::span<const net::Prefix> prefixes,
                                const SessionParameters &session,
                                std::vector<std::uint8_t> &out)
{
    return encodeAnnouncements(attributes, nullptr, prefixes, session, out);
}

std::size_t encodeAnnouncements(const PathAttributes &attributes,
                                const Decoration *decoration,
                                std::span<const net::Prefix> prefixes,
                                const SessionParameters &session,
                                std::vector<std::uint8_t> &out)
{
    if (prefixes.empty() || !attributes.nextHop)
        return 0;
    const net::Family family = prefixes.front().family();
    const bool v4 = family == net::Family::V4;
    if (attributes.nextHop->family() != family)
        return 0;

    std::vector<std::uint8_t> common;
    encodeCommonAttributes(attributes, decoration, v4, session, common);

    // The MP_REACH_NLRI head: AFI, SAFI, next hop (global [+ link-local]), reserved octet.
    std::vector<std::uint8_t> mpHead;
    if (!v4) {
        wire::putU16(mpHead, 2);
        wire::putU8(mpHead, 1);
        const bool ll = attributes.linkLocalNextHop().has_value();
        wire::putU8(mpHead, ll ? 32 : 16);
        std::uint8_t buf[16];
        attributes.nextHop->toBytes(buf);
        mpHead.insert(mpHead.end(), buf, buf + 16);
        if (ll) {
            attributes.linkLocalNextHop()->toBytes(buf);
            mpHead.insert(mpHead.end(), buf, buf + 16);
        }
        wire::putU8(mpHead, 0);
    }
    // Fixed bytes of each message: header, withdrawn length, attribute length, attributes,
    // and for IPv6 the 4-byte MP_REACH_NLRI attribute header (always extended length).
    const std::size_t fixed = kHeaderSize + 2 + 2 + common.size()
                              + (v4 ? 0 : 4 + mpHead.size());
    if (fixed + 1 + 16 > session.maxMessageSize)
        return 0; // the attributes alone do not leave room for a single prefix

    std::size_t messages = 0;
    std::size_t i = 0;
    while (i < prefixes.size()) {
        // Pick the prefixes that fit.
        std::size_t room = session.maxMessageSize - fixed;
        std::size_t end = i;
        std::size_t nlriBytes = 0;
        while (end < prefixes.size() && prefixes[end].family() == family) {
            const std::size_t n = nlriSize(prefixes[end]);
            if (n > room)
                break;
            room -= n;
            nlriBytes += n;
            ++end;
        }
        if (end == i)
            break; // a prefix of the other family: callers pass one family
        const std::size_t start = wire::beginMessage(out, 2);
        wire::putU16(out, 0);
        const std::size_t attrLengthAt = out.size();
        wire::putU16(out, 0);
        if (!v4) {
            out.push_back(attr::FlagOptional | attr::FlagExtendedLength);
            out.push_back(attr::MpReachNlri);
            wire::putU16(out, static_cast<std::uint16_t>(mpHead.size() + nlriBytes));
            out.insert(out.end(), mpHead.begin(), mpHead.end());
            for (std::size_t k = i; k < end; ++k)
                detail::encodePrefix(prefixes[k], out);
        }
        out.insert(out.end(), common.begin(), common.end());
        wire::setU16(out, attrLengthAt,
                     static_cast<std::uint16_t>(out.size() - attrLengthAt - 2));
        if (v4)
            for (std::size_t k = i; k < end; ++k)
                detail::encodePrefix(prefixes[k], out);
        wire::finishMessage(out, start);
        ++messages;
        i = end;
    }
    return messages;
}

std::size_t encodeWithdrawals(std::span<const net::Prefix> prefixes,
                              const SessionParameters &session,
                              std::vector<std::uint8_t> &out)
{
    std::size_t messages = 0;
    // IPv4 in the withdrawn routes field.
    std::size_t i = 0;
    const std::size_t v4Room = session.maxMessageSize - kHeaderSize - 4;
    std::vector<net::Prefix> v6;
    while (i < prefixes.size()) {
        std::size_t start = 0;
        std::size_t used = 0;
        bool open = false;
        for (; i < prefixes.size(); ++i) {
            const net::Prefix &p = prefixes[i];
            if (p.family() != net::Family::V4) {
                v6.push_back(p);
                continue;
            }
            if (open && used + nlriSize(p) > v4Room)
                break;
            if (!open) {
                start = wire::beginMessage(out, 2);
                wire::putU16(out, 0);
                open = true;
            }
            detail::encodePrefix(p, out);
            used += nlriSize(p);
        }
        if (open) {
            wire::setU16(out, start + kHeaderSize, static_cast<std::uint16_t>(used));
            wire::putU16(out, 0);
            wire::finishMessage(out, start);
            ++messages;
        }
    }
    // IPv6 in MP_UNREACH_NLRI.
    const std::size_t v6Room = session.maxMessageSize - kHeaderSize - 4 - 4 - 3;
    i = 0;
    while (i < v6.size()) {
        const std::size_t start = wire::beginMessage(out, 2);
        wire::putU16(out, 0);
        const std::size_t attrLengthAt = out.size();
        wire::putU16(out, 0);
        out.push_back(attr::FlagOptional | attr::FlagExtendedLength);
        out.push_back(attr::MpUnreachNlri);
        const std::size_t lenAt = out.size();
        wire::putU16(out, 0);
        wire::putU16(out, 2);
        wire::putU8(out, 1);
        std::size_t used = 0;
        for (; i < v6.size() && used + nlriSize(v6[i]) <= v6Room; ++i) {
            detail::encodePrefix(v6[i], out);
            used += nlriSize(v6[i]);
        }
        wire::setU16(out, lenAt, static_cast<std::uint16_t>(used + 3));
        wire::setU16(out, attrLengthAt, static_cast<std::uint16_t>(used + 3 + 4));
        wire::finishMessage(out, start);
        ++messages;
    }
    return messages;
}

void encodeEndOfRib(AfiSafi family, std::vector<std::uint8_t> &out)
{
    const std::size_t start = wire::beginMessage(out, 2);
    wire::putU16(out, 0);
    if (family == AfiSafi::ipv4Unicast()) {
        wire::putU16(out, 0);
    } else {
        wire::putU16(out, 6);
        wire::putU8(out, attr::FlagOptional);
        wire::putU8(out, attr::MpUnreachNlri);
        wire::putU8(out, 3);
        wire::putU16(out, family.afi);
        wire::putU8(out, family.safi);
    }
    wire::finishMessage(out, start);
}

} // namespace bwx::bgp
