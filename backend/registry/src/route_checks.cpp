#include "route_checks.h"

#include "bwx/registry/asn.h"

#include <algorithm>
#include <optional>

namespace bwx::registry::detail {

BogonIndex::BogonIndex(const std::vector<BogonEntry> &entries, bool allowDocumentation)
{
    for (const BogonEntry &entry : entries) {
        if (allowDocumentation && entry.kind == BogonKind::Documentation)
            continue;
        m_entries.push_back(entry);
        m_index.insert(entry.prefix, static_cast<std::uint32_t>(m_entries.size() - 1));
    }
}

const BogonEntry *BogonIndex::match(const net::Prefix &route) const
{
    const auto hit = m_index.longestMatch(route);
    if (!hit)
        return nullptr;
    const BogonEntry &entry = m_entries[*hit->second];
    return entry.kind == BogonKind::Exception ? nullptr : &entry;
}

namespace {

struct ClassScan
{
    std::optional<LargeCommunity> unknown;     // a class community with no such class
    std::optional<LargeCommunity> first;       // the first valid class community
    std::optional<LargeCommunity> conflicting; // one naming another class than `first`
};

ClassScan scanClassCommunities(std::uint32_t exchangeAsn,
                               std::span<const LargeCommunity> communities)
{
    ClassScan scan;
    for (const LargeCommunity &c : communities) {
        if (c.global != exchangeAsn || c.local1 != kClassFunction)
            continue;
        if (c.local2 < 1 || c.local2 > 3) {
            if (!scan.unknown)
                scan.unknown = c;
        } else if (!scan.first) {
            scan.first = c;
        } else if (scan.first->local2 != c.local2 && !scan.conflicting) {
            scan.conflicting = c;
        }
    }
    return scan;
}

int maxLengthOf(const RegistryConfig &config, net::Family family)
{
    return family == net::Family::V4 ? config.maxLengthV4 : config.maxLengthV6;
}

int minLengthOf(const RegistryConfig &config, net::Family family)
{
    return family == net::Family::V4 ? config.minLengthV4 : config.minLengthV6;
}

bool onLan(const RegistryConfig &config, const net::Address &address)
{
    return config.lanPrefixes.empty()
           || std::any_of(config.lanPrefixes.begin(), config.lanPrefixes.end(),
                          [&](const net::Prefix &lan) { return lan.contains(address); });
}

bool isRefusedReserved(const RegistryConfig &config, std::uint32_t asn)
{
    const AsnKind kind = classifyAsn(asn).kind;
    return kind == AsnKind::Reserved
           || (kind == AsnKind::Documentation && !config.allowDocumentationAsns);
}

bool isRefusedPrivate(const RegistryConfig &config, std::uint32_t asn)
{
    return config.rejectPrivateAsns && classifyAsn(asn).kind == AsnKind::Private;
}

template<class Pred> std::optional<std::uint32_t> findAsn(const AsPathView &path, Pred pred)
{
    for (const std::uint32_t asn : path.asns()) {
        if (pred(asn))
            return asn;
    }
    return std::nullopt;
}

Reason firstFailure(const CheckContext &context,
                    const MemberConfig &member,
                    const net::Prefix &prefix,
                    const RouteAttributesView &a,
                    const ClassScan &scan,
                    const Verdict &verdict)
{
    const RegistryConfig &config = context.config;
    if (prefix.length() == 0)
        return Reason::DefaultRoute;
    if (context.bogons.match(prefix))
        return Reason::Bogon;
    if (prefix.length() > maxLengthOf(config, prefix.family()))
        return Reason::TooSpecific;
    if (prefix.length() < minLengthOf(config, prefix.family()))
        return Reason::TooShort;
    if (!onLan(config, a.nextHop))
        return Reason::NextHopNotOnLan;
    if (!std::binary_search(member.routers.begin(), member.routers.end(), a.nextHop))
        return Reason::NextHopNotMemberRouter;
    const AsPathView &path = a.path;
    if (path.empty())
        return Reason::EmptyAsPath;
    if (path.length() > config.maxAsPathLength)
        return Reason::AsPathTooLong;
    const auto first = path.firstAsn();
    if (!first || !std::binary_search(member.asns.begin(), member.asns.end(), *first))
        return Reason::FirstAsNotMember;
    if (config.rejectAsSets && path.hasSet())
        return Reason::AsSetInPath;
    if (findAsn(path, [&](std::uint32_t asn) { return isRefusedReserved(config, asn); }))
        return Reason::ReservedAsn;
    if (findAsn(path, [&](std::uint32_t asn) { return isRefusedPrivate(config, asn); }))
        return Reason::PrivateAsn;
    if (scan.unknown)
        return Reason::UnknownClassCommunity;
    if (scan.conflicting)
        return Reason::ConflictingClassCommunities;
    if (verdict.rpki == RpkiState::Invalid && config.rpki.rejectInvalid)
        return Reason::RpkiInvalid;
    if (verdict.rpki == RpkiState::NotFound && config.rpki.rejectNotFound)
        return Reason::RpkiNotFound;
    if (verdict.irr == IrrState::Invalid && config.irr.rejectInvalid)
        return Reason::IrrInvalid;
    if (verdict.irr == IrrState::NotFound && config.irr.rejectNotFound)
        return Reason::IrrNotFound;
    return Reason::None;
}

std::string familyName(net::Family family)
{
    return family == net::Family::V4 ? "IPv4" : "IPv6";
}

std::string asnList(const std::vector<std::uint32_t> &asns)
{
    std::string text;
    for (const std::uint32_t asn : asns) {
        if (!text.empty())
            text += ", ";
        text += "AS" + std::to_string(asn);
    }
    return text;
}

std::string className(std::uint32_t value)
{
    return value >= 1 && value <= 3 ? std::string(toString(static_cast<RouteClass>(value))) : "?";
}

std::string originText(const AsPathView &path)
{
    const auto origin = path.originAsn();
    if (origin)
        return "origin AS" + std::to_string(*origin);
    return path.empty() ? "an empty AS path (no origin)"
                        : "an AS path ending in an AS_SET (origin unknown, RFC 6811)";
}

constexpr std::size_t kListed = 5; // enough to see the problem, short enough for a table cell

} // namespace

Verdict validateRoute(const CheckContext &context,
                      const MemberConfig &member,
                      const net::Prefix &prefix,
                      const RouteAttributesView &attributes)
{
    Verdict verdict;
    const ClassScan scan
        = scanClassCommunities(context.config.exchangeAsn, attributes.largeCommunities);
    if (!scan.unknown && !scan.conflicting)
        verdict.routeClass = scan.first ? static_cast<std::uint8_t>(scan.first->local2)
                                        : static_cast<std::uint8_t>(member.defaultClass);
    // Origin validation runs for every route, whatever fails first, so the member sees the RPKI
    // and IRR state of its rejected routes too.
    const auto origin = attributes.path.originAsn();
    verdict.rpki = context.rpki.validate(prefix, origin);
    verdict.irr = context.irr.validate(prefix, origin, context.config.irr.allowMoreSpecifics);
    verdict.reason = firstFailure(context, member, prefix, attributes, scan, verdict);
    return verdict;
}

std::string explainReason(const CheckContext &context,
                          const MemberConfig &member,
                          const net::Prefix &prefix,
                          const RouteAttributesView &a,
                          Reason reason)
{
    const RegistryConfig &config = context.config;
    const std::string route = prefix.toString();
    switch (reason) {
    case Reason::None:
        return {};
    case Reason::DefaultRoute:
        return route + " is a default route";
    case Reason::Bogon: {
        const BogonEntry *entry = context.bogons.match(prefix);
        std::string text = route + " is inside bogon "
                           + (entry ? entry->prefix.toString() + " (" + entry->description + ")"
                                    : std::string("space"));
        if (entry && entry->kind == BogonKind::Documentation)
            text += "; documentation prefixes are accepted only with allow_documentation_prefixes";
        return text;
    }
    case Reason::TooSpecific:
        return route + " is longer than the " + familyName(prefix.family()) + " maximum /"
               + std::to_string(maxLengthOf(config, prefix.family()));
    case Reason::TooShort:
        return route + " is shorter than the " + familyName(prefix.family()) + " minimum /"
               + std::to_string(minLengthOf(config, prefix.family()));
    case Reason::NextHopNotOnLan: {
        std::string lans;
        for (const net::Prefix &lan : config.lanPrefixes)
            lans += (lans.empty() ? "" : ", ") + lan.toString();
        return "next hop " + a.nextHop.toString() + " is not on the exchange LAN (" + lans + ")";
    }
    case Reason::NextHopNotMemberRouter: {
        std::string routers;
        for (const net::Address &router : member.routers)
            routers += (routers.empty() ? "" : ", ") + router.toString();
        return "next hop " + a.nextHop.toString() + " is not a router of " + member.name + " ("
               + (routers.empty() ? "none registered" : routers) + ")";
    }
    case Reason::EmptyAsPath:
        return "empty AS path (a member's routes must carry its AS)";
    case Reason::AsPathTooLong:
        return "AS path of " + std::to_string(a.path.length())
               + " hops is longer than the limit of " + std::to_string(config.maxAsPathLength);
    case Reason::FirstAsNotMember: {
        const auto first = a.path.firstAsn();
        const std::string what = first ? "first AS " + std::to_string(*first)
                                       : std::string("an AS path starting with an AS_SET");
        return what + " is not an ASN of " + member.name + " (" + asnList(member.asns) + ")";
    }
    case Reason::AsSetInPath:
        return "AS path " + formatAsPath(a.path) + " contains an AS_SET (RFC 9774)";
    case Reason::ReservedAsn: {
        const auto asn
            = findAsn(a.path, [&](std::uint32_t x) { return isRefusedReserved(config, x); });
        const AsnInfo info = classifyAsn(asn.value_or(0));
        std::string text = "AS path " + formatAsPath(a.path) + " contains AS"
                           + std::to_string(asn.value_or(0)) + " (" + std::string(info.description)
                           + ")";
        if (info.kind == AsnKind::Documentation)
            text += "; documentation ASNs are accepted only with allow_documentation_asns";
        return text;
    }
    case Reason::PrivateAsn: {
        const auto asn
            = findAsn(a.path, [&](std::uint32_t x) { return isRefusedPrivate(config, x); });
        return "AS path " + formatAsPath(a.path) + " contains private AS"
               + std::to_string(asn.value_or(0)) + " (RFC 6996)";
    }
    case Reason::UnknownClassCommunity: {
        const ClassScan scan = scanClassCommunities(config.exchangeAsn, a.largeCommunities);
        const std::string exchange = std::to_string(config.exchangeAsn);
        return "large community " + formatLargeCommunity(scan.unknown.value_or(LargeCommunity{}))
               + " names no route class (" + exchange + ":1:1 customer, " + exchange + ":1:2 peer, "
               + exchange + ":1:3 transit)";
    }
    case Reason::ConflictingClassCommunities: {
        const ClassScan scan = scanClassCommunities(config.exchangeAsn, a.largeCommunities);
        const LargeCommunity first = scan.first.value_or(LargeCommunity{});
        const LargeCommunity other = scan.conflicting.value_or(LargeCommunity{});
        return "large communities " + formatLargeCommunity(first) + " (" + className(first.local2)
               + ") and " + formatLargeCommunity(other) + " (" + className(other.local2)
               + ") set conflicting route classes";
    }
    case Reason::RpkiInvalid: {
        const std::vector<Vrp> vrps = context.rpki.covering(prefix);
        std::string listed;
        for (std::size_t i = 0; i < vrps.size() && i < kListed; ++i)
            listed += (i ? ", " : "") + vrps[i].prefix.toString() + "-"
                      + std::to_string(vrps[i].maxLength) + " AS" + std::to_string(vrps[i].asn);
        if (vrps.size() > kListed)
            listed += " and " + std::to_string(vrps.size() - kListed) + " more";
        return "RPKI invalid: no VRP authorises " + originText(a.path) + " for " + route
               + " (covering VRPs: " + listed + ")";
    }
    case Reason::RpkiNotFound:
        return "RPKI not found: no VRP covers " + route + " and not-found routes are refused";
    case Reason::IrrInvalid: {
        const std::vector<IrrRoute> objects
            = context.irr.considered(prefix, config.irr.allowMoreSpecifics);
        std::string listed;
        for (std::size_t i = 0; i < objects.size() && i < kListed; ++i)
            listed += (i ? ", " : "") + objects[i].prefix.toString() + " AS"
                      + std::to_string(objects[i].origin);
        if (objects.size() > kListed)
            listed += " and " + std::to_string(objects.size() - kListed) + " more";
        return "IRR invalid: no route object registers " + originText(a.path) + " for " + route
               + " (registered: " + listed + ")";
    }
    case Reason::IrrNotFound:
        return std::string("IRR not found: no route object ")
               + (config.irr.allowMoreSpecifics ? "covers " : "matches ") + route
               + " and unregistered routes are refused";
    case Reason::MaxPrefixExceeded:
        return "the session already holds its maximum number of " + familyName(prefix.family())
               + " routes";
    }
    return std::string(toString(reason));
}

} // namespace bwx::registry::detail
