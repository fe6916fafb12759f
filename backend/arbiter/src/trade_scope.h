#pragma once
// Which prefixes one trade exports, from which member route, and which prefixes a route change
// can affect. The rules are in docs/arbiter.md ("What a trade exports").
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

// The route whose attributes the trade exports at `prefix` in `role`, or nullopt when the
// trade exports nothing there. `exact`, when given, is routes.route(sourceMember, prefix)
// already looked up by the caller.
std::optional<SourceRoute> sourceFor(const RouteSource &routes,
                                     const proto::TradeView &trade,
                                     proto::ExportRole role,
                                     const net::Prefix &prefix,
                                     const std::optional<SourceRoute> *exact = nullptr);

// Every prefix the trade exports in `role` (each once).
void forEachExport(const RouteSource &routes,
                   const proto::TradeView &trade,
                   proto::ExportRole role,
                   const std::function<void(const net::Prefix &)> &f);

// The exported prefixes of `role` that a change of the source member's route at `changed`
// can affect (zero, one or two prefixes).
void affectedExports(const proto::TradeView &trade,
                     proto::ExportRole role,
                     const net::Prefix &changed,
                     const std::function<void(const net::Prefix &)> &f);

} // namespace bwx::arbiter::detail
