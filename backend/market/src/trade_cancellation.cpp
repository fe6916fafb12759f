// CancelTrade: a live trade ended early by an admin, or by its buyer while the seller cannot
// deliver it (rules in docs/market.md, "Trade cancellation").
#include <algorithm>
#include <string>

#include "engine_impl.h"

namespace bwx::market {

using proto::ResultCode;
using proto::TradeState;

namespace {

std::string tradeText(std::uint64_t id) { return "trade " + std::to_string(id); }

} // namespace

bool Engine::Impl::qualityBreached(const proto::TradeView &t) const
{
    const proto::QualityLimits &limits = rec(t.buyOrderId).params.limits;
    if (limits.maxLatencyUs == 0 && limits.maxLossPpm == 0)
        return false;
    // The figure the matcher compared when the pair traded (rule 2, check 8).
    const detail::BookKey buy = detail::keyOf(t.destination, Side::Buy, t.buyer);
    const detail::BookKey sell = detail::keyOf(t.sellDestination, Side::Sell, t.seller);
    const net::Prefix ref = buy.isPrefix()    ? buy.prefix
                            : sell.isPrefix() ? sell.prefix
                                              : detail::familyRoot(buy.family);
    const auto figure = figureOf(t.seller, ref);
    if (!figure)
        return false;
    const auto state = static_cast<proto::QualityState>(figure->state);
    if (state == proto::QualityState::Unreachable)
        return true; // any latency or loss limit: an unreachable destination loses everything
    if (state != proto::QualityState::Fresh)
        return false;
    return (limits.maxLatencyUs != 0 && figure->latencyUs > limits.maxLatencyUs)
           || (limits.maxLossPpm != 0 && figure->lossPpm > limits.maxLossPpm);
}

Timestamp Engine::Impl::committedEnd(const proto::TradeView &t) const
{
    if (t.state != TradeState::Cancelled)
        return t.deliveryEnd;
    return std::min(rec(t.buyOrderId).params.deliveryEnd, rec(t.sellOrderId).params.deliveryEnd);
}

void Engine::Impl::onCancelTrade(MemberId sender, const proto::CancelTrade &m)
{
    const std::uint64_t id = m.tradeId.value();
    const bool admin = sender.value() == 0;
    // Another member's trade is answered like an unknown one: trade ids are not probed.
    if (id == 0 || id > trades.size()
        || (!admin && trades[id - 1].buyer != sender && trades[id - 1].seller != sender)) {
        reject(ResultCode::UnknownTrade, tradeText(id) + " is not among your trades");
        return;
    }
    proto::TradeView &t = trades[id - 1];
    if (t.state == TradeState::Ended || t.state == TradeState::Cancelled) {
        reject(ResultCode::TradeNotCancellable,
               tradeText(id) + (t.state == TradeState::Ended ? " has ended" : " is already cancelled"));
        return;
    }
    if (!admin && sender == t.seller) {
        reject(ResultCode::TradeNotCancellable,
               tradeText(id) + ": the seller cannot cancel a trade, it sold the capacity");
        return;
    }
    if (!admin && t.state != TradeState::Suspended && !qualityBreached(t)) {
        reject(ResultCode::TradeNotCancellable,
               tradeText(id)
                   + ": the seller delivers it within the buy order's limits; a buyer may cancel "
                     "only while the trade is suspended or the seller's measured latency or loss "
                     "breaches them");
        return;
    }

    // Ports are freed as when a trade ends (the past part of a period holds nothing either way).
    releaseTrade(t);
    tradeTimers.erase(id);
    // Delivered up to now: a trade cancelled before it started delivers nothing and costs
    // nothing. The amount cannot overflow: the period only shrank.
    t.deliveryEnd = std::clamp(now, t.deliveryStart, t.deliveryEnd);
    t.amount = amountFor(t.price, t.capacity, t.deliveryEnd - t.deliveryStart).value_or(Money{});
    setTradeState(t, TradeState::Cancelled);
    reexamineBlockedPorts();
}

} // namespace bwx::market
