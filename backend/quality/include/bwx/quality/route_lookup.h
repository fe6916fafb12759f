#pragma once
// Asks the kernel which route a probe would take ("ip route get TARGET [from SRC] [mark M]"),
// over rtnetlink. The analyzer checks before every train that the route leads to the seller's
// router: a missing ip rule would otherwise send the seller's probes through the main table —
// through another seller — and its quality would be measured on someone else's path.
#include "bwx/expected.h"
#include "bwx/net/address.h"

#include <cstdint>
#include <optional>

namespace bwx::quality {

struct RouteQuery
{
    net::Address destination;
    std::optional<net::Address> source;
    std::optional<std::uint32_t> mark;
};

struct RouteAnswer
{
    std::optional<net::Address> gateway; // nothing for a directly connected destination
    std::uint32_t outputInterface = 0;
    std::optional<net::Address> preferredSource;
};

// Blocking, but the kernel answers at once (no I/O leaves the host). The error carries the
// kernel's reason ("Network is unreachable" when no table has a route).
Expected<RouteAnswer> lookupRoute(const RouteQuery &query);

} // namespace bwx::quality
