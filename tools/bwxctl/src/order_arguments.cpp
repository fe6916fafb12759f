#include "order_arguments.h"

#include "bwx/domain/destination.h"
#include "bwx/domain/units.h"
#include "quality_arguments.h"
#include "time_argument.h"

namespace bwx::ctl {
namespace {

bool isPlainNumber(const std::string &text)
{
    bool digit = false;
    int dots = 0;
    for (char c : text) {
        if (c >= '0' && c <= '9')
            digit = true;
        else if (c == '.')
            ++dots;
        else
            return false;
    }
    return digit && dots <= 1;
}

Expected<Bandwidth> capacityOf(const OrderArguments &args)
{
    if (args.mbps && args.capacity)
        return makeError("give either --mbps or --capacity, not both");
    if (!args.mbps && !args.capacity)
        return makeError("missing capacity: give --mbps N or --capacity 10G");
    Expected<Bandwidth> bw = makeError("");
    if (args.mbps) {
        if (!isPlainNumber(*args.mbps))
            return makeError("invalid --mbps '" + *args.mbps
                             + "': a number of Mbit/s such as 100 or 2.5 (--capacity takes units)");
        bw = parseBandwidth(*args.mbps);
    } else {
        bw = parseBandwidth(*args.capacity);
    }
    if (!bw)
        return makeError(bw.error());
    if (!bw->isPositive())
        return makeError("capacity must be more than 0");
    return bw;
}

} // namespace

ClientOrderId generateClientOrderId(Timestamp now, std::uint32_t randomBits)
{
    const auto millis = static_cast<std::uint64_t>(now.value() / 1'000'000);
    return ClientOrderId((millis << 20) | (randomBits & 0xFFFFFu) | 1u);
}

Expected<proto::OrderParams>
buildOrder(const OrderArguments &args, Timestamp now, std::uint32_t randomBits)
{
    proto::OrderParams p;
    p.side = args.side;

    auto destination = parseDestination(args.destination);
    if (!destination)
        return makeError(destination.error());
    p.destination = *destination;

    auto capacity = capacityOf(args);
    if (!capacity)
        return makeError(capacity.error());
    p.capacity = *capacity;

    if (args.type) {
        const auto type = parseOrderType(*args.type);
        if (!type)
            return makeError("invalid --type '" + *args.type + "': expected limit or market");
        p.type = *type;
    }
    if (p.type == OrderType::Limit) {
        if (!args.price)
            return makeError("a limit order needs --price (per Mbit/s per month)");
        auto price = parsePrice(*args.price);
        if (!price)
            return makeError(price.error());
        if (!price->isPositive())
            return makeError("price must be more than 0");
        p.price = *price;
    } else if (args.price) {
        return makeError("a market order takes no --price");
    }

    if (args.timeInForce) {
        const auto tif = parseTimeInForce(*args.timeInForce);
        if (!tif)
            return makeError("invalid --tif '" + *args.timeInForce
                             + "': expected gtc, gtd, ioc or fok");
        p.timeInForce = *tif;
    } else if (args.expire) {
        p.timeInForce = TimeInForce::GoodTillDate;
    } else if (p.type == OrderType::Market) {
        p.timeInForce = TimeInForce::ImmediateOrCancel;
    }
    if (p.type == OrderType::Market
        && (p.timeInForce == TimeInForce::GoodTillCancel
            || p.timeInForce == TimeInForce::GoodTillDate))
        return makeError("a market order never rests: use --tif ioc or fok");
    if (p.timeInForce == TimeInForce::GoodTillDate) {
        if (!args.expire)
            return makeError("--tif gtd needs --expire TIME");
        auto expire = parseTimeArgument(*args.expire, now);
        if (!expire)
            return makeError(expire.error());
        if (*expire <= now)
            return makeError("--expire " + formatTimestamp(*expire) + " is not in the future");
        p.expireAt = *expire;
    } else if (args.expire) {
        return makeError("--expire is only for --tif gtd");
    }

    // Whole seconds: the period is shown to people, and sub-second starts mean nothing here.
    const Timestamp today = Timestamp::fromSeconds(now.seconds());
    p.deliveryStart = today;
    if (args.start) {
        auto start = parseTimeArgument(*args.start, today);
        if (!start)
            return makeError(start.error());
        p.deliveryStart = *start;
    }
    p.deliveryEnd = p.deliveryStart + seconds(kDefaultDeliveryDays * 86400);
    if (args.end) {
        auto end = parseTimeArgument(*args.end, today);
        if (!end)
            return makeError(end.error());
        p.deliveryEnd = *end;
    }
    if (p.deliveryEnd <= p.deliveryStart)
        return makeError("delivery end " + formatTimestamp(p.deliveryEnd)
                         + " is not after its start " + formatTimestamp(p.deliveryStart));

    p.minBlock = p.capacity;
    if (args.minBlock) {
        auto block = parseBandwidth(*args.minBlock);
        if (!block)
            return makeError(block.error());
        if (!block->isPositive())
            return makeError("minimum block must be more than 0");
        if (*block > p.capacity)
            return makeError("minimum block " + formatBandwidth(*block)
                             + " is larger than the capacity " + formatBandwidth(p.capacity));
        if (p.capacity.value() % block->value() != 0)
            return makeError("capacity " + formatBandwidth(p.capacity)
                             + " is not a whole number of " + formatBandwidth(*block) + " blocks");
        p.minBlock = *block;
    }

    if (args.traffic) {
        const auto traffic = parseTrafficType(*args.traffic);
        if (!traffic)
            return makeError("invalid --traffic '" + *args.traffic
                             + "': expected best_effort, premium, realtime or any");
        p.trafficType = *traffic;
    }
    if (p.side == Side::Sell && p.trafficType == TrafficType::Any)
        return makeError("--traffic any is only valid on a buy: a seller delivers one class");

    if (args.ranking) {
        const auto ranking = parseRankingMode(*args.ranking);
        if (!ranking)
            return makeError("invalid --rank '" + *args.ranking
                             + "': expected price, performance or weighted");
        p.ranking = *ranking;
    }
    const bool limits = args.maxLatencyUs || args.maxLossPpm || args.maxLatencyMs
                        || args.maxLossPct || args.maxDistance;
    if (p.side == Side::Sell && (limits || args.ranking || args.weights))
        return makeError("quality limits and --ranking are for buy orders");
    if (args.maxLatencyUs && args.maxLatencyMs)
        return makeError("give either --max-latency-ms or --max-latency-us, not both");
    if (args.maxLossPpm && args.maxLossPct)
        return makeError("give either --max-loss-pct or --max-loss-ppm, not both");
    p.limits.maxLatencyUs = args.maxLatencyUs.value_or(0);
    if (args.maxLatencyMs) {
        auto latency = parseLatencyMs(*args.maxLatencyMs);
        if (!latency)
            return makeError("--max-latency-ms: " + latency.error());
        p.limits.maxLatencyUs = *latency;
    }
    p.limits.maxLossPpm = args.maxLossPpm.value_or(0);
    if (args.maxLossPct) {
        auto loss = parseLossPercent(*args.maxLossPct);
        if (!loss)
            return makeError("--max-loss-pct: " + loss.error());
        p.limits.maxLossPpm = *loss;
    }
    if (args.weights) {
        if (p.ranking != RankingMode::Weighted)
            return makeError("--weights is for --rank weighted");
        auto weights = parseWeights(*args.weights);
        if (!weights)
            return makeError(weights.error());
        p.weights = *weights;
    } else if (p.ranking == RankingMode::Weighted) {
        return makeError("--rank weighted needs --weights price,latency,loss,distance "
                         "(e.g. 50,30,20,0)");
    }
    if (args.maxDistance) {
        if (*args.maxDistance > 255)
            return makeError("--max-distance " + std::to_string(*args.maxDistance)
                             + " is above 255 AS hops");
        p.limits.maxDistance = static_cast<std::uint8_t>(*args.maxDistance);
    }

    if (args.clientId) {
        if (*args.clientId == 0)
            return makeError("--client-id must not be 0");
        p.clientOrderId = ClientOrderId(*args.clientId);
    } else {
        p.clientOrderId = generateClientOrderId(now, randomBits);
    }
    return p;
}

} // namespace bwx::ctl
