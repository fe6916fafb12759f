#pragma once
// The best price of every group book (orders on a route class or an origin AS), per family and
// side, kept in order so that the best of them all is one lookup. Group books sit outside the
// prefix tries and their per-node aggregates, so without this the question "can anything in this
// family cross price P" (asked before every match, and before re-examining after a quality
// change) would mean visiting every group book. Refreshed with the tries' aggregates when a
// command ends (flushTouched).
#include "bwx/net/address.h"

#include <cstdint>
#include <limits>
#include <map>
#include <vector>

namespace bwx::market::detail {

class GroupBests
{
public:
    static constexpr std::int64_t kNone = std::numeric_limits<std::int64_t>::min();

    // Book `book` of `family` now has best price `best` on its side (bids when `bids`), or kNone
    // when that side is empty or the book is gone.
    void set(std::uint32_t book, net::Family family, bool bids, std::int64_t best)
    {
        if (m_counted.size() <= book)
            m_counted.resize(book + 1, Entry{});
        Entry &e = m_counted[book];
        if (e.best != kNone) {
            auto &prices = m_prices[e.index];
            const auto it = prices.find(e.best);
            if (--it->second == 0)
                prices.erase(it);
        }
        e = Entry{best, index(family, bids)};
        if (best != kNone)
            ++m_prices[e.index][best];
    }

    // The highest bid of the family's group buy books, 0 when there is none.
    std::int64_t bestBid(net::Family family) const
    {
        const auto &prices = m_prices[index(family, true)];
        return prices.empty() ? 0 : prices.rbegin()->first;
    }
    // The lowest ask of the family's group sell books, INT64_MAX when there is none.
    std::int64_t bestAsk(net::Family family) const
    {
        const auto &prices = m_prices[index(family, false)];
        return prices.empty() ? std::numeric_limits<std::int64_t>::max() : prices.begin()->first;
    }

private:
    struct Entry
    {
        std::int64_t best = kNone;
        std::uint8_t index = 0;
    };
    static std::uint8_t index(net::Family family, bool bids) noexcept
    {
        return static_cast<std::uint8_t>((family == net::Family::V4 ? 0 : 2) + (bids ? 1 : 0));
    }

    std::map<std::int64_t, std::uint32_t> m_prices[4]; // price -> number of books at it
    std::vector<Entry> m_counted;                      // per book index: what it is counted as
};

} // namespace bwx::market::detail
