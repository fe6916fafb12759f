#include "bwx/settlement/trades.h"

#include <algorithm>

namespace bwx::settlement {

std::string destinationText(const TradeTerms &trade)
{
    const std::string text = trade.label.empty() ? trade.destination.toString() : trade.label;
    return trade.cancelled ? text + std::string(kCancelledMarker) : text;
}

Expected<bool> TradeTable::check(const TradeTerms &trade)
{
    if (!(trade.deliveryStart < trade.deliveryEnd))
        return makeError("trade " + std::to_string(trade.id.value())
                         + ": delivery period is empty");
    if (trade.committed.value() < 0 || trade.price.value() < 0)
        return makeError("trade " + std::to_string(trade.id.value())
                         + ": negative capacity or price");
    if (trade.buyer == trade.seller)
        return makeError("trade " + std::to_string(trade.id.value())
                         + ": buyer and seller are the same member");
    return true;
}

Expected<bool> TradeTable::add(TradeTerms trade)
{
    if (m_index.contains(trade.id))
        return makeError("trade " + std::to_string(trade.id.value()) + " is already known");
    if (auto ok = check(trade); !ok)
        return ok;
    m_index.emplace(trade.id, trade.destination);
    m_byDestination[trade.destination].push_back(std::move(trade));
    return true;
}

Expected<bool> TradeTable::upsert(TradeTerms trade)
{
    if (auto ok = check(trade); !ok)
        return ok;
    remove(trade.id);
    return add(std::move(trade));
}

bool TradeTable::remove(TradeId id)
{
    const auto it = m_index.find(id);
    if (it == m_index.end())
        return false;
    if (auto *bucket = m_byDestination.find(it->second)) {
        std::erase_if(*bucket, [id](const TradeTerms &t) { return t.id == id; });
        if (bucket->empty())
            m_byDestination.erase(it->second);
    }
    m_index.erase(it);
    return true;
}

const TradeTerms *TradeTable::find(TradeId id) const
{
    const auto it = m_index.find(id);
    if (it == m_index.end())
        return nullptr;
    const auto *bucket = m_byDestination.find(it->second);
    if (!bucket)
        return nullptr;
    for (const TradeTerms &t : *bucket)
        if (t.id == id)
            return &t;
    return nullptr;
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
    all.reserve(m_index.size());
    m_byDestination.forEach([&](const net::Prefix &, const std::vector<TradeTerms> &trades) {
        all.insert(all.end(), trades.begin(), trades.end());
    });
    std::sort(all.begin(), all.end(),
              [](const TradeTerms &a, const TradeTerms &b) { return a.id < b.id; });
    return all;
}

} // namespace bwx::settlement
