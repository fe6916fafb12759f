#include "models/bookladder.h"

#include "models/askranking.h"

#include <algorithm>
#include <tuple>

namespace bwx::terminal {

bool ladderLess(const BookLevel &a, const BookLevel &b)
{
    if (a.side != b.side)
        return a.side == Side::Sell;
    if (a.rank != b.rank)
        return a.rank > b.rank;
    return a.price > b.price;
}

Price groupedPrice(Side side, Price price, Price grouping)
{
    const std::int64_t step = grouping.value();
    if (step <= 1)
        return price;
    const std::int64_t value = price.value();
    std::int64_t down = value / step * step;
    if (down > value) // negative prices round toward zero in C++
        down -= step;
    if (side == Side::Buy || down == value)
        return Price(down);
    return Price(down + step);
}

std::vector<BookLevel> buildLadder(const std::map<std::uint64_t, proto::BookEntry> &orders,
                                   Price grouping,
                                   RankingMode ranking,
                                   const proto::RankingWeights &weights)
{
    const bool ranked = ranking != RankingMode::BestPrice;
    std::vector<BookLevel> ladder;
    if (ranked) {
        // Grouping does not apply: a ranked row is one order at its own price.
        std::vector<proto::BookEntry> sells;
        for (const auto &[id, entry] : orders)
            if (entry.side == Side::Sell)
                sells.push_back(entry);
        for (const RankedAsk &ask : rankAsks(sells, ranking, weights)) {
            BookLevel level;
            level.side = Side::Sell;
            level.price = ask.entry.price;
            level.total = ask.entry.remaining;
            level.entries.push_back(ask.entry);
            level.rank = ask.rank;
            ladder.push_back(std::move(level));
        }
    }

    std::map<std::pair<Side, Price>, BookLevel> levels;
    for (const auto &[id, entry] : orders) {
        if (ranked && entry.side == Side::Sell)
            continue;
        const Price price = groupedPrice(entry.side, entry.price, grouping);
        BookLevel &level = levels[{entry.side, price}];
        level.side = entry.side;
        level.price = price;
        level.total += entry.remaining;
        level.entries.push_back(entry);
    }

    ladder.reserve(ladder.size() + levels.size());
    for (auto &[key, level] : levels) {
        std::sort(level.entries.begin(), level.entries.end(),
                  [](const proto::BookEntry &a, const proto::BookEntry &b) {
                      return std::tie(a.createdAt, a.orderId) < std::tie(b.createdAt, b.orderId);
                  });
        ladder.push_back(std::move(level));
    }
    std::sort(ladder.begin(), ladder.end(), ladderLess);

    // Cumulative depth runs outward from the best price: up the asks, down the bids.
    const auto firstBid = std::find_if(ladder.begin(), ladder.end(),
                                       [](const BookLevel &l) { return l.side == Side::Buy; });
    Bandwidth running{};
    for (auto it = std::make_reverse_iterator(firstBid); it != ladder.rend(); ++it) {
        running += it->total;
        it->cumulative = running;
    }
    running = Bandwidth{};
    for (auto it = firstBid; it != ladder.end(); ++it) {
        running += it->total;
        it->cumulative = running;
    }
    return ladder;
}

} // namespace bwx::terminal
