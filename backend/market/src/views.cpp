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
        if ((o.flags & detail::kSuspended) != 0) {
            v.status = OrderStatus::Suspended;
            v.reason = proto::ResultCode::DestinationNotDeliverable;
        } else {
            v.status = o.filled.isZero() ? OrderStatus::Working : OrderStatus::PartiallyFilled;
            v.reason = proto::ResultCode::Ok;
        }
        v.filled = o.filled;
        v.remaining = o.remaining;
        v.updatedAt = o.updatedAt;
    }
    return v;
}

namespace {

void setQuality(proto::BookEntry &e, const std::optional<detail::QualityFigure> &figure)
{
    if (!figure)
        return;
    const auto state = static_cast<proto::QualityState>(figure->state);
    if (state == proto::QualityState::Unreachable) {
        e.lossPpm = 1'000'000;
        e.qualityKnown = 1;
        return;
    }
    e.latencyUs = figure->latencyUs;
    e.lossPpm = figure->lossPpm;
    e.qualityKnown = state == proto::QualityState::Fresh ? 1 : 0;
}

} // namespace

proto::BookEntry Engine::Impl::bookEntry(std::uint32_t slot) const
{
    const detail::LiveOrder &o = live[slot];
    const detail::Book &book = books[levels[o.level].book];
    proto::BookEntry e;
    e.orderId = o.id;
    e.side = o.side;
    e.prefix = book.prefix;
    e.price = o.price;
    e.remaining = o.remaining;
    e.minBlock = o.minBlock;
    e.deliveryStart = o.deliveryStart;
    e.deliveryEnd = o.deliveryEnd;
    e.trafficType = o.traffic;
    e.createdAt = o.priorityTime;
    if (o.side == Side::Sell) {
        // Quality toward the sell's own destination: its prefix, or for a group sell the
        // seller's figure for the whole family; distance of the route that serves it.
        if (book.key.isPrefix()) {
            if (const auto hit = routes.longest(o.member, book.prefix, detail::RouteFilter::Any))
                e.distance = hit->attrs.pathLength;
        } else if (const detail::RouteGroup *g = routes.group(o.member, book.key.family,
                                                              detail::filterOf(book.key.kind),
                                                              book.key.value)) {
            e.distance = g->longestPath();
        }
        setQuality(e, figureOf(o.member, book.prefix));
    }
    return e;
}

proto::BookEntry Engine::Impl::bookEntryToward(std::uint32_t slot, const net::Prefix &toward,
                                               const net::Prefix &shownPrefix) const
{
    proto::BookEntry e = bookEntry(slot);
    const detail::LiveOrder &o = live[slot];
    if (o.side != Side::Sell)
        return e;
    const detail::BookKey &key = keyOfLinked(slot);
    e.prefix = shownPrefix;
    e.distance = 0;
    e.latencyUs = 0;
    e.lossPpm = 0;
    e.qualityKnown = 0;
    if (const auto hit = routes.longest(o.member, toward, detail::filterOf(key.kind), key.value))
        e.distance = hit->attrs.pathLength;
    setQuality(e, figureOf(o.member, toward));
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
        m.clientIds.forEachOrder([&](std::uint64_t id) { out.push_back(m_impl->orderView(OrderId(id))); });
    }
    return out;
}

std::vector<proto::TradeView> Engine::tradesOf(MemberId member, Timestamp since,
                                               std::uint32_t limit) const
{
    std::vector<proto::TradeView> out;
    if (!m_impl->knownMember(member))
        return out;
    // Newest first, along the member's chain of trades (a trade never has the same member on
    // both sides).
    TradeId id = m_impl->members[member.value() - 1].lastTrade;
    while (id.value() != 0 && out.size() < limit) {
        const proto::TradeView &t = m_impl->trades[id.value() - 1];
        if (t.executedAt >= since)
            out.push_back(t);
        const detail::TradeLinks &links = m_impl->tradeLinks[id.value() - 1];
        id = t.buyer == member ? links.previousOfBuyer : links.previousOfSeller;
    }
    return out;
}

