// Sequenced clock ticks: GTD and delivery-end expiry of open orders, and trade delivery states.
// Both are deadline heaps, so a tick costs only the deadlines it passes. Trades that end free
// their members' ports, which may let port-blocked orders trade (rule 3).

#include "engine_impl.h"

namespace bwx::market {

using detail::kNil;

void Engine::Impl::onClockTick()
{
    while (!orderTimers.empty() && orderTimers.top().time <= now.value()) {
        const detail::Timer timer = orderTimers.top();
        orderTimers.pop();
        // Entries of orders that closed since are skipped here rather than deleted when the
        // order closed; an open order has exactly one entry, pushed when it was accepted.
        const std::uint32_t slot = slotOf[timer.id - 1];
        if (slot == kNil)
            continue;
        cancelResting(slot, OrderStatus::Expired, proto::ResultCode::Expired, false);
    }
    // Keep the skipped entries from piling up behind far-away deadlines.
    if (orderTimers.size() > 2 * openOrders + 1024) {
        orderTimers.clear();
        for (const detail::MemberRecord &member : members)
            for (const std::uint32_t slot : member.open)
                pushOrderTimer(live[slot].id, rec(live[slot].id).params);
    }

    // A live trade has one deadline: its delivery start while scheduled, else its end.
    while (!tradeTimers.empty() && tradeTimers.top().time <= now.value()) {
        const detail::Timer timer = tradeTimers.top();
        tradeTimers.pop();
        proto::TradeView &trade = trades[timer.id - 1];
        if (trade.state == proto::TradeState::Ended || trade.state == proto::TradeState::Cancelled)
            continue;
        if (trade.state == proto::TradeState::Scheduled)
            setTradeState(trade, proto::TradeState::Active);
        if (trade.deliveryEnd <= now) {
            setTradeState(trade, proto::TradeState::Ended);
            releaseTrade(trade);
        } else {
            // Started (or suspended past its start): the next deadline is its end.
            tradeTimers.push(trade.deliveryEnd.value(), timer.id);
        }
    }
    reexamineBlockedPorts();
}

} // namespace bwx::market
