#pragma once
// Which prefixes one trade exports, from which member route, and which prefixes a route change
// can affect. The rules are in docs/bgp.md ("What a trade sends to the routers").
#include "bwx/arbiter/route_source.h"
#include "bwx/proto/records.h"

#include <functional>
#include <optional>

namespace bwx::arbiter::detail {

// The address family of the trade (of its destination).
net::Family tradeFamily(const proto::TradeView &trade);
// The member whose routes the role exports: the seller for role 1, the buyer for role 2.
MemberId sourceMember(const proto::TradeView &trade, proto::ExportRole role);
// The member that receives them: the buyer for role 1, the seller for role 2.
MemberId receiverOf(const proto::TradeView &trade, proto::ExportRole role);

// Whether the trade exports `route` at the route's own prefix in `role` (not the case of a
// prefix trade's traded prefix itself, which takes the seller's covering route). Uses only the
// route's prefix, class and origin, so the arbiter can also ask it about a route that is gone.
bool exportsOwnRoute(const RouteSource &routes,
                     const proto::TradeView &trade,
                     proto::ExportRole role,
                     const SourceRoute &route);
// The same with the seller's policy decided by the caller: whether it sells the route's class
// to the buyer (not asked in role 2).
bool exportsOwnRoute(const proto::TradeView &trade,
                     proto::ExportRole role,
                     const SourceRoute &route,
                     bool sellable);

// The route whose attributes the trade exports at `prefix` in `role`, or nullopt when the
// trade exports nothing there. `exact`, when given, is routes.route(sourceMember, prefix)
// already looked up by the caller.
std::optional<SourceRoute> sourceFor(const RouteSource &routes,
                                     const proto::TradeView &trade,
                                     proto::ExportRole role,
                                     const net::Prefix &prefix,
                                     const std::optional<SourceRoute> *exact = nullptr);

// Every prefix the trade exports in `role` (each once), with the route it exports there (a
// covering route for a prefix trade's traded prefix). With `attributes` false the routes may
// come without their attributes.
void forEachExport(const RouteSource &routes,
                   const proto::TradeView &trade,
                   proto::ExportRole role,
                   const std::function<void(const net::Prefix &, const SourceRoute &)> &f,
                   bool attributes = true);

// The exported prefixes of `role` that a change of the source member's route at `changed`
// can affect (zero, one or two prefixes).
void affectedExports(const proto::TradeView &trade,
                     proto::ExportRole role,
                     const net::Prefix &changed,
                     const std::function<void(const net::Prefix &)> &f);

} // namespace bwx::arbiter::detail
