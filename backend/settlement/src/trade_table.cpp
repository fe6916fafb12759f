#include "bwx/settlement/trades.h"

#include <algorithm>

namespace bwx::settlement {

Expected<bool> TradeTable::add(TradeTerms trade)
{
    if (std::find(m_ids.begin(), m_ids.end(), trade.id) != m_ids.end())
        return makeError("trade " + std::to_string(trade.id.value()) + " is already known");
    if (!(trade.deliveryStart < trade.deliveryEnd))
        return makeError("trade " + std::to_string(trade.id.value())
                         + ": delivery period is empty");
    if (trade.committed.value() < 0 || trade.price.value() < 0)
        return makeError("trade " + std::to_string(trade.id.value())
                         + ": negative capacity or price");
    if (trade.buyer == trade.seller)
        return makeError("trade " + std::to_string(trade.id.value())
                         + ": buyer and seller are the same member");
    m_ids.push_back(trade.id);
    m_byDestination[trade.destination].push_back(std::move(trade));
    ++m_count;
    return true;
}

void TradeTable::forEachCovering(const net::Address &address,
                                 const std::function<bool(const TradeTerms &)> &visit) const
{
    // The trie walks from the shortest covering prefix down; callers want the most specific
    // first, so the levels are collected and visited in reverse.
    std::vector<const std::vector<TradeTerms> *> levels;
    m_byDestination.forEachCovering(
        net::Prefix::makeTruncating(address, address.maxLength()),
        [&](const net::Prefix &, const std::vector<TradeTerms> &trades) {
            levels.push_back(&trades);
        });
    for (auto it = levels.rbegin(); it != levels.rend(); ++it)
        for (const TradeTerms &t : **it)
            if (!visit(t))
                return;
}

std::vector<TradeTerms> TradeTable::allTrades() const
{
    std::vector<TradeTerms> all;
    all.reserve(m_count);
    m_byDestination.forEach([&](const net::Prefix &, const std::vector<TradeTerms> &trades) {
        all.insert(all.end(), trades.begin(), trades.end());
    });
    std::sort(all.begin(), all.end(),
              [](const TradeTerms &a, const TradeTerms &b) { return a.id < b.id; });
    return all;
}

} // namespace bwx::settlement
