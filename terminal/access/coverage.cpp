#include "access/coverage.h"

#include <algorithm>

namespace bwx::access {

namespace {

bool isOpen(OrderStatus status)
{
    return status == OrderStatus::Working || status == OrderStatus::PartiallyFilled;
}

} // namespace

std::vector<Commitment> commitmentsOn(const AccessState &state, const Destination &destination)
{
    std::vector<Commitment> out;
    for (const proto::TradeView &trade : state.trades) {
        if (trade.buyer != state.self || !(trade.destination == destination))
            continue;
        const bool live = trade.state == proto::TradeState::Scheduled
                          || trade.state == proto::TradeState::Active;
        if (!live && trade.state != proto::TradeState::Suspended)
            continue;
        out.push_back({Commitment::Kind::Trade, trade.tradeId.value(), trade.deliveryStart,
                       trade.deliveryEnd, trade.capacity, trade.price, live});
    }
    for (const proto::OrderView &order : state.orders) {
        if (order.member != state.self || order.params.side != Side::Buy
            || !isOpen(order.status) || !(order.params.destination == destination)
            || !order.remaining.isPositive())
            continue;
        out.push_back({Commitment::Kind::Order, order.orderId.value(), order.params.deliveryStart,
                       order.params.deliveryEnd, order.remaining, order.params.price, true});
    }
    return out;
}

Bandwidth capacityAt(const std::vector<Commitment> &commitments, Timestamp t)
{
    Bandwidth total{};
    for (const Commitment &c : commitments) {
        if (c.start <= t && t < c.end)
            total += c.capacity;
    }
    return total;
}

Bandwidth peakCapacity(const std::vector<Commitment> &commitments, Timestamp from, Timestamp to)
{
    // The sum only rises where a commitment starts, so the peak is at `from` or at a start.
    Bandwidth peak = capacityAt(commitments, from);
    for (const Commitment &c : commitments) {
        if (from < c.start && c.start < to)
            peak = std::max(peak, capacityAt(commitments, c.start));
    }
    return peak;
}

Timestamp wholeSecondAtOrAfter(Timestamp t)
{
    const std::int64_t ns = t.value();
    const std::int64_t second = units::kNanosPerSecond;
    const std::int64_t rounded = ns % second == 0 ? ns : (ns / second + (ns > 0 ? 1 : 0)) * second;
    return Timestamp(rounded);
}

std::vector<Target> targetsFor(const Need &need, Timestamp now)
{
    const Timestamp at = wholeSecondAtOrAfter(now);
    std::vector<Target> targets;
    if (need.period.kind == PeriodRule::Kind::Rolling) {
        // Coverage is wanted now and through the renewal lead; a purchase at an instant t runs
        // one rolling period from t.
        const Timestamp horizon = at + std::max(need.renewBefore, Duration(1));
        targets.push_back({at, horizon, Timestamp{}, false});
        return targets;
    }
    const Timestamp start = need.period.start;
    const Timestamp end = need.period.end;
    if (!need.renewBefore.isPositive()) {
        if (at < end)
            targets.push_back({std::max(start, at), end, end, false});
        return targets;
    }
    // A renewing fixed period repeats back to back with the same length.
    const Duration length = end - start;
    std::int64_t k = 0;
    if (at >= start)
        k = (at - start).value() / length.value();
    const Timestamp periodStart = start + length * k;
    const Timestamp periodEnd = periodStart + length;
    targets.push_back({std::max(periodStart, at), periodEnd, periodEnd, false});
    if (at >= periodEnd - need.renewBefore)
        targets.push_back({periodEnd, periodEnd + length, periodEnd + length, true});
    return targets;
}

std::optional<Gap> firstGap(const Need &need,
                            const std::vector<Target> &targets,
                            const std::vector<Commitment> &delivering)
{
    for (const Target &target : targets) {
        // Coverage only falls where a commitment ends: check the target's start and every end
        // inside it, earliest first.
        std::vector<Timestamp> points{target.start};
        for (const Commitment &c : delivering) {
            if (target.start < c.end && c.end < target.end)
                points.push_back(c.end);
        }
        std::sort(points.begin(), points.end());
        for (const Timestamp t : points) {
            const Bandwidth covered = capacityAt(delivering, t);
            if (covered >= need.capacity)
                continue;
            Gap gap;
            gap.start = t;
            gap.covered = covered;
            gap.renewal = target.renewal
                          || (need.period.kind == PeriodRule::Kind::Rolling && t > target.start);
            gap.purchaseEnd = need.period.kind == PeriodRule::Kind::Rolling
                                  ? t + need.period.length
                                  : target.purchaseEnd;
            return gap;
        }
    }
    return std::nullopt;
}

Bandwidth roundUpToBlock(Bandwidth capacity, Bandwidth block)
{
    if (!block.isPositive() || capacity.value() <= 0)
        return capacity;
    const std::int64_t blocks = (capacity.value() + block.value() - 1) / block.value();
    return Bandwidth(blocks * block.value());
}

Bandwidth roundDownToBlock(Bandwidth capacity, Bandwidth block)
{
    if (!block.isPositive() || capacity.value() <= 0)
        return Bandwidth{};
    return Bandwidth(capacity.value() / block.value() * block.value());
}

} // namespace bwx::access
