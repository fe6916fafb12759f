#pragma once
// Turns the orders of one effective book into price levels: a depth ladder with asks above
// (highest first) and bids below (highest first), so the best prices meet in the middle. When
// the buyer ranks by performance or by a weighted mix, every ask is its own row, in the order
// the matcher would take them (the best next to the bids).
#include <bwx/proto/messages.h>
#include <cstdint>
#include <map>
#include <vector>

namespace bwx::terminal {

struct BookLevel
{
    Side side = Side::Buy;
    Price price{};                              // the level's price after grouping
    Bandwidth total{};                          // remaining capacity of the level's orders
    Bandwidth cumulative{};                     // this level and every better one on its side
    std::vector<bwx::proto::BookEntry> entries; // time priority
    std::uint32_t rank = 0; // asks under a non-price ranking: 1 = taken first; else 0

    friend bool operator==(const BookLevel &, const BookLevel &) = default;
};

// The row order of the ladder: asks before bids; ranked asks worst rank first, other levels
// higher prices first.
bool ladderLess(const BookLevel &a, const BookLevel &b);

// Bids are grouped down and asks up to a multiple of `grouping`, so a grouped level never
// promises a better price than its orders; a grouping of 0 or 1 micro-unit keeps exact prices.
Price groupedPrice(Side side, Price price, Price grouping);

std::vector<BookLevel> buildLadder(const std::map<std::uint64_t, bwx::proto::BookEntry> &orders,
                                   Price grouping,
                                   RankingMode ranking = RankingMode::BestPrice,
                                   const bwx::proto::RankingWeights &weights = {});

} // namespace bwx::terminal
