#pragma once
// Records shared by several messages: order parameters and views, trades, book entries,
// market-watch rows, members.
#include <cstdint>
#include <string>
#include <vector>
#include "bwx/domain/destination.h"
#include "bwx/domain/ids.h"
#include "bwx/domain/order_types.h"
#include "bwx/domain/units.h"
#include "bwx/net/prefix.h"
#include "bwx/proto/result_code.h"

namespace bwx::proto {

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

// Per-member risk limits and settings, enforced by the market before matching. Zero means
// "the exchange default" for each limit.
struct MemberLimits {
    Bandwidth maxOrderCapacity{};       // per order
    Money maxOpenExposure{};            // sum over open buy orders of price × capacity × period
    std::uint32_t maxMessagesPerSecond = 0;
    std::uint8_t cancelOnDisconnect = 0; // cancel open orders when the member's last session ends
    template <class A> void fields(A& a)
    {
        a(maxOrderCapacity, "max_order_capacity"); a(maxOpenExposure, "max_open_exposure");
        a(maxMessagesPerSecond, "max_messages_per_second"); a(cancelOnDisconnect, "cancel_on_disconnect");
    }
    friend bool operator==(const MemberLimits&, const MemberLimits&) = default;
};

struct MemberView {
    MemberId id{};
    std::string name;        // short handle, also the certificate identity
    std::string displayName;
    std::uint32_t asn = 0;
    Bandwidth portCapacity{};
    MemberStatus status = MemberStatus::Active;
    Bandwidth portUsed{};     // committed by scheduled and active trades (own member / admins)
    MemberLimits limits{};    // own member / admins only
    template <class A> void fields(A& a)
    {
        a(id, "member_id"); a(name, "name"); a(displayName, "display_name"); a(asn, "asn");
        a(portCapacity, "port_capacity"); a(status, "status"); a(portUsed, "port_used"); a(limits, "limits");
    }
    friend bool operator==(const MemberView&, const MemberView&) = default;
};

// Market-wide settings that change what the engine decides. They are journaled (ConfigureMarket)
// rather than read from the configuration at start-up, so a replay decides exactly as the live
// market did. 0 = the engine's built-in default.
struct MarketSettings {
    std::uint8_t requireRoutes = 1;          // sells only for destinations the seller can deliver
    std::uint32_t maxOpenOrdersPerMember = 0;
    Bandwidth maxOrderCapacity{};
    template <class A> void fields(A& a)
    {
        a(requireRoutes, "require_routes"); a(maxOpenOrdersPerMember, "max_open_orders_per_member");
        a(maxOrderCapacity, "max_order_capacity");
    }
    friend bool operator==(const MarketSettings&, const MarketSettings&) = default;
};

// ---- records of the routing, quality and settlement messages ----

enum class BgpState : std::uint8_t { Idle = 1, Connect = 2, Active = 3, OpenSent = 4, OpenConfirm = 5, Established = 6 };
enum class ValidationState : std::uint8_t { NotChecked = 0, Valid = 1, Invalid = 2, NotFound = 3 };
enum class RouteAction : std::uint8_t { Announce = 1, Withdraw = 2 };
// What an exported route is: the seller's route sent to the buyer, or the buyer's prefix sent
// to the seller so it can admit and police the traffic.
enum class ExportRole : std::uint8_t { SellerRouteToBuyer = 1, BuyerPrefixToSeller = 2 };
enum class QualityState : std::uint8_t { Unknown = 0, Fresh = 1, Stale = 2, Unreachable = 3 };
enum class QualitySource : std::uint8_t { Probe = 1, RipeAtlas = 2, Irtt = 3, Csv = 4 };
enum class QualityGranularity : std::uint8_t { Raw = 0, FiveMinutes = 1, Hour = 2, Day = 3 };
enum class MeasurementFormat : std::uint8_t { RipeAtlas = 1, Irtt = 2, Csv = 3 };
enum class DocumentFormat : std::uint8_t { Csv = 1, Pdf = 2 };
// RFC 8092 large community global:local1:local2.
struct LargeCommunity {
    std::uint32_t global = 0;
    std::uint32_t local1 = 0;
    std::uint32_t local2 = 0;
    template <class A> void fields(A& a) { a(global, "global"); a(local1, "local1"); a(local2, "local2"); }
    friend bool operator==(const LargeCommunity&, const LargeCommunity&) = default;
};

// A sell order considered for a buy (claim 24): its quality toward the buy's destination, the
// buyer's ranking score (lower is better), its rank among the eligible ones (1 = best, 0 = not
// eligible) and, when not eligible, why.
struct Candidate {
    BookEntry entry{};
    std::int64_t score = 0;
    std::uint32_t rank = 0;
    ResultCode reason = ResultCode::Ok;
    std::string explanation;
    template <class A> void fields(A& a) { a(entry, "entry"); a(score, "score"); a(rank, "rank"); a(reason, "reason"); a(explanation, "explanation"); }
    friend bool operator==(const Candidate&, const Candidate&) = default;
};

// One BGP session of a member's router with the route server.
struct BgpSessionView {
    MemberId member{};
    std::string peerAddress;
    std::uint32_t peerAsn = 0;
    BgpState state = BgpState::Idle;
    Timestamp stateSince{};
    std::uint32_t prefixesReceived = 0;
    std::uint32_t prefixesAccepted = 0;
    std::uint32_t prefixesRejected = 0;
    std::uint64_t updatesIn = 0;
    std::uint64_t updatesOut = 0;
    std::string lastError;
    template <class A> void fields(A& a) { a(member, "member_id"); a(peerAddress, "peer_address"); a(peerAsn, "peer_asn"); a(state, "state"); a(stateSince, "state_since"); a(prefixesReceived, "prefixes_received"); a(prefixesAccepted, "prefixes_accepted"); a(prefixesRejected, "prefixes_rejected"); a(updatesIn, "updates_in"); a(updatesOut, "updates_out"); a(lastError, "last_error"); }
    friend bool operator==(const BgpSessionView&, const BgpSessionView&) = default;
};

// A route a member announces, as the registry holds it: valid or rejected with the reason,
// and whether the member may sell it.
struct RouteView {
    MemberId member{};
    std::string peerAddress;
    net::Prefix prefix{};
    std::string nextHop;
    std::vector<std::uint32_t> asPath;
    std::vector<std::uint32_t> communities;
    std::vector<LargeCommunity> largeCommunities;
    RouteClass routeClass = RouteClass::Customer;
    std::uint8_t valid = 0;
    std::uint16_t reasonCode = 0;
    std::string reason;
    ValidationState rpki = ValidationState::NotChecked;
    ValidationState irr = ValidationState::NotChecked;
    std::uint8_t sellable = 0;
    template <class A> void fields(A& a) { a(member, "member_id"); a(peerAddress, "peer_address"); a(prefix, "prefix"); a(nextHop, "next_hop"); a(asPath, "as_path"); a(communities, "communities"); a(largeCommunities, "large_communities"); a(routeClass, "route_class"); a(valid, "valid"); a(reasonCode, "reason_code"); a(reason, "reason"); a(rpki, "rpki"); a(irr, "irr"); a(sellable, "sellable"); }
    friend bool operator==(const RouteView&, const RouteView&) = default;
};

// A route the arbiter announces to a member because of a trade.
struct ExportView {
    MemberId receiver{};
    ExportRole role = ExportRole::SellerRouteToBuyer;
    net::Prefix prefix{};
    std::string nextHop;
    std::vector<std::uint32_t> asPath;
    std::vector<LargeCommunity> largeCommunities;
    TradeId trade{};
    MemberId counterparty{};
    template <class A> void fields(A& a) { a(receiver, "receiver"); a(role, "role"); a(prefix, "prefix"); a(nextHop, "next_hop"); a(asPath, "as_path"); a(largeCommunities, "large_communities"); a(trade, "trade_id"); a(counterparty, "counterparty"); }
    friend bool operator==(const ExportView&, const ExportView&) = default;
};

// One point of a quality time series (raw measurement or a rollup interval starting at `time`).
struct QualityPoint {
    MemberId seller{};
    net::Prefix destination{};
    Timestamp time{};
    std::uint32_t latencyP50Us = 0;
    std::uint32_t latencyP95Us = 0;
    std::uint32_t lossPpm = 0;
    std::uint32_t jitterUs = 0;
    std::uint32_t samples = 0;
    QualitySource source = QualitySource::Probe;
    template <class A> void fields(A& a) { a(seller, "seller"); a(destination, "destination"); a(time, "time"); a(latencyP50Us, "latency_p50_us"); a(latencyP95Us, "latency_p95_us"); a(lossPpm, "loss_ppm"); a(jitterUs, "jitter_us"); a(samples, "samples"); a(source, "source"); }
    friend bool operator==(const QualityPoint&, const QualityPoint&) = default;
};

// The current quality figure of a seller toward a destination.
struct QualityCell {
    MemberId seller{};
    net::Prefix destination{};
    std::uint32_t latencyUs = 0;
    std::uint32_t lossPpm = 0;
    std::uint32_t jitterUs = 0;
    std::uint8_t distance = 0;
    QualityState state = QualityState::Unknown;
    QualitySource source = QualitySource::Probe;
    Timestamp measuredAt{};
    template <class A> void fields(A& a) { a(seller, "seller"); a(destination, "destination"); a(latencyUs, "latency_us"); a(lossPpm, "loss_ppm"); a(jitterUs, "jitter_us"); a(distance, "distance"); a(state, "state"); a(source, "source"); a(measuredAt, "measured_at"); }
    friend bool operator==(const QualityCell&, const QualityCell&) = default;
};

// A change of a member's deliverable routes, as the market sees it: only valid, sellable routes.
struct RouteChange {
    RouteAction action = RouteAction::Announce;
    net::Prefix prefix{};
    RouteClass routeClass = RouteClass::Customer;
    std::uint32_t originAsn = 0;
    std::uint8_t pathLength = 0;
    template <class A> void fields(A& a) { a(action, "action"); a(prefix, "prefix"); a(routeClass, "route_class"); a(originAsn, "origin_asn"); a(pathLength, "path_length"); }
    friend bool operator==(const RouteChange&, const RouteChange&) = default;
};

// The quality figure the market uses for a seller toward a destination.
struct QualityFigure {
    MemberId seller{};
    net::Prefix destination{};
    std::uint32_t latencyUs = 0;
    std::uint32_t lossPpm = 0;
    std::uint32_t jitterUs = 0;
    QualityState state = QualityState::Unknown;
    template <class A> void fields(A& a) { a(seller, "seller"); a(destination, "destination"); a(latencyUs, "latency_us"); a(lossPpm, "loss_ppm"); a(jitterUs, "jitter_us"); a(state, "state"); }
    friend bool operator==(const QualityFigure&, const QualityFigure&) = default;
};

// A 5-minute usage sample of a trade: forward = buyer toward the traded destination through
// the seller (the billed direction), reverse = the return traffic.
struct UsageSample {
    Timestamp binStart{};
    Bandwidth rateForward{};
    Bandwidth rateReverse{};
    std::uint64_t bytesForward = 0;
    std::uint64_t bytesReverse = 0;
    template <class A> void fields(A& a) { a(binStart, "bin_start"); a(rateForward, "rate_forward"); a(rateReverse, "rate_reverse"); a(bytesForward, "bytes_forward"); a(bytesReverse, "bytes_reverse"); }
    friend bool operator==(const UsageSample&, const UsageSample&) = default;
};

// One trade on a member's statement for a billing period. role Buy = the member pays.
struct StatementLine {
    TradeId trade{};
    Side role = Side::Buy;
    Destination destination{};
    MemberId counterparty{};
    std::string counterpartyName;
    Timestamp periodStart{};
    Timestamp periodEnd{};
    Bandwidth committed{};
    Bandwidth p95{};
    Price price{};
    Money amount{};
    Money overage{};
    Money credits{};
    Money total{};
    // When the trade was cancelled (its delivery cut short, billed up to then); zero when it
    // was not. A statement for a month before the cancellation shows it too.
    Timestamp cancelledAt{};
    template <class A> void fields(A& a) { a(trade, "trade_id"); a(role, "role"); a(destination, "destination"); a(counterparty, "counterparty"); a(counterpartyName, "counterparty_name"); a(periodStart, "period_start"); a(periodEnd, "period_end"); a(committed, "committed"); a(p95, "p95"); a(price, "price"); a(amount, "amount"); a(overage, "overage"); a(credits, "credits"); a(total, "total"); a(cancelledAt, "cancelled_at"); }
    friend bool operator==(const StatementLine&, const StatementLine&) = default;
};

// Flow traffic the collector could not attribute to any trade, for one reason
// ("unknown-buyer", "no-trade-for-destination", ... see docs/settlement.md).
struct UnattributedView {
    std::string reason;
    std::uint64_t flows = 0;
    std::uint64_t bytes = 0;
    template <class A> void fields(A& a) { a(reason, "reason"); a(flows, "flows"); a(bytes, "bytes"); }
    friend bool operator==(const UnattributedView&, const UnattributedView&) = default;
};

// Counters of one flow exporter as the collector sees it.
struct ExporterStatsView {
    std::string exporter;
    std::string protocol;
    std::uint64_t datagrams = 0;
    std::uint64_t records = 0;
    std::uint64_t bytes = 0;
    std::uint64_t dropped = 0;
    std::uint64_t sequenceGaps = 0;
    std::uint64_t duplicates = 0;
    std::string lastError;
    template <class A> void fields(A& a) { a(exporter, "exporter"); a(protocol, "protocol"); a(datagrams, "datagrams"); a(records, "records"); a(bytes, "bytes"); a(dropped, "dropped"); a(sequenceGaps, "sequence_gaps"); a(duplicates, "duplicates"); a(lastError, "last_error"); }
    friend bool operator==(const ExporterStatsView&, const ExporterStatsView&) = default;
};

} // namespace bwx::proto
