#pragma once
// The market: a deterministic state machine over sequenced commands. It never reads a clock,
// never does I/O and is never locked: one thread applies commands in journal order, and the
// same command stream always yields the same state (stateHash) and the same events.
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "bwx/domain/ids.h"
#include "bwx/domain/units.h"
#include "bwx/expected.h"
#include "bwx/net/prefix.h"
#include "bwx/proto/messages.h"

namespace bwx::market {

// One sequenced command. `body` is one of the command messages: NewOrder, CancelOrder,
// AmendOrder, MassCancel, TakeOrder, SetCancelOnDisconnect, CancelTrade, AddMember,
// SetMemberStatus, SetMemberLimits, and the exchange's own ClockTick, RouteBatch, QualityBatch, SessionsClosed,
// ConfigureMarket. Authorisation (who may send what) is checked before sequencing; the engine
// checks everything else.
struct Command {
    Seq seq{};
    Timestamp time{};
    MemberId member{}; // the sender; 0 for the exchange itself (clock ticks, admin commands)
    proto::Message body{};
};

// What applying a command produced. Calls arrive in a deterministic order during apply().
class EngineEvents {
public:
    virtual ~EngineEvents() = default;
    // The command was refused; nothing changed.
    virtual void rejected(proto::ResultCode code, std::string_view message) = 0;
    // A member's order changed state. `isReply` marks the state that answers the command being
    // applied (new order accepted, cancel done, idempotent resubmission); other calls are
    // unsolicited (the resting order of the counterparty was filled, a GTD order expired...).
    virtual void orderUpdated(const proto::OrderView& order, bool isReply) = 0;
    // A trade was executed. Both orders' new states follow as orderUpdated calls.
    virtual void tradeExecuted(const proto::TradeView& trade) = 0;
    // An order entered, changed in, or left the books. `entry.prefix` is the order's own
    // prefix; every effective book it belongs to is affected.
    virtual void bookChanged(proto::BookAction action, const proto::BookEntry& entry) = 0;
    // A trade changed state (scheduled → active → ended, suspended, cancelled).
    virtual void tradeUpdated(const proto::TradeView& trade) = 0;
    // A member was added or changed (answer to AddMember / SetMemberStatus).
    virtual void memberUpdated(const proto::MemberView& member, bool isReply) = 0;
    // Something a member must be told that is not an order or trade state: its port is full,
    // routes under its order or trade were withdrawn or came back.
    virtual void notice(MemberId member, const proto::Notice& notice) = 0;
};

// Does nothing: for benchmarks and replays whose events nobody needs.
class NullEvents final : public EngineEvents {
public:
    void rejected(proto::ResultCode, std::string_view) override {}
    void orderUpdated(const proto::OrderView&, bool) override {}
    void tradeExecuted(const proto::TradeView&) override {}
    void bookChanged(proto::BookAction, const proto::BookEntry&) override {}
    void tradeUpdated(const proto::TradeView&) override {}
    void memberUpdated(const proto::MemberView&, bool) override {}
    void notice(MemberId, const proto::Notice&) override {}
};

// The market settings in force before the journal's first ConfigureMarket. The journal is the
// source of truth for settings: bwxd sequences a ConfigureMarket from its configuration, so a
// replay decides exactly as the live market did whatever EngineConfig it is given. These
// defaults are what an engine built without configuration (tests, tools, journals written before
// settings were journaled) runs with.
struct EngineConfig {
    // Limits that keep one member from exhausting memory; exceeding them rejects the command.
    std::uint32_t maxOpenOrdersPerMember = 100'000;
    Bandwidth maxOrderCapacity = Bandwidth(1'000'000'000); // 1 Tbit/s in kbit/s
    // Sells only for destinations the seller holds routes for. Off until configured, so that
    // journals written before route data reached the market replay as they were decided.
    bool requireRoutes = false;
    // Below this many open orders the engine issues no prefetches (neither prefetch() nor its
    // own at the start of a command): 16,384 orders of 128 bytes are 2 MiB, the L2 of the
    // machines measured; a book that small stays in the caches and the hints would only cost
    // time (docs/market.md, "Implementation notes").
    std::uint32_t prefetchFromOrders = 16'384;
};

// What the arbiter exports for a trade (rule 1 of docs/market.md): the seller's route that
// carries it, and the prefix announced to the buyer — the buyer's destination prefix inside
// that route, or the whole route when the buyer bought a route class or an origin AS.
struct TradedRoute {
    net::Prefix route;
    net::Prefix destination;
    friend bool operator==(const TradedRoute&, const TradedRoute&) = default;
};

class Engine {
public:
    explicit Engine(EngineConfig config = {});
    ~Engine();
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    // Applies one command; `cmd.seq` must be greater than every seq applied before.
    void apply(const Command& cmd, EngineEvents& events);
    // A hint that changes no state: `upcoming` are the bodies of the commands that will be
    // applied after the current one, in order (the engine looks at up to kPrefetchAhead; null
    // entries are skipped). It starts loading what they touch first (the order an amend or
    // cancel names, its queue neighbours, price level, book, the book's trie node and the
    // nodes above it) without waiting for memory, so a caller applying a batch — the
    // sequencer — overlaps those accesses with the work of the current command. Give the same
    // number every time, fewer only at the end of a batch: each body moves one stage on per
    // call.
    //   for (i...) { engine.prefetch({next kPrefetchAhead bodies}); engine.apply(cmd[i], events); }
    static constexpr std::size_t kPrefetchAhead = 7;
    void prefetch(std::span<const proto::Message* const> upcoming) const noexcept;

