// Views of the state for events and queries.
#include <algorithm>
#include <tuple>

#include "engine_impl.h"

namespace bwx::market {

using detail::kNil;

proto::OrderView Engine::Impl::orderView(OrderId id) const
{
    const detail::OrderRecord &r = rec(id);
    proto::OrderView v;
    v.orderId = id;
    v.member = r.member;
    v.params = r.params;
    v.status = r.status;
    v.filled = r.filled;
    v.reason = r.reason;
    v.createdAt = r.createdAt;
    v.updatedAt = r.updatedAt;
    const std::uint32_t slot = slotFor(id);
    if (slot != kNil) {
        // Open: the live slot holds the current values.
        const detail::LiveOrder &o = live[slot];
        v.params.price = o.price;
        v.params.capacity = o.capacity;
        v.status = o.filled.isZero() ? OrderStatus::Working : OrderStatus::PartiallyFilled;
        v.filled = o.filled;
        v.remaining = o.remaining;
        v.updatedAt = o.updatedAt;
    }
    return v;
}

proto::BookEntry Engine::Impl::bookEntry(std::uint32_t slot) const
{
    const detail::LiveOrder &o = live[slot];
    proto::BookEntry e;
    e.orderId = o.id;
    e.side = o.side;
    e.prefix = prefixOfLinked(slot);
    e.price = o.price;
    e.remaining = o.remaining;
    e.minBlock = o.minBlock;
    e.deliveryStart = o.deliveryStart;
    e.deliveryEnd = o.deliveryEnd;
    e.trafficType = o.traffic;
    e.createdAt = o.priorityTime;
    return e;
}

std::vector<proto::OrderView> Engine::ordersOf(MemberId member, bool openOnly) const
{
    std::vector<proto::OrderView> out;
    if (!m_impl->knownMember(member))
        return out;
    const detail::MemberRecord &m = m_impl->members[member.value() - 1];
    if (openOnly) {
        for (const OrderId id : m_impl->openOrdersOf(m))
            out.push_back(m_impl->orderView(id));
    } else {
        for (const OrderId id : m.all)
            out.push_back(m_impl->orderView(id));
    }
    return out;
}

std::vector<proto::TradeView> Engine::tradesOf(MemberId member, Timestamp since,
                                               std::uint32_t limit) const
{
    std::vector<proto::TradeView> out;
    if (!m_impl->knownMember(member))
        return out;
    const auto &ids = m_impl->members[member.value() - 1].trades;
    for (auto it = ids.rbegin(); it != ids.rend() && out.size() < limit; ++it) {
        const proto::TradeView &t = m_impl->trades[it->value() - 1];
        if (t.executedAt >= since)
            out.push_back(t);
    }
    return out;
}

namespace {

// Best first for one side of an effective book: price, then time priority, then order id.
struct RankedEntry
{
    std::int64_t price;
    std::uint64_t prioritySeq;
    std::uint64_t id;
    std::uint32_t slot;
};

} // namespace

std::vector<proto::BookEntry> Engine::effectiveBook(const net::Prefix &prefix) const
{
    const Impl &d = *m_impl;
    const detail::BookTrie &trie = d.trieOf(prefix.family());
    std::vector<RankedEntry> bids;
    std::vector<RankedEntry> asks;
    const auto collect = [&](const detail::BookSide &side, std::vector<RankedEntry> &into) {
        side.levels.forEachBestFirst([&](const detail::LevelMap::Entry &e) {
            const detail::Level &level = d.levels[e.level];
            for (std::uint32_t s = level.head; s != kNil; s = d.live[s].next)
                into.push_back(RankedEntry{level.price.value(), d.live[s].prioritySeq,
                                           d.live[s].id.value(), s});
            return true;
        });
    };
    trie.forEachBookUnder(trie.subtreeRoot(prefix),
                          [&](std::uint32_t b) { collect(d.books[b].bids, bids); });
    const std::uint32_t node = trie.deepestCovering(prefix);
    if (node != kNil)
        trie.forEachCoveringBook(node, [&](std::uint32_t b) { collect(d.books[b].asks, asks); });
    std::sort(bids.begin(), bids.end(), [](const RankedEntry &a, const RankedEntry &b) {
        return std::tie(b.price, a.prioritySeq, a.id) < std::tie(a.price, b.prioritySeq, b.id);
    });
    std::sort(asks.begin(), asks.end(), [](const RankedEntry &a, const RankedEntry &b) {
        return std::tie(a.price, a.prioritySeq, a.id) < std::tie(b.price, b.prioritySeq, b.id);
    });
    std::vector<proto::BookEntry> out;
    out.reserve(bids.size() + asks.size());
    for (const RankedEntry &e : bids)
        out.push_back(d.bookEntry(e.slot));
    for (const RankedEntry &e : asks)
        out.push_back(d.bookEntry(e.slot));
    return out;
}

std::vector<net::Prefix> Engine::activePrefixes() const
{
    const Impl &d = *m_impl;
    std::vector<net::Prefix> out;
    // Empty books are removed at the end of every command, so every book holds an order.
    for (const detail::BookTrie *trie : {&d.trie4, &d.trie6})
        trie->forEachBookUnder(trie->root(),
                               [&](std::uint32_t b) { out.push_back(d.books[b].prefix); });
    return out;
}

proto::WatchRow Engine::watchRow(const net::Prefix &prefix) const
{
    const Impl &d = *m_impl;
    const detail::BookTrie &trie = d.trieOf(prefix.family());
    proto::WatchRow row;
    row.prefix = prefix;
    const std::uint32_t root = trie.subtreeRoot(prefix);
    if (root != kNil) {
        row.bestBid = Price(trie.subtreeBestBid(root));
        trie.forEachBookUnder(root, [&](std::uint32_t b) {
            row.bidDepth += d.books[b].bids.depth;
            row.bidOrders += d.books[b].bids.orders;
        });
    }
    const std::uint32_t node = trie.deepestCovering(prefix);
    if (node != kNil) {
        trie.forEachCoveringBook(node, [&](std::uint32_t b) {
            const detail::Book &book = d.books[b];
            if (book.asks.orders == 0)
                return;
            const std::int64_t ask = d.bestAsk(book);
            if (row.askOrders == 0 || ask < row.bestAsk.value())
                row.bestAsk = Price(ask);
            row.askDepth += book.asks.depth;
            row.askOrders += book.asks.orders;
        });
    }
    if (const detail::LastTrade *last = d.lastTrades.find(prefix)) {
        row.lastPrice = last->price;
        row.lastTradeAt = last->at;
    }
    return row;
}

} // namespace bwx::market
