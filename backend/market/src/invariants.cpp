// Engine::checkInvariants: every derived structure recounted from scratch and compared. Costly
// (it walks everything, and the crossing check pairs each bid with the asks at or below it),
// so tests call it after every step and production never does.
#include <algorithm>
#include <map>
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
    std::uint64_t suspendedCount = 0;
    for (std::size_t m = 0; m < members.size(); ++m) {
        const detail::MemberRecord &member = members[m];
        if (member.view.id.value() != m + 1)
            return "member " + std::to_string(m + 1) + " has id " + std::to_string(member.view.id.value());
        const auto byName = memberByName.find(member.view.name);
        if (byName == memberByName.end() || byName->second != m + 1)
            return "member " + member.view.name + " missing from the name index";
        std::uint32_t groupSells[2] = {0, 0};
        Money exposure{};
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
            const bool suspended = (o.flags & detail::kSuspended) != 0;
            const detail::BookKey key = detail::keyOf(p.destination, p.side, r.member);
            if (o.id != id || (o.level == kNil) != suspended)
                return orderText(id) + " live slot holds another order, or is in no book without being suspended";
            if (suspended) {
                ++suspendedCount;
                if (o.side != Side::Sell || deliverable(r.member, key))
                    return orderText(id) + " is suspended but is not a sell without routes";
            } else if (o.side == Side::Sell && !deliverable(r.member, key)) {
                return orderText(id) + " rests but its seller cannot deliver its destination";
            }
            if (o.remaining != o.capacity - o.filled || o.remaining.value() < 0
                || o.filled.value() < 0 || o.remaining.value() % p.minBlock.value() != 0)
                return orderText(id) + " remaining " + std::to_string(o.remaining.value())
                       + " is not capacity minus filled in whole blocks";
            if (o.side == Side::Buy || (o.flags & detail::kUneven) == 0) {
                if (!o.remaining.isPositive())
                    return orderText(id) + " rests with nothing left";
            } else {
                if (o.commit >= commitMaps.size() || !commitMaps[o.commit].isConsistent()
                    || commitMaps[o.commit].peak() != o.filled.value())
                    return orderText(id) + " commitment map is broken or its peak is not filled";
                // Its free capacity may all lie in the past by now: such a sell waits for its
                // expiry (it cannot trade), so it is not checked here.
            }
            if ((o.flags & detail::kUneven) != 0 && o.side != Side::Sell)
                return orderText(id) + " is a buy with a commitment map";
            if (o.minBlock != p.minBlock || o.deliveryStart != p.deliveryStart
                || o.deliveryEnd != p.deliveryEnd || o.member != r.member || o.side != p.side
                || o.traffic != p.trafficType || o.capacity.value() % p.minBlock.value() != 0
                || !o.price.isPositive() || o.kind != p.destination.kind
                || o.maxLatencyUs != p.limits.maxLatencyUs || o.maxLossPpm != p.limits.maxLossPpm
                || o.maxDistance != p.limits.maxDistance || o.ranking != p.ranking
                || ((o.flags & detail::kHasLimits) != 0) != (p.limits != proto::QualityLimits{}))
                return orderText(id) + " live state contradicts its parameters";
            if (!suspended) {
                if (levels[o.level].price != o.price)
                    return orderText(id) + " rests at a level whose price is not its own";
                if (!(books[levels[o.level].book].key == key))
                    return orderText(id) + " rests in the book of another destination";
                if (o.side == Side::Sell && !key.isPrefix())
                    ++groupSells[key.family == net::Family::V4 ? 0 : 1];
            }
            if (member.clientIds.find(p.clientOrderId.value()) != id.value())
                return orderText(id) + " missing from the client order id index";
            if (o.side == Side::Buy)
                exposure += orderValue(o);
        }
        openCount += member.open.size();
        if (groupSells[0] != member.groupSells[0] || groupSells[1] != member.groupSells[1])
            return "group sell counts of member " + member.view.name + " differ from a recount";
        if (member.view.limits.maxOpenExposure.isPositive() && exposure != member.exposure)
            return "open exposure of member " + member.view.name + " differs from a recount";
    }
    if (openCount != openOrders)
        return "open order count " + std::to_string(openOrders) + " differs from the "
               + std::to_string(openCount) + " in the members' open lists";

    // ---- books, levels and FIFOs ----
    std::uint64_t inBooks = 0;
    std::size_t prefixBooks = 0;
    std::size_t groupBookCount = 0;
    for (std::uint32_t b = 0; b < books.size(); ++b) {
        const detail::Book &book = books[b];
        if (book.touched)
            return "book " + book.prefix.toString() + " still queued for refresh";
        if (!book.live)
            continue;
        if (book.key.isPrefix()) {
            ++prefixBooks;
            const std::uint32_t *indexed = bookByPrefix.find(book.prefix);
            if (indexed == nullptr || *indexed != b || book.prefix != book.key.prefix)
                return "book " + book.prefix.toString() + " missing from the prefix index";
            if (book.node == kNil || trieOf(book.prefix.family()).bookAt(book.node) != b)
                return "book " + book.prefix.toString() + " not in the trie";
        } else {
            ++groupBookCount;
            const std::uint32_t *indexed = groupBooks.find(book.key);
            if (indexed == nullptr || *indexed != b || book.node != kNil
                || book.prefix != detail::familyRoot(book.key.family))
                return "group book " + std::to_string(b) + " missing from the group index";
            if ((book.key.member != 0 && book.bids.orders != 0)
                || (book.key.member == 0 && book.asks.orders != 0))
                return "group book " + std::to_string(b) + " holds the wrong side";
        }
        if (book.bids.orders == 0 && book.asks.orders == 0)
            return "empty book " + book.prefix.toString() + " was kept";
        for (const bool buy : {true, false}) {
            const detail::BookSide &side = buy ? book.bids : book.asks;
            if (!side.levels.isConsistent())
                return "level index of " + book.prefix.toString() + " is out of order";
            Bandwidth depth{};
            std::uint32_t count = 0;
            std::uint32_t measured = 0;
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
                std::uint32_t measuredHere = 0;
                std::uint32_t prev = kNil;
                std::pair<std::uint64_t, std::uint64_t> lastPriority{0, 0};
                for (std::uint32_t s = level.head; s != kNil; s = queue[s].next) {
                    const detail::LiveOrder &o = live[s];
                    const std::pair<std::uint64_t, std::uint64_t> priority{o.prioritySeq, o.id.value()};
                    if (queue[s].prev != prev || o.level != e.level || o.id.value() == 0
                        || !knownOrder(o.id) || slotFor(o.id) != s
                        || (n > 0 && priority <= lastPriority) || ++n > level.count) {
                        error = "queue of level " + std::to_string(level.price.value()) + " in "
                                + book.prefix.toString() + " is broken or not in time priority";
                        return false;
                    }
                    lastPriority = priority;
                    total += o.remaining;
                    if (detail::needsFigure(o))
                        ++measuredHere;
                    prev = s;
                }
                if (prev != level.tail || n != level.count || total != level.total
                    || measuredHere != level.measuredOnly) {
                    error = "level " + std::to_string(level.price.value()) + " of "
                            + book.prefix.toString() + " totals differ from a recount";
                    return false;
                }
                depth += total;
                count += n;
                measured += measuredHere;
                return true;
            });
            if (!error.empty())
                return error;
            if (depth != side.depth || count != side.orders || measured != side.measuredOnly)
                return "depth of " + book.prefix.toString() + " differs from a recount";
            inBooks += count;
        }
    }
    if (inBooks + suspendedCount != openOrders)
        return "books hold " + std::to_string(inBooks) + " orders and " + std::to_string(suspendedCount)
               + " are suspended, but " + std::to_string(openOrders) + " are open";
    if (bookByPrefix.size() != prefixBooks || groupBooks.size() != groupBookCount)
        return "book indexes have entries for removed books";
    if (std::string keys = bookPrefixes.check(bookByPrefix, "book prefix"); !keys.empty())
        return keys;
    for (const detail::BookTrie *trie : {&trie4, &trie6}) {
        std::string error = trie->check(
            [&](std::uint32_t b) { return bestBid(books[b]); },
            [&](std::uint32_t b) {
                // Recounted from the orders, not from the levels' counts.
                std::int64_t plain = 0;
                books[b].bids.levels.forEachBestFirst([&](const detail::LevelMap::Entry &e) {
                    for (std::uint32_t s = levels[e.level].head; s != kNil; s = queue[s].next)
                        if (!detail::needsFigure(live[s])) {
                            plain = e.key;
                            return false;
                        }
                    return true;
                });
                return plain;
            },
            [&](std::uint32_t b) {
                return books[b].asks.levels.empty() ? detail::BookTrie::kNoAsk : bestAsk(books[b]);
            },
            [&](std::uint32_t b) { return books[b].prefix; });
        if (!error.empty())
            return error;
    }
    if (std::string error = routes.check(); !error.empty())
        return error;

    // ---- expiry deadlines of open orders (the heap may also hold stale entries) ----
    if (!orderTimers.isHeap() || !tradeTimers.isHeap())
        return "a deadline heap is out of order";
    std::set<std::pair<std::int64_t, std::uint64_t>> orderDeadlines;
    for (std::size_t i = 0; i < orderTimers.size(); ++i)
        orderDeadlines.emplace(orderTimers[i].time, orderTimers[i].id);
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

    // ---- no eligible pair of different members left resting (rule 3) ----
    std::vector<std::uint32_t> asks;
    std::vector<std::uint32_t> bids;
    for (const detail::MemberRecord &member : members)
        for (const std::uint32_t slot : member.open)
            if (live[slot].level != kNil)
                (live[slot].side == Side::Sell ? asks : bids).push_back(slot);
    std::sort(asks.begin(), asks.end(), [&](std::uint32_t a, std::uint32_t b) {
        return live[a].price < live[b].price;
    });
    for (const std::uint32_t b : bids) {
        const detail::LiveOrder &bid = live[b];
        const detail::BookKey &bidKey = keyOfLinked(b);
        for (const std::uint32_t a : asks) {
            const detail::LiveOrder &ask = live[a];
            if (ask.price > bid.price)
                break;
            if (ask.member == bid.member)
                continue;
            const detail::PairVerdict v = checkPair(bid, bidKey, bid.price.value(), ask,
                                                    keyOfLinked(a), ask.price.value(), kNil, nullptr);
            if (v.code == proto::ResultCode::Ok)
                return orderText(bid.id) + " and " + orderText(ask.id) + " could trade but both rest";
        }
    }
    return {};
}

