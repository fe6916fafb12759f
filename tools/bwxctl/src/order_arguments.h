#pragma once
// The arguments of `bwxctl order buy|sell` turned into the order sent to the exchange. Pure:
// the clock and the random bits come from the caller, so every rule is testable. Whatever is
// wrong is reported before anything is sent.
#include "bwx/domain/order_types.h"
#include "bwx/expected.h"
#include "bwx/proto/messages.h"

#include <cstdint>
#include <optional>
#include <string>

namespace bwx::ctl {

struct OrderArguments
{
    Side side = Side::Buy;
    std::string destination;             // prefix, ASn[/v6] or route class
    std::optional<std::string> mbps;     // a plain number of Mbit/s
    std::optional<std::string> capacity; // with a unit: "10G", "500M"
    std::optional<std::string> price;    // per Mbit/s per month, at most 6 decimals
    std::optional<std::string> minBlock;
    std::optional<std::string> type;        // limit | market
    std::optional<std::string> timeInForce; // gtc | gtd | ioc | fok
    std::optional<std::string> expire;
    std::optional<std::string> start;
    std::optional<std::string> end;
    std::optional<std::string> traffic; // best_effort | premium | realtime | any
    std::optional<std::string> ranking; // price | performance | weighted
    std::optional<std::uint32_t> maxLatencyUs;
    std::optional<std::uint32_t> maxLossPpm;
    std::optional<std::string> maxLatencyMs; // "25", "12.5": the same limit in milliseconds
    std::optional<std::string> maxLossPct;   // "0.5": the same limit in percent
    std::optional<std::uint32_t> maxDistance;
    std::optional<std::string> weights; // "p,l,loss,d" for --ranking weighted
    std::optional<std::uint64_t> clientId;
};

inline constexpr std::int64_t kDefaultDeliveryDays = 30;

// A client order id unique enough without state: milliseconds since the epoch in the high
// bits, 20 random bits below.
ClientOrderId generateClientOrderId(Timestamp now, std::uint32_t randomBits);

Expected<proto::OrderParams>
buildOrder(const OrderArguments &args, Timestamp now, std::uint32_t randomBits);

} // namespace bwx::ctl
