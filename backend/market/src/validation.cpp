#include "validation.h"

#include <cstdint>

#include <string>

namespace bwx::market::detail {

namespace {

using proto::ResultCode;

std::string str(std::int64_t v) { return std::to_string(v); }

bool validEnums(const proto::OrderParams &p, std::string &what)
{
    const auto side = static_cast<unsigned>(p.side);
    const auto type = static_cast<unsigned>(p.type);
    const auto tif = static_cast<unsigned>(p.timeInForce);
    const auto traffic = static_cast<unsigned>(p.trafficType);
    const auto ranking = static_cast<unsigned>(p.ranking);
    if (side != 1 && side != 2)
        what = "side " + std::to_string(side) + " is neither buy (1) nor sell (2)";
    else if (type != 1 && type != 2)
        what = "order type " + std::to_string(type) + " is neither limit (1) nor market (2)";
    else if (tif < 1 || tif > 4)
        what = "time in force " + std::to_string(tif) + " is not one of gtc, gtd, ioc, fok (1-4)";
    else if (traffic > 3)
        what = "traffic type " + std::to_string(traffic) + " is not one of 0-3";
    else if (ranking < 1 || ranking > 3)
        what = "ranking mode " + std::to_string(ranking) + " is not one of 1-3";
    return what.empty();
}

} // namespace

bool valueFits(Price price, Bandwidth capacity, Timestamp start, Timestamp end) noexcept
{
    // The same condition as amountFor(...).has_value(), without its 128-bit division (this runs
    // on every new order and amend): price x capacity x period / den fits in int64 exactly when
    // the product is below den x 2^63. All inputs are positive here.
    __extension__ using i128 = __int128;
    const i128 den = i128(units::kKbpsPerMbps) * units::kNanosPerSecond * units::kSecondsPerMonth;
    const std::int64_t period = (end - start).value();
    if (price.value() >= 0 && capacity.value() >= 0 && period >= 0) {
        // Below 2^64, price x capacity times the period is one unsigned multiplication that
        // cannot overflow (< 2^127), without the library's 128-bit overflow check.
        __extension__ using u128 = unsigned __int128;
        const u128 pc = u128(static_cast<std::uint64_t>(price.value())) * static_cast<std::uint64_t>(capacity.value());
        if ((pc >> 64) == 0)
            return pc * static_cast<std::uint64_t>(period) < static_cast<u128>(den) << 63;
    }
    const i128 pc = i128(price.value()) * capacity.value();
    i128 num = 0;
    if (__builtin_mul_overflow(pc, i128((end - start).value()), &num))
        return false;
    return num < den * (i128(1) << 63);
}

Verdict validateOrderParams(const proto::OrderParams &p, Timestamp now, Bandwidth maxOrderCapacity)
{
    std::string what;
    if (!validEnums(p, what))
        return fail(ResultCode::InvalidFieldValue, what);

    const Destination &dest = p.destination;
    if (dest.family != net::Family::V4 && dest.family != net::Family::V6)
        return fail(ResultCode::InvalidDestination,
                    "destination family " + std::to_string(static_cast<unsigned>(dest.family))
                        + " is neither IPv4 (4) nor IPv6 (6)");
    switch (dest.kind) {
    case DestinationKind::Prefix:
        if (dest.family != dest.prefix.family())
            return fail(ResultCode::InvalidDestination,
                        "destination family does not match its prefix " + dest.prefix.toString());
        break;
    case DestinationKind::OriginAsn:
        if (dest.originAsn == 0 || dest.originAsn == 23456)
            return fail(ResultCode::InvalidDestination,
                        "origin AS " + std::to_string(dest.originAsn)
                            + " cannot originate routes (0 and 23456 are reserved)");
        break;
    case DestinationKind::RouteClass: {
        const auto c = static_cast<unsigned>(dest.routeClass);
        if (c < 1 || c > 3)
            return fail(ResultCode::InvalidDestination,
                        "route class " + std::to_string(c)
                            + " is not customer (1), peer (2) or transit (3)");
        break;
    }
    default:
        return fail(ResultCode::InvalidDestination,
                    "destination kind " + std::to_string(static_cast<unsigned>(dest.kind))
                        + " is not prefix (1), origin AS (2) or route class (3)");
    }

    if (p.type == OrderType::Limit && p.price.value() <= 0)
        return fail(ResultCode::InvalidPrice,
                    "a limit order needs a positive price, got " + str(p.price.value()));
    if (p.type == OrderType::Market && p.timeInForce != TimeInForce::ImmediateOrCancel
        && p.timeInForce != TimeInForce::FillOrKill)
        return fail(ResultCode::InvalidTimeInForce,
                    "a market order never rests: time in force must be ioc or fok, got "
                        + std::string(toString(p.timeInForce)));

    if (p.capacity.value() <= 0)
        return fail(ResultCode::InvalidCapacity,
                    "capacity must be positive, got " + str(p.capacity.value()) + " kbit/s");
    if (p.capacity > maxOrderCapacity)
        return fail(ResultCode::OrderTooLarge,
                    "capacity " + str(p.capacity.value()) + " kbit/s exceeds the limit of "
                        + str(maxOrderCapacity.value()) + " kbit/s per order");
    if (p.minBlock.value() <= 0)
        return fail(ResultCode::InvalidMinBlock,
                    "minimum block must be positive, got " + str(p.minBlock.value()) + " kbit/s");
    if (p.minBlock > p.capacity)
        return fail(ResultCode::InvalidMinBlock,
                    "minimum block " + str(p.minBlock.value()) + " kbit/s exceeds the capacity "
                        + str(p.capacity.value()) + " kbit/s");
    if (p.capacity.value() % p.minBlock.value() != 0)
        return fail(ResultCode::CapacityNotMultipleOfBlock,
                    "capacity " + str(p.capacity.value()) + " kbit/s is not a whole number of "
                        + str(p.minBlock.value()) + " kbit/s blocks");

    if (p.timeInForce == TimeInForce::GoodTillDate) {
        if (p.expireAt <= now)
            return fail(ResultCode::InvalidExpiry,
                        "a gtd order needs an expiry after the current time "
                            + formatTimestamp(now) + ", got " + formatTimestamp(p.expireAt));
    } else if (p.expireAt.isSet()) {
        return fail(ResultCode::InvalidExpiry,
                    "only gtd orders have an expiry; this one is "
                        + std::string(toString(p.timeInForce)));
    }

    if (p.deliveryStart.value() < 0)
        return fail(ResultCode::InvalidDeliveryPeriod,
                    "delivery start " + str(p.deliveryStart.value()) + " is before 1970");
    if (p.deliveryStart >= p.deliveryEnd)
        return fail(ResultCode::InvalidDeliveryPeriod,
                    "delivery start " + formatTimestamp(p.deliveryStart)
                        + " is not before delivery end " + formatTimestamp(p.deliveryEnd));
    if (p.deliveryEnd <= now)
        return fail(ResultCode::InvalidDeliveryPeriod,
                    "delivery end " + formatTimestamp(p.deliveryEnd) + " is not after the current time "
                        + formatTimestamp(now));

    if (p.side == Side::Sell && p.trafficType == TrafficType::Any)
        return fail(ResultCode::InvalidTrafficType,
                    "a sell order must name its traffic type (best_effort, premium or realtime); "
                    "'any' is for buy orders");

    if (p.side == Side::Sell) {
        if (p.limits != proto::QualityLimits{})
            return fail(ResultCode::InvalidQualityLimit,
                        "quality limits are what a buyer accepts; a sell order cannot carry them");
        if (p.ranking != RankingMode::BestPrice || p.weights != proto::RankingWeights{})
            return fail(ResultCode::InvalidRanking,
                        "a ranking chooses among sells for a buy; a sell order must leave it at "
                        "best price with no weights");
    } else if (p.ranking == RankingMode::Weighted) {
        if (p.weights == proto::RankingWeights{})
            return fail(ResultCode::InvalidRanking,
                        "weighted ranking needs at least one non-zero weight (price, latency, loss "
                        "or distance)");
    } else if (p.weights != proto::RankingWeights{}) {
        return fail(ResultCode::InvalidRanking,
                    "ranking weights apply only to the weighted ranking mode; leave them at 0");
    }

    if (p.type == OrderType::Limit
        && !valueFits(p.price, p.capacity, p.deliveryStart, p.deliveryEnd))
        return fail(ResultCode::OrderTooLarge,
                    "price x capacity x delivery period exceeds the range of money amounts");
    return {};
}

bool isValidMemberName(std::string_view name) noexcept
{
    if (name.empty() || name.size() > 32 || name[0] < 'a' || name[0] > 'z')
        return false;
    for (const char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
        if (!ok)
            return false;
    }
    return true;
}

bool isValidMemberAsn(std::uint32_t asn) noexcept
{
    return asn >= 1 && asn <= 4294967294u && asn != 23456 && asn != 65535;
}

Verdict validateNewMember(const proto::AddMember &add)
{
    if (!isValidMemberName(add.name))
        return fail(ResultCode::InvalidMemberName,
                    "member name " + net::detail::quoteInput(add.name)
                        + " must be 1-32 characters of a-z, 0-9, '_' and '-', starting with a "
                          "letter");
    if (add.displayName.size() > 128)
        return fail(ResultCode::InvalidMemberName,
                    "display name is " + std::to_string(add.displayName.size())
                        + " bytes long; at most 128 are allowed");
    for (const char c : add.displayName) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f)
            return fail(ResultCode::InvalidMemberName,
                        "display name contains a control character");
    }
    if (!isValidMemberAsn(add.asn))
        return fail(ResultCode::InvalidAsn,
                    "AS number " + std::to_string(add.asn)
                        + " cannot identify a member: it must be 1-4294967294 and not 23456 "
                          "(AS_TRANS) or 65535");
    if (add.portCapacity.value() <= 0)
        return fail(ResultCode::InvalidPortCapacity,
                    "port capacity must be positive, got " + str(add.portCapacity.value())
                        + " kbit/s");
    return {};
}

} // namespace bwx::market::detail
