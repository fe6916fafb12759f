#pragma once
// One result-code enum for the whole system, shared over the wire by backend, terminal and
// bwxctl. Grouped by subsystem in blocks of 100; values are wire values: append, never renumber.
#include <cstdint>
#include <string_view>

namespace bwx::proto {

enum class ResultCode : std::uint16_t {
    Ok = 0,

    // 1xx framing. The frame boundary is lost or untrustworthy: the server sends Goodbye and
    // closes the connection.
    FrameTooLarge = 100,     // length field above the negotiated maximum
    FrameTooShort = 101,     // length field smaller than the 12-byte header (includes zero)
    BadReservedBits = 102,   // header flags must be zero

    // 15x message decoding. The frame is intact, so the server answers and keeps the session.
    UnknownMessageType = 150,
    MalformedMessage = 151,  // body shorter or longer than the message's fields
    InvalidFieldValue = 152, // an enum or flag outside its defined values
    UnexpectedMessage = 153, // a server-to-client or internal type sent by a client

    // 2xx session and authorisation
    HelloRequired = 200,       // first message must be Hello
    UnsupportedVersion = 201,
    Forbidden = 202,           // admin command from a member, or someone else's order
    MemberSuspended = 203,
    RateLimited = 204,
    NotSubscribed = 205,
    SubscriptionLimit = 206,
    SlowConsumer = 207,        // outbound queue overflowed; the session is closed
    IdleTimeout = 208,
    DuplicateSession = 209,

    // 3xx order validation: nothing changed
    InvalidPrice = 300,
    InvalidCapacity = 301,
    InvalidMinBlock = 302,
    CapacityNotMultipleOfBlock = 303,
    InvalidDestination = 304,
    InvalidTimeInForce = 305,
    InvalidExpiry = 306,
    InvalidDeliveryPeriod = 307,
    DuplicateClientOrderId = 308, // same id, different content (identical content is idempotent)
    UnknownOrder = 309,           // also answered for other members' orders: ids are not probed
    OrderNotActive = 310,         // already filled, cancelled or expired
    InvalidAmend = 311,
    InvalidTrafficType = 312,
    InvalidQualityLimit = 313,
    InvalidRanking = 314,
    OrderTooLarge = 315,          // above the member's per-order limit
    ExposureLimit = 316,          // above the member's open-exposure limit

    // 4xx market outcomes
    NoLiquidity = 400,            // market / IOC order found nothing to trade against
    FillOrKillNotFilled = 401,
    SelfTradePrevented = 402,
    PortCapacityExceeded = 403,
    DestinationNotDeliverable = 404, // seller holds no valid route for the destination
    Expired = 405,
    MarketClosed = 406,
    // 407-419: why a sell order is not a candidate for a buy (candidate lists, TakeOrder)
    PriceNotCrossing = 407,
    LatencyAboveLimit = 408,
    LossAboveLimit = 409,
    DistanceAboveLimit = 410,
    QualityUnknown = 411,          // the buyer set a quality limit and the seller is not measured
    PeriodNotOverlapping = 412,
    TrafficTypeMismatch = 413,
    BlockIncompatible = 414,
    OwnOrder = 415,
    CapacityNotAvailable = 416,    // the sell's capacity is committed for part of the period
    NotCovering = 417,             // the sell's destination does not cover the buy's
    TradeNotCancellable = 420,     // over, already cancelled, or not the sender's to cancel now

    // 5xx server
    InternalError = 500,
    JournalUnavailable = 501,     // the journal failed; the server is fenced and stops
    ShuttingDown = 502,
    Overloaded = 503,

    // 6xx administration
    MemberExists = 600,
    UnknownMember = 601,
    InvalidMemberName = 602,
    InvalidAsn = 603,
    InvalidPortCapacity = 604,
    InvalidLimits = 605,

    // 7xx data and services
    InvalidImport = 700,           // an imported file is malformed; nothing of it was applied
    UnknownTrade = 701,
    NoData = 702,                  // nothing recorded for that period or object
    ServiceUnavailable = 703,      // that part of the exchange is not configured on this server
    // Notices about a trade's measured usage (95th percentile of the billing period so far)
    UsageOverCapacity = 710,       // above the traded capacity (over-use threshold)
    UsageUnderCapacity = 711,      // below the under-use threshold of the traded capacity
};

// Stable lower_snake_case name, used in JSON output and logs ("frame_too_large").
std::string_view name(ResultCode);
// One-line English description for people.
std::string_view describe(ResultCode);
bool isKnown(std::uint16_t rawCode);
// Framing errors end the session; everything else is answered and the session stays open.
constexpr bool closesConnection(ResultCode c) noexcept
{
    const auto v = static_cast<std::uint16_t>(c);
    return (v >= 100 && v < 150) || c == ResultCode::SlowConsumer || c == ResultCode::IdleTimeout
        || c == ResultCode::JournalUnavailable || c == ResultCode::ShuttingDown;
}

} // namespace bwx::proto
