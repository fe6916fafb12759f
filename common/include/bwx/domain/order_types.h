#pragma once
// Enumerations shared by the market, the wire protocol, the terminal and bwxctl. Values are
// wire values: never renumber, only append.
#include <cstdint>
#include <optional>
#include <string_view>

namespace bwx {

enum class Side : std::uint8_t { Buy = 1, Sell = 2 };

enum class OrderType : std::uint8_t {
    Limit = 1,
    Market = 2, // buy: any price; sell: any price. Never rests.
};

enum class TimeInForce : std::uint8_t {
    GoodTillCancel = 1,
    GoodTillDate = 2, // expires at the order's expireAt, driven by sequenced clock ticks
    ImmediateOrCancel = 3,
    FillOrKill = 4,
};

enum class OrderStatus : std::uint8_t {
    Working = 1,          // resting, nothing filled
    PartiallyFilled = 2,  // resting, some filled
    Filled = 3,
    Cancelled = 4,        // by the member, by mass cancel, by IOC/FOK remainder or by STP
    Expired = 5,          // GTD reached its time
    Rejected = 6,
    Suspended = 7,        // the seller no longer holds valid routes for the destination
};

enum class TrafficType : std::uint8_t {
    Any = 0,        // buyer accepts any class; not valid on a sell
    BestEffort = 1, // plain transit
    Premium = 2,    // assured forwarding, no oversubscription
    Realtime = 3,   // expedited forwarding: low latency and jitter (voice, video, gaming)
};

// How a buyer ranks eligible sell orders (claims 12-14).
enum class RankingMode : std::uint8_t {
    BestPrice = 1,       // cheapest first
    BestPerformance = 2, // best measured quality first, price ignored
    Weighted = 3,        // the buyer's weights over price, latency, loss and network distance
};

enum class Role : std::uint8_t { Member = 1, Admin = 2 };

constexpr bool isTerminal(OrderStatus s) noexcept
{
    return s == OrderStatus::Filled || s == OrderStatus::Cancelled || s == OrderStatus::Expired
        || s == OrderStatus::Rejected;
}

std::string_view toString(Side);
std::string_view toString(OrderType);
std::string_view toString(TimeInForce);
std::string_view toString(OrderStatus);
std::string_view toString(TrafficType);
std::string_view toString(RankingMode);
std::string_view toString(Role);

// Inverse of toString, case-insensitive; accepts common abbreviations ("gtc", "ioc", "fok").
std::optional<Side> parseSide(std::string_view);
std::optional<OrderType> parseOrderType(std::string_view);
std::optional<TimeInForce> parseTimeInForce(std::string_view);
std::optional<TrafficType> parseTrafficType(std::string_view);
std::optional<RankingMode> parseRankingMode(std::string_view);

} // namespace bwx
