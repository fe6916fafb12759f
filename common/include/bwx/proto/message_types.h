#pragma once
// Message type numbers and framing constants of the member protocol (docs/protocol.md).
// Values are wire values: append, never renumber.
#include <cstdint>

namespace bwx::proto {

// Raised whenever a message's layout changes (docs/protocol.md, "Versions"); the server accepts
// exactly its own.
inline constexpr std::uint16_t kProtocolVersion = 2;
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
    Notice = 0x0007,
    // orders and trades
    NewOrder = 0x0101,
    CancelOrder = 0x0102,
    AmendOrder = 0x0103,
    MassCancel = 0x0104,
    TakeOrder = 0x0105,
    QueryCandidates = 0x0106,
    CandidateList = 0x0107,
    SetCancelOnDisconnect = 0x0108,
    CancelTrade = 0x0109,
    OrderUpdate = 0x0110,
    Fill = 0x0111,
    TradeUpdate = 0x0112,
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
    SetMemberLimits = 0x0303,
    QueryStats = 0x0310,
    Stats = 0x0311,
    // internal: written to the journal by the exchange itself, refused from the wire
    ClockTick = 0x0401,
    RouteBatch = 0x0402,
    QualityBatch = 0x0403,
    SessionsClosed = 0x0404,
    ConfigureMarket = 0x0405,
    // routing: BGP sessions, routes and exports (the registry and the arbiter)
    QuerySessions = 0x0501,
    SessionList = 0x0502,
    QueryRoutes = 0x0503,
    RouteList = 0x0504,
    QueryExports = 0x0505,
    ExportList = 0x0506,
    // route quality
    QueryQuality = 0x0601,
    QualitySeries = 0x0602,
    QueryQualityMatrix = 0x0603,
    QualityMatrix = 0x0604,
    ImportMeasurements = 0x0605,
    // settlement: usage, statements, flow collectors
    QueryUsage = 0x0701,
    UsageSeries = 0x0702,
    QueryStatement = 0x0703,
    Statement = 0x0704,
    QueryStatementDocument = 0x0705,
    Document = 0x0706,
    QueryCollectors = 0x0707,
    CollectorStats = 0x0708,
};

// Who may send a message.
enum class Direction : std::uint8_t { ClientToServer, ServerToClient, Internal };

} // namespace bwx::proto
