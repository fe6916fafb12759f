#pragma once
// Orders, fills, and the member's own orders and trades.
#include <cstdint>
#include <string>
#include <vector>
#include "bwx/proto/message_types.h"
#include "bwx/proto/records.h"

namespace bwx::proto {

struct NewOrder {
    static constexpr MessageType kType = MessageType::NewOrder;
    static constexpr Direction kDirection = Direction::ClientToServer;
    OrderParams params{};
    template <class A> void fields(A& a) { a(params, "params"); }
    friend bool operator==(const NewOrder&, const NewOrder&) = default;
};

// Exactly one of orderId and clientOrderId is non-zero.
struct CancelOrder {
    static constexpr MessageType kType = MessageType::CancelOrder;
    static constexpr Direction kDirection = Direction::ClientToServer;
    OrderId orderId{};
    ClientOrderId clientOrderId{};
    template <class A> void fields(A& a) { a(orderId, "order_id"); a(clientOrderId, "client_order_id"); }
    friend bool operator==(const CancelOrder&, const CancelOrder&) = default;
};

// Zero leaves a field unchanged. Time priority is kept only when the capacity decreases and
// the price is unchanged.
struct AmendOrder {
    static constexpr MessageType kType = MessageType::AmendOrder;
    static constexpr Direction kDirection = Direction::ClientToServer;
    OrderId orderId{};
    Price newPrice{};
    Bandwidth newCapacity{};
    template <class A> void fields(A& a) { a(orderId, "order_id"); a(newPrice, "new_price"); a(newCapacity, "new_capacity"); }
    friend bool operator==(const AmendOrder&, const AmendOrder&) = default;
};

// Cancels every open order of the member, optionally only one side (0 = both).
struct MassCancel {
    static constexpr MessageType kType = MessageType::MassCancel;
    static constexpr Direction kDirection = Direction::ClientToServer;
    std::uint8_t side = 0;
    template <class A> void fields(A& a) { a(side, "side"); }
    friend bool operator==(const MassCancel&, const MassCancel&) = default;
};

// The state of one of the member's orders: the reply to NewOrder / CancelOrder / AmendOrder,
// and sent unsolicited when the order changes (fill, expiry, suspension, mass cancel).
struct OrderUpdate {
    static constexpr MessageType kType = MessageType::OrderUpdate;
    static constexpr Direction kDirection = Direction::ServerToClient;
    OrderView order{};
    Seq seq{}; // the journal position of the command that caused this state
    template <class A> void fields(A& a) { a(order, "order"); a(seq, "seq"); }
    friend bool operator==(const OrderUpdate&, const OrderUpdate&) = default;
};

// A private execution report, sent to the buyer and to the seller.
struct Fill {
    static constexpr MessageType kType = MessageType::Fill;
    static constexpr Direction kDirection = Direction::ServerToClient;
    TradeView trade{};
    Side side = Side::Buy;         // the recipient's side
    OrderId orderId{};             // the recipient's order
    ClientOrderId clientOrderId{};
    std::string counterpartyName;
    Seq seq{};
    template <class A> void fields(A& a)
    {
        a(trade, "trade"); a(side, "side"); a(orderId, "order_id"); a(clientOrderId, "client_order_id");
        a(counterpartyName, "counterparty"); a(seq, "seq");
    }
    friend bool operator==(const Fill&, const Fill&) = default;
};

struct QueryOrders {
    static constexpr MessageType kType = MessageType::QueryOrders;
    static constexpr Direction kDirection = Direction::ClientToServer;
    std::uint8_t openOnly = 1;
    template <class A> void fields(A& a) { a(openOnly, "open_only"); }
    friend bool operator==(const QueryOrders&, const QueryOrders&) = default;
};

struct OrderList {
    static constexpr MessageType kType = MessageType::OrderList;
    static constexpr Direction kDirection = Direction::ServerToClient;
    std::vector<OrderView> orders;
    template <class A> void fields(A& a) { a(orders, "orders"); }
    friend bool operator==(const OrderList&, const OrderList&) = default;
};

struct QueryTrades {
    static constexpr MessageType kType = MessageType::QueryTrades;
    static constexpr Direction kDirection = Direction::ClientToServer;
    Timestamp since{};
    std::uint32_t limit = 1000; // newest first
    template <class A> void fields(A& a) { a(since, "since"); a(limit, "limit"); }
    friend bool operator==(const QueryTrades&, const QueryTrades&) = default;
};

struct TradeList {
    static constexpr MessageType kType = MessageType::TradeList;
    static constexpr Direction kDirection = Direction::ServerToClient;
    std::vector<TradeView> trades;
    template <class A> void fields(A& a) { a(trades, "trades"); }
    friend bool operator==(const TradeList&, const TradeList&) = default;
};

// Buys from exactly one sell order chosen from a candidate list (claims 24, 25): an immediate
// buy limited to that order; answered like NewOrder.
struct TakeOrder {
    static constexpr MessageType kType = MessageType::TakeOrder;
    static constexpr Direction kDirection = Direction::ClientToServer;
    OrderParams params{};
    OrderId sellOrderId{};
    template <class A> void fields(A& a) { a(params, "params"); a(sellOrderId, "sell_order_id"); }
    friend bool operator==(const TakeOrder&, const TakeOrder&) = default;
};

// The sell orders that could serve a prospective buy, ranked by its ranking mode (claim 24).
struct QueryCandidates {
    static constexpr MessageType kType = MessageType::QueryCandidates;
    static constexpr Direction kDirection = Direction::ClientToServer;
    OrderParams params{};
    template <class A> void fields(A& a) { a(params, "params"); }
    friend bool operator==(const QueryCandidates&, const QueryCandidates&) = default;
};

struct CandidateList {
    static constexpr MessageType kType = MessageType::CandidateList;
    static constexpr Direction kDirection = Direction::ServerToClient;
    std::vector<Candidate> candidates;
    template <class A> void fields(A& a) { a(candidates, "candidates"); }
    friend bool operator==(const CandidateList&, const CandidateList&) = default;
};

// The member's own setting: cancel its open orders when its last session ends.
struct SetCancelOnDisconnect {
    static constexpr MessageType kType = MessageType::SetCancelOnDisconnect;
    static constexpr Direction kDirection = Direction::ClientToServer;
    std::uint8_t enabled = 0;
    template <class A> void fields(A& a) { a(enabled, "enabled"); }
    friend bool operator==(const SetCancelOnDisconnect&, const SetCancelOnDisconnect&) = default;
};

// Ends a live trade early (docs/market.md, "Trade cancellation"): an admin session any
// scheduled, active or suspended trade; the buyer only while the seller cannot deliver it.
// Answered by a TradeUpdate in state cancelled, or a Result with the reason.
struct CancelTrade {
    static constexpr MessageType kType = MessageType::CancelTrade;
    static constexpr Direction kDirection = Direction::ClientToServer;
    TradeId tradeId{};
    template <class A> void fields(A& a) { a(tradeId, "trade_id"); }
    friend bool operator==(const CancelTrade&, const CancelTrade&) = default;
};

// A trade changed state (active, ended, suspended, cancelled); sent to both parties.
struct TradeUpdate {
    static constexpr MessageType kType = MessageType::TradeUpdate;
    static constexpr Direction kDirection = Direction::ServerToClient;
    TradeView trade{};
    Seq seq{};
    template <class A> void fields(A& a) { a(trade, "trade"); a(seq, "seq"); }
    friend bool operator==(const TradeUpdate&, const TradeUpdate&) = default;
};

} // namespace bwx::proto
