// Routes and quality reaching the market as sequenced commands (rules 1, 2 and 6 of
// docs/market.md): sells and trades suspended when the seller's routes go and resumed when they
// come back, and the resting orders whose pairs a change may have made eligible re-examined.
#include <algorithm>

#include "engine_impl.h"

namespace bwx::market {

using detail::kNil;
using proto::BookAction;
using proto::ResultCode;

namespace {

std::string idText(std::uint64_t v) { return std::to_string(v); }

} // namespace

void Engine::Impl::onRouteBatch(const proto::RouteBatch &m)
{
    if (!knownMember(m.member)) {
        reject(ResultCode::UnknownMember, "member " + std::to_string(m.member.value()) + " does not exist");
        return;
    }
    for (std::size_t i = 0; i < m.changes.size(); ++i) {
        const proto::RouteChange &c = m.changes[i];
        const auto action = static_cast<unsigned>(c.action);
        const auto cls = static_cast<unsigned>(c.routeClass);
        if (action < 1 || action > 2 || cls < 1 || cls > 3) {
            reject(ResultCode::InvalidFieldValue,
                   "route change " + std::to_string(i) + " (" + c.prefix.toString()
                       + "): action must be announce (1) or withdraw (2) and the route class "
                         "customer (1), peer (2) or transit (3)");
            return;
        }
        if (m.replaceAll != 0 && c.action == proto::RouteAction::Withdraw) {
            reject(ResultCode::InvalidFieldValue,
                   "route change " + std::to_string(i) + " withdraws " + c.prefix.toString()
                       + " in a batch that replaces every route");
            return;
        }
    }
    if (m.replaceAll > 1) {
        reject(ResultCode::InvalidFieldValue, "replace_all must be 0 or 1");
        return;
    }
    if (m.replaceAll != 0)
        routes.clear(m.member);
    for (const proto::RouteChange &c : m.changes) {
        if (c.action == proto::RouteAction::Announce)
            routes.announce(m.member, c.prefix,
                            detail::RouteAttrs{c.routeClass, c.originAsn, c.pathLength});
        else
            routes.withdraw(m.member, c.prefix); // withdrawing an unknown route changes nothing
    }
    routes.prepareClassRoutes(m.member,
                              m.replaceAll != 0 ? routes.routeCount(m.member) : m.changes.size());
    std::vector<OrderId> again;
    refreshSeller(m.member, again);
    reexamine(std::move(again));
}

bool Engine::Impl::tradeDeliverable(const proto::TradeView &t) const
{
    const detail::BookKey buy = detail::keyOf(t.destination, Side::Buy, t.buyer);
    const detail::BookKey sell = detail::keyOf(t.sellDestination, Side::Sell, t.seller);
    if (buy.isPrefix()) {
        if (sell.isPrefix())
            return settings.requireRoutes == 0
                   || routes.longest(t.seller, buy.prefix, detail::RouteFilter::Any).has_value();
        return routes.longest(t.seller, buy.prefix, detail::filterOf(sell.kind), sell.value).has_value();
    }
    if (sell.isPrefix()) {
        const auto hit = routes.longest(t.seller, sell.prefix, detail::RouteFilter::Any);
        if (!hit)
            return false;
        return buy.kind == DestinationKind::RouteClass
                   ? static_cast<std::uint32_t>(hit->attrs.routeClass) == buy.value
                   : hit->attrs.originAsn == buy.value;
    }
    return routes.group(t.seller, sell.family, detail::filterOf(sell.kind), sell.value) != nullptr;
}

void Engine::Impl::refreshSeller(MemberId seller, std::vector<OrderId> &toReexamine)
{
    refreshTrades(seller);
    refreshSells(openOrdersOf(memberOf(seller)), toReexamine);
}

void Engine::Impl::refreshTrades(MemberId seller)
{
    detail::MemberRecord &member = memberOf(seller);
    // Trades first, ascending id: suspended when the route under them is gone, resumed when it
    // is back within the delivery period.
    const std::vector<TradeId> selling = member.sellingTrades;
    for (const TradeId id : selling) {
        proto::TradeView &t = trades[id.value() - 1];
        const bool ok = tradeDeliverable(t);
        if (t.state == proto::TradeState::Suspended && ok) {
            setTradeState(t, now >= t.deliveryStart ? proto::TradeState::Active
                                                    : proto::TradeState::Scheduled);
            for (const MemberId party : {t.buyer, t.seller})
                sendNotice(party, ResultCode::Ok,
                           "trade " + idText(id.value()) + " resumed: the seller's route is back",
                           OrderId{}, id);
        } else if (t.state != proto::TradeState::Suspended && !ok) {
            setTradeState(t, proto::TradeState::Suspended);
            for (const MemberId party : {t.buyer, t.seller})
                sendNotice(party, ResultCode::DestinationNotDeliverable,
                           "trade " + idText(id.value())
                               + " suspended: the seller no longer holds a route for "
                               + toString(t.destination),
                           OrderId{}, id);
        }
    }
}

void Engine::Impl::refreshSells(const std::vector<OrderId> &ids, std::vector<OrderId> &toReexamine)
{
    for (const OrderId id : ids) {
        const std::uint32_t slot = slotFor(id);
        detail::LiveOrder &o = live[slot];
        if (o.side != Side::Sell)
            continue;
        const bool ok = deliverable(o.member, keyOfOrder(slot));
        const bool suspended = (o.flags & detail::kSuspended) != 0;
        if (suspended && ok) {
            resume(slot);
            toReexamine.push_back(id);
        } else if (!suspended && !ok) {
            suspend(slot);
        } else if (!suspended) {
            toReexamine.push_back(id); // its routes, distance or covered buys may have changed
        }
    }
}

void Engine::Impl::suspend(std::uint32_t slot)
{
    detail::LiveOrder &o = live[slot];
    const OrderId id = o.id;
    proto::BookEntry entry;
    if (!quiet)
        entry = bookEntry(slot);
    unlink(slot);
    o.flags |= detail::kSuspended;
    o.updatedAt = now;
    if (!quiet) {
        events->orderUpdated(orderView(id), false);
        events->bookChanged(BookAction::Remove, entry);
    }
    sendNotice(o.member, ResultCode::DestinationNotDeliverable,
               "order " + idText(id.value()) + " suspended: you no longer hold a route for "
                   + toString(rec(id).params.destination),
               id, TradeId{});
}

void Engine::Impl::resume(std::uint32_t slot)
{
    detail::LiveOrder &o = live[slot];
    const OrderId id = o.id;
    const detail::BookKey key = keyOfOrder(slot);
    o.flags &= static_cast<std::uint8_t>(~detail::kSuspended);
    // Back at the end of its price level: while suspended it could not be taken, so it does
    // not keep the place it had.
    o.prioritySeq = seq.value();
    o.priorityTime = now;
    o.updatedAt = now;
    link(slot, findOrCreateBook(key));
    if (!quiet) {
        events->orderUpdated(orderView(id), false);
        events->bookChanged(BookAction::Add, bookEntry(slot));
    }
    sendNotice(o.member, ResultCode::Ok,
               "order " + idText(id.value()) + " is back in the book with new time priority: "
                   "you hold a route for " + toString(rec(id).params.destination) + " again",
               id, TradeId{});
}

void Engine::Impl::onQualityBatch(const proto::QualityBatch &m)
{
    for (std::size_t i = 0; i < m.figures.size(); ++i) {
        const proto::QualityFigure &f = m.figures[i];
        if (!knownMember(f.seller)) {
            reject(ResultCode::UnknownMember,
                   "figure " + std::to_string(i) + ": member " + std::to_string(f.seller.value())
                       + " does not exist");
            return;
        }
        if (static_cast<unsigned>(f.state) > 3 || f.lossPpm > 1'000'000) {
            reject(ResultCode::InvalidFieldValue,
                   "figure " + std::to_string(i) + " (" + f.destination.toString()
                       + "): state must be 0-3 and loss at most 1,000,000 ppm");
            return;
        }
    }
    // Re-examining a buy can only trade, or find a full port, with a sell at or below its
    // price: buys under the lowest ask of their family have nothing to re-examine against
    // (the same stays true while the others trade: trades add no asks).
    std::int64_t floor[2] = {1, 1};
    for (const net::Family family : {net::Family::V4, net::Family::V6})
        floor[family == net::Family::V4 ? 0 : 1] =
            std::max<std::int64_t>(1, familyBestAsk(family).value_or(1));
    const auto floorOf = [&](net::Family family) {
        return floor[family == net::Family::V4 ? 0 : 1];
    };
    const auto limitedBuysFrom = [&](std::uint32_t b, std::int64_t threshold,
                                     std::vector<OrderId> &into) {
        books[b].bids.levels.forEachBestFirst([&](const detail::LevelMap::Entry &e) {
            if (e.key < threshold)
                return false;
            for (std::uint32_t s = levels[e.level].head; s != kNil; s = queue[s].next)
                if ((live[s].flags & detail::kHasLimits) != 0)
                    into.push_back(live[s].id);
            return true;
        });
    };
    std::vector<OrderId> again;
    std::vector<net::Family> groupFamilies;
    for (const proto::QualityFigure &f : m.figures) {
        net::PrefixMap<detail::QualityFigure> &store = memberOf(f.seller).quality;
        if (f.state == proto::QualityState::Unknown)
            store.erase(f.destination);
        else
            store.insertOrAssign(f.destination,
                                 detail::QualityFigure{f.latencyUs, f.lossPpm, f.jitterUs,
                                                       static_cast<std::uint8_t>(f.state)});
        // Buys with quality limits whose lookups may now end at this figure: prefix buys inside
        // it, and every group buy of the family (they may pair with a prefix sell inside it).
        const detail::BookTrie &trie = trieOf(f.destination.family());
        const std::int64_t threshold = floorOf(f.destination.family());
        trie.forEachBookWithBidAtLeast(trie.subtreeRoot(f.destination), threshold,
                                       [&](std::uint32_t b) {
                                           limitedBuysFrom(b, threshold, again);
                                       });
        // Group buys only when one of them can reach the family's lowest ask (unknown bests
        // mean the floor is 1 and every group buy counts).
        const bool groupBidsCross = !familyBestAsk(f.destination.family())
                                    || groupBests.bestBid(f.destination.family()) >= threshold;
        if (groupBidsCross
            && std::find(groupFamilies.begin(), groupFamilies.end(), f.destination.family())
                   == groupFamilies.end())
            groupFamilies.push_back(f.destination.family());
    }
    if (!groupFamilies.empty()) {
        groupBooks.forEach([&](const detail::BookKey &key, std::uint32_t b) {
            if (key.member != 0
                || std::find(groupFamilies.begin(), groupFamilies.end(), key.family)
                       == groupFamilies.end())
                return;
            limitedBuysFrom(b, floorOf(key.family), again);
        });
    }
    reexamine(std::move(again));
}

void Engine::Impl::reexamine(std::vector<OrderId> ids)
{
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    for (const OrderId id : ids) {
        const std::uint32_t slot = slotFor(id);
        if (slot == kNil || live[slot].level == kNil)
            continue; // closed or suspended since it was listed
        detail::LiveOrder &o = live[slot];
        detail::Taker taker;
        taker.slot = slot;
        taker.side = o.side;
        taker.canRest = true;
        taker.linked = true;
        taker.limit = o.price.value();
        taker.dest = keyOfLinked(slot);
        if (taker.dest.isPrefix())
            taker.book = levels[o.level].book;
        const std::uint64_t tradesBefore = trades.size();
        // A resting order passes over its own member's orders: nobody acted, so nothing is
        // cancelled for self-trade prevention.
        match(taker);
        if (trades.size() == tradesBefore)
            continue;
        const bool done = takerDone(taker);
        proto::BookEntry entry;
        if (!quiet)
            entry = bookEntry(slot);
        if (done)
            close(slot, OrderStatus::Filled, ResultCode::Ok);
        if (!quiet) {
            events->orderUpdated(orderView(id), false);
            events->bookChanged(done ? BookAction::Remove : BookAction::Modify, entry);
        }
    }
}

void Engine::Impl::reexamineBlockedPorts()
{
    std::vector<std::uint32_t> released = std::move(releasedPorts);
    releasedPorts.clear();
    std::sort(released.begin(), released.end());
    released.erase(std::unique(released.begin(), released.end()), released.end());
    std::vector<OrderId> again;
    for (const std::uint32_t m : released) {
        detail::MemberRecord &member = members[m - 1];
        if (!member.portBlocked)
            continue;
        member.portBlocked = false;
        for (const OrderId id : openOrdersOf(member))
            again.push_back(id);
    }
    reexamine(std::move(again));
}

} // namespace bwx::market
