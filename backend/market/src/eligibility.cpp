// Whether a buy and a sell can trade (docs/market.md, rule 3): the checks in their documented
// order, the first failing one named by its result code, and the size of the fill when all
// pass. Matching, TakeOrder, candidate lists and the invariant check all use this one function.
#include <algorithm>
#include <limits>
#include <numeric>

#include "engine_impl.h"

namespace bwx::market {

using detail::kNil;
using proto::ResultCode;

std::int64_t detail::commonBlock(std::int64_t blockA, std::int64_t blockB) noexcept
{
    if (blockA <= 0 || blockB <= 0)
        return 0;
    if (blockA == blockB)
        return blockA; // the usual pair: no gcd, no division
    const std::int64_t factor = blockA / std::gcd(blockA, blockB);
    if (factor > std::numeric_limits<std::int64_t>::max() / blockB)
        return 0;
    return factor * blockB;
}

std::int64_t detail::wholeBlocks(std::int64_t limit, std::int64_t blockA, std::int64_t blockB) noexcept
{
    const std::int64_t lcm = commonBlock(blockA, blockB);
    if (lcm == 0 || limit < lcm)
        return 0;
    return limit / lcm * lcm;
}

namespace {

bool passes(const detail::RouteAttrs &attrs, DestinationKind kind, std::uint32_t value) noexcept
{
    return kind == DestinationKind::RouteClass ? static_cast<std::uint32_t>(attrs.routeClass) == value
                                               : attrs.originAsn == value;
}

constexpr std::uint32_t kLossAll = 1'000'000; // an unreachable destination loses everything

} // namespace

bool Engine::Impl::deliverable(MemberId seller, const detail::BookKey &dest) const
{
    if (dest.isPrefix())
        return settings.requireRoutes == 0
               || routes.longest(seller, dest.prefix, detail::RouteFilter::Any).has_value();
    return routes.group(seller, dest.family, detail::filterOf(dest.kind), dest.value) != nullptr;
}

std::int64_t Engine::Impl::sellAvailable(const detail::LiveOrder &sell, std::int64_t from,
                                         std::int64_t to) const
{
    if ((sell.flags & detail::kUneven) == 0)
        return sell.remaining.value();
    return sell.capacity.value() - commitMaps[sell.commit].maxOver(from, to);
}

bool Engine::Impl::sellExhausted(const detail::LiveOrder &sell) const
{
    if ((sell.flags & detail::kUneven) == 0)
        return sell.remaining.isZero();
    // Free capacity that lies wholly in the past can no longer be sold (a trade's period must
    // reach past the present); a period that is over is left to its expiry.
    const std::int64_t from = std::max(sell.deliveryStart.value(), now.value());
    if (from >= sell.deliveryEnd.value())
        return false;
    return commitMaps[sell.commit].minOver(from, sell.deliveryEnd.value()) >= sell.capacity.value();
}

std::optional<detail::QualityFigure> Engine::Impl::figureOf(MemberId seller, const net::Prefix &ref) const
{
    if (!knownMember(seller))
        return std::nullopt;
    const auto hit = memberOf(seller).quality.longestMatch(ref);
    if (!hit)
        return std::nullopt;
    return *hit->second;
}

void Engine::Impl::checkPairInto(Timestamp at, const detail::LiveOrder &buy,
                                 const detail::BookKey &buyDest, std::int64_t buyLimit,
                                 const detail::LiveOrder &sell, const detail::BookKey &sellDest,
                                 std::int64_t sellLimit, std::uint32_t takerSlot,
                                 detail::DryRun *dry, bool withRoute, bool groupCovered,
                                 detail::PairVerdict &v) const
{
    const auto fail = [&](ResultCode code) {
        v.code = code;
        v.fill = 0;
    };
    const MemberId seller = sell.member;
    // A prefix sell serves a prefix buy it contains whether or not the seller holds a route
    // there (unless the market requires routes): the route then only gives the distance, which
    // a distance limit and an eligible pair need. Looking it up walks the shared route trie, so
    // for the many pairs that fail a later check it is not looked up at all. The same holds for
    // a group sell whose caller already knows a route of the group covers the buy.
    bool routePending = false;
    detail::RouteFilter pendingFilter = detail::RouteFilter::Any;
    const auto resolveRoute = [&] {
        if (!routePending)
            return;
        routePending = false;
        const auto hit = routes.longest(seller, buyDest.prefix, pendingFilter, sellDest.value);
        v.routeKnown = hit.has_value();
        v.distance = hit ? hit->attrs.pathLength : 0;
        v.route = hit ? hit->prefix : sellDest.prefix;
    };

    // 1. Destination: the sell covers the buy's destination through a route of the seller.
    if ((sell.flags & detail::kSuspended) != 0)
        return fail(ResultCode::DestinationNotDeliverable);
    if (buyDest.family != sellDest.family)
        return fail(ResultCode::NotCovering);
    if (buyDest.isPrefix()) {
        v.qualityRef = buyDest.prefix;
        if (sellDest.isPrefix()) {
            if (!sellDest.prefix.contains(buyDest.prefix))
                return fail(ResultCode::NotCovering);
            v.route = sellDest.prefix;
            routePending = true;
            if (settings.requireRoutes != 0) {
                resolveRoute();
                if (!v.routeKnown)
                    return fail(ResultCode::DestinationNotDeliverable);
            }
        } else if (groupCovered) {
            pendingFilter = detail::filterOf(sellDest.kind);
            v.route = buyDest.prefix; // until resolved: inside the covering route
            routePending = true;
        } else {
            const auto hit = routes.longest(seller, buyDest.prefix, detail::filterOf(sellDest.kind),
                                            sellDest.value);
            if (!hit)
                return fail(ResultCode::NotCovering);
            v.routeKnown = true;
            v.distance = hit->attrs.pathLength;
            v.route = hit->prefix;
        }
    } else if (sellDest.isPrefix()) {
        const auto hit = routes.longest(seller, sellDest.prefix, detail::RouteFilter::Any);
        if (!hit || !passes(hit->attrs, buyDest.kind, buyDest.value))
            return fail(ResultCode::NotCovering);
        v.routeKnown = true;
        v.distance = hit->attrs.pathLength;
        v.route = hit->prefix;
        v.qualityRef = sellDest.prefix;
    } else {
        if (sellDest.kind != buyDest.kind || sellDest.value != buyDest.value)
            return fail(ResultCode::NotCovering);
        const detail::RouteGroup *group =
            routes.group(seller, sellDest.family, detail::filterOf(sellDest.kind), sellDest.value);
        if (group == nullptr)
            return fail(ResultCode::DestinationNotDeliverable);
        v.routeKnown = true;
        v.distance = group->longestPath();
        v.route = detail::familyRoot(buyDest.family);
        v.qualityRef = v.route;
    }

    // 2. Traffic type.
    if (buy.traffic != TrafficType::Any && buy.traffic != sell.traffic)
        return fail(ResultCode::TrafficTypeMismatch);

    // 3. Delivery periods overlap, and the overlap reaches past the present.
    v.overlapStart = std::max(buy.deliveryStart, sell.deliveryStart).value();
    v.overlapEnd = std::min(buy.deliveryEnd, sell.deliveryEnd).value();
    if (v.overlapStart >= v.overlapEnd || v.overlapEnd <= at.value())
        return fail(ResultCode::PeriodNotOverlapping);

    // 4. A whole common block fits in both orders at all.
    const std::int64_t block = detail::commonBlock(buy.minBlock.value(), sell.minBlock.value());
    if (block == 0 || block > buy.capacity.value() || block > sell.capacity.value())
        return fail(ResultCode::BlockIncompatible);

    // 5. Capacity left over the overlap: the buy's remainder, the sell's free capacity at every
    //    instant of the overlap.
    const bool takerBuys = takerSlot != kNil && &live[takerSlot] == &buy;
    const bool takerSells = takerSlot != kNil && &live[takerSlot] == &sell;
    std::int64_t most = dry != nullptr && takerBuys ? dry->takerRemaining : buy.remaining.value();
    const std::int64_t sellFree =
        dry != nullptr && takerSells
            ? sell.capacity.value() - dry->takerCommitted.maxOver(v.overlapStart, v.overlapEnd)
            : sellAvailable(sell, v.overlapStart, v.overlapEnd);
    most = std::min(most, sellFree);
    // wholeBlocks() of the pair, with the common block computed once above: every pair that
    // gets this far would otherwise pay a gcd and two divisions for each of five roundings.
    const auto whole = [block](std::int64_t limit) { return limit < block ? 0 : limit / block * block; };
    const std::int64_t unported = whole(most);
    if (unported == 0)
        return fail(ResultCode::CapacityNotAvailable);

    // 6. Both ports have room over the overlap. A port whose busiest instant (portUsed, the
    //    peak of its map) leaves room for `most` has that room over any overlap, and then its
    //    exact figure decides nothing below (the fill is `unported`, the port is not marked):
    //    that lower bound is used instead, without reading the port's map.
    const auto portFree = [&](MemberId m) {
        if (!knownMember(m))
            return std::numeric_limits<std::int64_t>::max();
        const detail::MemberRecord &member = memberOf(m);
        const detail::CommitmentMap *map = &member.port;
        if (dry != nullptr)
            if (const detail::CommitmentMap *scratch = dry->portOf(m.value()))
                map = scratch;
        const std::int64_t capacity = member.view.portCapacity.value();
        if (map == &member.port && capacity - member.view.portUsed.value() >= most)
            return capacity - member.view.portUsed.value();
        return capacity - map->maxOver(v.overlapStart, v.overlapEnd);
    };
    const std::int64_t buyerPort = portFree(buy.member);
    const std::int64_t sellerPort = portFree(seller);
    // A port with room for `most` changes nothing: only a smaller one needs rounding.
    v.fill = std::min(buyerPort, sellerPort) >= most ? unported
                                                     : whole(std::min({most, buyerPort, sellerPort}));
    if (v.fill == 0) {
        v.fullPorts = static_cast<std::uint8_t>((buyerPort < block ? 1 : 0) | (sellerPort < block ? 2 : 0));
        return fail(ResultCode::PortCapacityExceeded);
    }
    // A port that cuts the fill short leaves the rest of the pair waiting for it, like a full
    // one: its member must be re-examined when the port frees up (rule 3).
    v.fullPorts = static_cast<std::uint8_t>((buyerPort < most && whole(buyerPort) < unported ? 1 : 0)
                                            | (sellerPort < most && whole(sellerPort) < unported ? 2 : 0));

    // 7. Prices cross.
    if (buyLimit < sellLimit)
        return fail(ResultCode::PriceNotCrossing);

    // 8. The seller's quality toward the destination meets the buyer's limits.
    if ((buy.flags & detail::kHasLimits) != 0) {
        if (buy.maxLatencyUs != 0 || buy.maxLossPpm != 0) {
            const auto figure = figureOf(seller, v.qualityRef);
            v.figureKnown = figure.has_value();
            if (figure)
                v.figure = *figure;
            const auto state = static_cast<proto::QualityState>(figure ? figure->state : 0);
            const bool measured = state == proto::QualityState::Fresh
                                  || state == proto::QualityState::Unreachable;
            if (!measured)
                return fail(ResultCode::QualityUnknown);
            const bool unreachable = state == proto::QualityState::Unreachable;
            if (buy.maxLatencyUs != 0 && (unreachable || figure->latencyUs > buy.maxLatencyUs))
                return fail(ResultCode::LatencyAboveLimit);
            if (buy.maxLossPpm != 0 && (unreachable ? kLossAll : figure->lossPpm) > buy.maxLossPpm)
                return fail(ResultCode::LossAboveLimit);
        }
        if (buy.maxDistance != 0) {
            resolveRoute();
            if (!v.routeKnown)
                return fail(ResultCode::QualityUnknown);
            if (v.distance > buy.maxDistance)
                return fail(ResultCode::DistanceAboveLimit);
        }
    }

    // 9. Not the same member on both sides (the fill size is kept: self-trade prevention
    //    needs to know the pair was otherwise eligible).
    if (withRoute)
        resolveRoute(); // an eligible pair reports its route and distance (ranking, candidates)
    if (buy.member == seller)
        v.code = ResultCode::OwnOrder;
}

namespace {

std::string ms(std::uint32_t us)
{
    // 41200 µs -> "41.2 ms": one decimal, truncated, integer arithmetic only.
    return std::to_string(us / 1000) + "." + std::to_string(us % 1000 / 100) + " ms";
}

std::string percent(std::uint32_t ppm)
{
    // 12345 ppm -> "1.2345 %"
    std::string frac = std::to_string(ppm % 10'000);
    frac.insert(0, 4 - frac.size(), '0');
    return std::to_string(ppm / 10'000) + "." + frac + " %";
}

} // namespace

std::string Engine::Impl::explain(const detail::PairVerdict &v, const detail::LiveOrder &buy,
                                  const detail::LiveOrder &sell, Timestamp at) const
{
    switch (v.code) {
    case ResultCode::Ok: return {};
    case ResultCode::DestinationNotDeliverable:
        return "the seller no longer holds a route for the sell's destination";
    case ResultCode::NotCovering:
        return "the sell's destination does not cover the buy's";
    case ResultCode::TrafficTypeMismatch:
        return "offers " + std::string(toString(sell.traffic)) + ", the buy asks for "
               + std::string(toString(buy.traffic));
    case ResultCode::PeriodNotOverlapping:
        return "the delivery periods do not overlap after " + formatTimestamp(at);
    case ResultCode::BlockIncompatible:
        return "no whole common block of " + formatBandwidth(buy.minBlock) + " and "
               + formatBandwidth(sell.minBlock) + " fits in both orders";
    case ResultCode::CapacityNotAvailable:
        return "less than one block free over " + formatTimestamp(Timestamp(v.overlapStart)) + " - "
               + formatTimestamp(Timestamp(v.overlapEnd));
    case ResultCode::PortCapacityExceeded:
        return std::string(v.fullPorts & 1 ? "the buyer's" : "the seller's")
               + " port is full for part of " + formatTimestamp(Timestamp(v.overlapStart)) + " - "
               + formatTimestamp(Timestamp(v.overlapEnd));
    case ResultCode::PriceNotCrossing:
        return "price " + formatPrice(sell.price) + " above the limit " + formatPrice(buy.price);
    case ResultCode::LatencyAboveLimit:
        if (v.figure.state == static_cast<std::uint8_t>(proto::QualityState::Unreachable))
            return "the destination is unreachable through the seller";
        return "latency " + ms(v.figure.latencyUs) + " above the limit " + ms(buy.maxLatencyUs);
    case ResultCode::LossAboveLimit:
        return "loss " + percent(v.figure.state == static_cast<std::uint8_t>(proto::QualityState::Unreachable)
                                     ? kLossAll
                                     : v.figure.lossPpm)
               + " above the limit " + percent(buy.maxLossPpm);
    case ResultCode::DistanceAboveLimit:
        return "AS path length " + std::to_string(v.distance) + " above the limit "
               + std::to_string(buy.maxDistance);
    case ResultCode::QualityUnknown:
        return v.figureKnown || (buy.maxLatencyUs == 0 && buy.maxLossPpm == 0)
                   ? (v.figureKnown ? "the seller's measurement toward " + v.qualityRef.toString()
                                          + " is stale"
                                    : "the seller's AS path length is not known")
                   : "the seller is not measured toward " + v.qualityRef.toString();
    case ResultCode::OwnOrder: return "your own order";
    default: return std::string(proto::describe(v.code));
    }
}

void Engine::Impl::portFull(const detail::PairVerdict &v, const detail::LiveOrder &buy,
                            const detail::LiveOrder &sell)
{
    // Rate limit: one notice per member per minute of market time, whatever the pairs.
    constexpr std::int64_t kNoticeInterval = 60 * units::kNanosPerSecond;
    for (int bit = 1; bit <= 2; ++bit) {
        if ((v.fullPorts & bit) == 0)
            continue;
        const detail::LiveOrder &own = bit == 1 ? buy : sell;
        if (!knownMember(own.member))
            continue;
        detail::MemberRecord &m = memberOf(own.member);
        m.portBlocked = true;
        if (m.lastPortNotice.isSet() && (now - m.lastPortNotice).value() < kNoticeInterval)
            continue;
        m.lastPortNotice = now;
        sendNotice(own.member, ResultCode::PortCapacityExceeded,
                   "your port of " + formatBandwidth(m.view.portCapacity)
                       + " is fully committed for part of "
                       + formatTimestamp(Timestamp(v.overlapStart)) + " - "
                       + formatTimestamp(Timestamp(v.overlapEnd)) + ": order "
                       + std::to_string(own.id.value()) + " cannot trade there",
                   own.id, TradeId{});
    }
}

void Engine::Impl::sendNotice(MemberId member, ResultCode code, std::string text, OrderId order,
                              TradeId trade)
{
    proto::Notice n;
    n.code = code;
    n.text = std::move(text);
    n.time = now;
    n.order = order;
    n.trade = trade;
    events->notice(member, n);
}

} // namespace bwx::market
