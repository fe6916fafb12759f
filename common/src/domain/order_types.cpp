#include "bwx/domain/order_types.h"

#include <string>

namespace bwx {
namespace {

bool iequals(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        auto lc = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
        if (lc(a[i]) != lc(b[i]))
            return false;
    }
    return true;
}

} // namespace

std::string_view toString(Side s) { return s == Side::Buy ? "buy" : "sell"; }

std::string_view toString(OrderType t) { return t == OrderType::Limit ? "limit" : "market"; }

std::string_view toString(TimeInForce t)
{
    switch (t) {
    case TimeInForce::GoodTillCancel: return "gtc";
    case TimeInForce::GoodTillDate: return "gtd";
    case TimeInForce::ImmediateOrCancel: return "ioc";
    case TimeInForce::FillOrKill: return "fok";
    }
    return "?";
}

std::string_view toString(OrderStatus s)
{
    switch (s) {
    case OrderStatus::Working: return "working";
    case OrderStatus::PartiallyFilled: return "partially_filled";
    case OrderStatus::Filled: return "filled";
    case OrderStatus::Cancelled: return "cancelled";
    case OrderStatus::Expired: return "expired";
    case OrderStatus::Rejected: return "rejected";
    case OrderStatus::Suspended: return "suspended";
    }
    return "?";
}

std::string_view toString(TrafficType t)
{
    switch (t) {
    case TrafficType::Any: return "any";
    case TrafficType::BestEffort: return "best_effort";
    case TrafficType::Premium: return "premium";
    case TrafficType::Realtime: return "realtime";
    }
    return "?";
}

std::string_view toString(RankingMode m)
{
    switch (m) {
    case RankingMode::BestPrice: return "price";
    case RankingMode::BestPerformance: return "performance";
    case RankingMode::Weighted: return "weighted";
    }
    return "?";
}

std::string_view toString(Role r) { return r == Role::Admin ? "admin" : "member"; }

std::optional<Side> parseSide(std::string_view s)
{
    if (iequals(s, "buy") || iequals(s, "b") || iequals(s, "bid"))
        return Side::Buy;
    if (iequals(s, "sell") || iequals(s, "s") || iequals(s, "ask") || iequals(s, "offer"))
        return Side::Sell;
    return std::nullopt;
}

std::optional<OrderType> parseOrderType(std::string_view s)
{
    if (iequals(s, "limit") || iequals(s, "lmt"))
        return OrderType::Limit;
    if (iequals(s, "market") || iequals(s, "mkt"))
        return OrderType::Market;
    return std::nullopt;
}

std::optional<TimeInForce> parseTimeInForce(std::string_view s)
{
    if (iequals(s, "gtc") || iequals(s, "good_till_cancel"))
        return TimeInForce::GoodTillCancel;
    if (iequals(s, "gtd") || iequals(s, "good_till_date"))
        return TimeInForce::GoodTillDate;
    if (iequals(s, "ioc") || iequals(s, "immediate_or_cancel"))
        return TimeInForce::ImmediateOrCancel;
    if (iequals(s, "fok") || iequals(s, "fill_or_kill"))
        return TimeInForce::FillOrKill;
    return std::nullopt;
}

std::optional<TrafficType> parseTrafficType(std::string_view s)
{
    for (auto t : {TrafficType::Any, TrafficType::BestEffort, TrafficType::Premium, TrafficType::Realtime})
        if (iequals(s, toString(t)))
            return t;
    if (iequals(s, "best-effort"))
        return TrafficType::BestEffort;
    return std::nullopt;
}

std::optional<RankingMode> parseRankingMode(std::string_view s)
{
    for (auto m : {RankingMode::BestPrice, RankingMode::BestPerformance, RankingMode::Weighted})
        if (iequals(s, toString(m)))
            return m;
    return std::nullopt;
}

} // namespace bwx
