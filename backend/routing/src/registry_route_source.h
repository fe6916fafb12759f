#pragma once
// The arbiter's and the market feed's view of the members' routes: validity, class and policy
// from the registry, the full attributes from where the route came from (the BGP session's
// Adj-RIB-In, or the static route), looked up through `AttributeLookup`.
#include "bwx/arbiter/route_source.h"
#include "bwx/registry/registry.h"
#include "bwx/routing/market_feed.h"

#include <functional>

namespace bwx::routing {

class RegistryRouteSource final : public arbiter::RouteSource, public DeliverableSource
{
public:
    using AttributeLookup = std::function<bgp::AttributesRef(
        MemberId member, const net::Address &router, const net::Prefix &prefix)>;

    RegistryRouteSource(const registry::Registry &registry, AttributeLookup lookup);

    std::optional<arbiter::SourceRoute> route(MemberId member,
                                              const net::Prefix &prefix) const override;
    std::optional<arbiter::SourceRoute>
    coveringRoute(MemberId member, const net::Prefix &prefix, MemberId buyer) const override;
    void forEachPrefix(MemberId member,
                       const arbiter::RouteSelector &selector,
                       const std::function<void(const net::Prefix &)> &f) const override;
    void forEachRoute(MemberId member,
                      const arbiter::RouteSelector &selector,
                      const std::function<void(const arbiter::SourceRoute &)> &f) const override;
    bool maySell(MemberId seller, RouteClass routeClass, MemberId buyer) const override;

    std::optional<Deliverable> deliverable(MemberId member,
                                           const net::Prefix &prefix) const override;
    void forEachDeliverable(
        MemberId member,
        const std::function<void(const net::Prefix &, const Deliverable &)> &f) const override;

    // What the member could deliver at the changed prefix just before `change`: the changed
    // session's route as it was, the member's other sessions' routes as they are.
    std::optional<Deliverable> deliverableBefore(const registry::RouteChange &change) const;

private:
    static registry::RouteFilter filterOf(const arbiter::RouteSelector &selector);
    // The member's best valid route at exactly `prefix` (shortest path, then lowest session),
    // optionally only among classes it sells.
    std::optional<registry::RouteView> best(MemberId member, const net::Prefix &prefix,
                                            bool sellableOnly) const;

    const registry::Registry &m_registry;
    AttributeLookup m_lookup;
};

} // namespace bwx::routing
