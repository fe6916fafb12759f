#include "bwx/server/dispatcher.h"

#include "bwx/market/engine.h"
#include "bwx/sequencer/sequencer.h"
#include "bwx/server/market_watch.h"

#include <algorithm>
#include <chrono>

namespace bwx::server {
namespace {

using proto::MessageType;

// Replies are bounded by the frame size anyway; this keeps a query from building a huge list.
constexpr std::uint32_t kMaxTradesPerQuery = 10'000;

Timestamp wallClock()
{
    return Timestamp(std::chrono::duration_cast<std::chrono::nanoseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count());
}

proto::Result result(proto::ResultCode code, std::string message)
{
    return proto::Result{code, std::move(message)};
}

std::string typeName(MessageType type)
{
    return std::string(proto::name(type));
}

} // namespace

bool isClientRequest(MessageType type)
{
    return proto::directionOf(type) == proto::Direction::ClientToServer;
}

bool isAdminOnly(MessageType type)
{
    return type == MessageType::AddMember || type == MessageType::SetMemberStatus
           || type == MessageType::SetMemberLimits || type == MessageType::QueryStats
           || type == MessageType::ImportMeasurements || type == MessageType::QueryCollectors;
}

bool isTestableInternal(MessageType type)
{
    return type == MessageType::RouteBatch || type == MessageType::QualityBatch;
}

void Dispatcher::addService(MessageType type, Handler handler)
{
    m_services[static_cast<std::uint16_t>(type)] = std::move(handler);
}

proto::Result Dispatcher::refusal() const
{
    if (m_sequencer.fenced())
        return result(proto::ResultCode::JournalUnavailable,
                      "the journal failed; the exchange accepts nothing until it is restarted");
    return result(proto::ResultCode::Overloaded, "the exchange is overloaded; retry later");
}

bool Dispatcher::submitHello(SessionId session,
                             const Identity &identity,
                             const proto::HelloAck &ack,
                             std::uint32_t requestId)
{
    auto query = [name = identity.name, ack](const market::Engine &engine) -> proto::Message {
        const auto member = engine.memberByName(name);
        if (!member)
            return proto::Goodbye{proto::ResultCode::UnknownMember,
                                  "no member named '" + name + "' exists on this exchange"};
        if (member->status != proto::MemberStatus::Active)
            return proto::Goodbye{proto::ResultCode::MemberSuspended,
                                  "member '" + name + "' is suspended"};
        proto::HelloAck reply = ack;
        reply.member = member->id;
        reply.memberName = member->name;
        reply.role = Role::Member;
        return reply;
    };
    return m_sequencer.submitQuery(MemberId{}, std::move(query),
                                   sequencer::Origin{session, requestId});
}

std::optional<proto::Message>
Dispatcher::dispatch(const Caller &caller, std::uint32_t requestId, proto::Message &&message)
{
    const MessageType type = proto::typeOf(message);
    switch (proto::directionOf(type)) {
    case proto::Direction::ServerToClient:
        return result(proto::ResultCode::UnexpectedMessage,
                      typeName(type) + " is sent by the server, never by a client");
    case proto::Direction::Internal:
        if (isTestableInternal(type) && caller.role == Role::Admin
            && m_options.get()->allowInternalCommands)
            return internalCommand(caller, requestId, std::move(message));
        return result(proto::ResultCode::UnexpectedMessage,
                      typeName(type) + " is internal to the exchange and refused from the network");
    case proto::Direction::ClientToServer:
        break;
    }
    if (isAdminOnly(type) && caller.role != Role::Admin)
        return result(proto::ResultCode::Forbidden, typeName(type) + " needs an admin certificate");

    if (const auto service = m_services.find(static_cast<std::uint16_t>(type));
        service != m_services.end()) {
        auto respond = [replier = m_replier, session = caller.session, requestId](proto::Message reply) {
            if (replier)
                replier(session, requestId, std::move(reply));
        };
        service->second(caller, std::move(message), std::move(respond));
        return std::nullopt;
    }

    switch (type) {
    case MessageType::Hello:
        return result(proto::ResultCode::UnexpectedMessage, "this session has already said hello");
    case MessageType::Ping:
        return proto::Pong{std::get<proto::Ping>(message).token, wallClock()};
    case MessageType::NewOrder:
    case MessageType::CancelOrder:
    case MessageType::AmendOrder:
    case MessageType::MassCancel:
    case MessageType::TakeOrder:
    case MessageType::SetCancelOnDisconnect:
    case MessageType::CancelTrade:
    case MessageType::AddMember:
    case MessageType::SetMemberStatus:
    case MessageType::SetMemberLimits:
        return command(caller, requestId, std::move(message));
    default:
        return query(caller, requestId, std::move(message));
    }
}

std::optional<proto::Message>
Dispatcher::command(const Caller &caller, std::uint32_t requestId, proto::Message &&message)
{
    const MessageType type = proto::typeOf(message);
    // CancelTrade is both: an admin cancels any live trade as the exchange, a member its own
    // under the buyer's rules (the market decides which applies from the sender).
    const bool adminCommand
        = isAdminOnly(type) || (type == MessageType::CancelTrade && caller.role == Role::Admin);
    if (!adminCommand && caller.role == Role::Admin)
        return result(proto::ResultCode::Forbidden,
                      typeName(type) + ": admins do not trade; use a member certificate");
    // Admin commands are the exchange's own: sequenced with member 0.
    const MemberId sender = adminCommand ? MemberId{} : caller.member;
    if (!m_sequencer.submit(sender, std::move(message),
                            sequencer::Origin{caller.session, requestId}))
        return refusal();
    return std::nullopt;
}

std::optional<proto::Message>
Dispatcher::internalCommand(const Caller &caller, std::uint32_t requestId, proto::Message &&message)
{
    // The exchange's own command, as if the registry or the quality analyzer had sent it: the
    // market checks its content like any other journaled command.
    if (!m_sequencer.submit(MemberId{}, std::move(message),
                            sequencer::Origin{caller.session, requestId}))
        return refusal();
    return std::nullopt;
}

std::optional<proto::Message>
Dispatcher::query(const Caller &caller, std::uint32_t requestId, proto::Message &&message)
{
    sequencer::Sequencer::Query query;
    const MemberId member = caller.member;
    const bool admin = caller.role == Role::Admin;

    switch (proto::typeOf(message)) {
    case MessageType::QueryOrders: {
        if (admin)
            return result(proto::ResultCode::Forbidden, "query_orders: admins have no orders");
        const bool openOnly = std::get<proto::QueryOrders>(message).openOnly != 0;
        query = [member, openOnly](const market::Engine &engine) -> proto::Message {
            return proto::OrderList{engine.ordersOf(member, openOnly)};
        };
        break;
    }
    case MessageType::QueryTrades: {
        if (admin)
            return result(proto::ResultCode::Forbidden, "query_trades: admins have no trades");
        const auto &request = std::get<proto::QueryTrades>(message);
        const Timestamp since = request.since;
        const std::uint32_t limit
            = std::min(request.limit == 0 ? 1000u : request.limit, kMaxTradesPerQuery);
        query = [member, since, limit](const market::Engine &engine) -> proto::Message {
            return proto::TradeList{engine.tradesOf(member, since, limit)};
        };
        break;
    }
    case MessageType::SubscribeBook: {
        const net::Prefix prefix = std::get<proto::SubscribeBook>(message).prefix;
        // bookSeq is filled in by the session manager, which numbers the prefix's stream.
        query = [prefix](const market::Engine &engine) -> proto::Message {
            return proto::BookSnapshot{prefix, 0, engine.effectiveBook(prefix)};
        };
        break;
    }
    case MessageType::UnsubscribeBook: {
        // Goes through the stream too, so it takes effect exactly after everything the
        // session was sent before it; the session manager answers it.
        const net::Prefix prefix = std::get<proto::UnsubscribeBook>(message).prefix;
        query = [prefix](const market::Engine &) -> proto::Message {
            return proto::UnsubscribeBook{prefix};
        };
        break;
    }
    case MessageType::SubscribeMarketWatch:
        query = [](const market::Engine &engine) -> proto::Message {
            return proto::MarketWatchSnapshot{0, watchRows(engine)};
        };
        break;
    case MessageType::QueryMembers:
        query = [member, admin](const market::Engine &engine) -> proto::Message {
            proto::MemberList list{engine.members()};
            if (!admin) {
                for (auto &view : list.members) {
                    if (view.id == member)
                        continue;
                    // Private to the member and admins.
                    view.portCapacity = Bandwidth{};
                    view.portUsed = Bandwidth{};
                    view.limits = proto::MemberLimits{};
                }
            }
            return list;
        };
        break;
    case MessageType::QueryCandidates: {
        if (admin)
            return result(proto::ResultCode::Forbidden,
                          "query_candidates: admins do not trade; use a member certificate");
        proto::OrderParams params = std::get<proto::QueryCandidates>(message).params;
        // The market never reads a clock, so the query brings one: the wall clock when the
        // query runs, the same clock the sequencer stamps commands with. A candidate whose
        // delivery period has ended by then is not eligible.
        query = [member, params = std::move(params)](const market::Engine &engine) -> proto::Message {
            return proto::CandidateList{engine.candidates(member, params, wallClock())};
        };
        break;
    }
    case MessageType::QueryStats:
        // The server's own figures (sessions, journal batches, start time) are added by the
        // session manager when the reply passes through it.
        query = [](const market::Engine &engine) -> proto::Message {
            proto::Stats stats;
            stats.lastSeq = engine.lastSeq();
            stats.stateHash = engine.stateHash();
            stats.openOrders = engine.openOrderCount();
            stats.trades = engine.tradeCount();
            stats.members = static_cast<std::uint32_t>(engine.members().size());
            return stats;
        };
        break;
    default:
        // Requests of a part that this exchange does not run (no BGP configured, no collectors).
        return result(proto::ResultCode::ServiceUnavailable,
                      typeName(proto::typeOf(message)) + " is not available on this exchange");
    }
    if (!m_sequencer.submitQuery(member, std::move(query),
                                 sequencer::Origin{caller.session, requestId}))
        return refusal();
    return std::nullopt;
}

} // namespace bwx::server
