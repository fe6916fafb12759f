// Order commands (new, take, cancel, amend, mass cancel) and the book mutations they share.
#include <algorithm>
#include <limits>

#include "engine_impl.h"
#include "prefetch.h"
#include "validation.h"

namespace bwx::market {

using detail::kNil;
using proto::BookAction;
using proto::ResultCode;

namespace {

std::string idText(std::uint64_t v) { return std::to_string(v); }

} // namespace

Bandwidth Engine::Impl::maxOrderCapacityOf(const detail::MemberRecord &m) const
{
    return m.view.limits.maxOrderCapacity.isPositive() ? m.view.limits.maxOrderCapacity
                                                       : maxOrderCapacity();
}

Money Engine::Impl::orderValue(const detail::LiveOrder &o) const
{
    return amountFor(o.price, o.remaining, o.deliveryEnd - o.deliveryStart).value_or(Money{});
}

void Engine::Impl::trackExposure(const detail::LiveOrder &o, int sign)
{
    if (o.side != Side::Buy)
        return;
    detail::MemberRecord &m = memberOf(o.member);
    if (!m.view.limits.maxOpenExposure.isPositive())
        return;
    const Money v = orderValue(o);
    m.exposure = sign > 0 ? m.exposure + v : m.exposure - v;
}

void Engine::Impl::recomputeExposure(detail::MemberRecord &m)
{
    m.exposure = Money{};
    if (!m.view.limits.maxOpenExposure.isPositive())
        return;
    for (const std::uint32_t slot : m.open)
        if (live[slot].side == Side::Buy)
            m.exposure += orderValue(live[slot]);
}

bool Engine::Impl::admitOrder(MemberId member, const proto::OrderParams &p)
{
    detail::MemberRecord &owner = memberOf(member);
    const Bandwidth largest = maxOrderCapacityOf(owner);
    if (p.capacity > largest) {
        reject(ResultCode::OrderTooLarge,
               "capacity " + std::to_string(p.capacity.value()) + " kbit/s exceeds the limit of "
                   + std::to_string(largest.value()) + " kbit/s per order"
                   + (owner.view.limits.maxOrderCapacity.isPositive() ? " set for member " + owner.view.name
                                                                      : std::string()));
        return false;
    }
    if (p.side == Side::Sell && !deliverable(member, detail::keyOf(p.destination, p.side, member))) {
        reject(ResultCode::DestinationNotDeliverable,
               "member " + owner.view.name + " holds no deliverable route for " + toString(p.destination));
        return false;
    }
    if (detail::canRest(p) && owner.open.size() >= maxOpenOrders()) {
        reject(ResultCode::ExposureLimit,
               "member " + owner.view.name + " already has " + std::to_string(owner.open.size())
                   + " open orders, the limit is " + std::to_string(maxOpenOrders()));
        return false;
    }
    const Money limit = owner.view.limits.maxOpenExposure;
    if (limit.isPositive() && p.side == Side::Buy && p.type == OrderType::Limit) {
        const Money value =
            amountFor(p.price, p.capacity, p.deliveryEnd - p.deliveryStart).value_or(Money{});
        if (value > limit - owner.exposure) {
            reject(ResultCode::ExposureLimit,
                   "this buy is worth " + formatMoney(value) + "; with the open buys ("
                       + formatMoney(owner.exposure) + ") it exceeds the exposure limit of "
                       + formatMoney(limit));
            return false;
        }
    }
    return true;
}

bool Engine::Impl::answeredByClientId(MemberId member, const proto::OrderParams &p)
{
    Impl &d = *this;
    if (p.clientOrderId.value() == 0) {
        d.reject(ResultCode::InvalidFieldValue,
                 "client_order_id must be non-zero: it is what makes a resubmission idempotent");
        return true;
    }
    detail::MemberRecord &owner = d.memberOf(member);
    if (const std::uint64_t existing = owner.clientIds.find(p.clientOrderId.value())) {
        const OrderId id(existing);
        const detail::OrderRecord &r = d.rec(id);
        proto::OrderParams submitted = r.params;
        submitted.price = r.submittedPrice;
        submitted.capacity = r.submittedCapacity;
        if (submitted == p) {
            // The client did not see our answer and sent the order again: answer again.
            if (!d.quiet)
                d.events->orderUpdated(d.orderView(id), true);
            return true;
        }
        d.reject(ResultCode::DuplicateClientOrderId,
                 "client order id " + idText(p.clientOrderId.value()) + " is already used by order "
                     + idText(id.value()) + " with different parameters");
        return true;
    }
    return false;
}

void Engine::Impl::onNewOrder(MemberId member, const proto::NewOrder &m)
{
    prefetchNewOrder(member, m.params);
    if (!admitTrader(member))
        return;
    const proto::OrderParams &p = m.params;
    if (answeredByClientId(member, p))
        return;
    const detail::Verdict verdict =
        detail::validateOrderParams(p, now, Bandwidth(std::numeric_limits<std::int64_t>::max()));
    if (!verdict.ok()) {
        reject(verdict.code, verdict.message);
        return;
    }
    if (!admitOrder(member, p))
        return;
    const std::uint32_t slot = admit(member, p);
    detail::Taker taker = takerFor(slot, p);
    runTaker(taker, p.timeInForce == TimeInForce::FillOrKill);
}

detail::Taker Engine::Impl::takerFor(std::uint32_t slot, const proto::OrderParams &p)
{
    detail::Taker taker;
    taker.slot = slot;
    taker.side = p.side;
    taker.canRest = detail::canRest(p);
    if (p.type == OrderType::Market)
        taker.limit = p.side == Side::Buy ? std::numeric_limits<std::int64_t>::max() : 1;
    else
        taker.limit = p.price.value();
    taker.dest = detail::keyOf(p.destination, p.side, live[slot].member);
    if (taker.dest.isPrefix())
        taker.book = findBook(taker.dest);
    return taker;
}

void Engine::Impl::onTakeOrder(MemberId member, const proto::TakeOrder &m)
{
    if (!admitTrader(member))
        return;
    const proto::OrderParams &p = m.params;
    if (p.side != Side::Buy) {
        reject(ResultCode::InvalidFieldValue, "take_order buys from a sell order: side must be buy");
        return;
    }
    if (p.timeInForce != TimeInForce::ImmediateOrCancel && p.timeInForce != TimeInForce::FillOrKill) {
        reject(ResultCode::InvalidTimeInForce,
               "take_order is immediate: time in force must be ioc or fok, got "
                   + std::string(toString(p.timeInForce)));
        return;
    }
    if (answeredByClientId(member, p))
        return;
    const detail::Verdict verdict =
        detail::validateOrderParams(p, now, Bandwidth(std::numeric_limits<std::int64_t>::max()));
    if (!verdict.ok()) {
        reject(verdict.code, verdict.message);
        return;
    }
    if (!knownOrder(m.sellOrderId) || rec(m.sellOrderId).params.side != Side::Sell) {
        reject(ResultCode::UnknownOrder, "there is no sell order " + idText(m.sellOrderId.value()));
        return;
    }
    if (!admitOrder(member, p))
        return;

    const std::uint32_t slot = admit(member, p);
    const OrderId id = live[slot].id;
    detail::Taker taker = takerFor(slot, p);
    const std::uint32_t sellSlot = slotFor(m.sellOrderId);
    detail::PairVerdict v;
    if (sellSlot == kNil) {
        v.code = ResultCode::OrderNotActive;
    } else {
        const detail::LiveOrder &sell = live[sellSlot];
        v = checkPair(live[slot], taker.dest, taker.limit, sell, keyOfOrder(sellSlot),
                      sell.price.value(), slot, nullptr);
        if (v.code == ResultCode::PortCapacityExceeded)
            portFull(v, live[slot], sell);
        else if (v.code == ResultCode::Ok && p.timeInForce == TimeInForce::FillOrKill
                 && v.fill < live[slot].remaining.value())
            v.code = ResultCode::FillOrKillNotFilled;
    }
    if (v.code == ResultCode::Ok) {
        fillAndMark(taker, sellSlot, v);
        close(slot, live[slot].remaining.isZero() ? OrderStatus::Filled : OrderStatus::Cancelled,
              ResultCode::Ok);
    } else {
        close(slot, OrderStatus::Cancelled, v.code);
    }
    if (!quiet)
        events->orderUpdated(orderView(id), true);
}

std::uint32_t Engine::Impl::allocLive()
{
    if (freeLive != kNil) {
        const std::uint32_t slot = freeLive;
        freeLive = queue[slot].next;
        queue[slot] = detail::QueueLink{};
        return slot;
    }
    live.emplace_back();
    queue.emplace_back();
    return static_cast<std::uint32_t>(live.size() - 1);
}

void Engine::Impl::fillLive(std::uint32_t slot, OrderId id, MemberId member, const proto::OrderParams &p)
{
    detail::LiveOrder &o = live[slot];
    o = detail::LiveOrder{};
    o.remaining = p.capacity;
    o.minBlock = p.minBlock;
    o.deliveryStart = p.deliveryStart;
    o.deliveryEnd = p.deliveryEnd;
    o.id = id;
    o.member = member;
    o.side = p.side;
    o.traffic = p.trafficType;
    o.kind = p.destination.kind;
    o.price = p.price;
    o.capacity = p.capacity;
    o.maxLatencyUs = p.limits.maxLatencyUs;
    o.maxLossPpm = p.limits.maxLossPpm;
    o.maxDistance = p.limits.maxDistance;
    o.ranking = p.ranking;
    if (p.limits != proto::QualityLimits{})
        o.flags |= detail::kHasLimits;
}

std::uint32_t Engine::Impl::admit(MemberId member, const proto::OrderParams &p)
{
    const OrderId id(orders.size() + 1);
    detail::MemberRecord &owner = memberOf(member);
    detail::OrderRecord &r = orders.emplaceBack();
    r.member = member;
    r.status = OrderStatus::Working;
    r.createdAt = now;
    r.updatedAt = now;
    r.priorityTime = now;
    r.submittedPrice = p.price;
    r.submittedCapacity = p.capacity;
    r.params = p;
    owner.clientIds.insert(p.clientOrderId.value(), id.value());
    ++openOrders;
    if (detail::canRest(p))
        pushOrderTimer(id, p);

    const std::uint32_t slot = allocLive();
    fillLive(slot, id, member, p);
    detail::LiveOrder &o = live[slot];
    o.prioritySeq = seq.value();
    o.updatedAt = now;
    o.priorityTime = now;
    o.memberPos = static_cast<std::uint32_t>(owner.open.size());
    owner.open.push_back(slot);
    slotOf.emplaceBack() = slot;
    trackExposure(o, +1);
    return slot;
}

void Engine::Impl::runTaker(detail::Taker &taker, bool fillOrKill)
{
    const OrderId id = live[taker.slot].id;
    if (fillOrKill && !fillable(taker)) {
        close(taker.slot, OrderStatus::Cancelled, ResultCode::FillOrKillNotFilled);
        if (!quiet)
            events->orderUpdated(orderView(id), true);
        return;
    }
    const detail::MatchStop stop = match(taker);
    if (stop == detail::MatchStop::Filled) {
        close(taker.slot, OrderStatus::Filled, ResultCode::Ok);
    } else if (stop == detail::MatchStop::SelfTrade) {
        close(taker.slot, OrderStatus::Cancelled, ResultCode::SelfTradePrevented);
    } else if (taker.canRest) {
        link(taker.slot, taker.book != kNil ? taker.book : findOrCreateBook(taker.dest));
        if (!quiet) {
            events->orderUpdated(orderView(id), true);
            events->bookChanged(BookAction::Add, bookEntry(taker.slot));
        }
        return;
    } else {
        close(taker.slot, OrderStatus::Cancelled,
              live[taker.slot].filled.isZero() ? ResultCode::NoLiquidity : ResultCode::Ok);
    }
    if (!quiet)
        events->orderUpdated(orderView(id), true);
}

std::uint32_t Engine::Impl::findBook(const detail::BookKey &key) const
{
    const std::uint32_t *b = key.isPrefix() ? bookByPrefix.find(key.prefix) : groupBooks.find(key);
    return b == nullptr ? kNil : *b;
}

std::uint32_t Engine::Impl::findOrCreateBook(const detail::BookKey &key)
{
    if (const std::uint32_t b = findBook(key); b != kNil)
        return b;
    std::uint32_t index;
    if (!freeBooks.empty()) {
        index = freeBooks.back();
        freeBooks.pop_back();
    } else {
        index = static_cast<std::uint32_t>(books.size());
        books.emplace_back();
        if (cursorPassOfBook.size() < books.capacity())
            cursorPassOfBook.resize(books.capacity(), 0);
    }
    detail::Book &book = books[index];
    book.key = key;
    book.live = true;
    book.touched = false;
    if (key.isPrefix()) {
        book.prefix = key.prefix;
        book.node = trieOf(key.prefix.family()).insert(key.prefix, index);
        bookByPrefix.tryEmplace(key.prefix, index);
        bookPrefixes.add(key.prefix);
    } else {
        book.prefix = detail::familyRoot(key.family);
        book.node = kNil;
        groupBooks.tryEmplace(key, index);
    }
    return index;
}

void Engine::Impl::coveringBooks(const net::Prefix &prefix, std::vector<std::uint32_t> &out) const
{
    // On a full table a book trie's parent chain above a /24 is a dozen or more nodes, each a
    // miss that waits for the one before; these lookups are independent and overlap.
    bookPrefixes.forEachCovering(bookByPrefix, prefix,
                                 [&](const net::Prefix &, std::uint32_t b) { out.push_back(b); });
}

detail::BookKey Engine::Impl::keyOfOrder(std::uint32_t slot) const
{
    const detail::LiveOrder &o = live[slot];
    if (o.level != kNil)
        return keyOfLinked(slot);
    return detail::keyOf(rec(o.id).params.destination, o.side, o.member);
}

void Engine::Impl::link(std::uint32_t slot, std::uint32_t b)
{
    detail::LiveOrder &o = live[slot];
    const bool buy = o.side == Side::Buy;
    const std::int64_t key = buy ? o.price.value() : -o.price.value();
    linkedSeq = seq.value();

    std::uint32_t levelIndex = (buy ? books[b].bids : books[b].asks).levels.find(key);
    if (levelIndex == kNil) {
        if (freeLevel != kNil) {
            levelIndex = freeLevel;
            freeLevel = levels[levelIndex].head;
        } else {
            levelIndex = static_cast<std::uint32_t>(levels.size());
            levels.emplace_back();
        }
        detail::Level &fresh = levels[levelIndex];
        fresh = detail::Level{};
        fresh.price = o.price;
        fresh.book = b;
        fresh.side = o.side;
        (buy ? books[b].bids : books[b].asks).levels.insert(key, levelIndex);
    }
    detail::Level &level = levels[levelIndex];
    queue[slot] = detail::QueueLink{level.tail, kNil};
    o.level = levelIndex;
    if (level.tail == kNil)
        level.head = slot;
    else
        queue[level.tail].next = slot;
    level.tail = slot;
    ++level.count;
    detail::BookSide &side = buy ? books[b].bids : books[b].asks;
    if (detail::needsFigure(o)) {
        ++level.measuredOnly;
        ++side.measuredOnly;
    }
    level.total += o.remaining;
    side.depth += o.remaining;
    ++side.orders;
    if (!buy && !books[b].key.isPrefix())
        ++memberOf(o.member).groupSells[books[b].key.family == net::Family::V4 ? 0 : 1];
    touch(b);
}

void Engine::Impl::unlink(std::uint32_t slot)
{
    detail::LiveOrder &o = live[slot];
    detail::Level &level = levels[o.level];
    const std::uint32_t bookIndex = level.book;
    detail::Book &book = books[bookIndex];
    const bool buy = o.side == Side::Buy;
    detail::BookSide &side = buy ? book.bids : book.asks;

    const detail::QueueLink at = queue[slot];
    if (at.prev == kNil)
        level.head = at.next;
    else
        queue[at.prev].next = at.next;
    if (at.next == kNil)
        level.tail = at.prev;
    else
        queue[at.next].prev = at.prev;
    --level.count;
    if (detail::needsFigure(o)) {
        --level.measuredOnly;
        --side.measuredOnly;
    }
    level.total -= o.remaining;
    side.depth -= o.remaining;
    --side.orders;
    if (!buy && !book.key.isPrefix())
        --memberOf(o.member).groupSells[book.key.family == net::Family::V4 ? 0 : 1];
    if (level.count == 0) {
        side.levels.erase(buy ? level.price.value() : -level.price.value());
        level.book = kNil;
        level.head = freeLevel;
        freeLevel = o.level;
    }
    touch(bookIndex);
    o.level = kNil;
    queue[slot] = detail::QueueLink{};
}

void Engine::Impl::pushOrderTimer(OrderId id, const proto::OrderParams &p)
{
    Timestamp at = p.deliveryEnd;
    if (p.timeInForce == TimeInForce::GoodTillDate && p.expireAt < at)
        at = p.expireAt;
    orderTimers.push(at.value(), id.value());
}

void Engine::Impl::close(std::uint32_t slot, OrderStatus status, ResultCode reason)
{
    detail::LiveOrder &o = live[slot];
    if (o.side == Side::Buy) // only buys count toward an exposure (no call for a filled sell)
        trackExposure(o, -1);
    if (o.level != kNil)
        unlink(slot);
    const OrderId id = o.id;
    detail::OrderRecord &r = rec(id);
    r.status = status;
    r.reason = reason;
    r.filled = o.filled;
    r.updatedAt = now;
    r.priorityTime = o.priorityTime;
    r.params.price = o.price;
    r.params.capacity = o.capacity;
    detail::MemberRecord &owner = memberOf(o.member);
    const std::uint32_t moved = owner.open.back();
    owner.open[o.memberPos] = moved;
    live[moved].memberPos = o.memberPos;
    owner.open.pop_back();
    o.memberPos = kNil;
    --openOrders;
    slotOf[id.value() - 1] = kNil;
    if (o.commit != kNil) {
        commitMaps[o.commit].clear();
        freeCommitMaps.push_back(o.commit);
        o.commit = kNil;
    }
    o.id = OrderId{};
    queue[slot].next = freeLive;
    freeLive = slot;
}

void Engine::Impl::cancelResting(std::uint32_t slot, OrderStatus status, ResultCode reason, bool isReply)
{
    const OrderId id = live[slot].id;
    const bool inBook = live[slot].level != kNil;
    proto::BookEntry entry;
    if (!quiet && inBook)
        entry = bookEntry(slot);
    close(slot, status, reason);
    if (!quiet) {
        events->orderUpdated(orderView(id), isReply);
        if (inBook)
            events->bookChanged(BookAction::Remove, entry);
    }
}

void Engine::Impl::touch(std::uint32_t book)
{
    detail::Book &b = books[book];
    if (!b.touched) {
        b.touched = true;
        touchedBooks.push_back(book);
        // flushTouched reads the book's trie node, and drops an empty book from the index.
        if (b.key.isPrefix() && prefetchPays()) {
            trieOf(b.prefix.family()).prefetch(b.node);
            if (b.bids.orders == 0 && b.asks.orders == 0)
                bookByPrefix.prefetch(b.prefix);
        }
    }
}

void Engine::Impl::flushTouched()
{
    for (const std::uint32_t b : touchedBooks) {
        detail::Book &book = books[b];
        book.touched = false;
        const bool empty = book.bids.orders == 0 && book.asks.orders == 0;
        if (book.key.isPrefix()) {
            detail::BookTrie &trie = trieOf(book.prefix.family());
            const std::int64_t bid = bestBid(book);
            if (trie.ownBestBid(book.node) != bid)
                trie.setBestBid(book.node, bid);
            const std::int64_t plain = plainBid(book);
            if (trie.ownPlainBid(book.node) != plain)
                trie.setPlainBid(book.node, plain);
            const std::int64_t ask = book.asks.levels.empty() ? detail::BookTrie::kNoAsk : bestAsk(book);
            if (trie.ownBestAsk(book.node) != ask)
                trie.setBestAsk(book.node, ask);
            if (empty) {
                // Empty books are dropped so that orders on ever new prefixes cannot grow memory.
                trie.remove(book.node);
                bookByPrefix.erase(book.prefix);
                bookPrefixes.remove(book.prefix);
            }
        } else {
            const bool bids = book.key.member == 0; // group buy books hold bids only
            const detail::BookSide &side = bids ? book.bids : book.asks;
            groupBests.set(b, book.key.family, bids,
                           side.levels.empty() ? detail::GroupBests::kNone
                           : bids              ? bestBid(book)
                                               : bestAsk(book));
            if (empty)
                groupBooks.erase(book.key);
        }
        if (empty) {
            book.live = false;
            book.node = kNil;
            book.bids.depth = Bandwidth{};
            book.asks.depth = Bandwidth{};
            freeBooks.push_back(b);
        }
    }
    touchedBooks.clear();
}

std::uint32_t Engine::Impl::ownOpenOrder(MemberId member, OrderId id, std::string_view verb)
{
    const std::uint32_t slot = knownOrder(id) ? slotFor(id) : kNil;
    if (slot != kNil && prefetchPays())
        detail::prefetchLine(reinterpret_cast<const char *>(&live[slot]) + 64);
    if (slot != kNil && live[slot].member == member) {
        prefetchOpenOrder(slot);
        return slot;
    }
    if (slot == kNil && knownOrder(id) && rec(id).member == member) {
        reject(ResultCode::OrderNotActive,
               "order " + idText(id.value()) + " is " + std::string(toString(rec(id).status))
                   + " and can no longer be " + std::string(verb));
        return kNil;
    }
    // Other members' orders get the same answer as ids that do not exist: ids are not probed.
    reject(ResultCode::UnknownOrder, "you have no order " + idText(id.value()));
    return kNil;
}

void Engine::Impl::onCancel(MemberId member, const proto::CancelOrder &m)
{
    prefetchOrderCommand(member, m.orderId, true);
    if (!admitTrader(member))
        return;
    if ((m.orderId.value() == 0) == (m.clientOrderId.value() == 0)) {
        reject(ResultCode::InvalidFieldValue,
               "exactly one of order_id and client_order_id must be set");
        return;
    }
    OrderId id = m.orderId;
    if (id.value() == 0) {
        id = OrderId(memberOf(member).clientIds.find(m.clientOrderId.value()));
        if (id.value() == 0) {
            reject(ResultCode::UnknownOrder,
                   "you have no order with client order id " + idText(m.clientOrderId.value()));
            return;
        }
    }
    const std::uint32_t slot = ownOpenOrder(member, id, "cancelled");
    if (slot != kNil)
        cancelResting(slot, OrderStatus::Cancelled, ResultCode::Ok, true);
}

void Engine::Impl::onAmend(MemberId member, const proto::AmendOrder &m)
{
    prefetchOrderCommand(member, m.orderId, false);
    if (!admitTrader(member))
        return;
    const std::uint32_t slot = ownOpenOrder(member, m.orderId, "amended");
    if (slot == kNil)
        return;
    detail::LiveOrder &o = live[slot];
    if ((o.flags & detail::kSuspended) != 0) {
        reject(ResultCode::OrderNotActive,
               "order " + idText(o.id.value())
                   + " is suspended (its destination is not deliverable) and cannot be amended; "
                     "cancel it instead");
        return;
    }
    if (m.newPrice.value() < 0) {
        reject(ResultCode::InvalidPrice,
               "new price must be positive (or 0 to keep it), got " + std::to_string(m.newPrice.value()));
        return;
    }
    if (m.newCapacity.value() < 0) {
        reject(ResultCode::InvalidCapacity,
               "new capacity must be positive (or 0 to keep it), got "
                   + std::to_string(m.newCapacity.value()) + " kbit/s");
        return;
    }
    const Price price = m.newPrice.isZero() ? o.price : m.newPrice;
    const Bandwidth capacity = m.newCapacity.isZero() ? o.capacity : m.newCapacity;
    if (price == o.price && capacity == o.capacity) {
        reject(ResultCode::InvalidAmend,
               "the amend changes nothing: price is already " + std::to_string(price.value())
                   + " and capacity " + std::to_string(capacity.value()) + " kbit/s");
        return;
    }
    if (capacity <= o.filled) {
        reject(ResultCode::InvalidAmend,
               "new capacity " + std::to_string(capacity.value()) + " kbit/s must exceed the "
                   + std::to_string(o.filled.value()) + " kbit/s already "
                   + (o.side == Side::Buy ? "filled" : "committed at the busiest instant"));
        return;
    }
    const detail::MemberRecord &owner = memberOf(member);
    const Bandwidth largest = maxOrderCapacityOf(owner);
    if (capacity > largest) {
        reject(ResultCode::OrderTooLarge,
               "capacity " + std::to_string(capacity.value()) + " kbit/s exceeds the limit of "
                   + std::to_string(largest.value()) + " kbit/s per order");
        return;
    }
    // An unchanged capacity was checked when it was set, and the block never changes.
    if (capacity != o.capacity && capacity.value() % o.minBlock.value() != 0) {
        reject(ResultCode::CapacityNotMultipleOfBlock,
               "capacity " + std::to_string(capacity.value()) + " kbit/s is not a whole number of "
                   + std::to_string(o.minBlock.value()) + " kbit/s blocks");
        return;
    }
    if (!detail::valueFits(price, capacity, o.deliveryStart, o.deliveryEnd)) {
        reject(ResultCode::OrderTooLarge,
               "price x capacity x delivery period exceeds the range of money amounts");
        return;
    }
    const Money limit = owner.view.limits.maxOpenExposure;
    if (limit.isPositive() && o.side == Side::Buy) {
        const Money before = orderValue(o);
        const Money after = amountFor(price, capacity - o.filled, o.deliveryEnd - o.deliveryStart)
                                .value_or(Money{});
        if (after > before && after - before > limit - owner.exposure) {
            reject(ResultCode::ExposureLimit,
                   "the amended buy is worth " + formatMoney(after) + "; with the other open buys it "
                       "exceeds the exposure limit of " + formatMoney(limit));
            return;
        }
    }

    if (price == o.price && capacity < o.capacity) {
        // A smaller order at the same price keeps its place in the queue.
        const Bandwidth delta = o.capacity - capacity;
        detail::Level &level = levels[o.level];
        detail::Book &book = books[level.book];
        trackExposure(o, -1);
        o.remaining -= delta;
        o.capacity = capacity;
        o.updatedAt = now;
        trackExposure(o, +1);
        level.total -= delta;
        (o.side == Side::Buy ? book.bids : book.asks).depth -= delta;
        if (!quiet) {
            events->orderUpdated(orderView(o.id), true);
            events->bookChanged(BookAction::Modify, bookEntry(slot));
        }
        return;
    }

    // Anything else re-enters the book at the back of the queue, matching first like a new
    // order would.
    detail::Taker taker;
    taker.slot = slot;
    taker.side = o.side;
    taker.canRest = true;
    taker.limit = price.value();
    taker.dest = keyOfLinked(slot);
    taker.book = levels[o.level].book; // books are only dropped when the command ends
    if (!quiet)
        events->bookChanged(BookAction::Remove, bookEntry(slot));
    unlink(slot);
    trackExposure(o, -1);
    o.price = price;
    o.capacity = capacity;
    o.remaining = capacity - o.filled;
    o.prioritySeq = seq.value();
    o.priorityTime = now;
    o.updatedAt = now;
    trackExposure(o, +1);
    runTaker(taker, false);
}

void Engine::Impl::onMassCancel(MemberId member, const proto::MassCancel &m)
{
    if (!admitTrader(member))
        return;
    if (m.side > 2) {
        reject(ResultCode::InvalidFieldValue,
               "mass cancel side " + std::to_string(m.side) + " is not 0 (both), 1 (buy) or 2 (sell)");
        return;
    }
    std::vector<OrderId> ids;
    for (const OrderId id : openOrdersOf(memberOf(member)))
        if (m.side == 0 || static_cast<std::uint8_t>(live[slotFor(id)].side) == m.side)
            ids.push_back(id);
    for (const OrderId id : ids)
        cancelResting(slotFor(id), OrderStatus::Cancelled, ResultCode::Ok, false);
}

} // namespace bwx::market
