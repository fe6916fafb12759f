// UPDATE decoding (RFC 4271 4.3, RFC 4760, RFC 6793) with RFC 7606 error handling: every error
// is looked up in the decision table (error_table.cpp), never decided here.
#include "bwx/bgp/codec.h"
#include "nlri.h"
#include "wire.h"

#include <bitset>

namespace bwx::bgp {

namespace {

using Kind = ErrorRule::Kind;

constexpr std::uint8_t kFlagMask = attr::FlagOptional | attr::FlagTransitive;
constexpr std::uint8_t kWellKnown = attr::FlagTransitive;
constexpr std::uint8_t kOptionalTransitive = attr::FlagOptional | attr::FlagTransitive;
constexpr std::uint8_t kOptionalNonTransitive = attr::FlagOptional;

// The Optional/Transitive bits each implemented attribute must carry; 0xff for types this
// speaker does not implement.
constexpr std::uint8_t expectedFlags(std::uint8_t type)
{
    switch (type) {
    case attr::Origin:
    case attr::AsPath:
    case attr::NextHop:
    case attr::LocalPref:
    case attr::AtomicAggregate: return kWellKnown;
    case attr::Aggregator:
    case attr::Communities:
    case attr::As4Path:
    case attr::As4Aggregator:
    case attr::LargeCommunities: return kOptionalTransitive;
    case attr::MultiExitDisc:
    case attr::OriginatorId:
    case attr::ClusterList:
    case attr::MpReachNlri:
    case attr::MpUnreachNlri: return kOptionalNonTransitive;
    default: return 0xff;
    }
}

std::string hexByte(std::uint8_t b)
{
    static const char digits[] = "0123456789abcdef";
    return std::string("0x") + digits[b >> 4] + digits[b & 15];
}

bool martianV4NextHop(std::uint32_t a)
{
    const std::uint32_t top = a >> 24;
    return top == 0 || top >= 224; // 0.0.0.0/8, multicast 224/4, class E 240/4 and broadcast
}

bool unusableV6NextHop(const net::Address &a)
{
    return (a.high() == 0 && a.low() == 0) || (a.high() >> 56) == 0xff; // :: and multicast
}

class UpdateParser
{
public:
    UpdateParser(const SessionParameters &session, Update &out)
        : m_session(session)
        , m_out(out)
    {}

    void run(std::span<const std::uint8_t> body);

private:
    // Records an error and applies the table's verdict to the whole UPDATE (strongest wins).
    void report(std::uint8_t type,
                AttributeFault fault,
                std::string detail,
                std::span<const std::uint8_t> attribute = {},
                Kind kind = Kind::Any);

    void parseAttributes(std::span<const std::uint8_t> section);
    void parseAttribute(std::uint8_t flags,
                        std::uint8_t type,
                        std::span<const std::uint8_t> value,
                        std::span<const std::uint8_t> whole);
    // AS_PATH and AS4_PATH share a layout; returns false after reporting.
    bool parseAsPath(std::uint8_t type,
                     std::span<const std::uint8_t> value,
                     std::size_t asSize,
                     std::span<const std::uint8_t> whole,
                     AsPath &path);
    void parseMpReach(std::span<const std::uint8_t> value, std::span<const std::uint8_t> whole);
    void parseMpUnreach(std::span<const std::uint8_t> value, std::span<const std::uint8_t> whole);
    void reconcile();
    bool familyNegotiated(AfiSafi f) const
    {
        return (f == AfiSafi::ipv4Unicast() && m_session.ipv4Unicast)
               || (f == AfiSafi::ipv6Unicast() && m_session.ipv6Unicast);
    }

