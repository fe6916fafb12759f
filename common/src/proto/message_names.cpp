#include <iterator>
#include <utility>

#include "bwx/proto/messages.h"

namespace bwx::proto {
namespace {

struct TypeInfo {
    MessageType type;
    std::string_view name;
    Direction direction;
};

constexpr TypeInfo kCatalogue[] = {
    {MessageType::Hello, "hello", Direction::ClientToServer},
    {MessageType::HelloAck, "hello_ack", Direction::ServerToClient},
    {MessageType::Ping, "ping", Direction::ClientToServer},
    {MessageType::Pong, "pong", Direction::ServerToClient},
    {MessageType::Result, "result", Direction::ServerToClient},
    {MessageType::Goodbye, "goodbye", Direction::ServerToClient},
    {MessageType::Notice, "notice", Direction::ServerToClient},
    {MessageType::NewOrder, "new_order", Direction::ClientToServer},
    {MessageType::CancelOrder, "cancel_order", Direction::ClientToServer},
    {MessageType::AmendOrder, "amend_order", Direction::ClientToServer},
    {MessageType::MassCancel, "mass_cancel", Direction::ClientToServer},
    {MessageType::TakeOrder, "take_order", Direction::ClientToServer},
    {MessageType::QueryCandidates, "query_candidates", Direction::ClientToServer},
    {MessageType::CandidateList, "candidate_list", Direction::ServerToClient},
    {MessageType::SetCancelOnDisconnect, "set_cancel_on_disconnect", Direction::ClientToServer},
    {MessageType::CancelTrade, "cancel_trade", Direction::ClientToServer},
    {MessageType::OrderUpdate, "order_update", Direction::ServerToClient},
    {MessageType::Fill, "fill", Direction::ServerToClient},
    {MessageType::TradeUpdate, "trade_update", Direction::ServerToClient},
    {MessageType::QueryOrders, "query_orders", Direction::ClientToServer},
    {MessageType::OrderList, "order_list", Direction::ServerToClient},
    {MessageType::QueryTrades, "query_trades", Direction::ClientToServer},
    {MessageType::TradeList, "trade_list", Direction::ServerToClient},
    {MessageType::SubscribeBook, "subscribe_book", Direction::ClientToServer},
    {MessageType::UnsubscribeBook, "unsubscribe_book", Direction::ClientToServer},
    {MessageType::BookSnapshot, "book_snapshot", Direction::ServerToClient},
    {MessageType::BookUpdate, "book_update", Direction::ServerToClient},
    {MessageType::SubscribeMarketWatch, "subscribe_market_watch", Direction::ClientToServer},
    {MessageType::MarketWatchSnapshot, "market_watch_snapshot", Direction::ServerToClient},
    {MessageType::MarketWatchUpdate, "market_watch_update", Direction::ServerToClient},
    {MessageType::QueryMembers, "query_members", Direction::ClientToServer},
    {MessageType::MemberList, "member_list", Direction::ServerToClient},
    {MessageType::AddMember, "add_member", Direction::ClientToServer},
    {MessageType::SetMemberStatus, "set_member_status", Direction::ClientToServer},
    {MessageType::SetMemberLimits, "set_member_limits", Direction::ClientToServer},
    {MessageType::QueryStats, "query_stats", Direction::ClientToServer},
    {MessageType::Stats, "stats", Direction::ServerToClient},
    {MessageType::ClockTick, "clock_tick", Direction::Internal},
    {MessageType::RouteBatch, "route_batch", Direction::Internal},
    {MessageType::QualityBatch, "quality_batch", Direction::Internal},
    {MessageType::SessionsClosed, "sessions_closed", Direction::Internal},
    {MessageType::ConfigureMarket, "configure_market", Direction::Internal},
    {MessageType::QuerySessions, "query_sessions", Direction::ClientToServer},
    {MessageType::SessionList, "session_list", Direction::ServerToClient},
    {MessageType::QueryRoutes, "query_routes", Direction::ClientToServer},
    {MessageType::RouteList, "route_list", Direction::ServerToClient},
    {MessageType::QueryExports, "query_exports", Direction::ClientToServer},
    {MessageType::ExportList, "export_list", Direction::ServerToClient},
    {MessageType::QueryQuality, "query_quality", Direction::ClientToServer},
    {MessageType::QualitySeries, "quality_series", Direction::ServerToClient},
    {MessageType::QueryQualityMatrix, "query_quality_matrix", Direction::ClientToServer},
    {MessageType::QualityMatrix, "quality_matrix", Direction::ServerToClient},
    {MessageType::ImportMeasurements, "import_measurements", Direction::ClientToServer},
    {MessageType::QueryUsage, "query_usage", Direction::ClientToServer},
    {MessageType::UsageSeries, "usage_series", Direction::ServerToClient},
    {MessageType::QueryStatement, "query_statement", Direction::ClientToServer},
    {MessageType::Statement, "statement", Direction::ServerToClient},
    {MessageType::QueryStatementDocument, "query_statement_document", Direction::ClientToServer},
    {MessageType::Document, "document", Direction::ServerToClient},
    {MessageType::QueryCollectors, "query_collectors", Direction::ClientToServer},
    {MessageType::CollectorStats, "collector_stats", Direction::ServerToClient},
};

const TypeInfo* find(MessageType t)
{
    for (const auto& info : kCatalogue) {
        if (info.type == t)
            return &info;
    }
    return nullptr;
}

// The catalogue and the Message variant must list the same types.
template <std::size_t... I>
constexpr bool catalogueMatchesVariant(std::index_sequence<I...>)
{
    return ((kCatalogue[I].type == std::variant_alternative_t<I, Message>::kType
             && kCatalogue[I].direction == std::variant_alternative_t<I, Message>::kDirection)
            && ...);
}
static_assert(std::size(kCatalogue) == std::variant_size_v<Message>);
static_assert(catalogueMatchesVariant(std::make_index_sequence<std::variant_size_v<Message>>{}));

} // namespace

MessageType typeOf(const Message& m)
{
    return std::visit([](const auto& v) { return std::decay_t<decltype(v)>::kType; }, m);
}

Direction directionOf(MessageType t)
{
    const auto* info = find(t);
    return info ? info->direction : Direction::Internal;
}

std::string_view name(MessageType t)
{
    const auto* info = find(t);
    return info ? info->name : std::string_view("unknown");
}

bool isKnownType(std::uint16_t raw)
{
    return find(static_cast<MessageType>(raw)) != nullptr;
}

} // namespace bwx::proto
