#include "bwx/proto/result_code.h"

namespace bwx::proto {

namespace {
struct CodeInfo {
    ResultCode code;
    std::string_view name;
    std::string_view text;
};

constexpr CodeInfo kCodes[] = {
    {ResultCode::Ok, "ok", "success"},
    {ResultCode::FrameTooLarge, "frame_too_large", "the frame is larger than the negotiated maximum"},
    {ResultCode::FrameTooShort, "frame_too_short", "the frame length is smaller than the 12-byte header"},
    {ResultCode::BadReservedBits, "bad_reserved_bits", "reserved header flags are not zero"},
    {ResultCode::UnknownMessageType, "unknown_message_type", "the message type is not defined in this protocol version"},
    {ResultCode::MalformedMessage, "malformed_message", "the message body does not match the fields of its type"},
    {ResultCode::InvalidFieldValue, "invalid_field_value", "a field holds a value outside its defined range"},
    {ResultCode::UnexpectedMessage, "unexpected_message", "this message type may not be sent by a client"},
    {ResultCode::HelloRequired, "hello_required", "the first message of a session must be Hello"},
    {ResultCode::UnsupportedVersion, "unsupported_version", "the protocol version is not supported"},
    {ResultCode::Forbidden, "forbidden", "not permitted for this identity"},
    {ResultCode::MemberSuspended, "member_suspended", "the member is suspended"},
    {ResultCode::RateLimited, "rate_limited", "too many messages; slow down"},
    {ResultCode::NotSubscribed, "not_subscribed", "there is no such subscription"},
    {ResultCode::SubscriptionLimit, "subscription_limit", "too many subscriptions on this session"},
    {ResultCode::SlowConsumer, "slow_consumer", "the client did not read its messages fast enough"},
    {ResultCode::IdleTimeout, "idle_timeout", "nothing was received within the idle deadline"},
    {ResultCode::DuplicateSession, "duplicate_session", "this identity already has the maximum number of sessions"},
    {ResultCode::InvalidPrice, "invalid_price", "the price is missing, negative or out of range"},
    {ResultCode::InvalidCapacity, "invalid_capacity", "the capacity is missing, negative or out of range"},
    {ResultCode::InvalidMinBlock, "invalid_min_block", "the minimum block is missing, negative or larger than the capacity"},
    {ResultCode::CapacityNotMultipleOfBlock, "capacity_not_multiple_of_block", "the capacity is not a whole number of minimum blocks"},
    {ResultCode::InvalidDestination, "invalid_destination", "the destination is not valid for this order"},
    {ResultCode::InvalidTimeInForce, "invalid_time_in_force", "the time in force does not fit the order type"},
    {ResultCode::InvalidExpiry, "invalid_expiry", "the expiry time is missing or not in the future"},
    {ResultCode::InvalidDeliveryPeriod, "invalid_delivery_period", "the delivery period is empty or ends in the past"},
    {ResultCode::DuplicateClientOrderId, "duplicate_client_order_id", "the client order id was already used for a different order"},
    {ResultCode::UnknownOrder, "unknown_order", "no such order among this member's orders"},
    {ResultCode::OrderNotActive, "order_not_active", "the order is already filled, cancelled or expired"},
    {ResultCode::InvalidAmend, "invalid_amend", "the amendment changes nothing or is not allowed"},
    {ResultCode::InvalidTrafficType, "invalid_traffic_type", "the traffic type is not valid for this side"},
    {ResultCode::InvalidQualityLimit, "invalid_quality_limit", "a quality limit is out of range"},
    {ResultCode::InvalidRanking, "invalid_ranking", "the ranking mode or weights are not valid"},
    {ResultCode::OrderTooLarge, "order_too_large", "the order exceeds the member's per-order limit"},
    {ResultCode::ExposureLimit, "exposure_limit", "the order would exceed the member's open-exposure limit"},
    {ResultCode::NoLiquidity, "no_liquidity", "nothing to trade against"},
    {ResultCode::FillOrKillNotFilled, "fill_or_kill_not_filled", "the fill-or-kill order could not be filled completely"},
    {ResultCode::SelfTradePrevented, "self_trade_prevented", "the order would have traded with the member's own order"},
    {ResultCode::PortCapacityExceeded, "port_capacity_exceeded", "the port has no capacity left for this trade"},
    {ResultCode::DestinationNotDeliverable, "destination_not_deliverable", "the seller holds no valid route for this destination"},
    {ResultCode::Expired, "expired", "the order expired"},
    {ResultCode::MarketClosed, "market_closed", "the market is not accepting orders"},
    {ResultCode::PriceNotCrossing, "price_not_crossing", "the sell's price is above the buy's limit"},
    {ResultCode::LatencyAboveLimit, "latency_above_limit", "the seller's measured latency is above the buyer's limit"},
    {ResultCode::LossAboveLimit, "loss_above_limit", "the seller's measured packet loss is above the buyer's limit"},
    {ResultCode::DistanceAboveLimit, "distance_above_limit", "the seller's AS-path length is above the buyer's limit"},
    {ResultCode::QualityUnknown, "quality_unknown", "the buyer has a quality limit and the seller's quality is not measured"},
    {ResultCode::PeriodNotOverlapping, "period_not_overlapping", "the delivery periods do not overlap"},
    {ResultCode::TrafficTypeMismatch, "traffic_type_mismatch", "the sell carries another traffic type"},
    {ResultCode::BlockIncompatible, "block_incompatible", "no whole number of both minimum blocks fits"},
    {ResultCode::OwnOrder, "own_order", "the order is the member's own"},
    {ResultCode::CapacityNotAvailable, "capacity_not_available", "the sell's capacity is already committed for part of the period"},
    {ResultCode::NotCovering, "not_covering", "the sell's destination does not cover the buy's"},
    {ResultCode::TradeNotCancellable, "trade_not_cancellable", "the trade is over, already cancelled, or not the sender's to cancel now"},
    {ResultCode::InternalError, "internal_error", "internal error"},
    {ResultCode::JournalUnavailable, "journal_unavailable", "the journal failed; the exchange stopped accepting commands"},
    {ResultCode::ShuttingDown, "shutting_down", "the exchange is shutting down"},
    {ResultCode::Overloaded, "overloaded", "the exchange is overloaded; try again"},
    {ResultCode::MemberExists, "member_exists", "a member with this name already exists"},
    {ResultCode::UnknownMember, "unknown_member", "no such member"},
    {ResultCode::InvalidMemberName, "invalid_member_name", "member names are 1-32 characters: lower-case letters, digits, - and _"},
    {ResultCode::InvalidAsn, "invalid_asn", "the AS number is not valid"},
    {ResultCode::InvalidPortCapacity, "invalid_port_capacity", "the port capacity must be positive"},
    {ResultCode::InvalidLimits, "invalid_limits", "a member limit is negative or out of range"},
    {ResultCode::InvalidImport, "invalid_import", "the imported file is malformed; nothing of it was applied"},
    {ResultCode::UnknownTrade, "unknown_trade", "no such trade among this member's trades"},
    {ResultCode::NoData, "no_data", "nothing is recorded for that period or object"},
    {ResultCode::ServiceUnavailable, "service_unavailable", "that part of the exchange is not configured on this server"},
    {ResultCode::UsageOverCapacity, "usage_over_capacity", "the trade's measured usage is above its traded capacity"},
    {ResultCode::UsageUnderCapacity, "usage_under_capacity", "the trade's measured usage is well below its traded capacity"},
};

const CodeInfo* find(ResultCode c)
{
    for (const auto& info : kCodes) {
        if (info.code == c)
            return &info;
    }
    return nullptr;
}
} // namespace

std::string_view name(ResultCode c)
{
    const auto* info = find(c);
    return info ? info->name : std::string_view("unknown");
}

std::string_view describe(ResultCode c)
{
    const auto* info = find(c);
    return info ? info->text : std::string_view("unknown result code");
}

bool isKnown(std::uint16_t rawCode)
{
    return find(static_cast<ResultCode>(rawCode)) != nullptr;
}

} // namespace bwx::proto
