// Sequenced clock ticks: GTD and delivery-end expiry of open orders, and trade delivery states.
// Both are deadline heaps, so a tick costs only the deadlines it passes. Trades that end free
// their members' ports, which may let port-blocked orders trade (rule 3).
#include <algorithm>
#include <functional>

#include "engine_impl.h"

namespace bwx::market {

using detail::kNil;

void Engine::Impl::onClockTick()
{
    const auto later = std::greater<>{};
    while (!orderTimers.empty() && orderTimers.front().time <= now.value()) {
        std::pop_heap(orderTimers.begin(), orderTimers.end(), later);
        const detail::Timer timer = orderTimers.back();
        orderTimers.pop_back();
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
    while (!tradeTimers.empty() && tradeTimers.front().time <= now.value()) {
        std::pop_heap(tradeTimers.begin(), tradeTimers.end(), later);
        const detail::Timer timer = tradeTimers.back();
        tradeTimers.pop_back();
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
            detail::pushTimer(tradeTimers, trade.deliveryEnd.value(), timer.id);
        }
    }
    reexamineBlockedPorts();
}

} // namespace bwx::market
