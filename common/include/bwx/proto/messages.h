#pragma once
// Every message of the BWX member protocol (docs/protocol.md). A message is a plain struct with
// a `fields` member template listing its wire fields in order; the codec turns that list into
// both the encoder and the validating decoder, so the two can never disagree. The structs live
// in one header per area; this one ties them into the Message variant.
#include <string_view>
#include <variant>

#include "bwx/proto/message_types.h"
#include "bwx/proto/messages_admin.h"
#include "bwx/proto/messages_internal.h"
#include "bwx/proto/messages_market_data.h"
#include "bwx/proto/messages_orders.h"
#include "bwx/proto/messages_quality.h"
#include "bwx/proto/messages_routing.h"
#include "bwx/proto/messages_session.h"
#include "bwx/proto/messages_settlement.h"
#include "bwx/proto/records.h"

namespace bwx::proto {

// The order of the alternatives is the catalogue order in message_names.cpp (checked at compile
// time there).
using Message = std::variant<
    Hello, HelloAck, Ping, Pong, Result, Goodbye, Notice,
    NewOrder, CancelOrder, AmendOrder, MassCancel, TakeOrder, QueryCandidates, CandidateList,
    SetCancelOnDisconnect, CancelTrade, OrderUpdate, Fill, TradeUpdate,
    QueryOrders, OrderList, QueryTrades, TradeList,
    SubscribeBook, UnsubscribeBook, BookSnapshot, BookUpdate,
    SubscribeMarketWatch, MarketWatchSnapshot, MarketWatchUpdate, QueryMembers, MemberList,
    AddMember, SetMemberStatus, SetMemberLimits, QueryStats, Stats,
    ClockTick, RouteBatch, QualityBatch, SessionsClosed, ConfigureMarket,
    QuerySessions, SessionList, QueryRoutes, RouteList, QueryExports, ExportList,
    QueryQuality, QualitySeries, QueryQualityMatrix, QualityMatrix, ImportMeasurements,
    QueryUsage, UsageSeries, QueryStatement, Statement, QueryStatementDocument, Document,
    QueryCollectors, CollectorStats>;

MessageType typeOf(const Message&);
Direction directionOf(MessageType);
// "new_order", "book_snapshot", ...; "unknown" for values outside the catalogue.
std::string_view name(MessageType);
bool isKnownType(std::uint16_t raw);

} // namespace bwx::proto
