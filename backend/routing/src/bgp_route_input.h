#pragma once
// A received BGP route as the registry sees it (registry/route_input.h): the AS path flattened
// with its AS_SET runs, the next hop, communities and large communities.
#include "bwx/bgp/path_attributes.h"
#include "bwx/registry/route_input.h"

namespace bwx::routing {

registry::RouteInput toRouteInput(const net::Prefix &prefix, const bgp::PathAttributes &attributes);

} // namespace bwx::routing
