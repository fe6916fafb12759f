#include "bwx/app/market_paths.h"

#include "bwx/market/engine.h"

namespace bwx::app {

MarketPaths collectMarketPaths(const market::Engine &engine, std::size_t maxPaths)
{
    MarketPaths out;
    for (const proto::MemberView &member : engine.members())
        out.members.emplace(member.id, member.name);

    const auto add = [&](const quality::PathKey &path) {
        if (out.paths.contains(path))
            return true;
        if (out.paths.size() >= maxPaths) {
            out.truncated = true;
            return false;
        }
        out.paths.insert(path);
        return true;
    };

    for (const net::Prefix &prefix : engine.activePrefixes()) {
        out.openPrefixes.insert(prefix);
        // The effective book holds every sell on the prefix or covering it: each such seller can
        // be asked to carry traffic there, so its quality toward the prefix matters.
        for (const proto::BookEntry &entry : engine.effectiveBook(prefix)) {
            if (entry.side != Side::Sell)
                continue;
            const auto order = engine.order(entry.orderId);
            if (!order)
                continue;
            const quality::PathKey path{order->member, prefix};
            if (!add(path))
                continue;
            if (entry.distance != 0)
                out.distances[path] = entry.distance;
        }
    }
    for (const auto &[id, name] : out.members) {
        for (const proto::TradeView &trade : engine.tradesOf(id, Timestamp{}, kTradesPerMember)) {
            if (trade.seller != id || !trade.destination.isPrefix())
                continue;
            if (trade.state != proto::TradeState::Scheduled
                && trade.state != proto::TradeState::Active)
                continue;
            add(quality::PathKey{trade.seller, trade.destination.prefix});
        }
    }
    return out;
}

} // namespace bwx::app