std::vector<std::pair<std::uint32_t, net::Prefix>> Engine::Impl::sellsServing(const net::Prefix &prefix) const
{
    std::vector<std::pair<std::uint32_t, net::Prefix>> out;
    const auto addBook = [&](std::uint32_t b, const net::Prefix &shown) {
        books[b].asks.levels.forEachBestFirst([&](const detail::LevelMap::Entry &e) {
            for (std::uint32_t s = levels[e.level].head; s != kNil; s = queue[s].next)
                out.emplace_back(s, shown);
            return true;
        });
    };
    const detail::BookTrie &trie = trieOf(prefix.family());
    if (const std::uint32_t node = trie.deepestCovering(prefix); node != kNil)
        trie.forEachCoveringBook(node, [&](std::uint32_t b) { addBook(b, books[b].prefix); });
    // Group sells: the deepest route of the group covering the prefix is the one shown.
    std::vector<std::pair<std::uint32_t, net::Prefix>> groups;
    const std::size_t fi = prefix.family() == net::Family::V4 ? 0 : 1;
    routes.forEachCovering(prefix, [&](const net::Prefix &route, const std::vector<detail::RouteHolder> &holders) {
        for (const detail::RouteHolder &h : holders) {
            if (members[h.member - 1].groupSells[fi] == 0)
                continue;
            for (const auto &[kind, value] :
                 {std::pair{DestinationKind::RouteClass, static_cast<std::uint32_t>(h.attrs.routeClass)},
                  std::pair{DestinationKind::OriginAsn, h.attrs.originAsn}}) {
                detail::BookKey key;
                key.kind = kind;
                key.family = prefix.family();
                key.value = value;
                key.member = h.member;
                const std::uint32_t *b = groupBooks.find(key);
                if (b == nullptr)
                    continue;
                auto it = std::find_if(groups.begin(), groups.end(), [&](const auto &g) { return g.first == *b; });
                if (it == groups.end())
                    groups.emplace_back(*b, route);
                else
                    it->second = route;
            }
        }
    });
    for (const auto &[b, route] : groups)
        addBook(b, route);
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
    net::Prefix shown;
};

} // namespace

std::vector<proto::BookEntry> Engine::effectiveBook(const net::Prefix &prefix) const
{
    const Impl &d = *m_impl;
    const detail::BookTrie &trie = d.trieOf(prefix.family());
    std::vector<RankedEntry> bids;
    std::vector<RankedEntry> asks;
    trie.forEachBookUnder(trie.subtreeRoot(prefix), [&](std::uint32_t b) {
        d.books[b].bids.levels.forEachBestFirst([&](const detail::LevelMap::Entry &e) {
            const detail::Level &level = d.levels[e.level];
            for (std::uint32_t s = level.head; s != kNil; s = d.queue[s].next)
                bids.push_back(RankedEntry{level.price.value(), d.live[s].prioritySeq,
                                           d.live[s].id.value(), s, d.books[b].prefix});
            return true;
        });
    });
    for (const auto &[slot, shown] : d.sellsServing(prefix))
        asks.push_back(RankedEntry{d.live[slot].price.value(), d.live[slot].prioritySeq,
                                   d.live[slot].id.value(), slot, shown});
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
        out.push_back(d.bookEntryToward(e.slot, prefix, e.shown));
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
    for (const auto &[slot, shown] : d.sellsServing(prefix)) {
        const detail::LiveOrder &o = d.live[slot];
        if (row.askOrders == 0 || o.price < row.bestAsk)
            row.bestAsk = o.price;
        row.askDepth += o.remaining;
        ++row.askOrders;
    }
    if (const detail::LastTrade *last = d.lastTrades.find(prefix)) {
        row.lastPrice = last->price;
        row.lastTradeAt = last->at;
    }
    return row;
}

} // namespace bwx::market
