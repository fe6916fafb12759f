#include "bgp_route_input.h"

namespace bwx::routing {

registry::RouteInput toRouteInput(const net::Prefix &prefix, const bgp::PathAttributes &attributes)
{
    registry::RouteInput in;
    in.prefix = prefix;
    for (const bgp::AsPathSegmentView segment : attributes.asPath.segments()) {
        switch (segment.type) {
        case bgp::SegmentType::AsSequence:
            in.asPath.insert(in.asPath.end(), segment.asns.begin(), segment.asns.end());
            break;
        case bgp::SegmentType::AsSet:
            if (segment.asns.empty())
                break;
            in.asSets.push_back({static_cast<std::uint32_t>(in.asPath.size()),
                                 static_cast<std::uint32_t>(segment.asns.size())});
            in.asPath.insert(in.asPath.end(), segment.asns.begin(), segment.asns.end());
            break;
        case bgp::SegmentType::ConfedSequence:
        case bgp::SegmentType::ConfedSet:
            // Never from an external member session (the speaker refuses them there).
            break;
        }
    }
    // A route always has a next hop once the speaker accepted it; the unspecified address
    // (never a member router) keeps a route without one out of trading.
    in.nextHop = attributes.nextHop ? *attributes.nextHop
                                    : (prefix.family() == net::Family::V4
                                           ? net::Address::v4(0)
                                           : net::Address::fromWords(net::Family::V6, 0, 0));
    in.communities = attributes.communities;
    in.largeCommunities.reserve(attributes.largeCommunities.size());
    for (const bgp::LargeCommunity &c : attributes.largeCommunities)
        in.largeCommunities.push_back({c.global, c.local1, c.local2});
    return in;
}

} // namespace bwx::routing
