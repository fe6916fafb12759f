// Matching: the candidates of a taker, best first, and the fills.
//
// Candidates come from several books (a buy is served by sells on its prefix and on every
// covering prefix; a sell serves buys on its prefix and every more specific one). Each book side
// is already in price-time order, so the engine keeps one cursor per book side and merges them
// with a heap ordered by the documented total order: price, then time priority, then order id.
// A candidate is visited once: after a fill either the taker is done, or the candidate is used
// up, or what is left of the two no longer makes a whole common block.
#include <algorithm>
#include <cassert>
#include <numeric>

#include "engine_impl.h"

namespace bwx::market {

using detail::kNil;

std::int64_t detail::wholeBlocks(std::int64_t limit, std::int64_t blockA, std::int64_t blockB) noexcept
{
    assert(limit >= 0 && blockA > 0 && blockB > 0);
    const std::int64_t factor = blockA / std::gcd(blockA, blockB);
    // lcm = factor * blockB; compare by division so an lcm beyond int64 cannot overflow.
    if (factor > limit / blockB)
        return 0;
    const std::int64_t lcm = factor * blockB;
    return limit / lcm * lcm;
}

namespace {

// Delivery periods, traffic type and blocks; price is ensured by the cursors, the member by the
// caller. Returns the fill size, 0 when the pair is not eligible.
std::int64_t eligibleSize(const detail::LiveOrder &t, std::int64_t takerRemaining,
                          const detail::LiveOrder &o, Timestamp now) noexcept
{
    const Timestamp start = std::max(t.deliveryStart, o.deliveryStart);
    const Timestamp end = std::min(t.deliveryEnd, o.deliveryEnd);
    if (start >= end || end <= now)
        return 0;
    const TrafficType wanted = t.side == Side::Buy ? t.traffic : o.traffic;
    const TrafficType offered = t.side == Side::Buy ? o.traffic : t.traffic;
    if (wanted != TrafficType::Any && wanted != offered)
        return 0;
    return detail::wholeBlocks(std::min(takerRemaining, o.remaining.value()),
                               t.minBlock.value(), o.minBlock.value());
}

// Heap order: `a` ranks after `b` for this taker (std heaps keep the greatest on top).
struct RanksAfter
{
    bool buyTaker;
    bool operator()(const detail::Cursor &a, const detail::Cursor &b) const noexcept
    {
        if (a.price != b.price)
            return buyTaker ? a.price > b.price : a.price < b.price;
        if (a.prioritySeq != b.prioritySeq)
            return a.prioritySeq > b.prioritySeq;
        return a.id > b.id;
    }
};

} // namespace

void Engine::Impl::collectCursors(const detail::Taker &taker)
{
    cursors.clear();
    const detail::BookTrie &trie = trieOf(taker.prefix.family());
    const auto add = [&](std::uint32_t b, const detail::LevelMap::Entry &best, std::int64_t price) {
        const detail::Level &level = levels[best.level];
        const detail::LiveOrder &head = live[level.head];
        cursors.push_back(detail::Cursor{price, head.prioritySeq, head.id.value(), best.level,
                                         level.head, b});
    };
    if (taker.side == Side::Buy) {
        const std::uint32_t node =
            taker.book != kNil ? books[taker.book].node : trie.deepestCovering(taker.prefix);
        if (node == kNil)
            return;
        trie.forEachCoveringBook(node, [&](std::uint32_t b) {
            const detail::BookSide &asks = books[b].asks;
            if (asks.levels.empty())
                return;
            const detail::LevelMap::Entry &best = asks.levels.best();
            if (-best.key <= taker.limit)
                add(b, best, -best.key);
        });
    } else {
        const std::uint32_t root = trie.subtreeRoot(taker.prefix);
        trie.forEachBookWithBidAtLeast(root, taker.limit, [&](std::uint32_t b) {
            const detail::BookSide &bids = books[b].bids;
            if (bids.levels.empty())
                return;
            const detail::LevelMap::Entry &best = bids.levels.best();
            if (best.key >= taker.limit)
                add(b, best, best.key);
        });
    }
    std::make_heap(cursors.begin(), cursors.end(), RanksAfter{taker.side == Side::Buy});
}

namespace {

// Moves the cursor past its current order (`next` was read before the order could change) to
// the following order of its level, or the head of the next worse level that still crosses.
// Returns false when the book side has nothing more for this taker.
bool advance(detail::Cursor &c, std::uint32_t next, const detail::Taker &taker,
             const std::vector<detail::Book> &books, const detail::HugeVector<detail::Level> &levels,
             const detail::HugeVector<detail::LiveOrder> &live)
{
    if (next == kNil) {
        const bool buyTaker = taker.side == Side::Buy;
        const detail::BookSide &side = buyTaker ? books[c.book].asks : books[c.book].bids;
        const detail::LevelMap::Entry *e = side.levels.below(buyTaker ? -c.price : c.price);
        if (e == nullptr)
            return false;
        const std::int64_t price = buyTaker ? -e->key : e->key;
        if (buyTaker ? price > taker.limit : price < taker.limit)
            return false;
        c.price = price;
        c.level = e->level;
        next = levels[e->level].head;
    }
    c.order = next;
    c.prioritySeq = live[next].prioritySeq;
    c.id = live[next].id.value();
    return true;
}

} // namespace

bool Engine::Impl::fillable(const detail::Taker &taker)
{
    collectCursors(taker);
    const RanksAfter order{taker.side == Side::Buy};
    const detail::LiveOrder &t = live[taker.slot];
    std::int64_t remaining = t.remaining.value();
    while (!cursors.empty()) {
        std::pop_heap(cursors.begin(), cursors.end(), order);
        detail::Cursor &c = cursors.back();
        const detail::LiveOrder &o = live[c.order];
        if (o.next != kNil)
            __builtin_prefetch(&live[o.next]);
        const std::int64_t size = eligibleSize(t, remaining, o, now);
        if (size > 0) {
            if (o.member == t.member)
                return false; // self-trade prevention would stop the order here
            remaining -= size;
            if (remaining == 0)
                return true;
        }
        if (advance(c, o.next, taker, books, levels, live))
            std::push_heap(cursors.begin(), cursors.end(), order);
        else
            cursors.pop_back();
    }
    return false;
}

detail::MatchStop Engine::Impl::match(detail::Taker &taker)
{
    // Book aggregates are refreshed only when the command ends. Before matching, a command can
    // only have removed orders (an amend takes its order out first), so a subtree's best bid
    // may be too high, never too low: the descent may look at a book in vain but never misses
    // one, and collectCursors checks each book's real best price.
    collectCursors(taker);
    const RanksAfter order{taker.side == Side::Buy};
    const detail::LiveOrder &t = live[taker.slot];
    while (!cursors.empty()) {
        std::pop_heap(cursors.begin(), cursors.end(), order);
        detail::Cursor &c = cursors.back();
        const detail::LiveOrder &o = live[c.order];
        const std::uint32_t next = o.next;
        if (next != kNil)
            __builtin_prefetch(&live[next]); // queue neighbours sit anywhere in the slab
        const std::int64_t size = eligibleSize(t, t.remaining.value(), o, now);
        if (size > 0) {
            if (o.member == t.member)
                return detail::MatchStop::SelfTrade;
            executeFill(taker, c.order, Price(c.price), Bandwidth(size));
            if (t.remaining.isZero())
                return detail::MatchStop::Filled;
        }
        if (advance(c, next, taker, books, levels, live))
            std::push_heap(cursors.begin(), cursors.end(), order);
        else
            cursors.pop_back();
    }
    return detail::MatchStop::Exhausted;
}

void Engine::Impl::executeFill(detail::Taker &taker, std::uint32_t maker, Price price, Bandwidth size)
{
    detail::LiveOrder &m = live[maker];
    detail::LiveOrder &t = live[taker.slot];
    detail::Level &level = levels[m.level];
    detail::Book &book = books[level.book];
    m.remaining -= size;
    m.filled += size;
    m.updatedAt = now;
    level.total -= size;
    (m.side == Side::Buy ? book.bids : book.asks).depth -= size;
    t.remaining -= size;
    t.filled += size;
    t.updatedAt = now;
    const OrderId makerId = m.id;
    const bool used = m.remaining.isZero();

    const bool takerBuys = taker.side == Side::Buy;
    const detail::LiveOrder &buy = takerBuys ? t : m;
    const detail::LiveOrder &sell = takerBuys ? m : t;
    proto::TradeView &trade = trades.emplaceBack();
    trade.tradeId = TradeId(trades.size());
    trade.buyOrderId = buy.id;
    trade.sellOrderId = sell.id;
    trade.buyer = buy.member;
    trade.seller = sell.member;
    trade.destination = Destination::ofPrefix(takerBuys ? taker.prefix : book.prefix);
    trade.sellDestination = Destination::ofPrefix(takerBuys ? book.prefix : taker.prefix);
    trade.price = price;
    trade.capacity = size;
    trade.deliveryStart = std::max(buy.deliveryStart, sell.deliveryStart);
    trade.deliveryEnd = std::min(buy.deliveryEnd, sell.deliveryEnd);
    // Cannot fail: every limit order's full value fits (see validation), and a trade is bounded
    // by the limit order on its buy side, or by the resting sell when a market order buys.
    trade.amount = amountFor(price, size, trade.deliveryEnd - trade.deliveryStart).value_or(Money{});
    trade.executedAt = now;
    trade.state = trade.deliveryStart <= now ? proto::TradeState::Active : proto::TradeState::Scheduled;
    members[trade.buyer.value() - 1].trades.push_back(trade.tradeId);
    members[trade.seller.value() - 1].trades.push_back(trade.tradeId);
    const Timestamp due = trade.state == proto::TradeState::Active ? trade.deliveryEnd : trade.deliveryStart;
    tradeTimers.push_back(detail::Timer{due.value(), trade.tradeId.value()});
    std::push_heap(tradeTimers.begin(), tradeTimers.end(), std::greater<>{});
    *lastTrades.tryEmplace(trade.destination.prefix, detail::LastTrade{}).first =
        detail::LastTrade{price, now};

    proto::BookEntry entry;
    if (!quiet)
        entry = bookEntry(maker);
    if (used)
        close(maker, OrderStatus::Filled, proto::ResultCode::Ok);
    if (!quiet) {
        events->tradeExecuted(trades.back());
        events->orderUpdated(orderView(makerId), false);
        events->bookChanged(used ? proto::BookAction::Remove : proto::BookAction::Modify, entry);
    }
}

} // namespace bwx::market
