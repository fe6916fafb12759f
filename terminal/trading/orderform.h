#pragma once
// What the order entry holds, as typed, and its validation into protocol order parameters.
// Everything the exchange would reject for a field's shape is caught here with a message that
// names the field, so a typo never reaches the confirmation dialog.
#include <QString>
#include <bwx/proto/messages.h>
#include <optional>

namespace bwx::terminal {

struct OrderForm
{
    Side side = Side::Buy;
    QString destination; // prefix, "AS64500" or a route class
    OrderType type = OrderType::Limit;
    TimeInForce timeInForce = TimeInForce::GoodTillCancel;
    QString price;    // per Mbps per month
    QString capacity; // "100", "1G", "512k"; Mbps by default
    QString minBlock; // empty: the whole capacity is one block
    Timestamp expireAt{};
    Timestamp deliveryStart{};
    Timestamp deliveryEnd{};
    TrafficType trafficType = TrafficType::BestEffort;
    bwx::proto::QualityLimits limits{};
    RankingMode ranking = RankingMode::BestPrice;
    bwx::proto::RankingWeights weights{}; // weighted ranking only
};

enum class OrderField {
    None,
    Destination,
    Price,
    Capacity,
    MinBlock,
    TimeInForce,
    Expiry,
    DeliveryStart,
    DeliveryEnd,
    TrafficType,
    Ranking
};

struct OrderValidation
{
    std::optional<bwx::proto::OrderParams> params; // set when valid
    OrderField field = OrderField::None;           // the first field in error
    QString message;

    bool isValid() const { return params.has_value(); }
};

// `now` decides whether a GTD expiry lies in the future. The client order id is left zero:
// the session assigns it when the order is sent.
OrderValidation validateOrder(const OrderForm &form, Timestamp now);

// The total the confirmation shows: price × capacity × delivery period. nullopt for market
// orders (the price comes from the book) and when it overflows.
std::optional<Money> orderTotal(const bwx::proto::OrderParams &params);

} // namespace bwx::terminal
