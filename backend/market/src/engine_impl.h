#pragma once
// The engine's state and the operations on it. Split over several .cpp files by concern
// (commands, matching, clock, queries, hash, snapshot, invariants); this header is internal.
//
// Layout, chosen for the price-time hot path (see docs/market.md, "Implementation"):
// - every order ever accepted has an OrderRecord (cold: parameters as entered, final state) at
//   index id - 1 of a chunked array that never moves;
// - an open order also has a LiveOrder in a slab whose slots are reused (hot: everything that
//   matching, amend and cancel read or change). While an order is open its LiveOrder is the
//   authority for price, capacity, filled, status and times; they are written back to the
//   record when it closes. Amends and cancels of open orders therefore touch a compact slab
//   the size of the open book, not a record somewhere in the whole history;
// - a price level is a FIFO of live orders linked by slot; levels live in a slab and each book
//   side indexes them by price in a LevelMap;
// - books are found by prefix in a hash map, and arranged by containment in a BookTrie per
//   address family for the covering / more-specific searches.
#include <algorithm>
#include <cstdint>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <variant>
#include <vector>

#include "book_trie.h"
#include "bwx/market/engine.h"
#include "client_index.h"
#include "flat_map.h"
#include "huge_page_allocator.h"
#include "level_map.h"
#include "stable_vector.h"

namespace bwx::market {

namespace detail {

inline constexpr std::uint32_t kNil = ~std::uint32_t{0};

// The hot state of an open order. The first cache line holds what matching reads per
// candidate; the second what amends and views need.
struct alignas(64) LiveOrder
{
    Bandwidth remaining{};
    Bandwidth minBlock{};
    Timestamp deliveryStart{};
    Timestamp deliveryEnd{};
    std::uint64_t prioritySeq = 0; // seq of the command that last gave the order its priority
    OrderId id{};
    std::uint32_t next = kNil;  // FIFO successor within the level; free-list link when unused
    std::uint32_t level = kNil; // kNil while not in a book (being matched)
    MemberId member{};
    Side side = Side::Buy;
    TrafficType traffic = TrafficType::BestEffort;
    // ---- second line ----
    std::uint32_t prev = kNil;
    std::uint32_t memberPos = kNil; // index in the member's open list
    Price price{};
    Bandwidth capacity{};
    Bandwidth filled{};
    Timestamp updatedAt{};
    Timestamp priorityTime{};
};

struct Level
{
    Price price{};
    Bandwidth total{}; // sum of the orders' remaining capacity
    std::uint32_t head = kNil;
    std::uint32_t tail = kNil;
    std::uint32_t count = 0;
    std::uint32_t book = kNil;
    Side side = Side::Buy;
};

struct BookSide
{
    LevelMap levels; // key: price for bids, -price for asks; the greatest key is the best level
    Bandwidth depth{};
    std::uint32_t orders = 0;
};

struct Book
{
    net::Prefix prefix{};
    BookSide bids;
    BookSide asks;
    std::uint32_t node = kNil; // in the trie of the prefix's family
    bool live = false;
    bool touched = false; // queued for aggregate refresh / removal at the end of the command
};

// What the engine keeps of every order. For an open order, price, capacity, filled, status,
// updatedAt and priorityTime here are stale: its LiveOrder holds the current values.
struct OrderRecord
{
    MemberId member{};
    OrderStatus status = OrderStatus::Working;
    proto::ResultCode reason = proto::ResultCode::Ok;
    Bandwidth filled{};
    Timestamp createdAt{};
    Timestamp updatedAt{};
    Timestamp priorityTime{};
    // As submitted, for idempotent resubmission after an amend changed price or capacity.
    Price submittedPrice{};
    Bandwidth submittedCapacity{};
    proto::OrderParams params{};
};

struct MemberRecord
{
    proto::MemberView view;
    std::vector<std::uint32_t> open; // live slots of the open orders; LiveOrder::memberPos indexes it
    std::vector<OrderId> all;    // ascending
    std::vector<TradeId> trades; // ascending
    ClientIndex clientIds;
};

struct LastTrade
{
    Price price{};
    Timestamp at{};
};

// A deadline in a min-heap ordered by (time, id): order expiries and trade state changes.
struct Timer
{
    std::int64_t time = 0;
    std::uint64_t id = 0;
    friend bool operator>(const Timer &a, const Timer &b) noexcept
    {
        return a.time != b.time ? a.time > b.time : a.id > b.id;
    }
};

// The order being matched: a new order, or a resting order that lost its priority by an amend.
// Its state is in its LiveOrder slot, detached from any level while it is matched.
struct Taker
{
    std::uint32_t slot = kNil;
    std::uint32_t book = kNil; // the book of its prefix if it exists; books live until the command ends
    Side side = Side::Buy;
    bool canRest = false; // gtc/gtd limit
    // Buys: the highest acceptable price (INT64_MAX for market). Sells: the lowest (>= 1).
    std::int64_t limit = 0;
    net::Prefix prefix{};
};

// Position of the merge in one book side: the current candidate of that side.
struct Cursor
{
    std::int64_t price = 0;
    std::uint64_t prioritySeq = 0;
    std::uint64_t id = 0;
    std::uint32_t level = kNil;
    std::uint32_t order = kNil;
    std::uint32_t book = kNil;
};

enum class MatchStop : std::uint8_t {
    Exhausted, // no eligible counter order left
    Filled,    // nothing remains
    SelfTrade, // the best eligible counter order is the taker's member's own
};

// Largest multiple of lcm(a, b) that is <= limit; 0 when none (also when the lcm overflows).
std::int64_t wholeBlocks(std::int64_t limit, std::int64_t blockA, std::int64_t blockB) noexcept;

// Position of a message type in proto::Message, for a switch over the commands.
template <class T, class... Ts>
constexpr std::size_t indexIn(const std::variant<Ts...> *) noexcept
{
    constexpr bool matches[] = {std::is_same_v<T, Ts>...};
    for (std::size_t i = 0; i < sizeof...(Ts); ++i)
        if (matches[i])
            return i;
    return sizeof...(Ts);
}
template <class T>
constexpr std::size_t variantIndex() noexcept
{
    return indexIn<T>(static_cast<const proto::Message *>(nullptr));
}

constexpr bool isOpen(OrderStatus s) noexcept
{
    return s == OrderStatus::Working || s == OrderStatus::PartiallyFilled;
}

} // namespace detail

struct Engine::Impl
{
    explicit Impl(EngineConfig cfg);

