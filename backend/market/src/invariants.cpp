// Engine::checkInvariants: every derived structure recounted from scratch and compared. Costly
// (it walks everything, and the crossing check pairs each bid with the asks that cover it), so
// tests call it after every step and production never does.
#include <algorithm>
#include <set>
#include <utility>

#include "engine_impl.h"
#include "validation.h"

namespace bwx::market {

using detail::kNil;

namespace {

std::string orderText(OrderId id) { return "order " + std::to_string(id.value()); }

} // namespace

std::string Engine::Impl::invariants() const
{
    if (std::string e = openStateInvariants(); !e.empty())
        return e;
    return historyInvariants();
}

std::string Engine::Impl::openStateInvariants() const
{
    // ---- members and their open orders ----
    if (memberByName.size() != members.size())
        return "member name index has " + std::to_string(memberByName.size()) + " entries for "
               + std::to_string(members.size()) + " members";
    std::uint64_t openCount = 0;
    for (std::size_t m = 0; m < members.size(); ++m) {
        const detail::MemberRecord &member = members[m];
        if (member.view.id.value() != m + 1)
            return "member " + std::to_string(m + 1) + " has id " + std::to_string(member.view.id.value());
        const auto byName = memberByName.find(member.view.name);
        if (byName == memberByName.end() || byName->second != m + 1)
            return "member " + member.view.name + " missing from the name index";
        for (std::size_t pos = 0; pos < member.open.size(); ++pos) {
            const std::uint32_t listed = member.open[pos];
            if (listed >= live.size() || live[listed].memberPos != pos || live[listed].member.value() != m + 1
                || !knownOrder(live[listed].id))
                return "open list of member " + member.view.name + " is inconsistent at position "
                       + std::to_string(pos);
            const OrderId id = live[listed].id;
            const detail::OrderRecord &r = rec(id);
            if (r.member.value() != m + 1)
                return orderText(id) + " is in the open list of another member";
            const proto::OrderParams &p = r.params;
            const std::uint32_t slot = slotFor(id);
            if (slot != listed)
                return orderText(id) + " is listed with a slot that is not its own";
            if (!detail::canRest(p))
                return orderText(id) + " rests but is not a gtc/gtd limit order";
            const detail::LiveOrder &o = live[slot];
            if (o.id != id || o.level == kNil)
                return orderText(id) + " live slot holds another order or is in no book";
            if (o.remaining != o.capacity - o.filled || !o.remaining.isPositive()
                || o.remaining.value() % p.minBlock.value() != 0 || o.filled.value() < 0)
                return orderText(id) + " remaining " + std::to_string(o.remaining.value())
                       + " is not capacity minus filled in whole blocks";
            if (o.minBlock != p.minBlock || o.deliveryStart != p.deliveryStart
                || o.deliveryEnd != p.deliveryEnd || o.member != r.member || o.side != p.side
                || o.traffic != p.trafficType || o.capacity.value() % p.minBlock.value() != 0
                || !o.price.isPositive())
                return orderText(id) + " live state contradicts its parameters";
            if (levels[o.level].price != o.price)
                return orderText(id) + " rests at a level whose price is not its own";
            if (books[levels[o.level].book].prefix != p.destination.prefix)
                return orderText(id) + " rests in the book of another prefix";
            if (member.clientIds.find(p.clientOrderId.value()) != id.value())
                return orderText(id) + " missing from the client order id index";
        }
        openCount += member.open.size();
    }
    if (openCount != openOrders)
        return "open order count " + std::to_string(openOrders) + " differs from the "
               + std::to_string(openCount) + " in the members' open lists";

    // ---- books, levels and FIFOs ----
    std::uint64_t inBooks = 0;
    std::size_t liveBooks = 0;
    for (std::uint32_t b = 0; b < books.size(); ++b) {
        const detail::Book &book = books[b];
        if (book.touched)
            return "book " + book.prefix.toString() + " still queued for refresh";
        if (!book.live)
            continue;
        ++liveBooks;
        const std::uint32_t *indexed = bookByPrefix.find(book.prefix);
        if (indexed == nullptr || *indexed != b)
            return "book " + book.prefix.toString() + " missing from the prefix index";
        if (book.node == kNil || trieOf(book.prefix.family()).bookAt(book.node) != b)
            return "book " + book.prefix.toString() + " not in the trie";
        if (book.bids.orders == 0 && book.asks.orders == 0)
            return "empty book " + book.prefix.toString() + " was kept";
        for (const bool buy : {true, false}) {
            const detail::BookSide &side = buy ? book.bids : book.asks;
            if (!side.levels.isConsistent())
                return "level index of " + book.prefix.toString() + " is out of order";
            Bandwidth depth{};
            std::uint32_t count = 0;
            std::string error;
            side.levels.forEachBestFirst([&](const detail::LevelMap::Entry &e) {
                const detail::Level &level = levels[e.level];
                const std::int64_t key = buy ? level.price.value() : -level.price.value();
                if (key != e.key || level.book != b || level.side != (buy ? Side::Buy : Side::Sell)
                    || level.count == 0) {
                    error = "level " + std::to_string(level.price.value()) + " of "
                            + book.prefix.toString() + " is misfiled or empty";
                    return false;
                }
                Bandwidth total{};
                std::uint32_t n = 0;
                std::uint32_t prev = kNil;
                std::uint64_t lastPriority = 0;
                for (std::uint32_t s = level.head; s != kNil; s = live[s].next) {
                    const detail::LiveOrder &o = live[s];
                    if (o.prev != prev || o.level != e.level || o.id.value() == 0
                        || !knownOrder(o.id) || slotFor(o.id) != s
                        || (n > 0 && o.prioritySeq <= lastPriority) || ++n > level.count) {
                        error = "queue of level " + std::to_string(level.price.value()) + " in "
                                + book.prefix.toString() + " is broken or not in time priority";
                        return false;
                    }
                    lastPriority = o.prioritySeq;
                    total += o.remaining;
                    prev = s;
                }
                if (prev != level.tail || n != level.count || total != level.total) {
                    error = "level " + std::to_string(level.price.value()) + " of "
                            + book.prefix.toString() + " totals differ from a recount";
                    return false;
                }
                depth += total;
                count += n;
                return true;
            });
            if (!error.empty())
                return error;
            if (depth != side.depth || count != side.orders)
                return "depth of " + book.prefix.toString() + " differs from a recount";
            inBooks += count;
        }
    }
    if (inBooks != openOrders)
        return "books hold " + std::to_string(inBooks) + " orders, " + std::to_string(openOrders) + " are open";
    if (bookByPrefix.size() != liveBooks)
        return "prefix index has entries for removed books";
    for (const detail::BookTrie *trie : {&trie4, &trie6}) {
        std::string error = trie->check(
            [&](std::uint32_t b) { return bestBid(books[b]); },
            [&](std::uint32_t b) { return books[b].prefix; });
        if (!error.empty())
            return error;
    }

    // ---- expiry deadlines of open orders (the heap may also hold stale entries) ----
    if (!std::is_heap(orderTimers.begin(), orderTimers.end(), std::greater<>{})
        || !std::is_heap(tradeTimers.begin(), tradeTimers.end(), std::greater<>{}))
        return "a deadline heap is out of order";
    std::set<std::pair<std::int64_t, std::uint64_t>> orderDeadlines;
    for (const detail::Timer &t : orderTimers)
        orderDeadlines.emplace(t.time, t.id);
    for (const detail::MemberRecord &member : members) {
        for (const std::uint32_t slot : member.open) {
            const OrderId id = live[slot].id;
            const detail::OrderRecord &r = rec(id);
            Timestamp at = r.params.deliveryEnd;
            if (r.params.timeInForce == TimeInForce::GoodTillDate && r.params.expireAt < at)
                at = r.params.expireAt;
            if (orderDeadlines.count({at.value(), id.value()}) == 0)
                return orderText(id) + " has no expiry deadline queued";
        }
    }

    // ---- no eligible crossing pair between different members ----
    for (std::uint32_t b = 0; b < books.size(); ++b) {
        const detail::Book &book = books[b];
        if (!book.live || book.bids.orders == 0)
            continue;
        std::string error;
        book.bids.levels.forEachBestFirst([&](const detail::LevelMap::Entry &bidEntry) {
            const detail::Level &bidLevel = levels[bidEntry.level];
            for (std::uint32_t s = bidLevel.head; s != kNil && error.empty(); s = live[s].next) {
                const detail::LiveOrder &bid = live[s];
                trieOf(book.prefix.family()).forEachCoveringBook(book.node, [&](std::uint32_t a) {
                    books[a].asks.levels.forEachBestFirst([&](const detail::LevelMap::Entry &askEntry) {
                        const detail::Level &askLevel = levels[askEntry.level];
                        if (askLevel.price > bidLevel.price)
                            return false;
                        for (std::uint32_t t = askLevel.head; t != kNil; t = live[t].next) {
                            const detail::LiveOrder &ask = live[t];
                            if (ask.member == bid.member)
                                continue;
                            const Timestamp start = std::max(bid.deliveryStart, ask.deliveryStart);
                            const Timestamp end = std::min(bid.deliveryEnd, ask.deliveryEnd);
                            if (start >= end || end <= lastTime)
                                continue;
                            if (bid.traffic != TrafficType::Any && bid.traffic != ask.traffic)
                                continue;
                            if (detail::wholeBlocks(std::min(bid.remaining, ask.remaining).value(),
                                                    bid.minBlock.value(), ask.minBlock.value())
                                == 0)
                                continue;
                            error = orderText(bid.id) + " and " + orderText(ask.id)
                                    + " could trade but both rest";
                            return false;
                        }
                        return true;
                    });
                });
            }
            return error.empty();
        });
        if (!error.empty())
            return error;
    }
    return {};
}

std::string Engine::Impl::historyInvariants() const
{
    std::vector<std::int64_t> tradedPerOrder(orders.size() + 1, 0);
    std::uint64_t liveTrades = 0;
    std::set<std::pair<std::int64_t, std::uint64_t>> tradeDeadlines;
    for (const detail::Timer &t : tradeTimers)
        tradeDeadlines.emplace(t.time, t.id);
    for (std::size_t i = 0; i < trades.size(); ++i) {
        const proto::TradeView &t = trades[i];
        if (t.tradeId.value() != i + 1)
            return "trade " + std::to_string(i + 1) + " has id " + std::to_string(t.tradeId.value());
        if (t.buyOrderId.value() == 0 || t.buyOrderId.value() > orders.size()
            || t.sellOrderId.value() == 0 || t.sellOrderId.value() > orders.size())
            return "trade " + std::to_string(t.tradeId.value()) + " names an unknown order";
        tradedPerOrder[t.buyOrderId.value()] += t.capacity.value();
        tradedPerOrder[t.sellOrderId.value()] += t.capacity.value();
        bool queued = true;
        if (t.state == proto::TradeState::Scheduled) {
            ++liveTrades;
            queued = tradeDeadlines.count({t.deliveryStart.value(), t.tradeId.value()}) == 1;
        } else if (t.state == proto::TradeState::Active) {
            ++liveTrades;
            queued = tradeDeadlines.count({t.deliveryEnd.value(), t.tradeId.value()}) == 1;
        }
        if (!queued)
            return "trade " + std::to_string(t.tradeId.value()) + " has no delivery deadline queued";
    }
    if (liveTrades != tradeTimers.size())
        return "trade deadline heap holds entries of no live trade";

    std::uint64_t open = 0;
    std::vector<std::size_t> clientIdsPerMember(members.size(), 0);
    if (slotOf.size() != orders.size())
        return "slot index covers " + std::to_string(slotOf.size()) + " of " + std::to_string(orders.size()) + " orders";
    for (std::size_t i = 0; i < orders.size(); ++i) {
        const OrderId id(i + 1);
        const detail::OrderRecord &r = orders[i];
        const proto::OrderParams &p = r.params;
        if (!knownMember(r.member))
            return orderText(id) + " belongs to an unknown member";
        ++clientIdsPerMember[r.member.value() - 1];
        const std::uint32_t slot = slotOf[i];
        const Bandwidth filled = slot == kNil ? r.filled : live[slot].filled;
        const Bandwidth capacity = slot == kNil ? p.capacity : live[slot].capacity;
        if (filled.value() != tradedPerOrder[i + 1])
            return orderText(id) + " has filled " + std::to_string(filled.value())
                   + " but its trades sum to " + std::to_string(tradedPerOrder[i + 1]);
        if (filled > capacity || filled.value() < 0 || filled.value() % p.minBlock.value() != 0)
            return orderText(id) + " has an impossible filled amount";
        if (members[r.member.value() - 1].clientIds.find(p.clientOrderId.value()) != id.value())
            return orderText(id) + " missing from the client order id index";
        if (slot != kNil) {
            ++open;
            if (live[slot].memberPos == kNil)
                return orderText(id) + " has a live slot but is not in its member's open list";
            continue;
        }
        if (detail::isOpen(r.status))
            return orderText(id) + " is closed but still marked open";
        if ((r.status == OrderStatus::Filled) != (r.filled == p.capacity))
            return orderText(id) + " filled status disagrees with its fills";
    }
    if (open != openOrders)
        return "open order count " + std::to_string(openOrders) + " differs from a recount "
               + std::to_string(open);
    for (std::size_t m = 0; m < members.size(); ++m)
        if (members[m].clientIds.size() != clientIdsPerMember[m])
            return "client order id index of member " + std::to_string(m + 1) + " has entries of unknown orders";

    detail::FlatMap<net::Prefix, detail::LastTrade, net::PrefixHash> last;
    for (std::size_t i = 0; i < trades.size(); ++i)
        *last.tryEmplace(trades[i].destination.prefix, detail::LastTrade{}).first =
            detail::LastTrade{trades[i].price, trades[i].executedAt};
    if (last.size() != lastTrades.size())
        return "last-trade index differs from the trades";
    std::string lastError;
    last.forEach([&](const net::Prefix &p, const detail::LastTrade &v) {
        const detail::LastTrade *have = lastTrades.find(p);
        if (have == nullptr || have->price != v.price || have->at != v.at)
            lastError = "last trade of " + p.toString() + " differs from the trades";
    });
    return lastError;
}

} // namespace bwx::market
