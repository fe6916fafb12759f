#pragma once
// The market's trades and members as settlement sees them.
//
// A trade toward a prefix is attributed by that prefix. A trade toward an origin AS or a route
// class has no prefix of its own here: it is attributed as the catch-all of its address family
// (0.0.0.0/0, ::/0) — traffic of that buyer through that seller's router toward anything no
// more specific trade of theirs covers — and statements name it by its destination text.
// A cancelled trade is billed and carries traffic up to its cancellation (its delivery period
// was cut short there); one cancelled before it started has an empty period and neither.
#include "bwx/proto/records.h"
#include "bwx/settlement/statement.h"
#include "bwx/settlement/trades.h"

#include <map>
#include <optional>
#include <vector>

namespace bwx::market {
class Engine;
}

namespace bwx::settlement {

// Nothing when the trade's delivery period is empty (cancelled before it started).
std::optional<TradeTerms> termsOf(const proto::TradeView &trade);

// Every trade of the market (each once, in trade id order) and every member's name, read on
// the market thread (or from an engine nobody else uses, before the sequencer starts, or from a
// replay of the journal).
struct MarketSnapshot
{
    std::map<TradeId, proto::TradeView> trades;
    MemberNames names;
};
MarketSnapshot snapshotOf(const market::Engine &engine);

} // namespace bwx::settlement