    // ---- queries (same thread as apply) ----
    Seq lastSeq() const;
    std::optional<proto::OrderView> order(OrderId id) const;
    std::vector<proto::OrderView> ordersOf(MemberId member, bool openOnly) const;
    // Newest first, executed at or after `since`, at most `limit`.
    std::vector<proto::TradeView> tradesOf(MemberId member, Timestamp since, std::uint32_t limit) const;
    std::vector<proto::MemberView> members() const;
    std::optional<proto::MemberView> member(MemberId id) const;
    std::optional<proto::MemberView> memberByName(std::string_view name) const;
    // The effective book of `prefix`: sells on it or any covering prefix, buys on it or any
    // more specific prefix; bids best first, then asks best first.
    std::vector<proto::BookEntry> effectiveBook(const net::Prefix& prefix) const;
    // The sell orders that could serve a buy with `params` from `buyer` at `now` (claim 24):
    // eligible ones first in the buyer's ranking order (rank 1 = what a market buy would take
    // first), then the ineligible ones that cover the destination, each with its reason.
    std::vector<proto::Candidate> candidates(MemberId buyer, const proto::OrderParams& params,
                                             Timestamp now) const;
    // The journaled market-wide settings in force: the last ConfigureMarket, or before any the
    // EngineConfig the engine was built with (0 fields mean the built-in defaults).
    proto::MarketSettings settings() const;
    // The routes a scheduled or active trade is delivered over, from the seller's current
    // routes (they follow RouteBatch changes: ask again after one for the seller); empty for a
    // suspended, ended or unknown trade. Sorted by (route, destination).
    std::vector<TradedRoute> tradedPrefixes(TradeId trade) const;
    // The trade, by id.
    std::optional<proto::TradeView> trade(TradeId id) const;
    // Prefixes that have at least one open order.
    std::vector<net::Prefix> activePrefixes() const;
    // Best bid/ask and depth on the effective book of `prefix`, plus its last trade.
    proto::WatchRow watchRow(const net::Prefix& prefix) const;
    std::uint64_t openOrderCount() const;
    std::uint64_t tradeCount() const;

    // A hash over the whole state (orders, books, trades, members, id counters), independent
    // of memory layout: equal for a live engine and for a replay of its journal. It walks every
    // order and trade ever (~0.3 µs per order): for checkpoints, not for every command.
    std::uint64_t stateHash() const;
    // Checks every internal invariant (book ordering, no crossable pair left, aggregates equal
    // a recount, indexes consistent). Returns the first violation, or an empty string.
    std::string checkInvariants() const;
    // The part of checkInvariants() about the open state only (books, resting orders, indexes,
    // expiry deadlines, no crossable pair): its cost follows the open book, not the history, so
    // long randomized runs can afford it after every command.
    std::string checkOpenStateInvariants() const;

    // The snapshot format this engine writes and reads (docs/market.md). Snapshots of older
    // formats are refused by loadSnapshot; recovery then replays the journal from the start.
    static constexpr std::uint16_t kSnapshotFormat = 3;
    // Snapshot of the complete state (replaces the contents of `out`); restoring it and
    // replaying the journal tail gives the same stateHash as replaying the whole journal. The
    // format is described in docs/market.md.
    void saveSnapshot(std::vector<std::uint8_t>& out) const;
    static Expected<std::unique_ptr<Engine>> loadSnapshot(std::span<const std::uint8_t> bytes,
                                                          EngineConfig config = {});

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace bwx::market
