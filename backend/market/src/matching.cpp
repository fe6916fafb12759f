// Matching: the candidates of a taker, best first, and the fills.
//
// Candidates come from several books: a buy is served by sells on its prefix and on every
// covering prefix, and by the class / origin-AS sells of members whose routes cover it; a sell
// serves buys on its prefix and every more specific one, and the group buys its route's class
// and origin AS. Each book side is already in price-time order, so the engine keeps one cursor
// per book side and merges them with a heap ordered by price, then time priority, then order
// id. A candidate is visited once: after a fill either the taker is done, or the candidate is
// used up, or what is left of the two no longer makes a whole common block.
//
// Buys ranked by performance or by a weighted mix cannot be merged lazily: every crossing sell
// is collected, checked and scored first (ranking.cpp), then visited in that order.
#include <algorithm>
#include <cassert>
#include <limits>

#include "engine_impl.h"
#include "prefetch.h"

namespace bwx::market {

using detail::kNil;
using proto::ResultCode;

namespace {

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

// GCC copies a Cursor with 16-byte loads. When the cursor was just written field by field (built
// in place, or moved on by advance()), those loads cannot be forwarded from the stores and wait
// until the stores reach the cache: a stall per cursor added and per candidate visited. The two
// helpers below avoid copying a freshly written cursor.

// Appends a cursor written in place, not copied from a temporary.
void appendCursor(std::vector<detail::Cursor> &cursors, std::int64_t price, std::uint64_t prioritySeq,
                  std::uint64_t id, std::uint32_t level, std::uint32_t order, std::uint32_t book)
{
    detail::Cursor &c = cursors.emplace_back();
    c.price = price;
    c.prioritySeq = prioritySeq;
    c.id = id;
    c.level = level;
    c.order = order;
    c.book = book;
}

// std::push_heap of the cursor at the back, which has just moved on: the same steps, but when
// it stays where it is (always so when the taker sees a single book) it is not copied out and
// back.
void reinsertBack(std::vector<detail::Cursor> &heap, const RanksAfter &order)
{
    const std::size_t last = heap.size() - 1;
    if (last == 0 || !order(heap[(last - 1) / 2], heap[last]))
        return;
    std::push_heap(heap.begin(), heap.end(), order);
}

} // namespace

std::optional<std::int64_t> Engine::Impl::familyBestAsk(net::Family family) const
{
    if (linkedSeq == seq.value())
        return std::nullopt;
    const detail::BookTrie &trie = trieOf(family);
    const std::int64_t prefixBooks =
        trie.root() == kNil ? detail::BookTrie::kNoAsk : trie.subtreeBestAsk(trie.root());
    return std::min(prefixBooks, groupBests.bestAsk(family));
}

std::optional<std::int64_t> Engine::Impl::familyBestBid(net::Family family) const
{
    if (linkedSeq == seq.value())
        return std::nullopt;
    const detail::BookTrie &trie = trieOf(family);
    const std::int64_t prefixBooks = trie.root() == kNil ? 0 : trie.subtreeBestBid(trie.root());
    return std::max(prefixBooks, groupBests.bestBid(family));
}

std::int64_t Engine::Impl::leastPortHeadroom()
{
    const auto headroom = [&](MemberId m) {
        const detail::MemberRecord &r = memberOf(m);
        return r.view.portCapacity.value() - r.view.portUsed.value();
    };
    if (!portFloor.valid || portFloor.members != members.size()) {
        portFloor.least = std::numeric_limits<std::int64_t>::max();
        for (std::size_t i = 0; i < members.size(); ++i)
            portFloor.least =
                std::min(portFloor.least, headroom(MemberId(static_cast<std::uint32_t>(i + 1))));
        portFloor.valid = true;
        portFloor.members = members.size();
        portFloor.trades = trades.size();
    }
    for (; portFloor.trades < trades.size(); ++portFloor.trades) {
        const proto::TradeView &t = trades[portFloor.trades];
        portFloor.least = std::min({portFloor.least, headroom(t.buyer), headroom(t.seller)});
    }
    return portFloor.least;
}

bool Engine::Impl::measuredInside(MemberId seller, const net::Prefix &prefix) const
{
    const net::PrefixMap<detail::QualityFigure> &quality = memberOf(seller).quality;
    const auto measured = [](const detail::QualityFigure &f) {
        return f.state == static_cast<std::uint8_t>(proto::QualityState::Fresh)
               || f.state == static_cast<std::uint8_t>(proto::QualityState::Unreachable);
    };
    // A buy inside the prefix looks up the longest figure covering it: one inside the prefix,
    // or else the longest one covering the whole prefix.
    if (const auto hit = quality.longestMatch(prefix); hit && measured(*hit->second))
        return true;
    bool found = false;
    quality.forEachCovered(prefix, [&](const net::Prefix &, const detail::QualityFigure &f) {
        found = measured(f);
        return !found;
    });
    return found;
}

void Engine::Impl::collectCursors(const detail::Taker &taker)
{
    cursors.clear();
    // Most orders do not cross anything: when no book of the family reaches the taker's price
    // there is nothing to collect, and the route and trie walks below can be skipped. The
    // aggregates are those of the end of the last command; removals since then only make them
    // look better than the books are, so the bound never hides a candidate.
    if (taker.side == Side::Buy) {
        const auto ask = familyBestAsk(taker.dest.family);
        if (ask && *ask > taker.limit)
            return;
    } else {
        const auto bid = familyBestBid(taker.dest.family);
        if (bid && *bid < taker.limit)
            return;
    }
    if (++cursorPass == 0) { // after 2^32 passes: no book may look added in this one
        std::fill(cursorPassOfBook.begin(), cursorPassOfBook.end(), 0);
        cursorPass = 1;
    }
    const net::Family family = taker.dest.family;
    const detail::BookTrie &trie = trieOf(family);
    const bool buyTaker = taker.side == Side::Buy;
    const auto addSide = [&](std::uint32_t b) { addCursor(taker, b); };
    const auto addGroup = [&](DestinationKind kind, std::uint32_t value, std::uint32_t member) {
        detail::BookKey key;
        key.kind = kind;
        key.family = family;
        key.value = value;
        key.member = member;
        if (const std::uint32_t *b = groupBooks.find(key))
            addSide(*b);
    };

    if (buyTaker) {
        // The books are gathered first and joined together (addCursors), so that the cache
        // misses of reading them overlap; so do the lookups of the group books.
        pendingBooks.clear();
        const auto addPending = [&](std::uint32_t b) { pendingBooks.push_back(b); };
        const std::size_t fi = family == net::Family::V4 ? 0 : 1;
        if (taker.dest.isPrefix()) {
            const net::Prefix &prefix = taker.dest.prefix;
            if (trie.nodeCount() < detail::BookTrie::kJumpFrom) {
                // A trie this small stays in the caches, where its parent chain is cheaper
                // than a lookup per length (W1: a tenth of the IOC buys' p99).
                const std::uint32_t node =
                    taker.book != kNil ? books[taker.book].node : trie.deepestCovering(prefix);
                if (node != kNil)
                    trie.forEachCoveringBook(node, addPending);
            } else {
                coveringBooks(prefix, pendingBooks);
            }
            // Class and origin-AS sells of every member with a route covering the prefix.
            const std::vector<detail::RouteIndex::Covering> &chain = routes.coveringChain(prefix);
            for (const detail::RouteIndex::Covering &c : chain)
                detail::prefetchLine(c.holders->data());
            for (const detail::RouteIndex::Covering &c : chain)
                for (const detail::RouteHolder &h : *c.holders)
                    detail::prefetchLine(&members[h.member - 1].groupSells[fi]);
            groupKeys.clear();
            const auto groupKey = [&](DestinationKind kind, std::uint32_t value, std::uint32_t member) {
                detail::BookKey &key = groupKeys.emplace_back();
                key.kind = kind;
                key.family = family;
                key.value = value;
                key.member = member;
                groupBooks.prefetch(key);
            };
            for (const detail::RouteIndex::Covering &c : chain) {
                for (const detail::RouteHolder &h : *c.holders) {
                    if (members[h.member - 1].groupSells[fi] == 0)
                        continue;
                    groupKey(DestinationKind::RouteClass,
                             static_cast<std::uint32_t>(h.attrs.routeClass), h.member);
                    groupKey(DestinationKind::OriginAsn, h.attrs.originAsn, h.member);
                }
            }
            for (const detail::BookKey &key : groupKeys)
                if (const std::uint32_t *b = groupBooks.find(key))
                    pendingBooks.push_back(*b);
        } else {
            // Any prefix sell whose covering route is of the class / origin (checked per
            // candidate), and the same group's sells of every member.
            trie.forEachBookWithAskAtMost(trie.root(), taker.limit, addPending);
            for (std::size_t m = 0; m < members.size(); ++m)
                if (members[m].groupSells[fi] != 0)
                    addGroup(taker.dest.kind, taker.dest.value, static_cast<std::uint32_t>(m + 1));
        }
        addCursors(taker, pendingBooks);
    } else {
        const MemberId seller = live[taker.slot].member;
        // Buys with a latency or loss limit fail check 8 of rule 3 against a seller without a
        // fresh or unreachable figure toward them, so whole subtrees of them can be passed
        // over - as long as no earlier check could fail in a way that is reported: a full port
        // (check 6). This match (or dry run) adds at most the sell's capacity to any port at
        // any instant, so ports with room for twice that cannot fill up on its pairs.
        descentSeller = seller;
        descentSkipsUnmeasured = leastPortHeadroom() / 2 >= live[taker.slot].capacity.value();
        const auto measured = [&](const net::Prefix &p) { return descentMeasured(p); };
        // Subtrees are opened only when the merge reaches their best bid (openSubtree): a sell
        // that is filled by the best bids does not visit every crossing book below its prefix.
        if (taker.dest.isPrefix()) {
            addSubtree(taker, trie.subtreeRoot(taker.dest.prefix));
            if (const auto covering = routes.longest(seller, taker.dest.prefix, detail::RouteFilter::Any)) {
                addGroup(DestinationKind::RouteClass,
                         static_cast<std::uint32_t>(covering->attrs.routeClass), 0);
                addGroup(DestinationKind::OriginAsn, covering->attrs.originAsn, 0);
            }
        } else {
            const detail::RouteFilter filter = detail::filterOf(taker.dest.kind);
            const std::uint32_t value = taker.dest.value;
            const detail::RouteGroup *group = routes.group(seller, family, filter, value);
            const bool someBidCrosses = group != nullptr && trie.root() != kNil
                                        && trie.subtreeBestBid(trie.root()) >= taker.limit;
            if (someBidCrosses && group->count < trie.nodeCount()) {
                // Fewer routes in the group than books: from the root, the subtrees that cross
                // and overlap one of the seller's outermost routes of the group (sorted, so
                // those inside a node are a range) are followed down to the parts that lie
                // inside a route, and those down to the books whose bids cross, which join the
                // merge together (addCursors). The work follows the group and the crossing bids
                // inside it, not every crossing bid of the family nor a walk from the root per
                // route. Everything is visited at once, not as the merge reaches it: a class
                // sell is rarely filled before it has seen most of its crossing books, and at
                // once their cache misses can overlap. Opened one by one as the merge reached
                // them, the parts cost a miss per node and per book read in a row (such a sell
                // opened about 150; docs/market.md, "What limits W2 now").
                const auto &outer = routes.outerRoutes(seller, family, filter, value).prefixes;
                subtreeRoots.clear();
                trie.forEachSubtreeInside(outer, taker.limit, measured,
                                          [&](std::uint32_t node, std::int64_t) {
                                              subtreeRoots.push_back(node);
                                          });
                pendingBooks.clear();
                trie.forEachBookWithBidAtLeastLevelwise(
                    subtreeRoots, subtreeScratch, taker.limit,
                    [&](std::uint32_t b) { pendingBooks.push_back(b); }, measured);
                addCursors(taker, pendingBooks);
            } else if (someBidCrosses) {
                // Prefix buys anywhere in the family that cross, inside one of the seller's
                // routes of the group: the descent follows crossing bids, the route check
                // each book.
                trie.forEachBookWithBidAtLeast(
                    trie.root(), taker.limit,
                    [&](std::uint32_t b) {
                        if (routes.longest(seller, books[b].prefix, filter, value))
                            addSide(b);
                    },
                    measured);
            }
            addGroup(taker.dest.kind, taker.dest.value, 0);
        }
    }
    std::make_heap(cursors.begin(), cursors.end(), RanksAfter{buyTaker});
}

void Engine::Impl::addCursor(const detail::Taker &taker, std::uint32_t b)
{
    const bool buyTaker = taker.side == Side::Buy;
    const detail::BookSide &side = buyTaker ? books[b].asks : books[b].bids;
    if (side.levels.empty())
        return;
    const detail::LevelMap::Entry &best = side.levels.best();
    const std::int64_t price = buyTaker ? -best.key : best.key;
    if (buyTaker ? price > taker.limit : price < taker.limit)
        return;
    if (cursorPassOfBook[b] == cursorPass)
        return; // a group book reached through several routes
    cursorPassOfBook[b] = cursorPass;
    const detail::Level &level = levels[best.level];
    const detail::LiveOrder &head = live[level.head];
    appendCursor(cursors, price, head.prioritySeq, head.id.value(), best.level, level.head, b);
}

void Engine::Impl::addCursors(const detail::Taker &taker, const std::vector<std::uint32_t> &bookList)
{
    if (bookList.size() < 2) {
        for (const std::uint32_t b : bookList)
            addCursor(taker, b);
        return;
    }
    // addCursor's reads in stages across all the books: each book's side, then the best
    // level of those that cross, then that level's first order. Each stage reads what the one
    // before asked for, so a book costs about one miss per stage, shared with the others,
    // instead of three or four of its own in a row.
    const bool buyTaker = taker.side == Side::Buy;
    const auto sideOf = [&](std::uint32_t b) -> const detail::BookSide & {
        return buyTaker ? books[b].asks : books[b].bids;
    };
    for (const std::uint32_t b : bookList) {
        const auto *levelMap = reinterpret_cast<const char *>(&sideOf(b).levels);
        detail::prefetchLine(levelMap);
        detail::prefetchLine(levelMap + sizeof(detail::LevelMap) - 1);
    }
    const std::size_t first = cursors.size();
    for (const std::uint32_t b : bookList) {
        const detail::BookSide &side = sideOf(b);
        if (side.levels.empty())
            continue;
        const detail::LevelMap::Entry &best = side.levels.best();
        const std::int64_t price = buyTaker ? -best.key : best.key;
        if ((buyTaker ? price > taker.limit : price < taker.limit) || cursorPassOfBook[b] == cursorPass)
            continue;
        cursorPassOfBook[b] = cursorPass;
        detail::prefetchLine(&levels[best.level]);
        // The order is filled in below; until then the cursor is incomplete.
        appendCursor(cursors, price, 0, 0, best.level, kNil, b);
    }
    for (std::size_t i = first; i < cursors.size(); ++i)
        detail::prefetchLine(&live[levels[cursors[i].level].head]);
    for (std::size_t i = first; i < cursors.size(); ++i) {
        detail::Cursor &c = cursors[i];
        c.order = levels[c.level].head;
        const detail::LiveOrder &head = live[c.order];
        c.prioritySeq = head.prioritySeq;
        c.id = head.id.value();
    }
}

void Engine::Impl::addSubtree(const detail::Taker &taker, std::uint32_t node)
{
    if (node == kNil)
        return;
    // The subtree's best bid is that of the end of the last command or higher (removals since
    // then are not counted yet), never lower: an upper bound of every bid inside it.
    const detail::BookTrie &trie = trieOf(taker.dest.family);
    const std::int64_t bound = trie.subtreeBestBid(node);
    if (bound < taker.limit)
        return;
    if (trie.isLeaf(node)) {
        // Nothing below to put off (a sell on a prefix with no more specific book): the node's
        // book joins the merge now, as opening the subtree would when it reached the top, and
        // the merge does not pop, open and push a subtree cursor first. Opening only adds
        // cursors and reads aggregates that stay as they are until the command ends.
        const auto measured = [&](const net::Prefix &p) { return descentMeasured(p); };
        trie.expandBidAtLeast(
            node, taker.limit, [&](std::uint32_t b) { addCursor(taker, b); },
            [](std::uint32_t, std::int64_t) {}, measured);
        return;
    }
    appendCursor(cursors, bound, 0, 0, node, kNil, kNil);
}

void Engine::Impl::openSubtree(const detail::Taker &taker)
{
    const detail::Cursor top = cursors.back();
    cursors.pop_back();
    const std::size_t before = cursors.size();
    const auto measured = [&](const net::Prefix &p) { return descentMeasured(p); };
    trieOf(taker.dest.family)
        .expandBidAtLeast(
            top.level, taker.limit, [&](std::uint32_t b) { addCursor(taker, b); },
            [&](std::uint32_t child, std::int64_t bound) {
                appendCursor(cursors, bound, 0, 0, child, kNil, kNil);
            },
            measured);
    const RanksAfter order{false};
    for (std::size_t i = before; i < cursors.size(); ++i)
        std::push_heap(cursors.begin(), cursors.begin() + static_cast<std::ptrdiff_t>(i + 1),
                       order);
}

namespace {

// Moves the cursor past its current order (`next` was read before the order could change) to
// the following order of its level, or the head of the next worse level that still crosses.
// Returns false when the book side has nothing more for this taker.
bool advance(detail::Cursor &c, std::uint32_t next, const detail::Taker &taker,
             const detail::HugeVector<detail::Book> &books, const detail::HugeVector<detail::Level> &levels,
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

bool Engine::Impl::takerDone(const detail::Taker &taker) const
{
    const detail::LiveOrder &t = live[taker.slot];
    return t.side == Side::Buy ? t.remaining.isZero() : sellExhausted(t);
}

namespace {

// The commitments of a sell as a map, for a dry run to extend.
detail::CommitmentMap commitmentsOf(const detail::LiveOrder &sell,
                                    const std::vector<detail::CommitmentMap> &maps)
{
    if ((sell.flags & detail::kUneven) != 0)
        return maps[sell.commit];
    detail::CommitmentMap map;
    if (sell.filled.isPositive())
        map.add(sell.deliveryStart.value(), sell.deliveryEnd.value(), sell.filled.value());
    return map;
}

} // namespace

bool Engine::Impl::fillable(detail::Taker &taker)
{
    const detail::LiveOrder &t = live[taker.slot];
    detail::DryRun dry;
    dry.takerRemaining = t.remaining.value();
    if (t.side == Side::Sell)
        dry.takerCommitted = commitmentsOf(t, commitMaps);
    const auto record = [&](const detail::LiveOrder &buy, const detail::LiveOrder &sell,
                            const detail::PairVerdict &v) {
        for (const detail::LiveOrder *o : {&buy, &sell}) {
            const std::uint32_t m = o->member.value();
            detail::CommitmentMap *port = dry.portOf(m);
            if (port == nullptr) {
                dry.ports.emplace_back(m, memberOf(o->member).port);
                port = &dry.ports.back().second;
            }
            port->add(v.overlapStart, v.overlapEnd, v.fill);
        }
        if (t.side == Side::Buy)
            dry.takerRemaining -= v.fill;
        else
            dry.takerCommitted.add(v.overlapStart, v.overlapEnd, v.fill);
    };
    const auto done = [&] {
        if (t.side == Side::Buy)
            return dry.takerRemaining == 0;
        const std::int64_t from = std::max(t.deliveryStart.value(), now.value());
        return from < t.deliveryEnd.value()
               && dry.takerCommitted.minOver(from, t.deliveryEnd.value()) >= t.capacity.value();
    };

    if (t.side == Side::Buy && t.ranking != RankingMode::BestPrice) {
        const std::vector<detail::RankedCandidate> ranked = rankCandidates(taker, &dry);
        for (const detail::RankedCandidate &r : ranked) {
            const detail::LiveOrder &o = live[r.slot];
            const detail::PairVerdict v = checkPair(t, taker.dest, taker.limit, o, keyOfLinked(r.slot),
                                                    o.price.value(), taker.slot, &dry);
            if (v.code == ResultCode::OwnOrder)
                return false;
            if (v.code != ResultCode::Ok)
                continue;
            record(t, o, v);
            if (done())
                return true;
        }
        return false;
    }

    collectCursors(taker);
    const RanksAfter order{taker.side == Side::Buy};
    while (!cursors.empty()) {
        std::pop_heap(cursors.begin(), cursors.end(), order);
        if (cursors.back().order == kNil) {
            openSubtree(taker);
            continue;
        }
        detail::Cursor &c = cursors.back();
        const detail::LiveOrder &o = live[c.order];
        const bool buyTaker = taker.side == Side::Buy;
        const detail::LiveOrder &buy = buyTaker ? t : o;
        const detail::LiveOrder &sell = buyTaker ? o : t;
        const detail::PairVerdict v =
            checkPair(buy, buyTaker ? taker.dest : books[c.book].key,
                      buyTaker ? taker.limit : buy.price.value(), sell,
                      buyTaker ? books[c.book].key : taker.dest,
                      buyTaker ? sell.price.value() : taker.limit, taker.slot, &dry);
        if (v.code == ResultCode::OwnOrder)
            return false; // self-trade prevention would stop the order here
        if (v.code == ResultCode::Ok) {
            record(buy, sell, v);
            if (done())
                return true;
        }
        if (advance(c, queue[c.order].next, taker, books, levels, live))
            reinsertBack(cursors, order);
        else
            cursors.pop_back();
    }
    return false;
}

void Engine::Impl::fillAndMark(detail::Taker &taker, std::uint32_t maker, const detail::PairVerdict &v)
{
    if (v.fullPorts == 0) {
        executeFill(taker, maker, v.fill, v);
        return;
    }
    // The fill may close the maker and free its slot: keep what the notice needs.
    const bool takerBuys = taker.side == Side::Buy;
    const detail::LiveOrder buy = takerBuys ? live[taker.slot] : live[maker];
    const detail::LiveOrder sell = takerBuys ? live[maker] : live[taker.slot];
    executeFill(taker, maker, v.fill, v);
    portFull(v, buy, sell);
}

detail::MatchStop Engine::Impl::match(detail::Taker &taker)
{
    if (taker.side == Side::Buy && live[taker.slot].ranking != RankingMode::BestPrice)
        return matchRanked(taker);
    // Book aggregates are refreshed only when the command ends. Before matching, a command can
    // only have removed orders or added asks (a resumed sell), so a subtree's best bid may be
    // too high, never too low, and a best ask too low, never too high: a descent may look at a
    // book in vain but never misses one, and collectCursors checks each book's real best price.
    collectCursors(taker);
    const RanksAfter order{taker.side == Side::Buy};
    while (!cursors.empty()) {
        std::pop_heap(cursors.begin(), cursors.end(), order);
        if (cursors.back().order == kNil) {
            openSubtree(taker);
            continue;
        }
        detail::Cursor &c = cursors.back();
        const std::uint32_t makerSlot = c.order;
        const detail::LiveOrder &o = live[makerSlot];
        const std::uint32_t next = queue[makerSlot].next;
        if (next != kNil) {
            // Queue neighbours sit anywhere in the slab; a fill reads or writes both lines.
            detail::prefetchLine(&live[next]);
            detail::prefetchLine(reinterpret_cast<const char *>(&live[next]) + 64);
        }
        // A maker that the fill uses up gets its final state written to its record, a cold
        // line somewhere in the history of orders.
        const auto *record = reinterpret_cast<const char *>(&rec(OrderId(c.id)));
        detail::prefetchLine(record);
        detail::prefetchLine(record + 64);
        const detail::LiveOrder &t = live[taker.slot];
        const bool buyTaker = taker.side == Side::Buy;
        const detail::LiveOrder &buy = buyTaker ? t : o;
        const detail::LiveOrder &sell = buyTaker ? o : t;
        prefetchFill(buy, sell);
        // Without the route (not shown here); a group sell and a prefix buy are covered, since
        // collectCursors pairs them only through a route of the group covering the buy.
        const detail::PairVerdict v =
            checkPair(buy, buyTaker ? taker.dest : books[c.book].key,
                      buyTaker ? taker.limit : buy.price.value(), sell,
                      buyTaker ? books[c.book].key : taker.dest,
                      buyTaker ? sell.price.value() : taker.limit, taker.slot, nullptr,
                      false, true);
        if (v.code == ResultCode::OwnOrder && !taker.linked)
            return detail::MatchStop::SelfTrade;
        if (v.code == ResultCode::Ok) {
            fillAndMark(taker, makerSlot, v);
            if (takerDone(taker))
                return detail::MatchStop::Filled;
        } else if (v.code == ResultCode::PortCapacityExceeded) {
            portFull(v, buy, sell);
        }
        if (advance(c, next, taker, books, levels, live))
            reinsertBack(cursors, order);
        else
            cursors.pop_back();
    }
    return detail::MatchStop::Exhausted;
}

detail::MatchStop Engine::Impl::matchRanked(detail::Taker &taker)
{
    const std::vector<detail::RankedCandidate> ranked = rankCandidates(taker, nullptr);
    for (const detail::RankedCandidate &r : ranked) {
        if (slotFor(OrderId(r.id)) != r.slot)
            continue; // filled and closed by an earlier fill of this match
        const detail::LiveOrder &t = live[taker.slot];
        const detail::LiveOrder &o = live[r.slot];
        const detail::PairVerdict v = checkPair(t, taker.dest, taker.limit, o, keyOfLinked(r.slot),
                                                o.price.value(), taker.slot, nullptr);
        if (v.code == ResultCode::OwnOrder && !taker.linked)
            return detail::MatchStop::SelfTrade;
        if (v.code == ResultCode::Ok) {
            fillAndMark(taker, r.slot, v);
            if (takerDone(taker))
                return detail::MatchStop::Filled;
        } else if (v.code == ResultCode::PortCapacityExceeded) {
            portFull(v, t, o);
        }
    }
    return detail::MatchStop::Exhausted;
}

} // namespace bwx::market
