#include "reference_engine.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <tuple>
#include <variant>

namespace bwx::market::testing {

using proto::ResultCode;

namespace {

__extension__ using i128 = __int128;
constexpr std::int64_t kInf = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kPpm = 1'000'000;

bool validName(const std::string &n)
{
    if (n.empty() || n.size() > 32 || !(n[0] >= 'a' && n[0] <= 'z'))
        return false;
    for (char c : n)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
            return false;
    return true;
}

bool restable(const proto::OrderParams &p)
{
    return p.type == OrderType::Limit
           && (p.timeInForce == TimeInForce::GoodTillCancel
               || p.timeInForce == TimeInForce::GoodTillDate);
}

std::int64_t lcmOf(std::int64_t a, std::int64_t b)
{
    if (a <= 0 || b <= 0)
        return 0;
    const i128 l = i128(a) / std::gcd(a, b) * b;
    return l > kInf ? 0 : static_cast<std::int64_t>(l);
}

std::int64_t blocksIn(std::int64_t limit, std::int64_t a, std::int64_t b)
{
    const std::int64_t l = lcmOf(a, b);
    return l == 0 || limit < l ? 0 : limit / l * l;
}

// The committed amount of a set of intervals is a step function: it can only rise at a start
// and only fall at an end, so its maximum over a range is at the range start or at a start
// inside, its minimum at the range start or at an end inside. Evaluated by a sweep over the
// sorted boundaries.
template<class Intervals>
std::vector<std::pair<std::int64_t, std::int64_t>> stepsOf(const Intervals &list)
{
    std::vector<std::pair<std::int64_t, std::int64_t>> steps; // (time, change), ends first at a tie
    for (const auto &i : list) {
        steps.emplace_back(i.start, i.size);
        steps.emplace_back(i.end, -i.size);
    }
    std::sort(steps.begin(), steps.end());
    return steps;
}

template<class Intervals> std::int64_t at(const Intervals &list, std::int64_t t)
{
    std::int64_t s = 0;
    for (const auto &i : list)
        if (i.start <= t && t < i.end)
            s += i.size;
    return s;
}

// Max (or min) of the committed amount over [from, to).
template<class Intervals>
std::int64_t extremeOver(const Intervals &list, std::int64_t from, std::int64_t to, bool max)
{
    std::int64_t level = 0;
    std::size_t k = 0;
    const auto steps = stepsOf(list);
    while (k < steps.size() && steps[k].first <= from)
        level += steps[k++].second;
    std::int64_t best = level;
    while (k < steps.size() && steps[k].first < to) {
        const std::int64_t t = steps[k].first;
        while (k < steps.size() && steps[k].first == t)
            level += steps[k++].second;
        best = max ? std::max(best, level) : std::min(best, level);
    }
    return best;
}

template<class Intervals>
std::int64_t maxOver(const Intervals &list, std::int64_t from, std::int64_t to)
{
    return extremeOver(list, from, to, true);
}

template<class Intervals>
std::int64_t minOver(const Intervals &list, std::int64_t from, std::int64_t to)
{
    return extremeOver(list, from, to, false);
}

template<class Intervals> std::int64_t peakOf(const Intervals &list)
{
    return list.empty() ? 0
                        : extremeOver(list, std::numeric_limits<std::int64_t>::min(),
                                      std::numeric_limits<std::int64_t>::max(), true);
}

Destination normalised(const Destination &d)
{
    switch (d.kind) {
    case DestinationKind::OriginAsn:
        return Destination::ofAsn(d.originAsn, d.family);
    case DestinationKind::RouteClass:
        return Destination::ofClass(d.routeClass, d.family);
    default:
        return Destination::ofPrefix(d.prefix);
    }
}

std::uint32_t groupValue(const Destination &d)
{
    return d.kind == DestinationKind::OriginAsn ? d.originAsn
                                                : static_cast<std::uint32_t>(d.routeClass);
}

net::Prefix rootOf(net::Family f)
{
    return net::Prefix::makeTruncating(net::Address::fromWords(f, 0, 0), 0);
}

// The prefix an order's book is shown under: its own, or the family's root for groups.
net::Prefix bookPrefixOf(const proto::OrderParams &p)
{
    return p.destination.isPrefix() ? p.destination.prefix : rootOf(p.destination.family);
}

bool fresh(const std::optional<proto::QualityFigure> &f)
{
    return f && f->state == proto::QualityState::Fresh;
}
bool unreachable(const std::optional<proto::QualityFigure> &f)
{
    return f && f->state == proto::QualityState::Unreachable;
}

// The checks of a new order's own fields, in the documented order; Ok when acceptable.
ResultCode validate(const proto::OrderParams &p, Timestamp now)
{
    const int side = static_cast<int>(p.side), type = static_cast<int>(p.type);
    const int tif = static_cast<int>(p.timeInForce), traffic = static_cast<int>(p.trafficType);
    const int ranking = static_cast<int>(p.ranking);
    if (side < 1 || side > 2 || type < 1 || type > 2 || tif < 1 || tif > 4 || traffic > 3
        || ranking < 1 || ranking > 3)
        return ResultCode::InvalidFieldValue;
    const Destination &d = p.destination;
    if (d.family != net::Family::V4 && d.family != net::Family::V6)
        return ResultCode::InvalidDestination;
    if (d.kind == DestinationKind::Prefix) {
        if (d.family != d.prefix.family())
            return ResultCode::InvalidDestination;
    } else if (d.kind == DestinationKind::OriginAsn) {
        if (d.originAsn == 0 || d.originAsn == 23456)
            return ResultCode::InvalidDestination;
    } else if (d.kind == DestinationKind::RouteClass) {
        const int c = static_cast<int>(d.routeClass);
        if (c < 1 || c > 3)
            return ResultCode::InvalidDestination;
    } else {
        return ResultCode::InvalidDestination;
    }
    if (p.type == OrderType::Limit && p.price.value() <= 0)
        return ResultCode::InvalidPrice;
    if (p.type == OrderType::Market && tif != 3 && tif != 4)
        return ResultCode::InvalidTimeInForce;
    if (p.capacity.value() <= 0)
        return ResultCode::InvalidCapacity;
    if (p.minBlock.value() <= 0 || p.minBlock > p.capacity)
        return ResultCode::InvalidMinBlock;
    if (p.capacity.value() % p.minBlock.value() != 0)
        return ResultCode::CapacityNotMultipleOfBlock;
    if (p.timeInForce == TimeInForce::GoodTillDate ? p.expireAt <= now : p.expireAt.value() != 0)
        return ResultCode::InvalidExpiry;
    if (p.deliveryStart.value() < 0 || p.deliveryStart >= p.deliveryEnd || p.deliveryEnd <= now)
        return ResultCode::InvalidDeliveryPeriod;
    if (p.side == Side::Sell && p.trafficType == TrafficType::Any)
        return ResultCode::InvalidTrafficType;
    const bool noWeights = p.weights == proto::RankingWeights{};
    if (p.side == Side::Sell) {
        if (!(p.limits == proto::QualityLimits{}))
            return ResultCode::InvalidQualityLimit;
        if (p.ranking != RankingMode::BestPrice || !noWeights)
            return ResultCode::InvalidRanking;
    } else if ((p.ranking == RankingMode::Weighted) == noWeights) {
        return ResultCode::InvalidRanking;
    }
    if (p.type == OrderType::Limit
        && !amountFor(p.price, p.capacity, p.deliveryEnd - p.deliveryStart).has_value())
        return ResultCode::OrderTooLarge;
    return ResultCode::Ok;
}

} // namespace

ReferenceEngine::ReferenceEngine(EngineConfig config)
    : m_config(config)
{
    m_settings.requireRoutes = config.requireRoutes ? 1 : 0;
    m_settings.maxOpenOrdersPerMember = config.maxOpenOrdersPerMember;
    m_settings.maxOrderCapacity = config.maxOrderCapacity;
}

void ReferenceEngine::apply(const Command &cmd, EngineEvents &ev)
{
    if (m_lastSeq.value() != 0 && cmd.seq <= m_lastSeq) {
        ev.rejected(ResultCode::InternalError, "seq not increasing");
        return;
    }
    m_lastSeq = cmd.seq;
    m_now = cmd.time;
    m_seq = cmd.seq.value();
    std::visit(
        [&](const auto &body) {
            using T = std::decay_t<decltype(body)>;
            if constexpr (std::is_same_v<T, proto::NewOrder>)
                newOrder(cmd.member, body.params, ev);
            else if constexpr (std::is_same_v<T, proto::TakeOrder>)
                takeOrder(cmd.member, body, ev);
            else if constexpr (std::is_same_v<T, proto::CancelOrder>)
                cancel(cmd.member, body, ev);
            else if constexpr (std::is_same_v<T, proto::AmendOrder>)
                amend(cmd.member, body, ev);
            else if constexpr (std::is_same_v<T, proto::MassCancel>)
                massCancel(cmd.member, body, ev);
            else if constexpr (std::is_same_v<T, proto::AddMember>)
                addMember(body, ev);
            else if constexpr (std::is_same_v<T, proto::SetMemberStatus>)
                setMemberStatus(body, ev);
            else if constexpr (std::is_same_v<T, proto::SetMemberLimits>)
                setMemberLimits(body, ev);
            else if constexpr (std::is_same_v<T, proto::SetCancelOnDisconnect>)
                setCancelOnDisconnect(cmd.member, body, ev);
            else if constexpr (std::is_same_v<T, proto::SessionsClosed>)
                sessionsClosed(body, ev);
            else if constexpr (std::is_same_v<T, proto::ConfigureMarket>)
                configure(body, ev);
            else if constexpr (std::is_same_v<T, proto::RouteBatch>)
                routeBatch(body, ev);
            else if constexpr (std::is_same_v<T, proto::QualityBatch>)
                qualityBatch(body, ev);
            else if constexpr (std::is_same_v<T, proto::ClockTick>)
                tick(ev);
            else if constexpr (std::is_same_v<T, proto::CancelTrade>)
                cancelTrade(cmd.member, body, ev);
            else
                ev.rejected(ResultCode::UnexpectedMessage, "not a market command");
        },
        cmd.body);
}

// ---- routes, quality and commitments ----

std::optional<ReferenceEngine::Route> ReferenceEngine::longestRoute(MemberId member,
                                                                    const net::Prefix &p,
                                                                    DestinationKind kind,
                                                                    std::uint32_t value) const
{
    std::optional<Route> best;
    if (!knownMember(member))
        return best;
    for (const Route &r : memberOf(member).routes) {
        if (!r.prefix.contains(p))
            continue;
        if (kind == DestinationKind::RouteClass
            && static_cast<std::uint32_t>(r.routeClass) != value)
            continue;
        if (kind == DestinationKind::OriginAsn && r.originAsn != value)
            continue;
        if (!best || r.prefix.length() > best->prefix.length())
            best = r;
    }
    return best;
}

std::optional<std::uint8_t> ReferenceEngine::groupPath(MemberId member,
                                                       net::Family f,
                                                       DestinationKind kind,
                                                       std::uint32_t value) const
{
    std::optional<std::uint8_t> longest;
    for (const Route &r : memberOf(member).routes) {
        if (r.prefix.family() != f)
            continue;
        const std::uint32_t v = kind == DestinationKind::RouteClass
                                    ? static_cast<std::uint32_t>(r.routeClass)
                                    : r.originAsn;
        if (v == value)
            longest = std::max(longest.value_or(0), r.pathLength);
    }
    return longest;
}

std::optional<proto::QualityFigure> ReferenceEngine::figureOf(MemberId member,
                                                              const net::Prefix &ref) const
{
    std::optional<proto::QualityFigure> best;
    int bestLength = -1;
    if (!knownMember(member))
        return best;
    for (const Figure &f : memberOf(member).quality)
        if (f.destination.contains(ref) && f.destination.length() > bestLength) {
            best = f.figure;
            bestLength = f.destination.length();
        }
    return best;
}

ReferenceEngine::Reach
ReferenceEngine::reach(MemberId seller, const Destination &buy, const Destination &sell) const
{
    Reach r;
    if (buy.family != sell.family) {
        r.code = ResultCode::NotCovering;
        return r;
    }
    const auto found = [&](const Route &route) {
        r.routeKnown = true;
        r.distance = route.pathLength;
        r.route = route.prefix;
    };
    if (buy.isPrefix() && sell.isPrefix()) {
        r.qualityRef = buy.prefix;
        if (!sell.prefix.contains(buy.prefix)) {
            r.code = ResultCode::NotCovering;
            return r;
        }
        r.route = sell.prefix;
        if (const auto route = longestRoute(seller, buy.prefix, DestinationKind::Prefix, 0))
            found(*route);
        else if (m_settings.requireRoutes != 0)
            r.code = ResultCode::DestinationNotDeliverable;
    } else if (buy.isPrefix()) {
        r.qualityRef = buy.prefix;
        const auto route = longestRoute(seller, buy.prefix, sell.kind, groupValue(sell));
        if (!route)
            r.code = ResultCode::NotCovering;
        else
            found(*route);
    } else if (sell.isPrefix()) {
        r.qualityRef = sell.prefix;
        const auto route = longestRoute(seller, sell.prefix, DestinationKind::Prefix, 0);
        const bool fits
            = route
              && (buy.kind == DestinationKind::RouteClass ? route->routeClass == buy.routeClass
                                                          : route->originAsn == buy.originAsn);
        if (!fits)
            r.code = ResultCode::NotCovering;
        else
            found(*route);
    } else {
        if (buy.kind != sell.kind || groupValue(buy) != groupValue(sell)) {
            r.code = ResultCode::NotCovering;
            return r;
        }
        const auto path = groupPath(seller, sell.family, sell.kind, groupValue(sell));
        if (!path) {
            r.code = ResultCode::DestinationNotDeliverable;
            return r;
        }
        r.routeKnown = true;
        r.distance = *path;
        r.route = rootOf(buy.family);
        r.qualityRef = r.route;
    }
    return r;
}

bool ReferenceEngine::deliverable(MemberId seller, const Destination &sell) const
{
    if (sell.isPrefix())
        return m_settings.requireRoutes == 0
               || longestRoute(seller, sell.prefix, DestinationKind::Prefix, 0).has_value();
    return groupPath(seller, sell.family, sell.kind, groupValue(sell)).has_value();
}

std::vector<ReferenceEngine::Interval> ReferenceEngine::sellCommitments(const Order &sell) const
{
    std::vector<Interval> out;
    for (const std::size_t t : sell.trades) {
        const proto::TradeView &v = m_trades[t].view;
        // A cancelled trade keeps the sell committed over the period it was executed for.
        const std::int64_t end
            = v.state == proto::TradeState::Cancelled
                  ? std::min(m_orders[v.buyOrderId.value() - 1].view.params.deliveryEnd,
                             sell.view.params.deliveryEnd)
                        .value()
                  : v.deliveryEnd.value();
        out.push_back({v.deliveryStart.value(), end, v.capacity.value()});
    }
    return out;
}

std::vector<ReferenceEngine::Interval> ReferenceEngine::portCommitments(MemberId member) const
{
    std::vector<Interval> out;
    for (const std::size_t t : memberOf(member).trades) {
        const proto::TradeView &v = m_trades[t].view;
        if (v.state != proto::TradeState::Ended && v.state != proto::TradeState::Cancelled)
            out.push_back({v.deliveryStart.value(), v.deliveryEnd.value(), v.capacity.value()});
    }
    return out;
}

Bandwidth ReferenceEngine::filledOf(const Order &o) const
{
    if (o.view.params.side == Side::Sell)
        return Bandwidth(peakOf(sellCommitments(o)));
    std::int64_t sum = 0;
    for (const std::size_t t : o.trades)
        sum += m_trades[t].view.capacity.value();
    return Bandwidth(sum);
}

Bandwidth ReferenceEngine::remainingOf(const Order &o) const
{
    return o.view.params.capacity - filledOf(o);
}

bool ReferenceEngine::exhausted(const Order &o) const
{
    if (o.view.params.side == Side::Buy)
        return remainingOf(o).isZero();
    // A sell is used up when nothing is free at any instant still to come of its period.
    const std::int64_t from = std::max(o.view.params.deliveryStart.value(), m_now.value());
    const std::int64_t to = o.view.params.deliveryEnd.value();
    return from < to && minOver(sellCommitments(o), from, to) >= o.view.params.capacity.value();
}

Money ReferenceEngine::exposureOf(MemberId member) const
{
    Money sum{};
    for (const std::size_t i : m_open) {
        const Order &o = m_orders[i];
        if (o.view.member == member && o.view.params.side == Side::Buy)
            sum += amountFor(o.view.params.price, remainingOf(o),
                             o.view.params.deliveryEnd - o.view.params.deliveryStart)
                       .value_or(Money{});
    }
    return sum;
}

std::uint32_t ReferenceEngine::maxOpenOrders() const
{
    return m_settings.maxOpenOrdersPerMember != 0 ? m_settings.maxOpenOrdersPerMember
                                                  : EngineConfig{}.maxOpenOrdersPerMember;
}

Bandwidth ReferenceEngine::maxOrderCapacity(MemberId member) const
{
    const Bandwidth own = memberOf(member).view.limits.maxOrderCapacity;
    if (own.isPositive())
        return own;
    return m_settings.maxOrderCapacity.isPositive() ? m_settings.maxOrderCapacity
                                                    : EngineConfig{}.maxOrderCapacity;
}

// ---- matching ----

ReferenceEngine::Verdict ReferenceEngine::check(const Order &buy,
                                                std::int64_t buyLimit,
                                                const Order &sell,
                                                std::int64_t sellLimit,
                                                Timestamp at) const
{
    Verdict v;
    const auto fail = [&](ResultCode code) {
        v.code = code;
        v.fill = 0;
        return v;
    };
    const proto::OrderParams &b = buy.view.params;
    const proto::OrderParams &s = sell.view.params;
    // 1. destination
    if (sell.suspended)
        return fail(ResultCode::DestinationNotDeliverable);
    v.reach = reach(sell.view.member, b.destination, s.destination);
    if (v.reach.code != ResultCode::Ok)
        return fail(v.reach.code);
    // 2. traffic type
    if (b.trafficType != TrafficType::Any && b.trafficType != s.trafficType)
        return fail(ResultCode::TrafficTypeMismatch);
    // 3. periods overlap after `at`
    v.start = std::max(b.deliveryStart.value(), s.deliveryStart.value());
    v.end = std::min(b.deliveryEnd.value(), s.deliveryEnd.value());
    if (v.start >= v.end || v.end <= at.value())
        return fail(ResultCode::PeriodNotOverlapping);
    // 4. a common block fits in both orders
    const std::int64_t block = lcmOf(b.minBlock.value(), s.minBlock.value());
    if (block == 0 || block > b.capacity.value() || block > s.capacity.value())
        return fail(ResultCode::BlockIncompatible);
    // 5. capacity: the buy's remainder, the sell's capacity free at every instant of the overlap
    const std::int64_t sellFree
        = s.capacity.value() - maxOver(sellCommitments(sell), v.start, v.end);
    const std::int64_t most = std::min(remainingOf(buy).value(), sellFree);
    if (blocksIn(most, b.minBlock.value(), s.minBlock.value()) == 0)
        return fail(ResultCode::CapacityNotAvailable);
    // 6. ports
    const auto portFree = [&](MemberId m) {
        if (!knownMember(m))
            return kInf;
        return memberOf(m).view.portCapacity.value() - maxOver(portCommitments(m), v.start, v.end);
    };
    const std::int64_t buyerPort = portFree(buy.view.member);
    const std::int64_t sellerPort = portFree(sell.view.member);
    v.fill
        = blocksIn(std::min({most, buyerPort, sellerPort}), b.minBlock.value(), s.minBlock.value());
    if (v.fill == 0) {
        v.fullPorts = (buyerPort < block ? 1 : 0) | (sellerPort < block ? 2 : 0);
        return fail(ResultCode::PortCapacityExceeded);
    }
    // A port that cut the fill short counts as full for the rest of the pair.
    const std::int64_t unported = blocksIn(most, b.minBlock.value(), s.minBlock.value());
    v.fullPorts
        = (blocksIn(std::min(most, buyerPort), b.minBlock.value(), s.minBlock.value()) < unported
               ? 1
               : 0)
          | (blocksIn(std::min(most, sellerPort), b.minBlock.value(), s.minBlock.value()) < unported
                 ? 2
                 : 0);
    // 7. prices cross
    if (buyLimit < sellLimit)
        return fail(ResultCode::PriceNotCrossing);
    // 8. quality limits
    const proto::QualityLimits &l = b.limits;
    if (l.maxLatencyUs != 0 || l.maxLossPpm != 0) {
        const auto f = figureOf(sell.view.member, v.reach.qualityRef);
        if (!fresh(f) && !unreachable(f))
            return fail(ResultCode::QualityUnknown);
        if (l.maxLatencyUs != 0 && (unreachable(f) || f->latencyUs > l.maxLatencyUs))
            return fail(ResultCode::LatencyAboveLimit);
        const std::int64_t loss = unreachable(f) ? kPpm : f->lossPpm;
        if (l.maxLossPpm != 0 && loss > l.maxLossPpm)
            return fail(ResultCode::LossAboveLimit);
    }
    if (l.maxDistance != 0) {
        if (!v.reach.routeKnown)
            return fail(ResultCode::QualityUnknown);
        if (v.reach.distance > l.maxDistance)
            return fail(ResultCode::DistanceAboveLimit);
    }
    // 9. own order: the fill is kept, self-trade prevention needs it
    if (buy.view.member == sell.view.member)
        v.code = ResultCode::OwnOrder;
    return v;
}

std::vector<std::size_t> ReferenceEngine::crossing(std::size_t taker, std::int64_t limit) const
{
    const Order &t = m_orders[taker];
    const bool buyTaker = t.view.params.side == Side::Buy;
    std::vector<std::size_t> out;
    for (const std::size_t i : m_open) {
        const Order &o = m_orders[i];
        if (!o.inBook || o.view.params.side == t.view.params.side)
            continue;
        const std::int64_t price = o.view.params.price.value();
        if (buyTaker ? price <= limit : price >= limit)
            out.push_back(i);
    }
    std::sort(out.begin(), out.end(), [&](std::size_t a, std::size_t b) {
        const Order &x = m_orders[a], &y = m_orders[b];
        const std::int64_t px = x.view.params.price.value(), py = y.view.params.price.value();
        if (px != py)
            return buyTaker ? px < py : px > py;
        return std::tie(x.priority, x.view.orderId) < std::tie(y.priority, y.view.orderId);
    });
    return out;
}

ReferenceEngine::Stop
ReferenceEngine::match(std::size_t taker, std::int64_t limit, bool resting, EngineEvents &ev)
{
    const bool buyTaker = m_orders[taker].view.params.side == Side::Buy;
    if (buyTaker && m_orders[taker].view.params.ranking != RankingMode::BestPrice)
        return matchRanked(taker, limit, resting, ev);
    for (const std::size_t c : crossing(taker, limit)) {
        if (!m_orders[c].open)
            continue;
        const Order &t = m_orders[taker], &o = m_orders[c];
        const Verdict v = buyTaker ? check(t, limit, o, o.view.params.price.value(), m_now)
                                   : check(o, o.view.params.price.value(), t, limit, m_now);
        if (v.code == ResultCode::OwnOrder && !resting)
            return Stop::SelfTrade;
        if (v.code == ResultCode::Ok) {
            fill(taker, c, v, resting, ev);
            if (v.fullPorts != 0)
                portFull(v, buyTaker ? t : o, buyTaker ? o : t, ev);
            if (exhausted(m_orders[taker]))
                return Stop::Filled;
        } else if (v.code == ResultCode::PortCapacityExceeded) {
            portFull(v, buyTaker ? t : o, buyTaker ? o : t, ev);
        }
    }
    return Stop::Exhausted;
}

std::vector<std::pair<std::size_t, std::int64_t>>
ReferenceEngine::rank(const Order &buy,
                      const std::vector<std::size_t> &sells,
                      const std::vector<Reach> &reaches) const
{
    struct Row
    {
        std::size_t index;
        std::int64_t price;
        std::uint64_t priority, id;
        bool routeKnown;
        int distance;
        std::optional<proto::QualityFigure> figure;
        std::int64_t score = 0;
    };
    std::vector<Row> rows;
    for (std::size_t k = 0; k < sells.size(); ++k) {
        const Order &s = m_orders[sells[k]];
        rows.push_back(Row{sells[k], s.view.params.price.value(), s.priority,
                           s.view.orderId.value(), reaches[k].routeKnown, reaches[k].distance,
                           figureOf(s.view.member, reaches[k].qualityRef)});
    }
    const auto timeFirst = [](const Row &a, const Row &b) {
        return std::tie(a.priority, a.id) < std::tie(b.priority, b.id);
    };
    const RankingMode mode = buy.view.params.ranking;
    if (mode == RankingMode::BestPrice) {
        for (Row &r : rows)
            r.score = r.price;
        std::sort(rows.begin(), rows.end(), [&](const Row &a, const Row &b) {
            return a.price != b.price ? a.price < b.price : timeFirst(a, b);
        });
    } else if (mode == RankingMode::BestPerformance) {
        // Measured first (unreachable = infinite latency, total loss), then the unmeasured.
        const auto perf = [](const Row &r) {
            const std::int64_t unknown = std::numeric_limits<std::uint32_t>::max();
            if (fresh(r.figure))
                return std::tuple<int, std::int64_t, std::int64_t>{0, r.figure->latencyUs,
                                                                   r.figure->lossPpm};
            if (unreachable(r.figure))
                return std::tuple<int, std::int64_t, std::int64_t>{0, unknown, kPpm};
            return std::tuple<int, std::int64_t, std::int64_t>{1, unknown, unknown};
        };
        for (Row &r : rows)
            r.score = std::get<1>(perf(r));
        std::sort(rows.begin(), rows.end(), [&](const Row &a, const Row &b) {
            if (perf(a) != perf(b))
                return perf(a) < perf(b);
            const int da = a.routeKnown ? a.distance : 256, db = b.routeKnown ? b.distance : 256;
            if (da != db)
                return da < db;
            return a.price != b.price ? a.price < b.price : timeFirst(a, b);
        });
    } else {
        // Each metric scaled to 0..1e6 between the best and worst known value; unknown = worst.
        const auto scale = [&](auto known, auto value) {
            std::int64_t lo = kInf, hi = std::numeric_limits<std::int64_t>::min();
            for (const Row &r : rows)
                if (known(r)) {
                    lo = std::min(lo, value(r));
                    hi = std::max(hi, value(r));
                }
            return [=](const Row &r) -> std::int64_t {
                if (!known(r))
                    return kPpm;
                if (hi == lo)
                    return 0;
                return static_cast<std::int64_t>(i128(value(r) - lo) * kPpm / i128(hi - lo));
            };
        };
        const auto always = [](const Row &) {
            return true;
        };
        const auto priceScore = scale(always, [](const Row &r) { return r.price; });
        const auto latencyScore
            = scale([](const Row &r) { return fresh(r.figure); },
                    [](const Row &r) -> std::int64_t { return r.figure->latencyUs; });
        const auto lossScore
            = scale([](const Row &r) { return fresh(r.figure) || unreachable(r.figure); },
                    [](const Row &r) -> std::int64_t {
                        return unreachable(r.figure) ? kPpm : r.figure->lossPpm;
                    });
        const auto distanceScore = scale([](const Row &r) { return r.routeKnown; },
                                         [](const Row &r) -> std::int64_t { return r.distance; });
        const proto::RankingWeights &w = buy.view.params.weights;
        for (Row &r : rows)
            r.score = w.price * priceScore(r) + w.latency * latencyScore(r) + w.loss * lossScore(r)
                      + w.distance * distanceScore(r);
        std::sort(rows.begin(), rows.end(), [&](const Row &a, const Row &b) {
            if (a.score != b.score)
                return a.score < b.score;
            return a.price != b.price ? a.price < b.price : timeFirst(a, b);
        });
    }
    std::vector<std::pair<std::size_t, std::int64_t>> out;
    for (const Row &r : rows)
        out.emplace_back(r.index, r.score);
    return out;
}

ReferenceEngine::Stop
ReferenceEngine::matchRanked(std::size_t taker, std::int64_t limit, bool resting, EngineEvents &ev)
{
    std::vector<std::size_t> eligible;
    std::vector<Reach> reaches;
    for (const std::size_t c : crossing(taker, limit)) {
        const Order &t = m_orders[taker], &o = m_orders[c];
        const Verdict v = check(t, limit, o, o.view.params.price.value(), m_now);
        if (v.code == ResultCode::Ok || v.code == ResultCode::OwnOrder) {
            eligible.push_back(c);
            reaches.push_back(v.reach);
        } else if (v.code == ResultCode::PortCapacityExceeded) {
            portFull(v, t, o, ev);
        }
    }
    for (const auto &[c, score] : rank(m_orders[taker], eligible, reaches)) {
        if (!m_orders[c].open)
            continue;
        const Order &t = m_orders[taker], &o = m_orders[c];
        const Verdict v = check(t, limit, o, o.view.params.price.value(), m_now);
        if (v.code == ResultCode::OwnOrder && !resting)
            return Stop::SelfTrade;
        if (v.code == ResultCode::Ok) {
            fill(taker, c, v, resting, ev);
            if (v.fullPorts != 0)
                portFull(v, t, o, ev);
            if (exhausted(m_orders[taker]))
                return Stop::Filled;
        } else if (v.code == ResultCode::PortCapacityExceeded) {
            portFull(v, t, o, ev);
        }
    }
    return Stop::Exhausted;
}

void ReferenceEngine::fill(
    std::size_t taker, std::size_t maker, const Verdict &v, bool resting, EngineEvents &ev)
{
    Order &t = m_orders[taker];
    Order &m = m_orders[maker];
    const bool takerBuys = t.view.params.side == Side::Buy;
    Order &buy = takerBuys ? t : m;
    Order &sell = takerBuys ? m : t;
    // The price of the order that was in the book first.
    const bool takerFirst
        = std::tie(t.priority, t.view.orderId) < std::tie(m.priority, m.view.orderId);
    const Price price = resting && takerFirst ? t.view.params.price : m.view.params.price;

    Trade trade;
    proto::TradeView &tv = trade.view;
    tv.tradeId = TradeId(m_trades.size() + 1);
    tv.buyOrderId = buy.view.orderId;
    tv.sellOrderId = sell.view.orderId;
    tv.buyer = buy.view.member;
    tv.seller = sell.view.member;
    tv.destination = normalised(buy.view.params.destination);
    tv.sellDestination = normalised(sell.view.params.destination);
    tv.price = price;
    tv.capacity = Bandwidth(v.fill);
    tv.deliveryStart = Timestamp(v.start);
    tv.deliveryEnd = Timestamp(v.end);
    tv.amount = amountFor(price, tv.capacity, tv.deliveryEnd - tv.deliveryStart).value_or(Money{});
    tv.executedAt = m_now;
    tv.state = tv.deliveryStart <= m_now ? proto::TradeState::Active : proto::TradeState::Scheduled;
    trade.startPending = tv.state == proto::TradeState::Scheduled;
    const std::size_t index = m_trades.size();
    m_trades.push_back(trade);
    buy.trades.push_back(index);
    sell.trades.push_back(index);
    memberOf(tv.buyer).trades.push_back(index);
    if (tv.seller != tv.buyer)
        memberOf(tv.seller).trades.push_back(index);
    m_live.push_back(index);
    if (tv.destination.isPrefix())
        m_lastTrade[tv.destination.prefix] = index;
    buy.view.updatedAt = m_now;
    sell.view.updatedAt = m_now;

    const bool used = exhausted(m);
    const proto::BookEntry entry = entryOf(m);
    if (used)
        close(maker, OrderStatus::Filled, ResultCode::Ok);
    ev.tradeExecuted(m_trades[index].view);
    ev.orderUpdated(viewOf(m_orders[maker]), false);
    ev.bookChanged(used ? proto::BookAction::Remove : proto::BookAction::Modify, entry);
}

void ReferenceEngine::portFull(const Verdict &v,
                               const Order &buy,
                               const Order &sell,
                               EngineEvents &ev)
{
    for (int bit = 1; bit <= 2; ++bit) {
        if ((v.fullPorts & bit) == 0)
            continue;
        const Order &own = bit == 1 ? buy : sell;
        if (!knownMember(own.view.member))
            continue;
        Member &m = memberOf(own.view.member);
        m.portBlocked = true;
        // At most one notice a minute of market time per member.
        if (m.lastPortNotice.isSet()
            && (m_now - m.lastPortNotice).value() < 60 * units::kNanosPerSecond)
            continue;
        m.lastPortNotice = m_now;
        notice(own.view.member, ResultCode::PortCapacityExceeded, own.view.orderId, TradeId{}, ev);
    }
}

void ReferenceEngine::take(
    std::size_t i, std::int64_t limit, bool canRest, bool fillOrKill, EngineEvents &ev)
{
    if (fillOrKill) {
        // Whether the order would be filled completely: match a copy and look.
        // Only open orders, members and the trade list can change in a match; keep them.
        std::vector<Order> openBefore;
        for (const std::size_t k : m_open)
            openBefore.push_back(m_orders[k]);
        const std::vector<std::size_t> openIndices = m_open;
        const std::vector<Member> membersBefore = m_members;
        const std::vector<std::size_t> liveBefore = m_live;
        const auto lastBefore = m_lastTrade;
        const std::size_t tradesBefore = m_trades.size();
        NullEvents none;
        const Stop stop = match(i, limit, false, none);
        m_trades.resize(tradesBefore);
        m_open = openIndices;
        for (std::size_t k = 0; k < openIndices.size(); ++k)
            m_orders[openIndices[k]] = openBefore[k];
        m_members = membersBefore;
        m_live = liveBefore;
        m_lastTrade = lastBefore;
        if (stop != Stop::Filled) {
            close(i, OrderStatus::Cancelled, ResultCode::FillOrKillNotFilled);
            ev.orderUpdated(viewOf(m_orders[i]), true);
            return;
        }
    }
    const Stop stop = match(i, limit, false, ev);
    if (stop == Stop::Filled) {
        close(i, OrderStatus::Filled, ResultCode::Ok);
    } else if (stop == Stop::SelfTrade) {
        close(i, OrderStatus::Cancelled, ResultCode::SelfTradePrevented);
    } else if (canRest) {
        m_orders[i].inBook = true;
        ev.orderUpdated(viewOf(m_orders[i]), true);
        ev.bookChanged(proto::BookAction::Add, entryOf(m_orders[i]));
        return;
    } else {
        close(i, OrderStatus::Cancelled,
              filledOf(m_orders[i]).isZero() ? ResultCode::NoLiquidity : ResultCode::Ok);
    }
    ev.orderUpdated(viewOf(m_orders[i]), true);
}

void ReferenceEngine::reexamine(std::vector<std::size_t> orders, EngineEvents &ev)
{
    std::sort(orders.begin(), orders.end());
    orders.erase(std::unique(orders.begin(), orders.end()), orders.end());
    for (const std::size_t i : orders) {
        if (!m_orders[i].open || !m_orders[i].inBook)
            continue;
        const std::size_t before = m_trades.size();
        match(i, m_orders[i].view.params.price.value(), true, ev);
        if (m_trades.size() == before)
            continue;
        const bool done = exhausted(m_orders[i]);
        const proto::BookEntry entry = entryOf(m_orders[i]);
        if (done)
            close(i, OrderStatus::Filled, ResultCode::Ok);
        ev.orderUpdated(viewOf(m_orders[i]), false);
        ev.bookChanged(done ? proto::BookAction::Remove : proto::BookAction::Modify, entry);
    }
}

void ReferenceEngine::reexamineReleased(std::vector<std::uint32_t> released, EngineEvents &ev)
{
    std::sort(released.begin(), released.end());
    released.erase(std::unique(released.begin(), released.end()), released.end());
    std::vector<std::size_t> again;
    for (const std::uint32_t id : released) {
        Member &m = m_members[id - 1];
        if (!m.portBlocked)
            continue;
        m.portBlocked = false;
        for (const std::size_t i : m_open)
            if (m_orders[i].view.member.value() == id)
                again.push_back(i);
    }
    reexamine(std::move(again), ev);
}

// ---- order commands ----

bool ReferenceEngine::checkTrader(MemberId member, EngineEvents &ev) const
{
    if (!knownMember(member)) {
        ev.rejected(ResultCode::UnknownMember, "unknown member");
        return false;
    }
    if (memberOf(member).view.status != proto::MemberStatus::Active) {
        ev.rejected(ResultCode::MemberSuspended, "suspended");
        return false;
    }
    return true;
}

bool ReferenceEngine::answeredByClientId(MemberId member,
                                         const proto::OrderParams &p,
                                         EngineEvents &ev) const
{
    if (p.clientOrderId.value() == 0) {
        ev.rejected(ResultCode::InvalidFieldValue, "client order id 0");
        return true;
    }
    const auto it = m_byClientId.find({member.value(), p.clientOrderId.value()});
    if (it == m_byClientId.end())
        return false;
    const Order &o = m_orders[it->second];
    proto::OrderParams submitted = o.view.params;
    submitted.price = o.submittedPrice;
    submitted.capacity = o.submittedCapacity;
    if (submitted == p)
        ev.orderUpdated(viewOf(o), true);
    else
        ev.rejected(ResultCode::DuplicateClientOrderId, "duplicate");
    return true;
}

bool ReferenceEngine::admissible(MemberId member,
                                 const proto::OrderParams &p,
                                 EngineEvents &ev) const
{
    if (p.capacity > maxOrderCapacity(member)) {
        ev.rejected(ResultCode::OrderTooLarge, "too large");
        return false;
    }
    if (p.side == Side::Sell && !deliverable(member, p.destination)) {
        ev.rejected(ResultCode::DestinationNotDeliverable, "no route");
        return false;
    }
    std::size_t open = 0;
    for (const std::size_t i : m_open)
        open += m_orders[i].view.member == member ? 1u : 0u;
    if (restable(p) && open >= maxOpenOrders()) {
        ev.rejected(ResultCode::ExposureLimit, "open orders");
        return false;
    }
    const Money limit = memberOf(member).view.limits.maxOpenExposure;
    if (limit.isPositive() && p.side == Side::Buy && p.type == OrderType::Limit) {
        const Money value
            = amountFor(p.price, p.capacity, p.deliveryEnd - p.deliveryStart).value_or(Money{});
        if (value > limit - exposureOf(member)) {
            ev.rejected(ResultCode::ExposureLimit, "exposure");
            return false;
        }
    }
    return true;
}

std::size_t ReferenceEngine::accept(MemberId member, const proto::OrderParams &p)
{
    Order o;
    o.view.orderId = OrderId(m_orders.size() + 1);
    o.view.member = member;
    o.view.params = p;
    o.view.status = OrderStatus::Working;
    o.view.createdAt = m_now;
    o.view.updatedAt = m_now;
    o.submittedPrice = p.price;
    o.submittedCapacity = p.capacity;
    o.priority = m_seq;
    o.priorityTime = m_now;
    o.open = true;
    m_orders.push_back(o);
    const std::size_t i = m_orders.size() - 1;
    m_open.push_back(i);
    m_byClientId[{member.value(), p.clientOrderId.value()}] = i;
    return i;
}

void ReferenceEngine::newOrder(MemberId member, const proto::OrderParams &p, EngineEvents &ev)
{
    if (!checkTrader(member, ev) || answeredByClientId(member, p, ev))
        return;
    if (const ResultCode code = validate(p, m_now); code != ResultCode::Ok) {
        ev.rejected(code, "invalid");
        return;
    }
    if (!admissible(member, p, ev))
        return;
    const std::size_t i = accept(member, p);
    const std::int64_t limit
        = p.type == OrderType::Market ? (p.side == Side::Buy ? kInf : 1) : p.price.value();
    take(i, limit, restable(p), p.timeInForce == TimeInForce::FillOrKill, ev);
}

void ReferenceEngine::takeOrder(MemberId member, const proto::TakeOrder &t, EngineEvents &ev)
{
    if (!checkTrader(member, ev))
        return;
    const proto::OrderParams &p = t.params;
    if (p.side != Side::Buy) {
        ev.rejected(ResultCode::InvalidFieldValue, "take_order buys");
        return;
    }
    if (p.timeInForce != TimeInForce::ImmediateOrCancel
        && p.timeInForce != TimeInForce::FillOrKill) {
        ev.rejected(ResultCode::InvalidTimeInForce, "take_order is immediate");
        return;
    }
    if (answeredByClientId(member, p, ev))
        return;
    if (const ResultCode code = validate(p, m_now); code != ResultCode::Ok) {
        ev.rejected(code, "invalid");
        return;
    }
    const std::uint64_t sellId = t.sellOrderId.value();
    if (sellId == 0 || sellId > m_orders.size()
        || m_orders[sellId - 1].view.params.side != Side::Sell) {
        ev.rejected(ResultCode::UnknownOrder, "no such sell");
        return;
    }
    if (!admissible(member, p, ev))
        return;
    const std::size_t i = accept(member, p);
    const std::size_t s = sellId - 1;
    const std::int64_t limit = p.type == OrderType::Market ? kInf : p.price.value();
    Verdict v;
    if (!m_orders[s].open) {
        v.code = ResultCode::OrderNotActive;
    } else {
        v = check(m_orders[i], limit, m_orders[s], m_orders[s].view.params.price.value(), m_now);
        if (v.code == ResultCode::PortCapacityExceeded)
            portFull(v, m_orders[i], m_orders[s], ev);
        else if (v.code == ResultCode::Ok && p.timeInForce == TimeInForce::FillOrKill
                 && v.fill < remainingOf(m_orders[i]).value())
            v.code = ResultCode::FillOrKillNotFilled;
    }
    if (v.code == ResultCode::Ok) {
        fill(i, s, v, false, ev);
        if (v.fullPorts != 0)
            portFull(v, m_orders[i], m_orders[s], ev);
        close(i, remainingOf(m_orders[i]).isZero() ? OrderStatus::Filled : OrderStatus::Cancelled,
              ResultCode::Ok);
    } else {
        close(i, OrderStatus::Cancelled, v.code);
    }
    ev.orderUpdated(viewOf(m_orders[i]), true);
}

std::optional<std::size_t>
ReferenceEngine::ownOpen(MemberId member, OrderId id, EngineEvents &ev) const
{
    if (id.value() >= 1 && id.value() <= m_orders.size()) {
        const Order &o = m_orders[id.value() - 1];
        if (o.view.member == member) {
            if (o.open)
                return id.value() - 1;
            ev.rejected(ResultCode::OrderNotActive, "not active");
            return std::nullopt;
        }
    }
    ev.rejected(ResultCode::UnknownOrder, "unknown order");
    return std::nullopt;
}

void ReferenceEngine::cancel(MemberId member, const proto::CancelOrder &c, EngineEvents &ev)
{
    if (!checkTrader(member, ev))
        return;
    if ((c.orderId.value() == 0) == (c.clientOrderId.value() == 0)) {
        ev.rejected(ResultCode::InvalidFieldValue, "exactly one id");
        return;
    }
    OrderId id = c.orderId;
    if (id.value() == 0) {
        const auto it = m_byClientId.find({member.value(), c.clientOrderId.value()});
        if (it == m_byClientId.end()) {
            ev.rejected(ResultCode::UnknownOrder, "unknown client order id");
            return;
        }
        id = m_orders[it->second].view.orderId;
    }
    if (const auto i = ownOpen(member, id, ev))
        cancelOpen(*i, OrderStatus::Cancelled, ResultCode::Ok, true, ev);
}

void ReferenceEngine::amend(MemberId member, const proto::AmendOrder &a, EngineEvents &ev)
{
    if (!checkTrader(member, ev))
        return;
    const auto found = ownOpen(member, a.orderId, ev);
    if (!found)
        return;
    const std::size_t i = *found;
    Order &o = m_orders[i];
    const proto::OrderParams &p = o.view.params;
    const auto reject = [&](ResultCode code) {
        ev.rejected(code, "amend");
    };
    if (o.suspended)
        return reject(ResultCode::OrderNotActive);
    if (a.newPrice.value() < 0)
        return reject(ResultCode::InvalidPrice);
    if (a.newCapacity.value() < 0)
        return reject(ResultCode::InvalidCapacity);
    const Price price = a.newPrice.isZero() ? p.price : a.newPrice;
    const Bandwidth capacity = a.newCapacity.isZero() ? p.capacity : a.newCapacity;
    if (price == p.price && capacity == p.capacity)
        return reject(ResultCode::InvalidAmend);
    const Bandwidth filled = filledOf(o);
    if (capacity <= filled)
        return reject(ResultCode::InvalidAmend);
    if (capacity > maxOrderCapacity(member))
        return reject(ResultCode::OrderTooLarge);
    if (capacity.value() % p.minBlock.value() != 0)
        return reject(ResultCode::CapacityNotMultipleOfBlock);
    const Duration period = p.deliveryEnd - p.deliveryStart;
    if (!amountFor(price, capacity, period).has_value())
        return reject(ResultCode::OrderTooLarge);
    const Money limit = memberOf(member).view.limits.maxOpenExposure;
    if (limit.isPositive() && p.side == Side::Buy) {
        const Money before = amountFor(p.price, p.capacity - filled, period).value_or(Money{});
        const Money after = amountFor(price, capacity - filled, period).value_or(Money{});
        if (after > before && after - before > limit - exposureOf(member))
            return reject(ResultCode::ExposureLimit);
    }
    if (price == p.price && capacity < p.capacity) {
        // A smaller order at the same price keeps its place.
        o.view.params.capacity = capacity;
        o.view.updatedAt = m_now;
        ev.orderUpdated(viewOf(o), true);
        ev.bookChanged(proto::BookAction::Modify, entryOf(o));
        return;
    }
    ev.bookChanged(proto::BookAction::Remove, entryOf(o));
    o.inBook = false;
    o.view.params.price = price;
    o.view.params.capacity = capacity;
    o.priority = m_seq;
    o.priorityTime = m_now;
    o.view.updatedAt = m_now;
    take(i, price.value(), true, false, ev);
}

void ReferenceEngine::massCancel(MemberId member, const proto::MassCancel &m, EngineEvents &ev)
{
    if (!checkTrader(member, ev))
        return;
    if (m.side > 2) {
        ev.rejected(ResultCode::InvalidFieldValue, "side");
        return;
    }
    std::vector<std::size_t> chosen;
    for (const std::size_t i : m_open)
        if (m_orders[i].view.member == member
            && (m.side == 0 || static_cast<std::uint8_t>(m_orders[i].view.params.side) == m.side))
            chosen.push_back(i);
    for (const std::size_t i : chosen)
        cancelOpen(i, OrderStatus::Cancelled, ResultCode::Ok, false, ev);
}

// ---- members and settings ----

void ReferenceEngine::addMember(const proto::AddMember &a, EngineEvents &ev)
{
    bool displayOk = a.displayName.size() <= 128;
    for (const char c : a.displayName)
        displayOk = displayOk && static_cast<unsigned char>(c) >= 0x20
                    && static_cast<unsigned char>(c) != 0x7f;
    if (!validName(a.name) || !displayOk) {
        ev.rejected(ResultCode::InvalidMemberName, "name");
        return;
    }
    if (a.asn == 0 || a.asn == 23456 || a.asn == 65535 || a.asn == 4294967295u) {
        ev.rejected(ResultCode::InvalidAsn, "asn");
        return;
    }
    if (a.portCapacity.value() <= 0) {
        ev.rejected(ResultCode::InvalidPortCapacity, "port");
        return;
    }
    for (const Member &m : m_members)
        if (m.view.name == a.name) {
            ev.rejected(ResultCode::MemberExists, "exists");
            return;
        }
    Member m;
    m.view.id = MemberId(static_cast<std::uint32_t>(m_members.size() + 1));
    m.view.name = a.name;
    m.view.displayName = a.displayName;
    m.view.asn = a.asn;
    m.view.portCapacity = a.portCapacity;
    m.view.status = proto::MemberStatus::Active;
    m_members.push_back(m);
    ev.memberUpdated(memberView(m_members.back()), true);
}

void ReferenceEngine::setMemberStatus(const proto::SetMemberStatus &s, EngineEvents &ev)
{
    if (!knownMember(s.member)) {
        ev.rejected(ResultCode::UnknownMember, "unknown");
        return;
    }
    if (s.status != proto::MemberStatus::Active && s.status != proto::MemberStatus::Suspended) {
        ev.rejected(ResultCode::InvalidFieldValue, "status");
        return;
    }
    if (s.status == proto::MemberStatus::Suspended
        && memberOf(s.member).view.status == proto::MemberStatus::Active) {
        std::vector<std::size_t> chosen;
        for (const std::size_t i : m_open)
            if (m_orders[i].view.member == s.member)
                chosen.push_back(i);
        for (const std::size_t i : chosen)
            cancelOpen(i, OrderStatus::Cancelled, ResultCode::MemberSuspended, false, ev);
    }
    memberOf(s.member).view.status = s.status;
    ev.memberUpdated(memberView(memberOf(s.member)), true);
}

void ReferenceEngine::setMemberLimits(const proto::SetMemberLimits &s, EngineEvents &ev)
{
    if (!knownMember(s.member)) {
        ev.rejected(ResultCode::UnknownMember, "unknown");
        return;
    }
    Member &m = memberOf(s.member);
    const Bandwidth used = Bandwidth(peakOf(portCommitments(s.member)));
    if (s.portCapacity.value() < 0 || (s.portCapacity.isPositive() && s.portCapacity < used)) {
        ev.rejected(ResultCode::InvalidPortCapacity, "port");
        return;
    }
    const proto::MemberLimits &l = s.limits;
    if (l.maxOrderCapacity.value() < 0 || l.maxOpenExposure.value() < 0
        || l.cancelOnDisconnect > 1) {
        ev.rejected(ResultCode::InvalidLimits, "limits");
        return;
    }
    std::vector<std::uint32_t> released;
    if (s.portCapacity > m.view.portCapacity)
        released.push_back(s.member.value());
    if (s.portCapacity.isPositive())
        m.view.portCapacity = s.portCapacity;
    m.view.limits = l;
    ev.memberUpdated(memberView(m), true);
    reexamineReleased(released, ev);
}

void ReferenceEngine::setCancelOnDisconnect(MemberId member,
                                            const proto::SetCancelOnDisconnect &s,
                                            EngineEvents &ev)
{
    if (!knownMember(member)) {
        ev.rejected(ResultCode::UnknownMember, "unknown");
        return;
    }
    if (s.enabled > 1) {
        ev.rejected(ResultCode::InvalidFieldValue, "enabled");
        return;
    }
    memberOf(member).view.limits.cancelOnDisconnect = s.enabled;
    ev.memberUpdated(memberView(memberOf(member)), true);
}

void ReferenceEngine::sessionsClosed(const proto::SessionsClosed &s, EngineEvents &ev)
{
    if (!knownMember(s.member)) {
        ev.rejected(ResultCode::UnknownMember, "unknown");
        return;
    }
    if (memberOf(s.member).view.limits.cancelOnDisconnect == 0)
        return;
    std::vector<std::size_t> chosen;
    for (const std::size_t i : m_open)
        if (m_orders[i].view.member == s.member)
            chosen.push_back(i);
    for (const std::size_t i : chosen)
        cancelOpen(i, OrderStatus::Cancelled, ResultCode::Ok, false, ev);
    if (!chosen.empty())
        notice(s.member, ResultCode::Ok, OrderId{}, TradeId{}, ev);
}

void ReferenceEngine::configure(const proto::ConfigureMarket &c, EngineEvents &ev)
{
    if (c.settings.requireRoutes > 1 || c.settings.maxOrderCapacity.value() < 0) {
        ev.rejected(ResultCode::InvalidFieldValue, "settings");
        return;
    }
    const bool routesChanged = c.settings.requireRoutes != m_settings.requireRoutes;
    m_settings = c.settings;
    if (!routesChanged)
        return;
    // Every member's trades, then all open sells in ascending id: resumed sells share this
    // command's time priority, and their ids order them.
    for (std::size_t m = 0; m < m_members.size(); ++m)
        refreshTrades(MemberId(static_cast<std::uint32_t>(m + 1)), ev);
    std::vector<std::size_t> again;
    refreshSells(m_open, again, ev);
    reexamine(std::move(again), ev);
}

// ---- routes, quality, clock ----

void ReferenceEngine::routeBatch(const proto::RouteBatch &b, EngineEvents &ev)
{
    if (!knownMember(b.member)) {
        ev.rejected(ResultCode::UnknownMember, "unknown");
        return;
    }
    for (const proto::RouteChange &c : b.changes) {
        const int action = static_cast<int>(c.action), cls = static_cast<int>(c.routeClass);
        if (action < 1 || action > 2 || cls < 1 || cls > 3
            || (b.replaceAll != 0 && c.action == proto::RouteAction::Withdraw)) {
            ev.rejected(ResultCode::InvalidFieldValue, "route change");
            return;
        }
    }
    if (b.replaceAll > 1) {
        ev.rejected(ResultCode::InvalidFieldValue, "replace_all");
        return;
    }
    std::vector<Route> &routes = memberOf(b.member).routes;
    if (b.replaceAll != 0)
        routes.clear();
    for (const proto::RouteChange &c : b.changes) {
        routes.erase(std::remove_if(routes.begin(), routes.end(),
                                    [&](const Route &r) { return r.prefix == c.prefix; }),
                     routes.end());
        if (c.action == proto::RouteAction::Announce)
            routes.push_back(Route{c.prefix, c.routeClass, c.originAsn, c.pathLength});
    }
    std::vector<std::size_t> again;
    refreshSeller(b.member, again, ev);
    reexamine(std::move(again), ev);
}

void ReferenceEngine::refreshSeller(MemberId seller,
                                    std::vector<std::size_t> &again,
                                    EngineEvents &ev)
{
    // Its live trades first, ascending id, then its open sells, ascending id.
    refreshTrades(seller, ev);
    std::vector<std::size_t> sells;
    for (const std::size_t i : m_open)
        if (m_orders[i].view.member == seller)
            sells.push_back(i);
    refreshSells(sells, again, ev);
}

void ReferenceEngine::refreshTrades(MemberId seller, EngineEvents &ev)
{
    for (const std::size_t t : memberOf(seller).trades) {
        Trade &trade = m_trades[t];
        const proto::TradeView &v = trade.view;
        if (v.seller != seller || v.state == proto::TradeState::Ended
            || v.state == proto::TradeState::Cancelled)
            continue;
        const bool ok = reach(seller, v.destination, v.sellDestination).code == ResultCode::Ok;
        if (v.state == proto::TradeState::Suspended && ok) {
            setTradeState(trade,
                          m_now >= v.deliveryStart ? proto::TradeState::Active
                                                   : proto::TradeState::Scheduled,
                          ev);
            notice(v.buyer, ResultCode::Ok, OrderId{}, v.tradeId, ev);
            notice(v.seller, ResultCode::Ok, OrderId{}, v.tradeId, ev);
        } else if (v.state != proto::TradeState::Suspended && !ok) {
            setTradeState(trade, proto::TradeState::Suspended, ev);
            notice(v.buyer, ResultCode::DestinationNotDeliverable, OrderId{}, v.tradeId, ev);
            notice(v.seller, ResultCode::DestinationNotDeliverable, OrderId{}, v.tradeId, ev);
        }
    }
}

void ReferenceEngine::refreshSells(const std::vector<std::size_t> &orders,
                                   std::vector<std::size_t> &again,
                                   EngineEvents &ev)
{
    for (const std::size_t i : orders) {
        Order &o = m_orders[i];
        const MemberId seller = o.view.member;
        if (o.view.params.side != Side::Sell)
            continue;
        const bool ok = deliverable(seller, o.view.params.destination);
        if (o.suspended && ok) {
            // Back at the end of its level: it could not be taken while suspended.
            o.suspended = false;
            o.inBook = true;
            o.priority = m_seq;
            o.priorityTime = m_now;
            o.view.updatedAt = m_now;
            ev.orderUpdated(viewOf(o), false);
            ev.bookChanged(proto::BookAction::Add, entryOf(o));
            notice(seller, ResultCode::Ok, o.view.orderId, TradeId{}, ev);
            again.push_back(i);
        } else if (!o.suspended && !ok) {
            const proto::BookEntry entry = entryOf(o);
            o.suspended = true;
            o.inBook = false;
            o.view.updatedAt = m_now;
            ev.orderUpdated(viewOf(o), false);
            ev.bookChanged(proto::BookAction::Remove, entry);
            notice(seller, ResultCode::DestinationNotDeliverable, o.view.orderId, TradeId{}, ev);
        } else if (!o.suspended) {
            again.push_back(i);
        }
    }
}

void ReferenceEngine::qualityBatch(const proto::QualityBatch &b, EngineEvents &ev)
{
    for (const proto::QualityFigure &f : b.figures) {
        if (!knownMember(f.seller)) {
            ev.rejected(ResultCode::UnknownMember, "unknown");
            return;
        }
        if (static_cast<int>(f.state) > 3 || f.lossPpm > 1'000'000) {
            ev.rejected(ResultCode::InvalidFieldValue, "figure");
            return;
        }
    }
    std::vector<std::size_t> again;
    for (const proto::QualityFigure &f : b.figures) {
        std::vector<Figure> &store = memberOf(f.seller).quality;
        store.erase(std::remove_if(store.begin(), store.end(),
                                   [&](const Figure &x) { return x.destination == f.destination; }),
                    store.end());
        if (f.state != proto::QualityState::Unknown)
            store.push_back(Figure{f.destination, f});
        // Resting buys with quality limits that may look the figure up.
        for (const std::size_t i : m_open) {
            const Order &o = m_orders[i];
            const proto::OrderParams &p = o.view.params;
            if (!o.inBook || p.side != Side::Buy || p.limits == proto::QualityLimits{})
                continue;
            const bool inside = p.destination.isPrefix()
                                    ? f.destination.contains(p.destination.prefix)
                                    : p.destination.family == f.destination.family();
            if (inside)
                again.push_back(i);
        }
    }
    reexamine(std::move(again), ev);
}

void ReferenceEngine::tick(EngineEvents &ev)
{
    // Order deadlines, in order of (deadline, id).
    std::vector<std::pair<std::int64_t, std::size_t>> due;
    for (const std::size_t i : m_open) {
        const proto::OrderParams &p = m_orders[i].view.params;
        Timestamp deadline = p.deliveryEnd;
        if (p.timeInForce == TimeInForce::GoodTillDate && p.expireAt < deadline)
            deadline = p.expireAt;
        if (deadline <= m_now)
            due.emplace_back(deadline.value(), i);
    }
    std::sort(due.begin(), due.end());
    for (const auto &[deadline, i] : due)
        cancelOpen(i, OrderStatus::Expired, ResultCode::Expired, false, ev);

    // Trade deadlines: the delivery start while it is pending, then the end; by (time, id).
    std::vector<std::uint32_t> released;
    for (;;) {
        Trade *next = nullptr;
        std::int64_t nextTime = 0;
        for (const std::size_t index : m_live) {
            Trade &t = m_trades[index];
            const proto::TradeView &v = t.view;
            if (v.state == proto::TradeState::Ended || v.state == proto::TradeState::Cancelled)
                continue;
            const std::int64_t time
                = t.startPending ? v.deliveryStart.value() : v.deliveryEnd.value();
            if (time <= m_now.value() && (next == nullptr || time < nextTime)) {
                next = &t;
                nextTime = time;
            }
        }
        if (next == nullptr)
            break;
        next->startPending = false;
        if (next->view.state == proto::TradeState::Scheduled)
            setTradeState(*next, proto::TradeState::Active, ev);
        if (next->view.deliveryEnd <= m_now) {
            setTradeState(*next, proto::TradeState::Ended, ev);
            // An ended trade no longer holds ports nor depends on routes: the members forget it.
            const std::size_t index = static_cast<std::size_t>(next - m_trades.data());
            for (const MemberId party : {next->view.buyer, next->view.seller}) {
                auto &list = memberOf(party).trades;
                list.erase(std::remove(list.begin(), list.end(), index), list.end());
                released.push_back(party.value());
            }
            m_live.erase(std::find(m_live.begin(), m_live.end(), index));
        }
    }
    reexamineReleased(released, ev);
}

void ReferenceEngine::cancelTrade(MemberId sender, const proto::CancelTrade &c, EngineEvents &ev)
{
    const std::uint64_t id = c.tradeId.value();
    const bool admin = sender.value() == 0;
    if (id == 0 || id > m_trades.size()
        || (!admin && m_trades[id - 1].view.buyer != sender
            && m_trades[id - 1].view.seller != sender)) {
        ev.rejected(ResultCode::UnknownTrade, "unknown trade");
        return;
    }
    Trade &t = m_trades[id - 1];
    const proto::TradeView &v = t.view;
    if (v.state == proto::TradeState::Ended || v.state == proto::TradeState::Cancelled
        || (!admin && sender == v.seller)) {
        ev.rejected(ResultCode::TradeNotCancellable, "not cancellable");
        return;
    }
    if (!admin && v.state != proto::TradeState::Suspended) {
        const proto::QualityLimits &limits
            = m_orders[v.buyOrderId.value() - 1].view.params.limits;
        const net::Prefix ref = v.destination.isPrefix()       ? v.destination.prefix
                                : v.sellDestination.isPrefix() ? v.sellDestination.prefix
                                                               : rootOf(v.destination.family);
        const auto figure = figureOf(v.seller, ref);
        bool breached = false;
        if (figure && (limits.maxLatencyUs != 0 || limits.maxLossPpm != 0)) {
            if (figure->state == proto::QualityState::Unreachable)
                breached = true;
            else if (figure->state == proto::QualityState::Fresh)
                breached = (limits.maxLatencyUs != 0 && figure->latencyUs > limits.maxLatencyUs)
                           || (limits.maxLossPpm != 0 && figure->lossPpm > limits.maxLossPpm);
        }
        if (!breached) {
            ev.rejected(ResultCode::TradeNotCancellable, "delivered within the limits");
            return;
        }
    }
    t.view.deliveryEnd = std::clamp(m_now, v.deliveryStart, v.deliveryEnd);
    t.view.amount = amountFor(v.price, v.capacity, v.deliveryEnd - v.deliveryStart).value_or(Money{});
    t.startPending = false;
    setTradeState(t, proto::TradeState::Cancelled, ev);
    // Like an ended trade: the members forget it, their ports are free again.
    const std::size_t index = id - 1;
    std::vector<std::uint32_t> released;
    for (const MemberId party : {v.buyer, v.seller}) {
        auto &list = memberOf(party).trades;
        list.erase(std::remove(list.begin(), list.end(), index), list.end());
        released.push_back(party.value());
    }
    m_live.erase(std::find(m_live.begin(), m_live.end(), index));
    reexamineReleased(released, ev);
}

// ---- state changes ----

void ReferenceEngine::close(std::size_t i, OrderStatus status, ResultCode reason)
{
    Order &o = m_orders[i];
    o.view.filled = filledOf(o);
    o.view.status = status;
    o.view.reason = reason;
    o.view.updatedAt = m_now;
    o.open = false;
    o.inBook = false;
    o.suspended = false;
    m_open.erase(std::find(m_open.begin(), m_open.end(), i));
}

void ReferenceEngine::cancelOpen(
    std::size_t i, OrderStatus status, ResultCode reason, bool isReply, EngineEvents &ev)
{
    const bool inBook = m_orders[i].inBook;
    const proto::BookEntry entry = inBook ? entryOf(m_orders[i]) : proto::BookEntry{};
    close(i, status, reason);
    ev.orderUpdated(viewOf(m_orders[i]), isReply);
    if (inBook)
        ev.bookChanged(proto::BookAction::Remove, entry);
}

void ReferenceEngine::setTradeState(Trade &t, proto::TradeState s, EngineEvents &ev)
{
    t.view.state = s;
    ev.tradeUpdated(t.view);
}

void ReferenceEngine::notice(
    MemberId member, ResultCode code, OrderId order, TradeId trade, EngineEvents &ev) const
{
    proto::Notice n;
    n.code = code;
    n.time = m_now;
    n.order = order;
    n.trade = trade;
    ev.notice(member, n);
}

// ---- views and queries ----

proto::OrderView ReferenceEngine::viewOf(const Order &o) const
{
    proto::OrderView v = o.view;
    if (!o.open)
        return v;
    v.filled = filledOf(o);
    v.remaining = o.view.params.capacity - v.filled;
    if (o.suspended) {
        v.status = OrderStatus::Suspended;
        v.reason = ResultCode::DestinationNotDeliverable;
    } else {
        v.status = v.filled.isZero() ? OrderStatus::Working : OrderStatus::PartiallyFilled;
        v.reason = ResultCode::Ok;
    }
    return v;
}

proto::MemberView ReferenceEngine::memberView(const Member &m) const
{
    proto::MemberView v = m.view;
    v.portUsed = Bandwidth(peakOf(portCommitments(m.view.id)));
    return v;
}

namespace {

void setQuality(proto::BookEntry &e, const std::optional<proto::QualityFigure> &f)
{
    if (!f)
        return;
    if (f->state == proto::QualityState::Unreachable) {
        e.lossPpm = 1'000'000;
        e.qualityKnown = 1;
        return;
    }
    e.latencyUs = f->latencyUs;
    e.lossPpm = f->lossPpm;
    e.qualityKnown = f->state == proto::QualityState::Fresh ? 1 : 0;
}

} // namespace

proto::BookEntry ReferenceEngine::entryOf(const Order &o) const
{
    const proto::OrderParams &p = o.view.params;
    proto::BookEntry e;
    e.orderId = o.view.orderId;
    e.side = p.side;
    e.prefix = bookPrefixOf(p);
    e.price = p.price;
    e.remaining = remainingOf(o);
    e.minBlock = p.minBlock;
    e.deliveryStart = p.deliveryStart;
    e.deliveryEnd = p.deliveryEnd;
    e.trafficType = p.trafficType;
    e.createdAt = o.priorityTime;
    if (p.side == Side::Sell) {
        // Quality toward the sell's own destination, distance of the route that carries it.
        if (p.destination.isPrefix()) {
            if (const auto r
                = longestRoute(o.view.member, p.destination.prefix, DestinationKind::Prefix, 0))
                e.distance = r->pathLength;
        } else if (const auto path = groupPath(o.view.member, p.destination.family,
                                               p.destination.kind, groupValue(p.destination))) {
            e.distance = *path;
        }
        setQuality(e, figureOf(o.view.member, e.prefix));
    }
    return e;
}

proto::BookEntry ReferenceEngine::entryToward(const Order &o,
                                              const net::Prefix &toward,
                                              const net::Prefix &shown) const
{
    proto::BookEntry e = entryOf(o);
    const proto::OrderParams &p = o.view.params;
    if (p.side != Side::Sell)
        return e;
    e.prefix = shown;
    e.distance = 0;
    e.latencyUs = 0;
    e.lossPpm = 0;
    e.qualityKnown = 0;
    if (const auto r
        = longestRoute(o.view.member, toward, p.destination.kind, groupValue(p.destination)))
        e.distance = r->pathLength;
    setQuality(e, figureOf(o.view.member, toward));
    return e;
}

std::vector<std::pair<std::size_t, net::Prefix>>
ReferenceEngine::sellsServing(const net::Prefix &prefix) const
{
    std::vector<std::pair<std::size_t, net::Prefix>> out;
    for (const std::size_t i : m_open) {
        const Order &o = m_orders[i];
        const Destination &d = o.view.params.destination;
        if (!o.inBook || o.view.params.side != Side::Sell)
            continue;
        if (d.isPrefix()) {
            if (d.prefix.contains(prefix))
                out.emplace_back(i, d.prefix);
        } else if (d.family == prefix.family()) {
            // A group sell serves what a route of its group covers; the deepest one is shown.
            if (const auto r = longestRoute(o.view.member, prefix, d.kind, groupValue(d)))
                out.emplace_back(i, r->prefix);
        }
    }
    return out;
}

std::vector<proto::OrderView> ReferenceEngine::orders() const
{
    std::vector<proto::OrderView> out;
    for (const Order &o : m_orders)
        out.push_back(viewOf(o));
    return out;
}

std::vector<proto::TradeView> ReferenceEngine::trades() const
{
    std::vector<proto::TradeView> out;
    for (const Trade &t : m_trades)
        out.push_back(t.view);
    return out;
}

std::vector<proto::MemberView> ReferenceEngine::members() const
{
    std::vector<proto::MemberView> out;
    for (const Member &m : m_members)
        out.push_back(memberView(m));
    return out;
}

std::vector<proto::BookEntry> ReferenceEngine::effectiveBook(const net::Prefix &prefix) const
{
    std::vector<std::size_t> bids;
    for (const std::size_t i : m_open) {
        const Order &o = m_orders[i];
        const Destination &d = o.view.params.destination;
        if (o.inBook && o.view.params.side == Side::Buy && d.isPrefix()
            && prefix.contains(d.prefix))
            bids.push_back(i);
    }
    auto asks = sellsServing(prefix);
    const auto key = [&](std::size_t i) {
        return std::tie(m_orders[i].priority, m_orders[i].view.orderId);
    };
    const auto price = [&](std::size_t i) {
        return m_orders[i].view.params.price.value();
    };
    std::sort(bids.begin(), bids.end(), [&](std::size_t a, std::size_t b) {
        return price(a) != price(b) ? price(a) > price(b) : key(a) < key(b);
    });
    std::sort(asks.begin(), asks.end(), [&](const auto &a, const auto &b) {
        return price(a.first) != price(b.first) ? price(a.first) < price(b.first)
                                                : key(a.first) < key(b.first);
    });
    std::vector<proto::BookEntry> out;
    for (const std::size_t i : bids)
        out.push_back(entryOf(m_orders[i]));
    for (const auto &[i, shown] : asks)
        out.push_back(entryToward(m_orders[i], prefix, shown));
    return out;
}

proto::WatchRow ReferenceEngine::watchRow(const net::Prefix &prefix) const
{
    proto::WatchRow row;
    row.prefix = prefix;
    for (const proto::BookEntry &e : effectiveBook(prefix)) {
        if (e.side == Side::Buy) {
            if (row.bidOrders == 0)
                row.bestBid = e.price;
            row.bidDepth += e.remaining;
            ++row.bidOrders;
        } else {
            if (row.askOrders == 0)
                row.bestAsk = e.price;
            row.askDepth += e.remaining;
            ++row.askOrders;
        }
    }
    if (const auto it = m_lastTrade.find(prefix); it != m_lastTrade.end()) {
        row.lastPrice = m_trades[it->second].view.price;
        row.lastTradeAt = m_trades[it->second].view.executedAt;
    }
    return row;
}

std::vector<net::Prefix> ReferenceEngine::activePrefixes() const
{
    std::vector<net::Prefix> out;
    for (const std::size_t i : m_open) {
        const Order &o = m_orders[i];
        if (o.inBook && o.view.params.destination.isPrefix())
            out.push_back(o.view.params.destination.prefix);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::vector<proto::Candidate>
ReferenceEngine::candidates(MemberId buyer, const proto::OrderParams &params, Timestamp now) const
{
    std::vector<proto::Candidate> out;
    if (params.side != Side::Buy || validate(params, now) != ResultCode::Ok)
        return out;
    Order buy;
    buy.view.member = buyer;
    buy.view.params = params;
    buy.priority = std::numeric_limits<std::uint64_t>::max();
    const std::int64_t limit = params.type == OrderType::Market ? kInf : params.price.value();
    std::vector<std::size_t> eligible, others;
    std::vector<Reach> reaches;
    std::map<std::size_t, Verdict> verdicts;
    for (const std::size_t i : m_open) {
        const Order &s = m_orders[i];
        if (!s.inBook || s.view.params.side != Side::Sell)
            continue;
        const Verdict v = check(buy, limit, s, s.view.params.price.value(), now);
        if (v.code == ResultCode::NotCovering)
            continue;
        verdicts[i] = v;
        if (v.code == ResultCode::Ok) {
            eligible.push_back(i);
            reaches.push_back(v.reach);
        } else {
            others.push_back(i);
        }
    }
    const auto entry = [&](std::size_t i) {
        const Verdict &v = verdicts[i];
        const Destination &d = m_orders[i].view.params.destination;
        return entryToward(m_orders[i], v.reach.qualityRef,
                           d.isPrefix() ? d.prefix : v.reach.route);
    };
    std::uint32_t rank = 0;
    for (const auto &[i, score] : this->rank(buy, eligible, reaches)) {
        if (out.size() == 256)
            return out;
        proto::Candidate c;
        c.entry = entry(i);
        c.score = score;
        c.rank = ++rank;
        out.push_back(c);
    }
    std::sort(others.begin(), others.end(), [&](std::size_t a, std::size_t b) {
        const Order &x = m_orders[a], &y = m_orders[b];
        return std::tie(x.view.params.price, x.priority, x.view.orderId)
               < std::tie(y.view.params.price, y.priority, y.view.orderId);
    });
    for (const std::size_t i : others) {
        if (out.size() == 256)
            break;
        proto::Candidate c;
        c.entry = entry(i);
        c.reason = verdicts[i].code;
        out.push_back(c);
    }
    return out;
}

std::vector<TradedRoute> ReferenceEngine::tradedPrefixes(TradeId id) const
{
    std::vector<TradedRoute> out;
    if (id.value() == 0 || id.value() > m_trades.size())
        return out;
    const proto::TradeView &t = m_trades[id.value() - 1].view;
    if (t.state != proto::TradeState::Scheduled && t.state != proto::TradeState::Active)
        return out;
    const Destination &buy = t.destination, &sell = t.sellDestination;
    if (buy.isPrefix()) {
        if (const auto r = longestRoute(t.seller, buy.prefix, sell.kind, groupValue(sell)))
            out.push_back(TradedRoute{r->prefix, buy.prefix});
        else if (sell.isPrefix())
            out.push_back(TradedRoute{sell.prefix, buy.prefix});
    } else if (sell.isPrefix()) {
        if (const auto r = longestRoute(t.seller, sell.prefix, DestinationKind::Prefix, 0))
            out.push_back(TradedRoute{r->prefix, sell.prefix});
    } else {
        for (const Route &r : memberOf(t.seller).routes)
            if (r.prefix.family() == sell.family
                && (sell.kind == DestinationKind::RouteClass ? r.routeClass == sell.routeClass
                                                             : r.originAsn == sell.originAsn))
                out.push_back(TradedRoute{r.prefix, r.prefix});
    }
    std::sort(out.begin(), out.end(), [](const TradedRoute &a, const TradedRoute &b) {
        return std::tie(a.route, a.destination) < std::tie(b.route, b.destination);
    });
    return out;
}

} // namespace bwx::market::testing