std::string Engine::Impl::historyInvariants() const
{
    std::vector<std::int64_t> boughtPerOrder(orders.size() + 1, 0);
    std::map<std::uint64_t, detail::CommitmentMap> soldPerOrder;
    std::vector<detail::CommitmentMap> ports(members.size());
    std::vector<std::vector<TradeId>> selling(members.size());
    std::uint64_t liveTrades = 0;
    std::map<std::uint64_t, std::int64_t> tradeDeadlines;
    for (std::size_t i = 0; i < tradeTimers.size(); ++i)
        if (!tradeDeadlines.emplace(tradeTimers[i].id, tradeTimers[i].time).second)
            return "trade " + std::to_string(tradeTimers[i].id) + " has two deadlines queued";
    for (std::size_t i = 0; i < trades.size(); ++i) {
        const proto::TradeView &t = trades[i];
        const std::string what = "trade " + std::to_string(i + 1);
        if (t.tradeId.value() != i + 1)
            return what + " has id " + std::to_string(t.tradeId.value());
        if (t.buyOrderId.value() == 0 || t.buyOrderId.value() > orders.size()
            || t.sellOrderId.value() == 0 || t.sellOrderId.value() > orders.size())
            return what + " names an unknown order";
        boughtPerOrder[t.buyOrderId.value()] += t.capacity.value();
        soldPerOrder[t.sellOrderId.value()].add(t.deliveryStart.value(), committedEnd(t).value(),
                                                t.capacity.value());
        const bool isLive = t.state == proto::TradeState::Scheduled || t.state == proto::TradeState::Active
                            || t.state == proto::TradeState::Suspended;
        const auto deadline = tradeDeadlines.find(t.tradeId.value());
        if (isLive) {
            ++liveTrades;
            ports[t.buyer.value() - 1].add(t.deliveryStart.value(), t.deliveryEnd.value(), t.capacity.value());
            ports[t.seller.value() - 1].add(t.deliveryStart.value(), t.deliveryEnd.value(), t.capacity.value());
            selling[t.seller.value() - 1].push_back(t.tradeId);
            if (deadline == tradeDeadlines.end()
                || (deadline->second != t.deliveryStart.value() && deadline->second != t.deliveryEnd.value())
                || (t.state == proto::TradeState::Scheduled && deadline->second != t.deliveryStart.value()))
                return what + " has no delivery deadline queued";
            if (t.state == proto::TradeState::Suspended && tradeDeliverable(t))
                return what + " is suspended but its route is there";
            if (t.state != proto::TradeState::Suspended && !tradeDeliverable(t))
                return what + " is live but its seller holds no route for it";
        } else if (deadline != tradeDeadlines.end()) {
            return what + " is over but still has a deadline queued";
        }
    }
    if (liveTrades != tradeTimers.size())
        return "trade deadline heap holds entries of no live trade";
    for (std::size_t m = 0; m < members.size(); ++m) {
        if (!(ports[m] == members[m].port) || members[m].view.portUsed.value() != ports[m].peak())
            return "port commitments of member " + members[m].view.name + " differ from its live trades";
        if (selling[m] != members[m].sellingTrades)
            return "live sales of member " + members[m].view.name + " differ from the trades";
    }

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
        if (p.side == Side::Buy) {
            if (filled.value() != boughtPerOrder[i + 1])
                return orderText(id) + " has filled " + std::to_string(filled.value())
                       + " but its trades sum to " + std::to_string(boughtPerOrder[i + 1]);
        } else {
            const auto sold = soldPerOrder.find(i + 1);
            const std::int64_t peak = sold == soldPerOrder.end() ? 0 : sold->second.peak();
            if (filled.value() != peak)
                return orderText(id) + " has committed " + std::to_string(filled.value())
                       + " at its busiest instant but its trades commit " + std::to_string(peak);
            if (slot != kNil && (live[slot].flags & detail::kUneven) != 0
                && !(sold != soldPerOrder.end() && commitMaps[live[slot].commit] == sold->second))
                return orderText(id) + " commitments differ from the sum of its trades per interval";
            if (sold != soldPerOrder.end()) {
                for (const auto &point : sold->second.points())
                    if (point.time < p.deliveryStart.value() || point.time > p.deliveryEnd.value())
                        return orderText(id) + " has trades outside its delivery period";
            }
        }
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
        if (r.status == OrderStatus::Filled && r.filled != p.capacity)
            return orderText(id) + " is filled but not to its capacity";
        if (p.side == Side::Buy && r.status != OrderStatus::Filled && r.filled == p.capacity)
            return orderText(id) + " was bought in full but is not marked filled";
    }
    if (open != openOrders)
        return "open order count " + std::to_string(openOrders) + " differs from a recount "
               + std::to_string(open);
    for (std::size_t m = 0; m < members.size(); ++m)
        if (members[m].clientIds.size() != clientIdsPerMember[m])
            return "client order id index of member " + std::to_string(m + 1) + " has entries of unknown orders";

    detail::FlatMap<net::Prefix, detail::LastTrade, net::PrefixHash> last;
    for (std::size_t i = 0; i < trades.size(); ++i)
        if (trades[i].destination.isPrefix())
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
