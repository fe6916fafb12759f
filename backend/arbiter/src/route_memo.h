#pragma once
// The members' routes as the arbiter saw them since its last flush. Activating trades and
// flushing their exports ask for the same routes many times over (every trade of a seller
// enumerates the seller's routes; composing each export looks its route up again); the memo
// answers the repeats without going back to the registry and the Adj-RIB-In.
//
// Only valid while nothing changed underneath: the arbiter forgets a member's prefix when it is
// told the route changed, and the whole memo after each flush, so nothing lives longer than one
// batch of changes.
#include "bwx/arbiter/route_source.h"
#include "bwx/bgp/route_table.h"

#include <memory>
#include <unordered_map>
#include <vector>

namespace bwx::arbiter::detail {

class RouteMemo final : public RouteSource
{
public:
    explicit RouteMemo(const RouteSource &source)
        : m_source(source)
    {}

    std::optional<SourceRoute> route(MemberId member, const net::Prefix &prefix) const override;
    std::optional<SourceRoute>
    coveringRoute(MemberId member, const net::Prefix &prefix, MemberId buyer) const override
    {
        return m_source.coveringRoute(member, prefix, buyer);
    }
    void forEachPrefix(MemberId member,
                       const RouteSelector &selector,
                       const std::function<void(const net::Prefix &)> &f) const override;
    void forEachRoute(MemberId member,
                      const RouteSelector &selector,
                      const std::function<void(const SourceRoute &)> &f) const override;
    bool maySell(MemberId seller, RouteClass routeClass, MemberId buyer) const override
    {
        return m_source.maySell(seller, routeClass, buyer);
    }

    // The member's route at `prefix` changed: its answer and the member's enumerations go.
    void forget(MemberId member, const net::Prefix &prefix);
    void clear();

private:
    // What route() answered, without the prefix (the table's key).
    struct Known
    {
        bgp::AttributesRef attributes; // null: no route
        std::optional<std::uint32_t> originAsn;
        RouteClass routeClass = RouteClass::Customer;
    };
    struct Enumeration
    {
        RouteSelector selector;
        // Shared so a visit that enumerates again (and grows the list) cannot pull it away.
        std::shared_ptr<const std::vector<SourceRoute>> routes;
    };
    struct Member
    {
        bgp::RouteTable<Known> routes;
        std::vector<Enumeration> enumerations;
    };

    std::shared_ptr<const std::vector<SourceRoute>> enumerate(MemberId member,
                                                              const RouteSelector &selector) const;

    const RouteSource &m_source;
    mutable std::unordered_map<MemberId, Member, StrongIntHash> m_members;
};

} // namespace bwx::arbiter::detail
