#include "static_routes.h"

#include "bgp_route_input.h"
#include "bwx/registry/config.h"

namespace bwx::routing {

StaticEntry makeStaticEntry(const StaticRoute &route,
                            MemberId member,
                            std::uint32_t memberAsn,
                            const net::Address &nextHop,
                            std::uint32_t exchangeAsn)
{
    bgp::PathAttributes a;
    a.origin = bgp::Origin::Igp;
    std::vector<bgp::Asn> path{memberAsn};
    if (route.originAs && *route.originAs != memberAsn)
        path.push_back(*route.originAs);
    a.asPath = bgp::AsPath::sequence(std::move(path));
    a.nextHop = nextHop;
    a.largeCommunities.push_back(
        {exchangeAsn, registry::kClassFunction, static_cast<std::uint32_t>(route.routeClass)});
    StaticEntry e;
    e.member = member;
    e.router = nextHop;
    e.prefix = route.prefix;
    e.input = toRouteInput(route.prefix, a);
    e.attributes = std::make_shared<const bgp::PathAttributes>(std::move(a));
    return e;
}

} // namespace bwx::routing
