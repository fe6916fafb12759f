#include "route_memo.h"

namespace bwx::arbiter::detail {

namespace {

bool sameSelector(const RouteSelector &a, const RouteSelector &b)
{
    return a.family == b.family && a.within == b.within && a.originAsn == b.originAsn
           && a.routeClass == b.routeClass && a.attributes == b.attributes;
}

} // namespace

std::optional<SourceRoute> RouteMemo::route(MemberId member, const net::Prefix &prefix) const
{
    auto [known, fresh] = m_members[member].routes.findOrInsert(prefix);
    if (fresh) {
        if (auto r = m_source.route(member, prefix)) {
            *known = Known{r->attributes, r->originAsn, r->routeClass};
            return r;
        }
        return std::nullopt;
    }
    if (!known->attributes)
        return std::nullopt;
    return SourceRoute{prefix, known->attributes, known->routeClass, known->originAsn};
}

std::shared_ptr<const std::vector<SourceRoute>>
RouteMemo::enumerate(MemberId member, const RouteSelector &selector) const
{
    Member &m = m_members[member];
    for (const Enumeration &e : m.enumerations)
        if (sameSelector(e.selector, selector))
            return e.routes;
    auto routes = std::make_shared<std::vector<SourceRoute>>();
    m_source.forEachRoute(member, selector, [&](const SourceRoute &r) {
        routes->push_back(r);
        // A later route() of the same prefix (composing the export) is then answered here.
        auto [known, fresh] = m.routes.findOrInsert(r.prefix);
        if (fresh)
            *known = Known{r.attributes, r.originAsn, r.routeClass};
    });
    m.enumerations.push_back({selector, routes});
    return routes;
}

void RouteMemo::forEachPrefix(MemberId member,
                              const RouteSelector &selector,
                              const std::function<void(const net::Prefix &)> &f) const
{
    // Every prefix with a valid route, not only those route() answers for: not memoised.
    m_source.forEachPrefix(member, selector, f);
}

void RouteMemo::forEachRoute(MemberId member,
                             const RouteSelector &selector,
                             const std::function<void(const SourceRoute &)> &f) const
{
    if (!selector.attributes) {
        // A walk for counting: cheaper from the source than kept.
        m_source.forEachRoute(member, selector, f);
        return;
    }
    const auto routes = enumerate(member, selector);
    for (const SourceRoute &r : *routes)
        f(r);
}

void RouteMemo::forget(MemberId member, const net::Prefix &prefix)
{
    const auto it = m_members.find(member);
    if (it == m_members.end())
        return;
    it->second.routes.erase(prefix);
    it->second.enumerations.clear();
}

void RouteMemo::clear()
{
    m_members.clear();
}

} // namespace bwx::arbiter::detail
