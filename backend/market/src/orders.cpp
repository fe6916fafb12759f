// Order commands (new, cancel, amend, mass cancel) and the book mutations they share.
#include <algorithm>
#include <limits>

#include "engine_impl.h"
#include "validation.h"

namespace bwx::market {

using detail::kNil;
using proto::BookAction;
using proto::ResultCode;

namespace {

std::string idText(std::uint64_t v) { return std::to_string(v); }

} // namespace

void Engine::Impl::onNewOrder(MemberId member, const proto::NewOrder &m)
{
    if (!admitTrader(member))
        return;
    const proto::OrderParams &p = m.params;
    if (p.clientOrderId.value() == 0) {
        reject(ResultCode::InvalidFieldValue,
               "client_order_id must be non-zero: it is what makes a resubmission idempotent");
        return;
    }
    detail::MemberRecord &owner = members[member.value() - 1];
    if (const std::uint64_t existing = owner.clientIds.find(p.clientOrderId.value())) {
        const OrderId id(existing);
        const detail::OrderRecord &r = rec(id);
        proto::OrderParams submitted = r.params;
        submitted.price = r.submittedPrice;
        submitted.capacity = r.submittedCapacity;
        if (submitted == p) {
            // The client did not see our answer and sent the order again: answer again.
            if (!quiet)
                events->orderUpdated(orderView(id), true);
            return;
        }
        reject(ResultCode::DuplicateClientOrderId,
               "client order id " + idText(p.clientOrderId.value()) + " is already used by order "
                   + idText(id.value()) + " with different parameters");
        return;
    }
    const detail::Verdict verdict = detail::validateOrderParams(p, now, config);
    if (!verdict.ok()) {
        reject(verdict.code, verdict.message);
        return;
    }
    if (detail::canRest(p) && owner.open.size() >= config.maxOpenOrdersPerMember) {
        reject(ResultCode::ExposureLimit,
               "member " + owner.view.name + " already has " + std::to_string(owner.open.size())
                   + " open orders, the limit is " + std::to_string(config.maxOpenOrdersPerMember));
        return;
    }

    detail::Taker taker;
    taker.slot = admit(member, p);
    taker.side = p.side;
    taker.canRest = detail::canRest(p);
    if (p.type == OrderType::Market)
        taker.limit = p.side == Side::Buy ? std::numeric_limits<std::int64_t>::max() : 1;
    else
        taker.limit = p.price.value();
    taker.prefix = p.destination.prefix;
    taker.book = findBook(taker.prefix);
    runTaker(taker, p.timeInForce == TimeInForce::FillOrKill);
}

std::uint32_t Engine::Impl::allocLive()
{
    if (freeLive != kNil) {
        const std::uint32_t slot = freeLive;
        freeLive = live[slot].next;
        return slot;
    }
    live.emplace_back();
    return static_cast<std::uint32_t>(live.size() - 1);
}

std::uint32_t Engine::Impl::admit(MemberId member, const proto::OrderParams &p)
{
    const OrderId id(orders.size() + 1);
    detail::MemberRecord &owner = members[member.value() - 1];
    detail::OrderRecord &r = orders.emplaceBack();
    r.member = member;
    r.status = OrderStatus::Working;
    r.createdAt = now;
    r.updatedAt = now;
    r.priorityTime = now;
    r.submittedPrice = p.price;
    r.submittedCapacity = p.capacity;
    r.params = p;
    owner.all.push_back(id);
    owner.clientIds.insert(p.clientOrderId.value(), id.value());
    ++openOrders;
    if (detail::canRest(p))
        pushOrderTimer(id, p);

    const std::uint32_t slot = allocLive();
    detail::LiveOrder &o = live[slot];
    o = detail::LiveOrder{};
    o.remaining = p.capacity;
    o.minBlock = p.minBlock;
    o.deliveryStart = p.deliveryStart;
    o.deliveryEnd = p.deliveryEnd;
    o.prioritySeq = seq.value();
    o.id = id;
    o.member = member;
    o.side = p.side;
    o.traffic = p.trafficType;
    o.price = p.price;
    o.capacity = p.capacity;
    o.updatedAt = now;
    o.priorityTime = now;
    o.memberPos = static_cast<std::uint32_t>(owner.open.size());
    owner.open.push_back(slot);
    slotOf.push_back(slot);
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
        link(taker.slot, taker.prefix, taker.book);
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

std::uint32_t Engine::Impl::findBook(const net::Prefix &prefix) const
{
    const std::uint32_t *b = bookByPrefix.find(prefix);
    return b == nullptr ? kNil : *b;
}

std::uint32_t Engine::Impl::findOrCreateBook(const net::Prefix &prefix)
{
    if (const std::uint32_t *b = bookByPrefix.find(prefix))
        return *b;
    std::uint32_t index;
    if (!freeBooks.empty()) {
        index = freeBooks.back();
        freeBooks.pop_back();
    } else {
        index = static_cast<std::uint32_t>(books.size());
        books.emplace_back();
    }
    detail::Book &book = books[index];
    book.prefix = prefix;
    book.live = true;
    book.touched = false;
    book.node = trieOf(prefix.family()).insert(prefix, index);
    bookByPrefix.tryEmplace(prefix, index);
    return index;
}

void Engine::Impl::link(std::uint32_t slot, const net::Prefix &prefix, std::uint32_t book)
{
    const std::uint32_t b = book != kNil ? book : findOrCreateBook(prefix);
    detail::LiveOrder &o = live[slot];
    const bool buy = o.side == Side::Buy;
    const std::int64_t key = buy ? o.price.value() : -o.price.value();

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
    o.prev = level.tail;
    o.next = kNil;
    o.level = levelIndex;
    if (level.tail == kNil)
        level.head = slot;
    else
        live[level.tail].next = slot;
    level.tail = slot;
    ++level.count;
    level.total += o.remaining;
    detail::BookSide &side = buy ? books[b].bids : books[b].asks;
    side.depth += o.remaining;
    ++side.orders;
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

    if (o.prev == kNil)
        level.head = o.next;
    else
        live[o.prev].next = o.next;
    if (o.next == kNil)
        level.tail = o.prev;
    else
        live[o.next].prev = o.prev;
    --level.count;
    level.total -= o.remaining;
    side.depth -= o.remaining;
    --side.orders;
    if (level.count == 0) {
        side.levels.erase(buy ? level.price.value() : -level.price.value());
        level.book = kNil;
        level.head = freeLevel;
        freeLevel = o.level;
    }
    touch(bookIndex);
    o.level = kNil;
    o.prev = kNil;
    o.next = kNil;
}

void Engine::Impl::pushOrderTimer(OrderId id, const proto::OrderParams &p)
{
    Timestamp at = p.deliveryEnd;
    if (p.timeInForce == TimeInForce::GoodTillDate && p.expireAt < at)
        at = p.expireAt;
    orderTimers.push_back(detail::Timer{at.value(), id.value()});
    std::push_heap(orderTimers.begin(), orderTimers.end(), std::greater<>{});
}

void Engine::Impl::close(std::uint32_t slot, OrderStatus status, ResultCode reason)
{
    detail::LiveOrder &o = live[slot];
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
    detail::MemberRecord &owner = members[o.member.value() - 1];
    const std::uint32_t moved = owner.open.back();
    owner.open[o.memberPos] = moved;
    live[moved].memberPos = o.memberPos;
    owner.open.pop_back();
    o.memberPos = kNil;
    --openOrders;
    slotOf[id.value() - 1] = kNil;
    o.id = OrderId{};
    o.next = freeLive;
    freeLive = slot;
}

void Engine::Impl::cancelResting(std::uint32_t slot, OrderStatus status, ResultCode reason, bool isReply)
{
    const OrderId id = live[slot].id;
    proto::BookEntry entry;
    if (!quiet)
        entry = bookEntry(slot);
    close(slot, status, reason);
    if (!quiet) {
        events->orderUpdated(orderView(id), isReply);
        events->bookChanged(BookAction::Remove, entry);
    }
}

void Engine::Impl::touch(std::uint32_t book)
{
    if (!books[book].touched) {
        books[book].touched = true;
        touchedBooks.push_back(book);
    }
}

void Engine::Impl::flushTouched()
{
    for (const std::uint32_t b : touchedBooks) {
        detail::Book &book = books[b];
        book.touched = false;
        detail::BookTrie &trie = trieOf(book.prefix.family());
        const std::int64_t bid = bestBid(book);
        if (trie.ownBestBid(book.node) != bid)
            trie.setBestBid(book.node, bid);
        if (book.bids.orders == 0 && book.asks.orders == 0) {
            // Empty books are dropped so that orders on ever new prefixes cannot grow memory.
            trie.remove(book.node);
            bookByPrefix.erase(book.prefix);
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
    if (slot != kNil && live[slot].member == member)
        return slot;
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
    if (!admitTrader(member))
        return;
    if ((m.orderId.value() == 0) == (m.clientOrderId.value() == 0)) {
        reject(ResultCode::InvalidFieldValue,
               "exactly one of order_id and client_order_id must be set");
        return;
    }
    OrderId id = m.orderId;
    if (id.value() == 0) {
        id = OrderId(members[member.value() - 1].clientIds.find(m.clientOrderId.value()));
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
    if (!admitTrader(member))
        return;
    const std::uint32_t slot = ownOpenOrder(member, m.orderId, "amended");
    if (slot == kNil)
        return;
    detail::LiveOrder &o = live[slot];
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
                   + std::to_string(o.filled.value()) + " kbit/s already filled");
        return;
    }
    if (capacity > config.maxOrderCapacity) {
        reject(ResultCode::OrderTooLarge,
               "capacity " + std::to_string(capacity.value()) + " kbit/s exceeds the limit of "
                   + std::to_string(config.maxOrderCapacity.value()) + " kbit/s per order");
        return;
    }
    if (capacity.value() % o.minBlock.value() != 0) {
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

    if (price == o.price && capacity < o.capacity) {
        // A smaller order at the same price keeps its place in the queue.
        const Bandwidth delta = o.capacity - capacity;
        detail::Level &level = levels[o.level];
        detail::Book &book = books[level.book];
        o.remaining -= delta;
        o.capacity = capacity;
        o.updatedAt = now;
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
    taker.prefix = prefixOfLinked(slot);
    taker.book = levels[o.level].book;
    if (!quiet)
        events->bookChanged(BookAction::Remove, bookEntry(slot));
    unlink(slot);
    o.price = price;
    o.capacity = capacity;
    o.remaining = capacity - o.filled;
    o.prioritySeq = seq.value();
    o.priorityTime = now;
    o.updatedAt = now;
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
    for (const OrderId id : openOrdersOf(members[member.value() - 1]))
        if (m.side == 0 || static_cast<std::uint8_t>(live[slotFor(id)].side) == m.side)
            ids.push_back(id);
    for (const OrderId id : ids)
        cancelResting(slotFor(id), OrderStatus::Cancelled, ResultCode::Ok, false);
}

} // namespace bwx::market
