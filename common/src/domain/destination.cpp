#include "bwx/domain/destination.h"

#include <charconv>

namespace bwx {

std::string_view toString(RouteClass c)
{
    switch (c) {
    case RouteClass::Customer: return "customer";
    case RouteClass::Peer: return "peer";
    case RouteClass::Transit: return "transit";
    }
    return "?";
}

std::string toString(const Destination& d)
{
    const std::string fam = d.family == net::Family::V6 ? "/v6" : "";
    switch (d.kind) {
    case DestinationKind::Prefix: return d.prefix.toString();
    case DestinationKind::OriginAsn: return "AS" + std::to_string(d.originAsn) + fam;
    case DestinationKind::RouteClass: return std::string(toString(d.routeClass)) + fam;
    }
    return "?";
}

Expected<Destination> parseDestination(std::string_view text)
{
    const std::string shown(text);
    // "AS64500", "AS64500/v6", "customer", "peer/v4", "transit/v6", or a prefix.
    net::Family fam = net::Family::V4;
    std::string_view base = text;
    if (base.ends_with("/v6") || base.ends_with("/V6")) {
        fam = net::Family::V6;
        base.remove_suffix(3);
    } else if (base.ends_with("/v4") || base.ends_with("/V4")) {
        base.remove_suffix(3);
    }
    if (base.size() > 2 && (base[0] == 'A' || base[0] == 'a') && (base[1] == 'S' || base[1] == 's')) {
        std::uint32_t asn = 0;
        const auto digits = base.substr(2);
        const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), asn);
        if (ec != std::errc() || ptr != digits.data() + digits.size() || asn == 0)
            return makeError("invalid origin AS '" + shown + "': expected AS1-AS4294967295");
        return Destination::ofAsn(asn, fam);
    }
    for (auto c : {RouteClass::Customer, RouteClass::Peer, RouteClass::Transit})
        if (base == toString(c))
            return Destination::ofClass(c, fam);
    auto p = net::Prefix::parse(text);
    if (!p)
        return makeError("invalid destination: " + p.error());
    return Destination::ofPrefix(*p);
}

} // namespace bwx
