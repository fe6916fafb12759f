#include "models/bookladder.h"

#include <algorithm>
#include <tuple>

namespace bwx::terminal {

bool ladderLess(const BookLevel &a, const BookLevel &b)
{
    if (a.side != b.side)
        return a.side == Side::Sell;
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
                                   Price grouping)
{
    std::map<std::pair<Side, Price>, BookLevel> levels;
    for (const auto &[id, entry] : orders) {
        const Price price = groupedPrice(entry.side, entry.price, grouping);
        BookLevel &level = levels[{entry.side, price}];
        level.side = entry.side;
        level.price = price;
        level.total += entry.remaining;
        level.entries.push_back(entry);
    }

    std::vector<BookLevel> ladder;
    ladder.reserve(levels.size());
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
