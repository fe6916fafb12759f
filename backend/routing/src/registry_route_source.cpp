#include "registry_route_source.h"

#include <algorithm>
#include <set>

namespace bwx::routing {

namespace {

Deliverable deliverableOf(RouteClass routeClass,
                          std::optional<std::uint32_t> originAsn,
                          std::uint32_t pathLength)
{
    return {routeClass, originAsn.value_or(0),
            static_cast<std::uint8_t>(std::min<std::uint32_t>(pathLength, 255))};
}

Deliverable deliverableOf(const registry::RouteView &r)
{
    return deliverableOf(r.routeClass.value_or(RouteClass::Customer), r.originAsn, r.pathLength);
}

// Which of a member's routes at one prefix counts: the shortest path, then the lowest session.
bool better(std::uint32_t pathLength, const net::Address &peer, std::uint32_t otherLength,
            const net::Address &otherPeer)
{
    if (pathLength != otherLength)
        return pathLength < otherLength;
    return peer < otherPeer;
}

bool better(const registry::RouteView &a, const registry::RouteView &b)
{
    return better(a.pathLength, a.peer, b.pathLength, b.peer);
}

} // namespace

RegistryRouteSource::RegistryRouteSource(const registry::Registry &registry, AttributeLookup lookup)
    : m_registry(registry)
    , m_lookup(std::move(lookup))
{}

std::optional<registry::RouteView>
RegistryRouteSource::best(MemberId member, const net::Prefix &prefix, bool sellableOnly) const
{
    const registry::MemberConfig *config = m_registry.member(member);
    if (!config)
        return std::nullopt;
    std::optional<registry::RouteView> out;
    for (const net::Address &router : config->routers) {
        auto r = m_registry.route(member, router, prefix);
        if (!r || r->status != registry::RouteStatus::Valid || !r->routeClass)
            continue;
        if (sellableOnly && !config->policy.sells(*r->routeClass))
            continue;
        if (!out || better(*r, *out))
            out = std::move(r);
    }
    return out;
}

std::optional<arbiter::SourceRoute> RegistryRouteSource::route(MemberId member,
                                                               const net::Prefix &prefix) const
{
    const auto r = best(member, prefix, false);
    if (!r)
        return std::nullopt;
    bgp::AttributesRef attributes = m_lookup(member, r->peer, prefix);
    if (!attributes)
        return std::nullopt;
    return arbiter::SourceRoute{prefix, std::move(attributes), *r->routeClass, r->originAsn};
}

std::optional<arbiter::SourceRoute>
RegistryRouteSource::coveringRoute(MemberId member, const net::Prefix &prefix, MemberId buyer) const
{
    for (const registry::Deliverer &d : m_registry.deliverers(prefix, buyer)) {
        if (d.member != member)
            continue;
        bgp::AttributesRef attributes = m_lookup(member, d.peer, d.route);
        if (!attributes)
            return std::nullopt;
        return arbiter::SourceRoute{d.route, std::move(attributes), d.routeClass, d.originAsn};
    }
    return std::nullopt;
}

registry::RouteFilter RegistryRouteSource::filterOf(const arbiter::RouteSelector &selector)
{
    registry::RouteFilter filter;
    filter.family = selector.family;
    filter.status = registry::RouteStatus::Valid;
    filter.routeClass = selector.routeClass;
    filter.originAsn = selector.originAsn;
    filter.within = selector.within;
    filter.withReasonText = false;
    return filter;
}

void RegistryRouteSource::forEachPrefix(MemberId member,
                                        const arbiter::RouteSelector &selector,
                                        const std::function<void(const net::Prefix &)> &f) const
{
    const registry::MemberConfig *config = m_registry.member(member);
    if (!config)
        return;
    const registry::RouteFilter filter = filterOf(selector);
    if (config->routers.size() <= 1) {
        m_registry.forEachRoute(member, filter, [&](const registry::RouteView &r) {
            f(r.prefix);
            return true;
        });
        return;
    }
    // Several sessions may hold the same prefix: each once.
    std::set<net::Prefix> seen;
    m_registry.forEachRoute(member, filter, [&](const registry::RouteView &r) {
        seen.insert(r.prefix);
        return true;
    });
    for (const net::Prefix &p : seen)
        f(p);
}

void RegistryRouteSource::forEachRoute(
    MemberId member,
    const arbiter::RouteSelector &selector,
    const std::function<void(const arbiter::SourceRoute &)> &f) const
{
    const registry::MemberConfig *config = m_registry.member(member);
    if (!config)
        return;
    if (config->routers.size() != 1) {
        // The best of several sessions' routes needs every session's view of the prefix.
        arbiter::RouteSource::forEachRoute(member, selector, f);
        return;
    }
    // One session: the visited route is the member's only route at its prefix, so it is what
    // route() would return, without looking it up a second time.
    const net::Address &router = config->routers.front();
    m_registry.forEachRoute(member, filterOf(selector), [&](const registry::RouteView &r) {
        if (!r.routeClass || r.peer != router)
            return true;
        if (!selector.attributes)
            f(arbiter::SourceRoute{r.prefix, nullptr, *r.routeClass, r.originAsn});
        else if (bgp::AttributesRef attributes = m_lookup(member, r.peer, r.prefix))
            f(arbiter::SourceRoute{r.prefix, std::move(attributes), *r.routeClass, r.originAsn});
        return true;
    });
}

bool RegistryRouteSource::maySell(MemberId seller, RouteClass routeClass, MemberId buyer) const
{
    return m_registry.maySell(seller, routeClass, buyer);
}

std::optional<Deliverable> RegistryRouteSource::deliverable(MemberId member,
                                                            const net::Prefix &prefix) const
{
    const auto r = best(member, prefix, true);
    if (!r)
        return std::nullopt;
    return deliverableOf(*r);
}

std::optional<Deliverable>
RegistryRouteSource::deliverableBefore(const registry::RouteChange &change) const
{
    const registry::MemberConfig *config = m_registry.member(change.member);
    if (!config)
        return std::nullopt;
    std::optional<Deliverable> out;
    std::uint32_t outLength = 0;
    net::Address outPeer;
    const auto consider
        = [&](std::uint32_t length, const net::Address &peer, const Deliverable &d) {
              if (!out || better(length, peer, outLength, outPeer)) {
                  out = d;
                  outLength = length;
                  outPeer = peer;
              }
          };
    if (change.before == registry::RouteStatus::Valid && change.classBefore
        && config->policy.sells(*change.classBefore))
        consider(change.pathLengthBefore, change.peer,
                 deliverableOf(*change.classBefore, change.originBefore, change.pathLengthBefore));
    for (const net::Address &router : config->routers) {
        if (router == change.peer)
            continue;
        const auto r = m_registry.route(change.member, router, change.prefix);
        if (r && r->status == registry::RouteStatus::Valid && r->routeClass
            && config->policy.sells(*r->routeClass))
            consider(r->pathLength, router, deliverableOf(*r));
    }
    return out;
}

void RegistryRouteSource::forEachDeliverable(
    MemberId member, const std::function<void(const net::Prefix &, const Deliverable &)> &f) const
{
    const registry::MemberConfig *config = m_registry.member(member);
    if (!config)
        return;
    registry::RouteFilter filter;
    filter.status = registry::RouteStatus::Valid;
    filter.withReasonText = false;
    if (config->routers.size() <= 1) {
        m_registry.forEachRoute(member, filter, [&](const registry::RouteView &r) {
            if (r.routeClass && config->policy.sells(*r.routeClass))
                f(r.prefix, deliverableOf(r));
            return true;
        });
        return;
    }
    std::map<net::Prefix, registry::RouteView> bestOf;
    m_registry.forEachRoute(member, filter, [&](const registry::RouteView &r) {
        if (!r.routeClass || !config->policy.sells(*r.routeClass))
            return true;
        auto [it, fresh] = bestOf.try_emplace(r.prefix, r);
        if (!fresh && better(r, it->second))
            it->second = r;
        return true;
    });
    for (const auto &[prefix, r] : bestOf)
        f(prefix, deliverableOf(r));
}

} // namespace bwx::routing