    const SessionParameters &m_session;
    Update &m_out;
    std::bitset<256> m_seen;
    std::optional<AsPath> m_as4Path;
    std::optional<Aggregator> m_as4Aggregator;
    bool m_onlyMpUnreach = false;
    bool m_mpUnreachEmpty = false;
};

void UpdateParser::report(std::uint8_t type,
                          AttributeFault fault,
                          std::string detail,
                          std::span<const std::uint8_t> attribute,
                          Kind kind)
{
    const ErrorRule &rule = errorRule(type, fault, kind);
    m_out.problems.push_back({type, fault, rule.action, std::move(detail)});
    if (rule.action > m_out.action)
        m_out.action = rule.action;
    if (rule.action == ErrorAction::SessionReset && !m_out.notification) {
        // RFC 4271 6.3: the data names the erroneous attribute (type, length, value), or for a
        // missing one its type code.
        std::vector<std::uint8_t> data;
        if (fault == AttributeFault::Missing)
            data.push_back(type);
        else if (rule.subcode != update_error::MalformedAttributeList
                 && rule.subcode != update_error::InvalidNetworkField)
            data.assign(attribute.begin(), attribute.end());
        m_out.notification = Notification::make(ErrorCode::UpdateMessage, rule.subcode,
                                                std::move(data));
    }
}

void UpdateParser::run(std::span<const std::uint8_t> body)
{
    wire::Reader r(body);
    if (!r.has(2)) {
        report(kMessageField, AttributeFault::Overrun, "no withdrawn routes length");
        return;
    }
    const std::uint16_t withdrawnLength = r.u16();
    if (!r.has(withdrawnLength + std::size_t{2})) {
        report(kMessageField, AttributeFault::Overrun, "withdrawn routes length overruns message");
        return;
    }
    const auto withdrawnField = r.bytes(withdrawnLength);
    const std::uint16_t attributeLength = r.u16();
    if (!r.has(attributeLength)) {
        report(kMessageField, AttributeFault::Overrun, "total attribute length overruns message");
        return;
    }
    const auto attributes = r.bytes(attributeLength);
    const auto nlri = r.rest();

    if (!detail::decodePrefixes(withdrawnField, net::Family::V4, m_out.withdrawn)) {
        report(kMessageField, AttributeFault::InvalidNlri, "withdrawn routes field malformed");
        return;
    }
    if (!detail::decodePrefixes(nlri, net::Family::V4, m_out.announced)) {
        report(kMessageField, AttributeFault::InvalidNlri, "NLRI field malformed");
        return;
    }
    if (!nlri.empty() && !m_session.ipv4Unicast) {
        // IPv4 NLRI on a session that did not negotiate IPv4 unicast: ignored like an
        // unsupported MP_REACH_NLRI.
        m_out.announced.clear();
    }
    if (withdrawnLength == 0 && attributeLength == 0 && nlri.empty()) {
        m_out.endOfRib = AfiSafi::ipv4Unicast();
        return;
    }
    parseAttributes(attributes);
    if (m_out.action == ErrorAction::SessionReset)
        return;

    const bool anyNlri = !m_out.announced.empty() || !m_out.mpAnnounced.empty();
    if (anyNlri) {
        if (!m_seen[attr::Origin])
            report(attr::Origin, AttributeFault::Missing, "ORIGIN missing");
        if (!m_seen[attr::AsPath])
            report(attr::AsPath, AttributeFault::Missing, "AS_PATH missing");
    }
    if (!m_out.announced.empty() && !m_seen[attr::NextHop])
        report(attr::NextHop, AttributeFault::Missing, "NEXT_HOP missing");
    if (!m_session.fourOctetAs)
        reconcile();
    if (m_onlyMpUnreach && m_mpUnreachEmpty && withdrawnLength == 0 && nlri.empty()
        && m_out.problems.empty())
        m_out.endOfRib = AfiSafi::ipv6Unicast();
}

void UpdateParser::parseAttributes(std::span<const std::uint8_t> section)
{
    wire::Reader r(section);
    std::size_t count = 0;
    while (!r.atEnd()) {
        const std::size_t start = r.position();
        if (!r.has(3) || (!r.has(4) && (section[start] & attr::FlagExtendedLength))) {
            report(kAnyAttribute, AttributeFault::Overrun,
                   "fewer bytes left than an attribute header");
            return;
        }
        const std::uint8_t flags = r.u8();
        const std::uint8_t type = r.u8();
        const std::size_t length = (flags & attr::FlagExtendedLength) ? r.u16() : r.u8();
        if (!r.has(length)) {
            report(type, AttributeFault::Overrun,
                   std::string(attributeName(type)) + " length " + std::to_string(length)
                       + " overruns the attribute section");
            return;
        }
        const auto value = r.bytes(length);
        const auto whole = section.subspan(start, r.position() - start);
        ++count;
        if (m_seen[type]) {
            report(type, AttributeFault::Duplicate,
                   std::string(attributeName(type)) + " (type " + std::to_string(type)
                       + ") repeated",
                   whole);
            continue;
        }
        m_seen[type] = true;
        parseAttribute(flags, type, value, whole);
        if (m_out.action == ErrorAction::SessionReset)
            return;
    }
    m_onlyMpUnreach = count == 1 && m_seen[attr::MpUnreachNlri];
}

void UpdateParser::parseAttribute(std::uint8_t flags,
                                  std::uint8_t type,
                                  std::span<const std::uint8_t> value,
                                  std::span<const std::uint8_t> whole)
{
    const std::string_view name = attributeName(type);
    const std::uint8_t expected = expectedFlags(type);
    if (expected == 0xff) {
        const Kind kind = !(flags & attr::FlagOptional) ? Kind::WellKnown
                          : (flags & attr::FlagTransitive) ? Kind::OptionalTransitive
                                                            : Kind::OptionalNonTransitive;
        const ErrorRule &rule = errorRule(kAnyAttribute, AttributeFault::Unrecognized, kind);
        if (rule.action == ErrorAction::None) {
            m_out.attributes.mutableRare().unknown.push_back(
                {static_cast<std::uint8_t>(flags & ~attr::FlagExtendedLength), type,
                 {value.begin(), value.end()}});
            return;
        }
        report(type, AttributeFault::Unrecognized,
               "unrecognised attribute type " + std::to_string(type), whole, kind);
        return;
    }

    // Attributes that only make sense on another kind of session are dropped before any other
    // check: their content does not matter here (RFC 7606 7.5, 7.9, 7.10; RFC 6793 4.1).
    const bool fromExternal = m_session.external
                              && (type == attr::LocalPref || type == attr::OriginatorId
                                  || type == attr::ClusterList);
    const bool as4OnNewSession = m_session.fourOctetAs
                                 && (type == attr::As4Path || type == attr::As4Aggregator);
    if (fromExternal || as4OnNewSession) {
        report(type, AttributeFault::NotAllowedFromPeer,
               std::string(name)
                   + (fromExternal ? " from an external peer" : " on a 4-octet AS session"),
               whole);
        return;
    }
    if ((flags & kFlagMask) != expected) {
        report(type, AttributeFault::FlagsConflict,
               std::string(name) + " flags " + hexByte(flags) + " contradict its type", whole);
        return;
    }

    wire::Reader v(value);
    const std::size_t len = value.size();
    auto badLength = [&] {
        report(type, AttributeFault::BadLength,
               std::string(name) + " length " + std::to_string(len), whole);
    };
    PathAttributes &a = m_out.attributes;
    switch (type) {
    case attr::Origin:
        if (len != 1)
            return badLength();
        if (value[0] > 2)
            return report(type, AttributeFault::BadValue,
                          "ORIGIN value " + std::to_string(value[0]), whole);
        a.origin = static_cast<Origin>(value[0]);
        return;
    case attr::AsPath:
        parseAsPath(type, value, m_session.fourOctetAs ? 4 : 2, whole, a.asPath);
        return;
    case attr::NextHop: {
        if (len != 4)
            return badLength();
        const std::uint32_t nh = v.u32();
        if (martianV4NextHop(nh))
            return report(type, AttributeFault::BadValue,
                          "NEXT_HOP " + net::Address::v4(nh).toString() + " is not unicast",
                          whole);
        a.nextHop = net::Address::v4(nh);
        return;
    }
    case attr::MultiExitDisc:
        if (len != 4)
            return badLength();
        a.med = v.u32();
        return;
    case attr::LocalPref:
        if (len != 4)
            return badLength();
        a.mutableRare().localPref = v.u32();
        return;
    case attr::AtomicAggregate:
        if (len != 0)
            return badLength();
        a.atomicAggregate = true;
        return;
    case attr::Aggregator: {
        const std::size_t asSize = m_session.fourOctetAs ? 4 : 2;
        if (len != asSize + 4)
            return badLength();
        Aggregator g;
        g.asn = asSize == 4 ? v.u32() : v.u16();
        g.address = v.u32();
        if (g.asn == 0)
            return report(type, AttributeFault::AsZero, "AGGREGATOR AS 0", whole);
        a.mutableRare().aggregator = g;
        return;
    }
    case attr::Communities:
        if (len == 0 || len % 4 != 0)
            return badLength();
        a.communities.reserve(len / 4);
        while (!v.atEnd())
            a.communities.push_back(v.u32());
        return;
    case attr::OriginatorId:
        if (len != 4)
            return badLength();
        a.mutableRare().originatorId = v.u32();
        return;
    case attr::ClusterList: {
        if (len == 0 || len % 4 != 0)
            return badLength();
        std::vector<std::uint32_t> &clusterList = a.mutableRare().clusterList;
        while (!v.atEnd())
            clusterList.push_back(v.u32());
        return;
    }
    case attr::MpReachNlri:
        parseMpReach(value, whole);
        return;
    case attr::MpUnreachNlri:
        parseMpUnreach(value, whole);
        return;
    case attr::As4Path: {
        AsPath p;
        if (parseAsPath(type, value, 4, whole, p))
            m_as4Path = std::move(p);
        return;
    }
    case attr::As4Aggregator: {
        if (len != 8)
            return badLength();
        Aggregator g;
        g.asn = v.u32();
        g.address = v.u32();
        if (g.asn == 0)
            return report(type, AttributeFault::AsZero, "AS4_AGGREGATOR AS 0", whole);
        m_as4Aggregator = g;
        return;
    }
    case attr::LargeCommunities:
        if (len == 0 || len % 12 != 0)
            return badLength();
        a.largeCommunities.reserve(len / 12);
        while (!v.atEnd()) {
            LargeCommunity c;
            c.global = v.u32();
            c.local1 = v.u32();
            c.local2 = v.u32();
            a.largeCommunities.push_back(c);
        }
        return;
    default: return;
    }
}

bool UpdateParser::parseAsPath(std::uint8_t type,
                               std::span<const std::uint8_t> value,
                               std::size_t asSize,
                               std::span<const std::uint8_t> whole,
                               AsPath &path)
{
    const std::string name = attributeName(type); // short enough not to allocate
    wire::Reader v(value);
    path.clear();
    // A segment of n ASes takes 2 + n * asSize octets and 1 + n words.
    path.reserveWords(value.size() / 2);
    while (!v.atEnd()) {
        if (!v.has(2)) {
            report(type, AttributeFault::BadLength, name + " segment header truncated", whole);
            return false;
        }
        const std::uint8_t segType = v.u8();
        const std::uint8_t count = v.u8();
        if (segType < 1 || segType > 4) {
            report(type, AttributeFault::BadValue,
                   name + " segment type " + std::to_string(segType), whole);
            return false;
        }
        const bool confed = segType == 3 || segType == 4;
        if (confed && (m_session.external || type == attr::As4Path)) {
            report(type, AttributeFault::BadValue,
                   name + " confederation segment "
                       + (type == attr::As4Path ? "in AS4_PATH" : "from an external peer"),
                   whole);
            return false;
        }
        if (count == 0) {
            report(type, AttributeFault::BadLength, name + " segment of zero ASes", whole);
            return false;
        }
        if (!v.has(count * asSize)) {
            report(type, AttributeFault::BadLength, name + " segment overruns the attribute",
                   whole);
            return false;
        }
        const std::span<Asn> asns = path.appendSegment(static_cast<SegmentType>(segType), count);
        for (Asn &asn : asns) {
            asn = asSize == 4 ? v.u32() : v.u16();
            if (asn == 0) {
                // The segments before this one stay, as they always have.
                path.removeLastSegment();
                report(type, AttributeFault::AsZero, name + " contains AS 0", whole);
                return false;
            }
        }
    }
    return true;
}

void UpdateParser::parseMpReach(std::span<const std::uint8_t> value,
                                std::span<const std::uint8_t> whole)
{
    wire::Reader v(value);
    if (!v.has(5))
        return report(attr::MpReachNlri, AttributeFault::BadLength, "MP_REACH_NLRI too short",
                      whole);
    AfiSafi f;
    f.afi = v.u16();
    f.safi = v.u8();
    const std::uint8_t nhLength = v.u8();
    if (!v.has(nhLength + std::size_t{1}))
        return report(attr::MpReachNlri, AttributeFault::BadLength,
                      "MP_REACH_NLRI next hop length " + std::to_string(nhLength)
                          + " overruns the attribute",
                      whole);
    const auto nh = v.bytes(nhLength);
    v.u8(); // reserved (RFC 4760: ignored on receipt)
    if (!familyNegotiated(f))
        return report(attr::MpReachNlri, AttributeFault::UnsupportedFamily,
                      "MP_REACH_NLRI for AFI " + std::to_string(f.afi) + " SAFI "
                          + std::to_string(f.safi) + " not negotiated",
                      whole);
    const net::Family family = f.afi == 1 ? net::Family::V4 : net::Family::V6;
    if (!detail::decodePrefixes(v.rest(), family, m_out.mpAnnounced))
        return report(attr::MpReachNlri, AttributeFault::InvalidNlri,
                      "MP_REACH_NLRI prefix malformed", whole);
    bool nhOk = false;
    if (family == net::Family::V4 && nhLength == 4) {
        const std::uint32_t a = wire::readU32(nh.data());
        nhOk = !martianV4NextHop(a);
        m_out.mpNextHop = net::Address::v4(a);
    } else if (family == net::Family::V6 && (nhLength == 16 || nhLength == 32)) {
        const net::Address global = net::Address::fromBytes(net::Family::V6, nh.first(16));
        nhOk = !unusableV6NextHop(global);
        m_out.mpNextHop = global;
        if (nhLength == 32)
            m_out.mpLinkLocalNextHop = net::Address::fromBytes(net::Family::V6, nh.subspan(16));
    }
    if (!nhOk)
        report(attr::MpReachNlri, AttributeFault::BadValue,
               "MP_REACH_NLRI next hop (" + std::to_string(nhLength)
                   + " bytes) unusable for the address family",
               whole);
}

void UpdateParser::parseMpUnreach(std::span<const std::uint8_t> value,
                                  std::span<const std::uint8_t> whole)
{
    wire::Reader v(value);
    if (!v.has(3))
        return report(attr::MpUnreachNlri, AttributeFault::BadLength,
                      "MP_UNREACH_NLRI too short", whole);
    AfiSafi f;
    f.afi = v.u16();
    f.safi = v.u8();
    if (!familyNegotiated(f))
        return report(attr::MpUnreachNlri, AttributeFault::UnsupportedFamily,
                      "MP_UNREACH_NLRI for AFI " + std::to_string(f.afi) + " SAFI "
                          + std::to_string(f.safi) + " not negotiated",
                      whole);
    const net::Family family = f.afi == 1 ? net::Family::V4 : net::Family::V6;
    m_mpUnreachEmpty = v.atEnd() && family == net::Family::V6;
    if (!detail::decodePrefixes(v.rest(), family, m_out.withdrawn))
        report(attr::MpUnreachNlri, AttributeFault::InvalidNlri,
               "MP_UNREACH_NLRI prefix malformed", whole);
}

void UpdateParser::reconcile()
{
    // RFC 6793 4.2.3: an AGGREGATOR that is not AS_TRANS means the aggregating speaker was an
    // OLD one, so AS4_AGGREGATOR and AS4_PATH came from somewhere else and are ignored.
    PathAttributes &a = m_out.attributes;
    if (m_as4Aggregator && a.aggregator()) {
        if (a.aggregator()->asn != kAsTrans)
            return;
        a.mutableRare().aggregator = m_as4Aggregator;
    }
    if (m_as4Path)
        a.asPath = reconcileAsPath(a.asPath, *m_as4Path);
}

} // namespace

void decodeUpdate(std::span<const std::uint8_t> body,
                  const SessionParameters &session,
                  Update &out)
{
    out.clear();
    UpdateParser(session, out).run(body);
}

AsPath reconcileAsPath(const AsPath &asPath, const AsPath &as4Path)
{
    const int n = asPath.length();
    const int m = as4Path.length();
    if (n < m)
        return asPath;
    int keep = n - m;
    std::vector<AsPathSegment> out;
    for (const AsPathSegmentView s : asPath.segments()) {
        if (keep == 0)
            break;
        if (s.type == SegmentType::AsSequence) {
            const std::size_t take = std::min<std::size_t>(static_cast<std::size_t>(keep),
                                                           s.asns.size());
            out.push_back({s.type, {s.asns.begin(),
                                    s.asns.begin() + static_cast<std::ptrdiff_t>(take)}});
            keep -= static_cast<int>(take);
        } else {
            out.push_back({s.type, {s.asns.begin(), s.asns.end()}});
            if (s.type == SegmentType::AsSet)
                --keep;
        }
    }
    for (const AsPathSegmentView s : as4Path.segments()) {
        // Adjacent sequences are joined so that equal paths have one representation.
        if (!out.empty() && out.back().type == SegmentType::AsSequence
            && s.type == SegmentType::AsSequence)
            out.back().asns.insert(out.back().asns.end(), s.asns.begin(), s.asns.end());
        else
            out.push_back({s.type, {s.asns.begin(), s.asns.end()}});
    }
    return AsPath(out);
}

} // namespace bwx::bgp
