// Engine's public face and the command dispatch.
#include <algorithm>
#include <typeinfo>
#include <variant>

#include "engine_impl.h"
#include "prefetch.h"
#include "validation.h"

namespace bwx::market {

using detail::kNil;
using proto::ResultCode;

Engine::Impl::Impl(EngineConfig cfg) : config(cfg)
{
    settings.requireRoutes = cfg.requireRoutes ? 1 : 0;
    settings.maxOpenOrdersPerMember = cfg.maxOpenOrdersPerMember;
    settings.maxOrderCapacity = cfg.maxOrderCapacity;
}

std::uint32_t Engine::Impl::maxOpenOrders() const
{
    return settings.maxOpenOrdersPerMember != 0 ? settings.maxOpenOrdersPerMember
                                                : EngineConfig{}.maxOpenOrdersPerMember;
}

Bandwidth Engine::Impl::maxOrderCapacity() const
{
    return settings.maxOrderCapacity.isPositive() ? settings.maxOrderCapacity
                                                  : EngineConfig{}.maxOrderCapacity;
}

void Engine::Impl::reject(ResultCode code, std::string_view message)
{
    events->rejected(code, message);
}

void Engine::Impl::apply(const Command &cmd, EngineEvents &ev)
{
    events = &ev;
    // NullEvents drops everything, so views are not even built (benchmarks, replays).
    quiet = typeid(ev) == typeid(NullEvents);
    if (cmd.seq <= lastSeq && lastSeq.value() != 0) {
        reject(ResultCode::InternalError,
               "command seq " + std::to_string(cmd.seq.value())
                   + " is not after the last applied seq " + std::to_string(lastSeq.value()));
        return;
    }
    seq = cmd.seq;
    now = cmd.time;
    lastSeq = cmd.seq;
    lastTime = cmd.time;

    switch (cmd.body.index()) {
    case detail::variantIndex<proto::NewOrder>():
        onNewOrder(cmd.member, std::get<proto::NewOrder>(cmd.body));
        break;
    case detail::variantIndex<proto::CancelOrder>():
        onCancel(cmd.member, std::get<proto::CancelOrder>(cmd.body));
        break;
    case detail::variantIndex<proto::AmendOrder>():
        onAmend(cmd.member, std::get<proto::AmendOrder>(cmd.body));
        break;
    case detail::variantIndex<proto::MassCancel>():
        onMassCancel(cmd.member, std::get<proto::MassCancel>(cmd.body));
        break;
    case detail::variantIndex<proto::TakeOrder>():
        onTakeOrder(cmd.member, std::get<proto::TakeOrder>(cmd.body));
        break;
    case detail::variantIndex<proto::SetCancelOnDisconnect>():
        onSetCancelOnDisconnect(cmd.member, std::get<proto::SetCancelOnDisconnect>(cmd.body));
        break;
    case detail::variantIndex<proto::CancelTrade>():
        onCancelTrade(cmd.member, std::get<proto::CancelTrade>(cmd.body));
        break;
    case detail::variantIndex<proto::ClockTick>():
        onClockTick();
        break;
    case detail::variantIndex<proto::AddMember>():
        onAddMember(std::get<proto::AddMember>(cmd.body));
        break;
    case detail::variantIndex<proto::SetMemberStatus>():
        onSetMemberStatus(std::get<proto::SetMemberStatus>(cmd.body));
        break;
    case detail::variantIndex<proto::SetMemberLimits>():
        onSetMemberLimits(std::get<proto::SetMemberLimits>(cmd.body));
        break;
    case detail::variantIndex<proto::RouteBatch>():
        onRouteBatch(std::get<proto::RouteBatch>(cmd.body));
        break;
    case detail::variantIndex<proto::QualityBatch>():
        onQualityBatch(std::get<proto::QualityBatch>(cmd.body));
        break;
    case detail::variantIndex<proto::SessionsClosed>():
        onSessionsClosed(std::get<proto::SessionsClosed>(cmd.body));
        break;
    case detail::variantIndex<proto::ConfigureMarket>():
        onConfigureMarket(std::get<proto::ConfigureMarket>(cmd.body));
        break;
    default:
        reject(ResultCode::UnexpectedMessage,
               "message type '" + std::string(proto::name(proto::typeOf(cmd.body)))
                   + "' is not a market command");
        break;
    }
    flushTouched();
    events = nullptr;
}

bool Engine::Impl::admitTrader(MemberId member)
{
    if (!knownMember(member)) {
        reject(ResultCode::UnknownMember, "member " + std::to_string(member.value()) + " does not exist");
        return false;
    }
    if (memberOf(member).view.status != proto::MemberStatus::Active) {
        reject(ResultCode::MemberSuspended, "member " + memberOf(member).view.name + " is suspended");
        return false;
    }
    return true;
}

// ---- public API ----

Engine::Engine(EngineConfig config) : m_impl(std::make_unique<Impl>(config)) {}
Engine::~Engine() = default;

void Engine::apply(const Command &cmd, EngineEvents &events) { m_impl->apply(cmd, events); }

namespace {

// The order an amend or cancel names by id, or 0.
std::uint64_t namedOrder(const proto::Message &body) noexcept
{
    if (const auto *a = std::get_if<proto::AmendOrder>(&body))
        return a->orderId.value();
    if (const auto *c = std::get_if<proto::CancelOrder>(&body))
        return c->orderId.value();
    return 0;
}

// The prefix a new order names, or nullptr.
const net::Prefix *newOrderPrefix(const proto::Message *body) noexcept
{
    const auto *order = body == nullptr ? nullptr : std::get_if<proto::NewOrder>(body);
    if (order == nullptr || order->params.destination.kind != DestinationKind::Prefix)
        return nullptr;
    return &order->params.destination.prefix;
}

} // namespace

void Engine::prefetch(std::span<const proto::Message *const> upcoming) const noexcept
{
    // A pipeline of up to seven stages, so that nothing here waits for memory: each stage
    // only reads what the stage before asked for in the previous call (a caller gives the same
    // number of bodies every time, so a command moves one stage on per call). From the
    // farthest command: its slot index entry; its live order; its price level and queue
    // neighbours, which unlinking it will write; its book; the book's trie node and prefix
    // index slot, which the refresh at the end of the command reads and, when the book
    // empties, changes; the node's parent; the parent's other child and parent (the refresh
    // walks up from the node). For a new order on a prefix: the prefix index slot of its book
    // and where a trie walk toward it starts; its book (or, without one, that start node); the
    // book's trie node; its parent; the parent's other child and parent.
    const Impl &d = *m_impl;
    if (!d.prefetchPays())
        return;
    const auto slotOfCommand = [&](const proto::Message *body) {
        const std::uint64_t id = body == nullptr ? 0 : namedOrder(*body);
        return id != 0 && id <= d.slotOf.size() ? d.slotOf[id - 1] : detail::kNil;
    };
    const auto levelOf = [&](std::uint32_t slot) {
        return slot < d.live.size() && d.live[slot].level < d.levels.size() ? d.live[slot].level
                                                                           : detail::kNil;
    };
    const auto bookOf = [&](std::uint32_t level) {
        return level != detail::kNil && d.levels[level].book < d.books.size() ? d.levels[level].book
                                                                              : detail::kNil;
    };
    // The trie node of the book a new order on a prefix goes to, if that book exists.
    const auto newOrderNode = [&](const proto::Message *body) {
        const net::Prefix *prefix = newOrderPrefix(body);
        if (prefix == nullptr)
            return detail::kNil;
        const std::uint32_t *b = d.bookByPrefix.find(*prefix);
        return b != nullptr ? d.books[*b].node : detail::kNil;
    };
    // The prefix book of the order a cancel or amend names.
    const auto prefixBookOf = [&](const proto::Message *body) -> const detail::Book * {
        const std::uint32_t b = bookOf(levelOf(slotOfCommand(body)));
        if (b == detail::kNil || !d.books[b].key.isPrefix() || d.books[b].node == detail::kNil)
            return nullptr;
        return &d.books[b];
    };
    const std::size_t n = std::min<std::size_t>(upcoming.size(), kPrefetchAhead);
    for (std::size_t position = 0; position < n; ++position) {
        const proto::Message *body = upcoming[position];
        switch (n - 1 - position) {
        case 0: {
            const std::uint64_t id = body == nullptr ? 0 : namedOrder(*body);
            if (id != 0 && id <= d.slotOf.size())
                detail::prefetchLine(&d.slotOf[id - 1]);
            if (const net::Prefix *prefix = newOrderPrefix(body)) {
                d.bookByPrefix.prefetch(*prefix);
                d.trieOf(prefix->family()).prefetchWalkStart(*prefix);
            }
            break;
        }
        case 1: {
            if (const net::Prefix *prefix = newOrderPrefix(body)) {
                if (const std::uint32_t *b = d.bookByPrefix.find(*prefix)) {
                    const auto *bytes = reinterpret_cast<const char *>(&d.books[*b]);
                    for (std::size_t offset = 0; offset < sizeof(detail::Book); offset += 64)
                        detail::prefetchLine(bytes + offset);
                } else {
                    const detail::BookTrie &trie = d.trieOf(prefix->family());
                    if (const std::uint32_t start = trie.walkStartFor(*prefix); start != detail::kNil)
                        trie.prefetch(start);
                }
                break;
            }
            const std::uint32_t slot = slotOfCommand(body);
            if (slot < d.live.size()) {
                const auto *line = reinterpret_cast<const char *>(&d.live[slot]);
                detail::prefetchLine(line);
                detail::prefetchLine(line + 64);
                detail::prefetchLine(&d.queue[slot]);
            }
            break;
        }
        case 2: {
            if (const net::Prefix *prefix = newOrderPrefix(body)) {
                if (const std::uint32_t node = newOrderNode(body); node != detail::kNil)
                    d.trieOf(prefix->family()).prefetch(node);
                break;
            }
            const std::uint32_t slot = slotOfCommand(body);
            if (const std::uint32_t level = levelOf(slot); level != detail::kNil)
                detail::prefetchLine(&d.levels[level]);
            if (slot < d.live.size()) {
                const detail::QueueLink &at = d.queue[slot];
                if (at.next < d.queue.size())
                    detail::prefetchLine(&d.queue[at.next]);
                if (at.prev < d.queue.size())
                    detail::prefetchLine(&d.queue[at.prev]);
            }
            break;
        }
        case 3: {
            if (const std::uint32_t node = newOrderNode(body); node != detail::kNil) {
                d.trieOf(newOrderPrefix(body)->family()).prefetchParent(node);
                break;
            }
            if (const std::uint32_t b = bookOf(levelOf(slotOfCommand(body))); b != detail::kNil) {
                const auto *bytes = reinterpret_cast<const char *>(&d.books[b]);
                for (std::size_t offset = 0; offset < sizeof(detail::Book); offset += 64)
                    detail::prefetchLine(bytes + offset);
            }
            break;
        }
        case 4: {
            if (const std::uint32_t node = newOrderNode(body); node != detail::kNil) {
                d.trieOf(newOrderPrefix(body)->family()).prefetchAboveParent(node);
                break;
            }
            const detail::Book *book = prefixBookOf(body);
            if (book == nullptr)
                break;
            d.trieOf(book->prefix.family()).prefetch(book->node);
            d.bookByPrefix.prefetch(book->prefix);
            break;
        }
        case 5:
            if (const detail::Book *book = prefixBookOf(body))
                d.trieOf(book->prefix.family()).prefetchParent(book->node);
            break;
        case 6:
            if (const detail::Book *book = prefixBookOf(body))
                d.trieOf(book->prefix.family()).prefetchAboveParent(book->node);
            break;
        default:
            break;
        }
    }
}

Seq Engine::lastSeq() const { return m_impl->lastSeq; }

std::optional<proto::OrderView> Engine::order(OrderId id) const
{
    if (!m_impl->knownOrder(id))
        return std::nullopt;
    return m_impl->orderView(id);
}

std::optional<proto::TradeView> Engine::trade(TradeId id) const
{
    if (id.value() == 0 || id.value() > m_impl->trades.size())
        return std::nullopt;
    return m_impl->trades[id.value() - 1];
}

proto::MarketSettings Engine::settings() const { return m_impl->settings; }

std::uint64_t Engine::openOrderCount() const { return m_impl->openOrders; }
std::uint64_t Engine::tradeCount() const { return m_impl->trades.size(); }
std::uint64_t Engine::stateHash() const { return m_impl->hash(); }
std::string Engine::checkInvariants() const { return m_impl->invariants(); }
std::string Engine::checkOpenStateInvariants() const { return m_impl->openStateInvariants(); }
void Engine::saveSnapshot(std::vector<std::uint8_t> &out) const { m_impl->save(out); }

std::vector<proto::MemberView> Engine::members() const
{
    std::vector<proto::MemberView> out;
    out.reserve(m_impl->members.size());
    for (const auto &m : m_impl->members)
        out.push_back(m.view);
    return out;
}

std::optional<proto::MemberView> Engine::member(MemberId id) const
{
    if (!m_impl->knownMember(id))
        return std::nullopt;
    return m_impl->members[id.value() - 1].view;
}

std::optional<proto::MemberView> Engine::memberByName(std::string_view name) const
{
    const auto it = m_impl->memberByName.find(std::string(name));
    if (it == m_impl->memberByName.end())
        return std::nullopt;
    return m_impl->members[it->second - 1].view;
}

std::vector<TradedRoute> Engine::tradedPrefixes(TradeId id) const
{
    if (id.value() == 0 || id.value() > m_impl->trades.size())
        return {};
    return m_impl->tradedRoutes(m_impl->trades[id.value() - 1]);
}

} // namespace bwx::market
