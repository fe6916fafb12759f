#include "trade_scope.h"

namespace bwx::arbiter::detail {
namespace {

using Role = proto::ExportRole;

// Whether a route (exported at `prefix`, taken from `source`) lies within a destination. For a
// prefix destination the exported prefix must be inside it; the source may be a covering route.
bool within(const Destination &destination, const net::Prefix &prefix, const SourceRoute &source)
{
    switch (destination.kind) {
    case DestinationKind::Prefix:
        return destination.prefix.contains(prefix);
    case DestinationKind::OriginAsn:
        return prefix.family() == destination.family && source.originAsn
               && *source.originAsn == destination.originAsn;
    case DestinationKind::RouteClass:
        return prefix.family() == destination.family
               && source.routeClass == destination.routeClass;
    }
    return false;
}

} // namespace

bool exportsOwnRoute(const RouteSource &routes,
                     const proto::TradeView &trade,
                     Role role,
                     const SourceRoute &route)
{
    if (role == Role::BuyerPrefixToSeller)
        return route.routeClass == RouteClass::Customer;
    return routes.maySell(trade.seller, route.routeClass, trade.buyer)
           && exportsOwnRoute(trade, role, route, true);
}

bool exportsOwnRoute(const proto::TradeView &trade,
                     Role role,
                     const SourceRoute &route,
                     bool sellable)
{
    if (role == Role::BuyerPrefixToSeller)
        return route.routeClass == RouteClass::Customer;
    return sellable && within(trade.destination, route.prefix, route)
           && within(trade.sellDestination, route.prefix, route);
}

net::Family tradeFamily(const proto::TradeView &trade)
{
    return trade.destination.isPrefix() ? trade.destination.prefix.family()
                                        : trade.destination.family;
}

MemberId sourceMember(const proto::TradeView &trade, Role role)
{
    return role == Role::SellerRouteToBuyer ? trade.seller : trade.buyer;
}

MemberId receiverOf(const proto::TradeView &trade, Role role)
{
    return role == Role::SellerRouteToBuyer ? trade.buyer : trade.seller;
}

std::optional<SourceRoute> sourceFor(const RouteSource &routes,
                                     const proto::TradeView &trade,
                                     Role role,
                                     const net::Prefix &prefix,
                                     const std::optional<SourceRoute> *exact)
{
    if (prefix.family() != tradeFamily(trade))
        return std::nullopt;
    const MemberId member = sourceMember(trade, role);
    auto exactRoute = [&]() -> std::optional<SourceRoute> {
        return exact ? *exact : routes.route(member, prefix);
    };

    const Destination &bought = trade.destination;
    if (role == Role::SellerRouteToBuyer && bought.isPrefix() && prefix == bought.prefix) {
        // The traded prefix itself, carried by the seller's best covering route: a more
        // specific announcement steers exactly the traded destination through the seller.
        auto source = routes.coveringRoute(member, prefix, trade.buyer);
        if (!source || !within(bought, prefix, *source)
            || !within(trade.sellDestination, prefix, *source))
            return std::nullopt;
        return source;
    }
    // The buyer's own address space (role 2: the sources of the traffic the seller will
    // carry), or the seller's route at exactly the exported prefix.
    auto route = exactRoute();
    if (!route || !exportsOwnRoute(routes, trade, role, *route))
        return std::nullopt;
    return route;
}

void forEachExport(const RouteSource &routes,
                   const proto::TradeView &trade,
                   Role role,
                   const std::function<void(const net::Prefix &, const SourceRoute &)> &f,
                   bool attributes)
{
    const MemberId member = sourceMember(trade, role);
    const net::Family family = tradeFamily(trade);
    RouteSelector selector;
    selector.family = family;
    selector.attributes = attributes;
    // The enumeration hands over each route: deciding it needs no second lookup.
    auto visit = [&](const SourceRoute &route) {
        if (exportsOwnRoute(routes, trade, role, route))
            f(route.prefix, route);
    };
    if (role == Role::BuyerPrefixToSeller) {
        selector.routeClass = RouteClass::Customer;
        routes.forEachRoute(member, selector, visit);
        return;
    }
    const Destination &bought = trade.destination;
    switch (bought.kind) {
    case DestinationKind::Prefix: {
        if (const auto covering = sourceFor(routes, trade, role, bought.prefix))
            f(bought.prefix, *covering);
        selector.within = bought.prefix;
        routes.forEachRoute(member, selector, [&](const SourceRoute &route) {
            if (route.prefix != bought.prefix)
                visit(route);
        });
        return;
    }
    case DestinationKind::OriginAsn:
        selector.originAsn = bought.originAsn;
        break;
    case DestinationKind::RouteClass:
        selector.routeClass = bought.routeClass;
        break;
    }
    routes.forEachRoute(member, selector, visit);
}

void affectedExports(const proto::TradeView &trade,
                     Role role,
                     const net::Prefix &changed,
                     const std::function<void(const net::Prefix &)> &f)
{
    if (changed.family() != tradeFamily(trade))
        return;
    const Destination &bought = trade.destination;
    if (role == Role::SellerRouteToBuyer && bought.isPrefix()) {
        if (bought.prefix.contains(changed))
            f(changed); // the traded prefix itself, or a route inside it
        else if (changed.contains(bought.prefix))
            f(bought.prefix); // the covering route of the traded prefix may have changed
        return;
    }
    f(changed);
}

} // namespace bwx::arbiter::detail
