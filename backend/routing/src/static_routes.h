#pragma once
// Statically registered routes ([[routing.static]]): what the registry validates (a RouteInput)
// and what the arbiter exports (the attributes a router would have sent: ORIGIN IGP, the AS
// path member AS [origin AS], the next hop, the class community).
#include "bwx/bgp/attribute_pool.h"
#include "bwx/domain/ids.h"
#include "bwx/registry/route_input.h"
#include "bwx/routing/routing_config.h"

namespace bwx::routing {

struct StaticEntry
{
    MemberId member{};
    net::Address router; // the registry session: the next hop
    net::Prefix prefix;
    registry::RouteInput input;
    bgp::AttributesRef attributes;
};

StaticEntry makeStaticEntry(const StaticRoute &route,
                            MemberId member,
                            std::uint32_t memberAsn,
                            const net::Address &nextHop,
                            std::uint32_t exchangeAsn);

} // namespace bwx::routing