    EngineConfig config;

    // ---- state (hashed and snapshotted) ----
    std::vector<detail::MemberRecord> members; // id - 1
    detail::StableVector<detail::OrderRecord> orders; // id - 1
    detail::StableVector<proto::TradeView> trades;    // id - 1
    Seq lastSeq{};
    Timestamp lastTime{};

    // ---- derived indexes ----
    detail::HugeVector<std::uint32_t> slotOf; // id - 1 -> LiveOrder slot while open, else kNil
    detail::HugeVector<detail::LiveOrder> live;
    std::uint32_t freeLive = detail::kNil; // chained through LiveOrder::next
    detail::HugeVector<detail::Level> levels;
    std::uint32_t freeLevel = detail::kNil; // chained through Level::head
    std::vector<detail::Book> books;
    std::vector<std::uint32_t> freeBooks;
    detail::FlatMap<net::Prefix, std::uint32_t, net::PrefixHash> bookByPrefix;
    detail::BookTrie trie4{net::Family::V4};
    detail::BookTrie trie6{net::Family::V6};
    std::unordered_map<std::string, std::uint32_t> memberByName;
    detail::FlatMap<net::Prefix, detail::LastTrade, net::PrefixHash> lastTrades;
    std::vector<detail::Timer> orderTimers; // min-heap; entries of closed orders are skipped
    std::vector<detail::Timer> tradeTimers; // min-heap
    std::uint64_t openOrders = 0;

    // ---- per-command context ----
    EngineEvents *events = nullptr;
    bool quiet = false; // NullEvents: skip building views nobody reads
    Seq seq{};
    Timestamp now{};
    std::vector<std::uint32_t> touchedBooks;
    std::vector<detail::Cursor> cursors;

