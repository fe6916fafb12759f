#include "arbiter_fakes.h"

#include <stdexcept>

namespace bwx::arbiter::test {

net::Prefix pfx(const char *text)
{
    auto p = net::Prefix::parse(text);
    if (!p)
        throw std::runtime_error(p.error());
    return *p;
}

net::Address addr(const char *text)
{
    auto a = net::Address::parse(text);
    if (!a)
        throw std::runtime_error(a.error());
    return *a;
}

bgp::AttributesRef attrs(std::vector<bgp::Asn> path,
                         const char *nextHop,
                         std::vector<bgp::LargeCommunity> large,
                         std::vector<bgp::Community> communities,
                         std::optional<std::uint32_t> med)
{
    bgp::PathAttributes a;
    a.origin = bgp::Origin::Igp;
    a.asPath = bgp::AsPath::sequence(std::move(path));
    a.nextHop = addr(nextHop);
    a.largeCommunities = std::move(large);
    a.communities = std::move(communities);
    a.med = med;
    return std::make_shared<const bgp::PathAttributes>(std::move(a));
}

void FakeRoutes::set(MemberId member, const net::Prefix &prefix, FakeRoute route)
{
    m_routes[member][prefix] = std::move(route);
}

void FakeRoutes::erase(MemberId member, const net::Prefix &prefix)
{
    m_routes[member].erase(prefix);
}

void FakeRoutes::deny(MemberId seller, RouteClass routeClass, MemberId buyer)
{
    m_denied.insert({seller, routeClass, buyer});
}

std::optional<SourceRoute> FakeRoutes::route(MemberId member, const net::Prefix &prefix) const
{
    const auto m = m_routes.find(member);
    if (m == m_routes.end())
        return std::nullopt;
    const auto r = m->second.find(prefix);
    if (r == m->second.end())
        return std::nullopt;
    return SourceRoute{prefix, r->second.attributes, r->second.routeClass,
                       r->second.attributes->asPath.originAs()};
}

std::optional<SourceRoute>
FakeRoutes::coveringRoute(MemberId member, const net::Prefix &prefix, MemberId buyer) const
{
    for (int length = prefix.length(); length >= 0; --length) {
        const net::Prefix candidate = net::Prefix::makeTruncating(prefix.address(), length);
        auto r = route(member, candidate);
        if (r && maySell(member, r->routeClass, buyer))
            return r;
    }
    return std::nullopt;
}

void FakeRoutes::forEachPrefix(MemberId member,
                               const RouteSelector &selector,
                               const std::function<void(const net::Prefix &)> &f) const
{
    const auto m = m_routes.find(member);
    if (m == m_routes.end())
        return;
    for (const auto &[prefix, r] : m->second) {
        if (selector.family && prefix.family() != *selector.family)
            continue;
        if (selector.within && !selector.within->contains(prefix))
            continue;
        if (selector.routeClass && r.routeClass != *selector.routeClass)
            continue;
        if (selector.originAsn && r.attributes->asPath.originAs() != selector.originAsn)
            continue;
        f(prefix);
    }
}

bool FakeRoutes::maySell(MemberId seller, RouteClass routeClass, MemberId buyer) const
{
    return seller != buyer && !m_denied.count({seller, routeClass, buyer});
}

bool FakeSink::changed(MemberId receiver, std::shared_ptr<const bgp::PrefixList> prefixes)
{
    ++changeCalls;
    // Read now, during the flush, as a session of the receiver would read them later: nothing
    // changes in between here.
    for (std::size_t i = 0; i < prefixes->size(); ++i) {
        const net::Prefix prefix = prefixes->at(i);
        bgp::OutboundRoute r;
        if (m_source->outboundRoute(bgp::PeerId(0), receiver, prefix, r)) {
            // What the receiver's router gets: the set as the speaker's encoder decorates it.
            m_rib[receiver][prefix]
                = r.decoration ? std::make_shared<const bgp::PathAttributes>(
                                     bgp::decorated(*r.attributes, *r.decoration))
                               : std::move(r.attributes);
        } else if (m_rib[receiver].erase(prefix) == 0) {
            ++withdrawalsOfUnknown;
        }
    }
    return false;
}

const std::map<net::Prefix, bgp::AttributesRef> &FakeSink::rib(MemberId receiver) const
{
    static const std::map<net::Prefix, bgp::AttributesRef> none;
    const auto it = m_rib.find(receiver);
    return it == m_rib.end() ? none : it->second;
}

proto::TradeView trade(std::uint64_t id,
                       MemberId buyer,
                       MemberId seller,
                       const Destination &destination,
                       proto::TradeState state,
                       std::optional<Destination> sellDestination)
{
    proto::TradeView t;
    t.tradeId = TradeId(id);
    t.buyOrderId = OrderId(id * 2);
    t.sellOrderId = OrderId(id * 2 + 1);
    t.buyer = buyer;
    t.seller = seller;
    t.destination = destination;
    t.sellDestination = sellDestination ? *sellDestination : destination;
    t.price = Price(1'000'000);
    t.capacity = Bandwidth(1000);
    t.state = state;
    return t;
}

} // namespace bwx::arbiter::test
