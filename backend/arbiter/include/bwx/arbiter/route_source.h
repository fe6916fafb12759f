#pragma once
// What the arbiter asks about the members' routes. The routing service answers from the
// registry (validity, class, policy) and the BGP speaker's Adj-RIB-In (the full attributes);
// tests answer from tables. Only valid routes are ever returned.
#include "bwx/bgp/attribute_pool.h"
#include "bwx/domain/destination.h"
#include "bwx/domain/ids.h"
#include "bwx/net/prefix.h"

#include <cstdint>
#include <functional>
#include <optional>

namespace bwx::arbiter {

// One valid route of a member: the route's own prefix, its attributes exactly as the member's
// router sent them (next hop, AS path, communities...), its class and origin.
struct SourceRoute
{
    net::Prefix prefix;
    bgp::AttributesRef attributes;
    RouteClass routeClass = RouteClass::Customer;
    std::optional<std::uint32_t> originAsn;
};

// Which of a member's valid routes to visit. Empty fields do not filter.
struct RouteSelector
{
    std::optional<net::Family> family;
    std::optional<net::Prefix> within; // the prefix itself and everything more specific
    std::optional<std::uint32_t> originAsn;
    std::optional<RouteClass> routeClass;
    // False when the caller needs only prefix, class and origin: the source may then leave
    // SourceRoute::attributes empty (and a memo does not keep the routes).
    bool attributes = true;
};

class RouteSource
{
public:
    virtual ~RouteSource() = default;
    // The member's best valid route for exactly `prefix` over all its sessions (shortest AS
    // path, then the lowest session address), or nullopt.
    virtual std::optional<SourceRoute> route(MemberId member, const net::Prefix &prefix) const = 0;
    // The member's best valid route covering `prefix` that it sells to `buyer`: the most
    // specific, then the shortest AS path, then the lowest session address.
    virtual std::optional<SourceRoute>
    coveringRoute(MemberId member, const net::Prefix &prefix, MemberId buyer) const = 0;
    // Each prefix (once) for which the member holds a valid route matching `selector`.
    virtual void forEachPrefix(MemberId member,
                               const RouteSelector &selector,
                               const std::function<void(const net::Prefix &)> &f) const = 0;
    // Each route forEachPrefix visits, with what route(member, prefix) would return for it;
    // lets a caller that needs the routes skip a second lookup per prefix. The default asks
    // route() for every prefix; a source that holds the route at hand overrides it.
    virtual void forEachRoute(MemberId member,
                              const RouteSelector &selector,
                              const std::function<void(const SourceRoute &)> &f) const
    {
        forEachPrefix(member, selector, [&](const net::Prefix &prefix) {
            if (const auto r = route(member, prefix))
                f(*r);
        });
    }
    // The member's selling policy.
    virtual bool maySell(MemberId seller, RouteClass routeClass, MemberId buyer) const = 0;
};

} // namespace bwx::arbiter