    // ---- commands (engine.cpp, orders.cpp, clock.cpp) ----
    void apply(const Command &cmd, EngineEvents &ev);
    void reject(proto::ResultCode code, std::string_view message);
    void onAddMember(const proto::AddMember &m);
    void onSetMemberStatus(const proto::SetMemberStatus &m);
    void onNewOrder(MemberId member, const proto::NewOrder &m);
    void onCancel(MemberId member, const proto::CancelOrder &m);
    void onAmend(MemberId member, const proto::AmendOrder &m);
    void onMassCancel(MemberId member, const proto::MassCancel &m);
    void onClockTick();
    // The member may trade: known and active. Rejects and returns false otherwise.
    bool admitTrader(MemberId member);
    // The open order `id` of `member`, or rejects (UnknownOrder / OrderNotActive) and returns kNil.
    std::uint32_t ownOpenOrder(MemberId member, OrderId id, std::string_view verb);

    // ---- order lifecycle (orders.cpp) ----
    // Registers an accepted order (record, member lists, live slot) and returns its slot.
    std::uint32_t admit(MemberId member, const proto::OrderParams &p);
    // Matches, then rests or closes the taker, and emits its final state as the reply.
    void runTaker(detail::Taker &taker, bool fillOrKill);
    void link(std::uint32_t slot, const net::Prefix &prefix, std::uint32_t book = detail::kNil);
    void unlink(std::uint32_t slot);
    // Ends an open order: leaves its book, writes its final state to the record.
    void close(std::uint32_t slot, OrderStatus status, proto::ResultCode reason);
    void cancelResting(std::uint32_t slot, OrderStatus status, proto::ResultCode reason, bool isReply);
    std::uint32_t findOrCreateBook(const net::Prefix &prefix);
    std::uint32_t findBook(const net::Prefix &prefix) const;
    void touch(std::uint32_t book);
    void flushTouched();
    detail::BookTrie &trieOf(net::Family f) { return f == net::Family::V4 ? trie4 : trie6; }
    const detail::BookTrie &trieOf(net::Family f) const { return f == net::Family::V4 ? trie4 : trie6; }
    void pushOrderTimer(OrderId id, const proto::OrderParams &p);
    std::uint32_t allocLive();

    // ---- matching (matching.cpp) ----
    void collectCursors(const detail::Taker &taker);
    bool fillable(const detail::Taker &taker); // fill-or-kill dry run, changes nothing
    detail::MatchStop match(detail::Taker &taker);
    void executeFill(detail::Taker &taker, std::uint32_t maker, Price price, Bandwidth size);

    // ---- views and queries (views.cpp) ----
    proto::OrderView orderView(OrderId id) const;
    proto::BookEntry bookEntry(std::uint32_t slot) const;
    const net::Prefix &prefixOfLinked(std::uint32_t slot) const
    {
        return books[levels[live[slot].level].book].prefix;
    }
    bool knownMember(MemberId id) const
    {
        return id.value() >= 1 && id.value() <= members.size();
    }
    bool knownOrder(OrderId id) const { return id.value() >= 1 && id.value() <= orders.size(); }
    detail::OrderRecord &rec(OrderId id) { return orders[id.value() - 1]; }
    const detail::OrderRecord &rec(OrderId id) const { return orders[id.value() - 1]; }
    std::uint32_t slotFor(OrderId id) const { return slotOf[id.value() - 1]; }
    // The member's open orders, ascending id.
    std::vector<OrderId> openOrdersOf(const detail::MemberRecord &m) const
    {
        std::vector<OrderId> ids;
        ids.reserve(m.open.size());
        for (const std::uint32_t slot : m.open)
            ids.push_back(live[slot].id);
        std::sort(ids.begin(), ids.end());
        return ids;
    }
    std::int64_t bestBid(const detail::Book &b) const
    {
        return b.bids.levels.empty() ? 0 : b.bids.levels.best().key;
    }
    std::int64_t bestAsk(const detail::Book &b) const
    {
        return b.asks.levels.empty() ? 0 : -b.asks.levels.best().key;
    }

    // ---- whole-state operations ----
    std::uint64_t hash() const;                      // state_hash.cpp
    std::string invariants() const;                  // invariants.cpp
    std::string openStateInvariants() const;
    std::string historyInvariants() const;
    void save(std::vector<std::uint8_t> &out) const; // snapshot.cpp
};

} // namespace bwx::market
