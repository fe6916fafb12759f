#pragma once
// Every message of the BWX member protocol (docs/protocol.md). A message is a plain struct with
// a `fields` member template listing its wire fields in order; the codec turns that list into
// both the encoder and the validating decoder, so the two can never disagree.
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "bwx/domain/destination.h"
#include "bwx/domain/ids.h"
#include "bwx/domain/order_types.h"
#include "bwx/domain/units.h"
#include "bwx/net/prefix.h"
#include "bwx/proto/result_code.h"

namespace bwx::proto {

inline constexpr std::uint16_t kProtocolVersion = 1;
inline constexpr std::uint32_t kHeaderSize = 12;
inline constexpr std::uint32_t kDefaultMaxFrameSize = 1u << 20;

enum class MessageType : std::uint16_t {
    // session
    Hello = 0x0001,
    HelloAck = 0x0002,
    Ping = 0x0003,
    Pong = 0x0004,
    Result = 0x0005,
    Goodbye = 0x0006,
    // orders and trades
    NewOrder = 0x0101,
    CancelOrder = 0x0102,
    AmendOrder = 0x0103,
    MassCancel = 0x0104,
    OrderUpdate = 0x0110,
    Fill = 0x0111,
    QueryOrders = 0x0120,
    OrderList = 0x0121,
    QueryTrades = 0x0122,
    TradeList = 0x0123,
    // market data
    SubscribeBook = 0x0201,
    BookSnapshot = 0x0202,
    BookUpdate = 0x0203,
    UnsubscribeBook = 0x0204,
    SubscribeMarketWatch = 0x0210,
    MarketWatchSnapshot = 0x0211,
    MarketWatchUpdate = 0x0212,
    QueryMembers = 0x0220,
    MemberList = 0x0221,
    // administration (admin certificate only)
    AddMember = 0x0301,
    SetMemberStatus = 0x0302,
    QueryStats = 0x0310,
    Stats = 0x0311,
    // internal: written to the journal by the exchange itself, refused from the wire
    ClockTick = 0x0401,
};

// Who may send a message.
enum class Direction : std::uint8_t { ClientToServer, ServerToClient, Internal };

// ---- shared records ------------------------------------------------------------------------

struct QualityLimits {
    std::uint32_t maxLatencyUs = 0; // average round-trip latency; 0 = no limit
    std::uint32_t maxLossPpm = 0;   // packet loss in parts per million; 0 = no limit
    std::uint8_t maxDistance = 0;   // AS-path length; 0 = no limit
    template <class A> void fields(A& a) { a(maxLatencyUs, "max_latency_us"); a(maxLossPpm, "max_loss_ppm"); a(maxDistance, "max_distance"); }
    friend bool operator==(const QualityLimits&, const QualityLimits&) = default;
};

struct RankingWeights {
    std::uint16_t price = 0, latency = 0, loss = 0, distance = 0;
    template <class A> void fields(A& a) { a(price, "w_price"); a(latency, "w_latency"); a(loss, "w_loss"); a(distance, "w_distance"); }
    friend bool operator==(const RankingWeights&, const RankingWeights&) = default;
};

// The parameters of an order as the member entered them (claim 11).
struct OrderParams {
    ClientOrderId clientOrderId{};
    Side side = Side::Buy;
    OrderType type = OrderType::Limit;
    TimeInForce timeInForce = TimeInForce::GoodTillCancel;
    Destination destination{};
    Price price{};             // limit price per Mbit/s per month; ignored for market orders
    Bandwidth capacity{};      // kbit/s, a whole number of minimum blocks
    Bandwidth minBlock{};      // kbit/s; fills are whole blocks
    Timestamp expireAt{};      // GTD only
    Timestamp deliveryStart{}; // the period the capacity is delivered in
    Timestamp deliveryEnd{};
    TrafficType trafficType = TrafficType::BestEffort;
    QualityLimits limits{};    // buy orders: what the buyer accepts
    RankingMode ranking = RankingMode::BestPrice;
    RankingWeights weights{};
    template <class A> void fields(A& a)
    {
        a(clientOrderId, "client_order_id"); a(side, "side"); a(type, "order_type");
        a(timeInForce, "time_in_force"); a(destination, "destination"); a(price, "price");
        a(capacity, "capacity"); a(minBlock, "min_block"); a(expireAt, "expire_at");
        a(deliveryStart, "delivery_start"); a(deliveryEnd, "delivery_end");
        a(trafficType, "traffic_type"); a(limits, "limits"); a(ranking, "ranking"); a(weights, "weights");
    }
    friend bool operator==(const OrderParams&, const OrderParams&) = default;
};

// An order as the exchange holds it.
struct OrderView {
    OrderId orderId{};
    MemberId member{};
    OrderParams params{};
    OrderStatus status = OrderStatus::Working;
    Bandwidth filled{};
    Bandwidth remaining{};
    ResultCode reason = ResultCode::Ok; // why it was cancelled, rejected or suspended
    Timestamp createdAt{};
    Timestamp updatedAt{};
    template <class A> void fields(A& a)
    {
        a(orderId, "order_id"); a(member, "member_id"); a(params, "params"); a(status, "status");
        a(filled, "filled"); a(remaining, "remaining"); a(reason, "reason");
        a(createdAt, "created_at"); a(updatedAt, "updated_at");
    }
    friend bool operator==(const OrderView&, const OrderView&) = default;
};

enum class TradeState : std::uint8_t { Scheduled = 1, Active = 2, Ended = 3, Suspended = 4, Cancelled = 5 };

struct TradeView {
    TradeId tradeId{};
    OrderId buyOrderId{};
    OrderId sellOrderId{};
    MemberId buyer{};
    MemberId seller{};
    Destination destination{};     // what the buyer asked for
    Destination sellDestination{}; // the seller's order destination that covers it
    Price price{};                 // the resting order's price
    Bandwidth capacity{};
    Timestamp deliveryStart{};
    Timestamp deliveryEnd{};
    Money amount{};                // price × Mbit/s × months of the delivery period
    Timestamp executedAt{};
    TradeState state = TradeState::Scheduled;
    template <class A> void fields(A& a)
    {
        a(tradeId, "trade_id"); a(buyOrderId, "buy_order_id"); a(sellOrderId, "sell_order_id");
        a(buyer, "buyer"); a(seller, "seller"); a(destination, "destination");
        a(sellDestination, "sell_destination"); a(price, "price"); a(capacity, "capacity");
        a(deliveryStart, "delivery_start"); a(deliveryEnd, "delivery_end"); a(amount, "amount");
        a(executedAt, "executed_at"); a(state, "state");
    }
    friend bool operator==(const TradeView&, const TradeView&) = default;
};

// One order in an effective book ("market by order"). Members are not disclosed.
struct BookEntry {
    OrderId orderId{};
    Side side = Side::Buy;
    net::Prefix prefix{};     // the order's own prefix (may cover the book's prefix)
    Price price{};
    Bandwidth remaining{};
    Bandwidth minBlock{};
    Timestamp deliveryStart{};
    Timestamp deliveryEnd{};
    TrafficType trafficType = TrafficType::BestEffort;
    std::uint32_t latencyUs = 0; // sells: the seller's measured quality toward the book's prefix;
    std::uint32_t lossPpm = 0;   // 0 with qualityKnown = 0 when not measured yet
    std::uint8_t distance = 0;
    std::uint8_t qualityKnown = 0;
    Timestamp createdAt{};       // time priority
    template <class A> void fields(A& a)
    {
        a(orderId, "order_id"); a(side, "side"); a(prefix, "prefix"); a(price, "price");
        a(remaining, "remaining"); a(minBlock, "min_block"); a(deliveryStart, "delivery_start");
        a(deliveryEnd, "delivery_end"); a(trafficType, "traffic_type"); a(latencyUs, "latency_us");
        a(lossPpm, "loss_ppm"); a(distance, "distance"); a(qualityKnown, "quality_known");
        a(createdAt, "created_at");
    }
    friend bool operator==(const BookEntry&, const BookEntry&) = default;
};

enum class BookAction : std::uint8_t { Add = 1, Modify = 2, Remove = 3 };

struct BookChange {
    BookAction action = BookAction::Add;
    BookEntry entry{};
    template <class A> void fields(A& a) { a(action, "action"); a(entry, "entry"); }
    friend bool operator==(const BookChange&, const BookChange&) = default;
};

struct WatchRow {
    net::Prefix prefix{};
    Price bestBid{};        // 0 with bidOrders == 0 when there is none
    Bandwidth bidDepth{};
    std::uint32_t bidOrders = 0;
    Price bestAsk{};
    Bandwidth askDepth{};
    std::uint32_t askOrders = 0;
    Price lastPrice{};
    Timestamp lastTradeAt{};
    template <class A> void fields(A& a)
    {
        a(prefix, "prefix"); a(bestBid, "best_bid"); a(bidDepth, "bid_depth"); a(bidOrders, "bid_orders");
        a(bestAsk, "best_ask"); a(askDepth, "ask_depth"); a(askOrders, "ask_orders");
        a(lastPrice, "last_price"); a(lastTradeAt, "last_trade_at");
    }
    friend bool operator==(const WatchRow&, const WatchRow&) = default;
};

enum class MemberStatus : std::uint8_t { Active = 1, Suspended = 2 };

struct MemberView {
    MemberId id{};
    std::string name;        // short handle, also the certificate identity
    std::string displayName;
    std::uint32_t asn = 0;
    Bandwidth portCapacity{};
    MemberStatus status = MemberStatus::Active;
    template <class A> void fields(A& a)
    {
        a(id, "member_id"); a(name, "name"); a(displayName, "display_name"); a(asn, "asn");
        a(portCapacity, "port_capacity"); a(status, "status");
    }
    friend bool operator==(const MemberView&, const MemberView&) = default;
};

// ---- session -------------------------------------------------------------------------------

struct Hello {
    static constexpr MessageType kType = MessageType::Hello;
    static constexpr Direction kDirection = Direction::ClientToServer;
    std::uint16_t protocolVersion = kProtocolVersion;
    std::string clientName;
    template <class A> void fields(A& a) { a(protocolVersion, "protocol_version"); a(clientName, "client_name"); }
    friend bool operator==(const Hello&, const Hello&) = default;
};

struct HelloAck {
    static constexpr MessageType kType = MessageType::HelloAck;
    static constexpr Direction kDirection = Direction::ServerToClient;
    std::uint16_t protocolVersion = kProtocolVersion;
    MemberId member{};
    std::string memberName;
    Role role = Role::Member;
    Timestamp serverTime{};
    std::uint32_t maxFrameSize = kDefaultMaxFrameSize;
    std::uint16_t heartbeatSeconds = 0; // the client should send Ping at least this often
    template <class A> void fields(A& a)
    {
        a(protocolVersion, "protocol_version"); a(member, "member_id"); a(memberName, "member_name");
        a(role, "role"); a(serverTime, "server_time"); a(maxFrameSize, "max_frame_size");
        a(heartbeatSeconds, "heartbeat_seconds");
    }
    friend bool operator==(const HelloAck&, const HelloAck&) = default;
};

struct Ping {
    static constexpr MessageType kType = MessageType::Ping;
    static constexpr Direction kDirection = Direction::ClientToServer;
    std::uint64_t token = 0;
    template <class A> void fields(A& a) { a(token, "token"); }
    friend bool operator==(const Ping&, const Ping&) = default;
};

struct Pong {
    static constexpr MessageType kType = MessageType::Pong;
    static constexpr Direction kDirection = Direction::ServerToClient;
    std::uint64_t token = 0;
    Timestamp serverTime{};
    template <class A> void fields(A& a) { a(token, "token"); a(serverTime, "server_time"); }
    friend bool operator==(const Pong&, const Pong&) = default;
};

// The answer to a request that has no other reply, or that failed.
struct Result {
    static constexpr MessageType kType = MessageType::Result;
    static constexpr Direction kDirection = Direction::ServerToClient;
    ResultCode code = ResultCode::Ok;
    std::string message;
    template <class A> void fields(A& a) { a(code, "code"); a(message, "message"); }
    friend bool operator==(const Result&, const Result&) = default;
};

// Sent before the server closes the session.
struct Goodbye {
    static constexpr MessageType kType = MessageType::Goodbye;
    static constexpr Direction kDirection = Direction::ServerToClient;
    ResultCode code = ResultCode::Ok;
    std::string reason;
    template <class A> void fields(A& a) { a(code, "code"); a(reason, "reason"); }
    friend bool operator==(const Goodbye&, const Goodbye&) = default;
};

// ---- orders --------------------------------------------------------------------------------

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

// ---- market data ---------------------------------------------------------------------------

// The effective book of a prefix: sells on the prefix or any covering prefix (they can serve
// it) and buys on the prefix or any more specific one (a sell on the prefix can serve them).
struct SubscribeBook {
    static constexpr MessageType kType = MessageType::SubscribeBook;
    static constexpr Direction kDirection = Direction::ClientToServer;
    net::Prefix prefix{};
    template <class A> void fields(A& a) { a(prefix, "prefix"); }
    friend bool operator==(const SubscribeBook&, const SubscribeBook&) = default;
};

struct UnsubscribeBook {
    static constexpr MessageType kType = MessageType::UnsubscribeBook;
    static constexpr Direction kDirection = Direction::ClientToServer;
    net::Prefix prefix{};
    template <class A> void fields(A& a) { a(prefix, "prefix"); }
    friend bool operator==(const UnsubscribeBook&, const UnsubscribeBook&) = default;
};

// bookSeq numbers the prefix's stream: the first update after a snapshot has bookSeq + 1.
// A client that sees a gap subscribes again and gets a fresh snapshot.
struct BookSnapshot {
    static constexpr MessageType kType = MessageType::BookSnapshot;
    static constexpr Direction kDirection = Direction::ServerToClient;
    net::Prefix prefix{};
    std::uint64_t bookSeq = 0;
    std::vector<BookEntry> entries;
    template <class A> void fields(A& a) { a(prefix, "prefix"); a(bookSeq, "book_seq"); a(entries, "entries"); }
    friend bool operator==(const BookSnapshot&, const BookSnapshot&) = default;
};

struct BookUpdate {
    static constexpr MessageType kType = MessageType::BookUpdate;
    static constexpr Direction kDirection = Direction::ServerToClient;
    net::Prefix prefix{};
    std::uint64_t bookSeq = 0;
    std::vector<BookChange> changes;
    template <class A> void fields(A& a) { a(prefix, "prefix"); a(bookSeq, "book_seq"); a(changes, "changes"); }
    friend bool operator==(const BookUpdate&, const BookUpdate&) = default;
};

struct SubscribeMarketWatch {
    static constexpr MessageType kType = MessageType::SubscribeMarketWatch;
    static constexpr Direction kDirection = Direction::ClientToServer;
    template <class A> void fields(A&) {}
    friend bool operator==(const SubscribeMarketWatch&, const SubscribeMarketWatch&) = default;
};

// One row per prefix that has orders, computed on its effective book. Updates carry changed
// rows only; a row with no bids and no asks means the prefix left the market watch.
struct MarketWatchSnapshot {
    static constexpr MessageType kType = MessageType::MarketWatchSnapshot;
    static constexpr Direction kDirection = Direction::ServerToClient;
    std::uint64_t watchSeq = 0;
    std::vector<WatchRow> rows;
    template <class A> void fields(A& a) { a(watchSeq, "watch_seq"); a(rows, "rows"); }
    friend bool operator==(const MarketWatchSnapshot&, const MarketWatchSnapshot&) = default;
};

struct MarketWatchUpdate {
    static constexpr MessageType kType = MessageType::MarketWatchUpdate;
    static constexpr Direction kDirection = Direction::ServerToClient;
    std::uint64_t watchSeq = 0;
    std::vector<WatchRow> rows;
    template <class A> void fields(A& a) { a(watchSeq, "watch_seq"); a(rows, "rows"); }
    friend bool operator==(const MarketWatchUpdate&, const MarketWatchUpdate&) = default;
};

struct QueryMembers {
    static constexpr MessageType kType = MessageType::QueryMembers;
    static constexpr Direction kDirection = Direction::ClientToServer;
    template <class A> void fields(A&) {}
    friend bool operator==(const QueryMembers&, const QueryMembers&) = default;
};

// Members see every member's id, name, display name and ASN; port capacity only of themselves
// (admins see everything).
struct MemberList {
    static constexpr MessageType kType = MessageType::MemberList;
    static constexpr Direction kDirection = Direction::ServerToClient;
    std::vector<MemberView> members;
    template <class A> void fields(A& a) { a(members, "members"); }
    friend bool operator==(const MemberList&, const MemberList&) = default;
};

// ---- administration ------------------------------------------------------------------------

// Answered with MemberList holding the new member.
struct AddMember {
    static constexpr MessageType kType = MessageType::AddMember;
    static constexpr Direction kDirection = Direction::ClientToServer;
    std::string name;
    std::string displayName;
    std::uint32_t asn = 0;
    Bandwidth portCapacity{};
    template <class A> void fields(A& a) { a(name, "name"); a(displayName, "display_name"); a(asn, "asn"); a(portCapacity, "port_capacity"); }
    friend bool operator==(const AddMember&, const AddMember&) = default;
};

struct SetMemberStatus {
    static constexpr MessageType kType = MessageType::SetMemberStatus;
    static constexpr Direction kDirection = Direction::ClientToServer;
    MemberId member{};
    MemberStatus status = MemberStatus::Active;
    template <class A> void fields(A& a) { a(member, "member_id"); a(status, "status"); }
    friend bool operator==(const SetMemberStatus&, const SetMemberStatus&) = default;
};

struct QueryStats {
    static constexpr MessageType kType = MessageType::QueryStats;
    static constexpr Direction kDirection = Direction::ClientToServer;
    template <class A> void fields(A&) {}
    friend bool operator==(const QueryStats&, const QueryStats&) = default;
};

struct Stats {
    static constexpr MessageType kType = MessageType::Stats;
    static constexpr Direction kDirection = Direction::ServerToClient;
    Seq lastSeq{};
    std::uint64_t stateHash = 0;
    std::uint32_t sessions = 0;
    std::uint64_t openOrders = 0;
    std::uint64_t trades = 0;
    std::uint32_t members = 0;
    std::uint64_t journalBatches = 0;
    Timestamp startedAt{};
    template <class A> void fields(A& a)
    {
        a(lastSeq, "last_seq"); a(stateHash, "state_hash"); a(sessions, "sessions");
        a(openOrders, "open_orders"); a(trades, "trades"); a(members, "members");
        a(journalBatches, "journal_batches"); a(startedAt, "started_at");
    }
    friend bool operator==(const Stats&, const Stats&) = default;
};

// ---- internal ------------------------------------------------------------------------------

// The market's clock: expiries and delivery starts/ends happen only when a tick is sequenced,
// so a replay sees them at exactly the same point in the command stream.
struct ClockTick {
    static constexpr MessageType kType = MessageType::ClockTick;
    static constexpr Direction kDirection = Direction::Internal;
    template <class A> void fields(A&) {}
    friend bool operator==(const ClockTick&, const ClockTick&) = default;
};

using Message = std::variant<
    Hello, HelloAck, Ping, Pong, Result, Goodbye,
    NewOrder, CancelOrder, AmendOrder, MassCancel, OrderUpdate, Fill,
    QueryOrders, OrderList, QueryTrades, TradeList,
    SubscribeBook, UnsubscribeBook, BookSnapshot, BookUpdate,
    SubscribeMarketWatch, MarketWatchSnapshot, MarketWatchUpdate, QueryMembers, MemberList,
    AddMember, SetMemberStatus, QueryStats, Stats,
    ClockTick>;

MessageType typeOf(const Message&);
Direction directionOf(MessageType);
// "new_order", "book_snapshot", ...; "unknown" for values outside the catalogue.
std::string_view name(MessageType);
bool isKnownType(std::uint16_t raw);

} // namespace bwx::proto
