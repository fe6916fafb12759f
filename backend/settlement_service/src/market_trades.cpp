#include "bwx/settlement_service/market_trades.h"

#include "bwx/market/engine.h"

#include <limits>

namespace bwx::settlement {

std::optional<TradeTerms> termsOf(const proto::TradeView &trade)
{
    // A cancelled trade was cut short to its cancellation time (docs/market.md): billed and
    // attributed up to then, unless it was cancelled before it started.
    if (!(trade.deliveryStart < trade.deliveryEnd))
        return std::nullopt;
    TradeTerms t;
    t.id = trade.tradeId;
    t.buyer = trade.buyer;
    t.seller = trade.seller;
    if (trade.destination.isPrefix()) {
        t.destination = trade.destination.prefix;
    } else {
        t.destination = trade.destination.family == net::Family::V4
                            ? *net::Prefix::parse("0.0.0.0/0")
                            : *net::Prefix::parse("::/0");
        t.label = toString(trade.destination);
    }
    t.deliveryStart = trade.deliveryStart;
    t.deliveryEnd = trade.deliveryEnd;
    t.committed = trade.capacity;
    t.price = trade.price;
    t.cancelled = trade.state == proto::TradeState::Cancelled;
    return t;
}

MarketSnapshot snapshotOf(const market::Engine &engine)
{
    MarketSnapshot snapshot;
    for (const proto::MemberView &m : engine.members()) {
        snapshot.names[m.id.value()] = m.name;
        for (proto::TradeView &t :
             engine.tradesOf(m.id, Timestamp{}, std::numeric_limits<std::uint32_t>::max()))
            snapshot.trades.insert_or_assign(t.tradeId, std::move(t));
    }
    return snapshot;
}

} // namespace bwx::settlement
