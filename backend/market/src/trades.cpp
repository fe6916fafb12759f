// Trades: a fill between two orders, what it commits (the sell's capacity over the delivery
// period, both members' ports), its states, and the routes it is delivered over.
#include <algorithm>
#include <tuple>

#include "engine_impl.h"
#include "prefetch.h"

namespace bwx::market {

using detail::kNil;
using proto::ResultCode;

namespace {

// The destination a book key stands for, written field by field into `out`, which holds a
// default Destination (a fresh TradeView's). Assigning a whole Destination built from the key
// went through a temporary whose byte-sized stores the following 16-byte loads could not be
// forwarded from: a store-forwarding stall per destination, two per fill.
void writeDestination(Destination &out, const detail::BookKey &k)
{
    out.kind = k.kind;
    switch (k.kind) {
    case DestinationKind::OriginAsn:
        out.originAsn = k.value;
        out.family = k.family;
        break;
    case DestinationKind::RouteClass:
        out.routeClass = static_cast<RouteClass>(k.value);
        out.family = k.family;
        break;
    default:
        out.prefix = k.prefix;
        out.family = k.prefix.family();
        break;
    }
}

// Asks for the memory the next push_back of `v` writes, and for the cache line after it: a list
// that grows by one entry per trade enters a fresh line every few trades, which is then already
// on its way.
template <class T, class A>
void prefetchAppend(const std::vector<T, A> &v) noexcept
{
    constexpr std::size_t kPerLine = 64 / sizeof(T);
    const std::size_t size = v.size();
    if (size < v.capacity())
        detail::prefetchLine(v.data() + size);
    if (size + kPerLine < v.capacity())
        detail::prefetchLine(v.data() + size + kPerLine);
}

} // namespace

void Engine::Impl::commitSell(detail::LiveOrder &o, std::int64_t from, std::int64_t to, std::int64_t size)
{
    if ((o.flags & detail::kUneven) == 0 && from == o.deliveryStart.value() && to == o.deliveryEnd.value()) {
        // The usual case: trades over the sell's whole period keep its commitment flat.
        o.filled += Bandwidth(size);
        o.remaining -= Bandwidth(size);
        return;
    }
    if ((o.flags & detail::kUneven) == 0) {
        if (freeCommitMaps.empty()) {
            o.commit = static_cast<std::uint32_t>(commitMaps.size());
            commitMaps.emplace_back();
        } else {
            o.commit = freeCommitMaps.back();
            freeCommitMaps.pop_back();
        }
        if (o.filled.isPositive())
            commitMaps[o.commit].add(o.deliveryStart.value(), o.deliveryEnd.value(), o.filled.value());
        o.flags |= detail::kUneven;
    }
    detail::CommitmentMap &map = commitMaps[o.commit];
    map.add(from, to, size);
    o.filled = Bandwidth(map.peak());
    o.remaining = o.capacity - o.filled;
}

void Engine::Impl::prefetchFill(const detail::LiveOrder &buy, const detail::LiveOrder &sell) const noexcept
{
    const detail::MemberRecord &buyer = memberOf(buy.member);
    const detail::MemberRecord &seller = memberOf(sell.member);
    prefetchAppend(seller.sellingTrades);
    tradeTimers.prefetchPush();
    trades.prefetchNext();
    tradeLinks.prefetchNext();
    detail::prefetchLine(buyer.port.points().data());
    detail::prefetchLine(seller.port.points().data());
}

void Engine::Impl::executeFill(detail::Taker &taker, std::uint32_t maker, std::int64_t size,
                               const detail::PairVerdict &v)
{
    detail::LiveOrder &m = live[maker];
    detail::LiveOrder &t = live[taker.slot];
    const bool takerBuys = taker.side == Side::Buy;
    detail::LiveOrder &buy = takerBuys ? t : m;
    detail::LiveOrder &sell = takerBuys ? m : t;
    const detail::BookKey &makerKey = books[levels[m.level].book].key;
    const detail::BookKey &buyKey = takerBuys ? taker.dest : makerKey;
    const detail::BookKey &sellKey = takerBuys ? makerKey : taker.dest;

    // The trade's price is that of the order that was in the book first: the resting order
    // for an incoming one; the older of the two when a resting order is re-examined.
    const bool takerOlder = std::tie(t.prioritySeq, t.id) < std::tie(m.prioritySeq, m.id);
    const Price price = taker.linked && takerOlder ? t.price : m.price;

    const auto adjust = [&](detail::LiveOrder &o, Bandwidth before) {
        if (o.level == kNil)
            return;
        const Bandwidth delta = before - o.remaining;
        detail::Level &level = levels[o.level];
        detail::Book &book = books[level.book];
        level.total -= delta;
        (o.side == Side::Buy ? book.bids : book.asks).depth -= delta;
    };
    // Both members' records are read and written below (exposure, trade lists, ports).
    detail::MemberRecord &buyer = memberOf(buy.member);
    detail::MemberRecord &seller = memberOf(sell.member);

    const Bandwidth buyBefore = buy.remaining;
    const Bandwidth sellBefore = sell.remaining;
    const bool tracksExposure = buyer.view.limits.maxOpenExposure.isPositive();
    if (tracksExposure)
        trackExposure(buy, -1);
    buy.remaining -= Bandwidth(size);
    buy.filled += Bandwidth(size);
    if (tracksExposure)
        trackExposure(buy, +1);
    commitSell(sell, v.overlapStart, v.overlapEnd, size);
    buy.updatedAt = now;
    sell.updatedAt = now;
    adjust(buy, buyBefore);
    adjust(sell, sellBefore);

    const OrderId makerId = m.id;
    const bool used = m.side == Side::Buy ? m.remaining.isZero() : sellExhausted(m);

    proto::TradeView &trade = trades.emplaceBack();
    const TradeId tradeId(trades.size());
    trade.tradeId = tradeId;
    trade.buyOrderId = buy.id;
    trade.sellOrderId = sell.id;
    trade.buyer = buy.member;
    trade.seller = sell.member;
    writeDestination(trade.destination, buyKey);
    writeDestination(trade.sellDestination, sellKey);
    trade.price = price;
    trade.capacity = Bandwidth(size);
    trade.deliveryStart = Timestamp(v.overlapStart);
    trade.deliveryEnd = Timestamp(v.overlapEnd);
    // Cannot fail: every limit order's full value fits (see validation), and a trade is bounded
    // by the limit order on its buy side, or by the resting sell when a market order buys.
    trade.amount = amountFor(price, trade.capacity, trade.deliveryEnd - trade.deliveryStart).value_or(Money{});
    trade.executedAt = now;
    trade.state = trade.deliveryStart <= now ? proto::TradeState::Active : proto::TradeState::Scheduled;
    linkTrade(tradeId, buyer, seller);
    commitTrade(trade, buyer, seller);
    if (buyKey.isPrefix())
        lastTrades.findOrInsert(lastTradeSlot, buyKey.prefix) = detail::LastTrade{price, now};

    if (quiet) {
        // Nobody reads the events: not even an empty BookEntry is built.
        if (used)
            close(maker, OrderStatus::Filled, ResultCode::Ok);
        return;
    }
    const proto::BookEntry entry = bookEntry(maker);
    if (used)
        close(maker, OrderStatus::Filled, ResultCode::Ok);
    events->tradeExecuted(trades.back());
    events->orderUpdated(orderView(makerId), false);
    events->bookChanged(used ? proto::BookAction::Remove : proto::BookAction::Modify, entry);
}

void Engine::Impl::linkTrade(TradeId id, detail::MemberRecord &buyer, detail::MemberRecord &seller)
{
    detail::TradeLinks &links = tradeLinks.emplaceBack();
    links.previousOfBuyer = buyer.lastTrade;
    links.previousOfSeller = seller.lastTrade;
    buyer.lastTrade = id;
    seller.lastTrade = id;
}

void Engine::Impl::commitTrade(const proto::TradeView &t)
{
    commitTrade(t, memberOf(t.buyer), memberOf(t.seller));
}

void Engine::Impl::commitTrade(const proto::TradeView &t, detail::MemberRecord &buyer,
                               detail::MemberRecord &seller)
{
    for (detail::MemberRecord *member : {&buyer, &seller}) {
        member->port.add(t.deliveryStart.value(), t.deliveryEnd.value(), t.capacity.value());
        member->view.portUsed = Bandwidth(member->port.peak());
    }
    seller.sellingTrades.push_back(t.tradeId);
    const Timestamp due = t.state == proto::TradeState::Scheduled ? t.deliveryStart : t.deliveryEnd;
    tradeTimers.push(due.value(), t.tradeId.value());
}

void Engine::Impl::releaseTrade(const proto::TradeView &t)
{
    for (const MemberId party : {t.buyer, t.seller}) {
        detail::MemberRecord &member = memberOf(party);
        member.port.add(t.deliveryStart.value(), t.deliveryEnd.value(), -t.capacity.value());
        member.view.portUsed = Bandwidth(member.port.peak());
        releasedPorts.push_back(party.value());
    }
    std::vector<TradeId> &selling = memberOf(t.seller).sellingTrades;
    const auto it = std::lower_bound(selling.begin(), selling.end(), t.tradeId);
    if (it != selling.end() && *it == t.tradeId)
        selling.erase(it);
}

void Engine::Impl::setTradeState(proto::TradeView &t, proto::TradeState state)
{
    t.state = state;
    events->tradeUpdated(t);
}

std::vector<TradedRoute> Engine::Impl::tradedRoutes(const proto::TradeView &t) const
{
    std::vector<TradedRoute> out;
    if (t.state != proto::TradeState::Scheduled && t.state != proto::TradeState::Active)
        return out;
    const detail::BookKey buy = detail::keyOf(t.destination, Side::Buy, t.buyer);
    const detail::BookKey sell = detail::keyOf(t.sellDestination, Side::Sell, t.seller);
    if (buy.isPrefix()) {
        const auto hit = routes.longest(t.seller, buy.prefix, detail::filterOf(sell.kind), sell.value);
        if (hit)
            out.push_back(TradedRoute{hit->prefix, buy.prefix});
        else if (sell.isPrefix())
            out.push_back(TradedRoute{sell.prefix, buy.prefix}); // no route needed (require_routes 0)
        return out;
    }
    if (sell.isPrefix()) {
        if (const auto hit = routes.longest(t.seller, sell.prefix, detail::RouteFilter::Any))
            out.push_back(TradedRoute{hit->prefix, sell.prefix});
        return out;
    }
    for (const detail::RouteIndex::Hit &r : routes.routesOf(t.seller)) {
        if (r.prefix.family() != sell.family)
            continue;
        const std::uint32_t value = sell.kind == DestinationKind::RouteClass
                                        ? static_cast<std::uint32_t>(r.attrs.routeClass)
                                        : r.attrs.originAsn;
        if (value == sell.value)
            out.push_back(TradedRoute{r.prefix, r.prefix});
    }
    return out;
}

} // namespace bwx::market
