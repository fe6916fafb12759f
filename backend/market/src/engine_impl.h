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
//   address family for the covering / more-specific searches. Orders whose destination is a
//   route class or an origin AS rest in group books: one per (seller, family, class / origin)
//   for sells, one per (family, class / origin) for buys;
// - a sell's capacity is committed over time by its trades (CommitmentMap); so is every
//   member's port. Routes and quality figures are kept per member (RouteIndex, PrefixMap).
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <variant>
#include <vector>

#include "book_trie.h"
#include "bwx/net/prefix_trie.h"
#include "commitment_map.h"
#include "bwx/market/engine.h"
#include "client_index.h"
#include "flat_map.h"
#include "group_bests.h"
#include "huge_page_allocator.h"
#include "level_map.h"
#include "prefix_presence.h"
#include "route_index.h"
#include "stable_vector.h"
#include "timer_heap.h"

namespace bwx::market {

namespace detail {

inline constexpr std::uint32_t kNil = ~std::uint32_t{0};

// LiveOrder::flags
inline constexpr std::uint8_t kSuspended = 1; // a sell out of the books: its routes are gone
inline constexpr std::uint8_t kHasLimits = 2; // a buy with quality limits
inline constexpr std::uint8_t kUneven = 4;    // a sell whose commitments vary over its period

// The hot state of an open order. The first cache line holds what matching reads per
// candidate; the second what amends, views and the less common checks need.
struct alignas(64) LiveOrder
{
    // Buys: capacity - filled. Sells: capacity - the most committed at any instant of the
    // period, i.e. what the sell can still give over the whole of it (when kUneven is set it
    // can give more over parts of the period; its CommitmentMap says how much).
    Bandwidth remaining{};
    Bandwidth minBlock{};
    Timestamp deliveryStart{};
    Timestamp deliveryEnd{};
    std::uint64_t prioritySeq = 0; // seq of the command that last gave the order its priority
    OrderId id{};
    std::uint32_t level = kNil; // kNil while not in a book (being matched, or suspended)
    MemberId member{};
    Side side = Side::Buy;
    TrafficType traffic = TrafficType::BestEffort;
    std::uint8_t flags = 0;
    DestinationKind kind = DestinationKind::Prefix;
    // ---- second line ----
    std::uint32_t memberPos = kNil; // index in the member's open list
    Price price{};
    Bandwidth capacity{};
    Bandwidth filled{}; // buys: sum of the trades; sells: the most committed at any instant
    Timestamp updatedAt{};
    Timestamp priorityTime{};
    std::uint32_t commit = kNil; // kUneven sells: index of their CommitmentMap
    std::uint32_t maxLatencyUs = 0;
    std::uint32_t maxLossPpm = 0;
    std::uint8_t maxDistance = 0;
    RankingMode ranking = RankingMode::BestPrice;
};
static_assert(sizeof(LiveOrder) == 128);

// An open order's neighbours in its level's FIFO, by live slot. Kept apart from LiveOrder so
// that linking and unlinking write entries of a compact array (8 bytes per open order, which
// stays in cache) instead of the neighbours' LiveOrders: on a deep book each of those is a cache
// miss, and an amend that moves the price would take three (both old neighbours, the new tail).
struct QueueLink
{
    std::uint32_t prev = kNil;
    std::uint32_t next = kNil; // FIFO successor within the level; free-list link when unused
};

struct Level
{
    Price price{};
    Bandwidth total{}; // sum of the orders' remaining capacity
    std::uint32_t head = kNil;
    std::uint32_t tail = kNil;
    std::uint32_t count = 0;
    std::uint32_t measuredOnly = 0; // buys among them with a latency or loss limit
    std::uint32_t book = kNil;
    Side side = Side::Buy;
};

struct BookSide
{
    LevelMap levels; // key: price for bids, -price for asks; the greatest key is the best level
    Bandwidth depth{};
    std::uint32_t orders = 0;
    std::uint32_t measuredOnly = 0; // buys with a latency or loss limit, over all levels
};

// What a book holds: orders on one prefix, or group orders (a route class or an origin AS of
// one family): the sells of one seller, or the buys of everyone.
struct BookKey
{
    DestinationKind kind = DestinationKind::Prefix;
    net::Family family = net::Family::V4;
    std::uint32_t value = 0;  // class or origin AS
    std::uint32_t member = 0; // the seller of a group sell book; 0 otherwise
    net::Prefix prefix{};     // prefix books
    friend bool operator==(const BookKey &, const BookKey &) = default;
    bool isPrefix() const noexcept { return kind == DestinationKind::Prefix; }
};

struct BookKeyHash
{
    std::size_t operator()(const BookKey &k) const noexcept
    {
        return static_cast<std::size_t>(
            mix64((std::uint64_t{k.member} << 32 | k.value)
                  ^ (std::uint64_t{static_cast<std::uint8_t>(k.kind)} << 8
                     | static_cast<std::uint8_t>(k.family))
                        * 0x9e3779b97f4a7c15u));
    }
};

struct Book
{
    BookKey key;
    net::Prefix prefix{}; // prefix books: the prefix; group books: the family's root
    BookSide bids;
    BookSide asks;
    std::uint32_t node = kNil; // prefix books: in the trie of the prefix's family
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

// Laid out for a fill, which reads and writes two members' records: the view's second cache
// line (status, port capacity and use, limits), then the port map, the live trades as seller
// and the newest trade in the line after it. Scattered over the record as they were, a fill
// took four or five lines per member, each one an L1 miss: in W1 a member trades about once in
// a thousand commands.
struct alignas(64) MemberRecord
{
    proto::MemberView view; // limits and portUsed included (in its second line)
    // ---- derived ----
    CommitmentMap port;                 // live trades (scheduled, active, suspended)
    std::vector<TradeId> sellingTrades; // live trades as the seller, ascending
    Money exposure{};                   // open buys' value; kept while an exposure limit is set
    TradeId lastTrade{}; // its newest trade; older ones are chained through Impl::tradeLinks
    std::uint32_t groupSells[2] = {0, 0}; // open class / origin-AS sells, IPv4 and IPv6
    // ---- state ----
    std::vector<std::uint32_t> open; // live slots of the open orders; LiveOrder::memberPos indexes it
    ClientIndex clientIds; // all its orders (ascending) and their client order ids
    // ---- state beyond the view (hashed and snapshotted) ----
    Timestamp lastPortNotice{}; // rate limit of port-full notices
    bool portBlocked = false;   // a pair failed on this member's port since its orders were last re-examined
    net::PrefixMap<QualityFigure> quality; // figures toward its measured destinations
};

// Where a trade's two members' lists of trades go on: each member's trades are chained newest
// first, from MemberRecord::lastTrade. A fill used to append the trade to a vector of each member,
// and the append that entered a fresh cache line of a member's vector stalled the fill for about
// a memory access; these links are written in one array that grows with the trades, at the end
// that the previous trade has just asked for.
struct TradeLinks
{
    TradeId previousOfBuyer{};  // 0: the buyer's first trade
    TradeId previousOfSeller{}; // 0: the seller's first trade
};

struct LastTrade
{
    Price price{};
    Timestamp at{};
};

// The order being matched: a new order, an amended order that lost its priority, a sell whose
// routes came back, or a resting order re-examined in place after routes, quality or a port
// changed (`linked`).
struct Taker
{
    std::uint32_t slot = kNil;
    std::uint32_t book = kNil; // prefix takers: the book of its prefix if it exists
    BookKey dest;
    Side side = Side::Buy;
    bool canRest = false; // gtc/gtd limit
    bool linked = false;  // stays in its book while it matches
    // Buys: the highest acceptable price (INT64_MAX for market). Sells: the lowest (>= 1).
    std::int64_t limit = 0;
};

// Position of the merge in one book side: the current candidate of that side. For a sell
// taker it may also stand for a subtree of the BookTrie not yet looked into (`order` kNil,
// `level` the node, `price` the subtree's best bid): it ranks before every candidate of the same
// price, so it is opened before any candidate it could hold that ranks first.
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

// Why a pair of orders can or cannot trade, and how much.
struct PairVerdict
{
    proto::ResultCode code = proto::ResultCode::Ok; // Ok, or the first failing check
    std::int64_t fill = 0;                          // whole blocks; > 0 when code is Ok or OwnOrder
    // Ports that failed the pair (code PortCapacityExceeded) or cut its fill short (code Ok):
    // 1 the buyer's, 2 the seller's.
    std::uint8_t fullPorts = 0;
    // Facts gathered on the way, for ranking and views:
    bool routeKnown = false; // the seller's route serving the pair (distance) is known
    std::uint8_t distance = 0;
    net::Prefix route{};      // its prefix (the sell's prefix when the seller holds no route)
    net::Prefix qualityRef{}; // where the seller's quality figure is looked up
    bool figureKnown = false; // a figure exists (any state)
    QualityFigure figure{};
    std::int64_t overlapStart = 0, overlapEnd = 0;
};

// An eligible sell as a buy's ranking sees it (rule 4).
struct RankedCandidate
{
    std::uint32_t slot = kNil;
    std::uint64_t id = 0;
    std::int64_t price = 0;
    std::uint64_t prioritySeq = 0;
    bool routeKnown = false;
    std::uint8_t distance = 0;
    std::uint8_t state = 0; // proto::QualityState of the seller's figure; 0 when there is none
    std::uint32_t latencyUs = 0;
    std::uint32_t lossPpm = 0;
    std::int64_t score = 0; // lower is better
};

// Orders `list` by the buyer's ranking (the numbered total orders of rule 4) and sets scores.
void rankCandidates(std::vector<RankedCandidate> &list, RankingMode mode,
                    const proto::RankingWeights &weights);

// Scratch state of a fill-or-kill dry run: what the taker and the ports would hold after the
// fills so far, without touching the engine.
struct DryRun
{
    std::int64_t takerRemaining = 0;  // buys
    CommitmentMap takerCommitted;     // sells
    std::vector<std::pair<std::uint32_t, CommitmentMap>> ports; // member -> port map copy
    CommitmentMap *portOf(std::uint32_t member)
    {
        for (auto &[m, map] : ports)
            if (m == member)
                return &map;
        return nullptr;
    }
};

// Largest multiple of lcm(a, b) that is <= limit; 0 when none (also when the lcm overflows).
std::int64_t wholeBlocks(std::int64_t limit, std::int64_t blockA, std::int64_t blockB) noexcept;
// lcm(a, b), or 0 when it does not fit in 64 bits.
std::int64_t commonBlock(std::int64_t blockA, std::int64_t blockB) noexcept;

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

// Open: can still trade or come back (suspended sells).
constexpr bool isOpen(OrderStatus s) noexcept
{
    return s == OrderStatus::Working || s == OrderStatus::PartiallyFilled
           || s == OrderStatus::Suspended;
}

// A buy with a latency or loss limit: it can only trade with a seller measured toward it.
inline bool needsFigure(const LiveOrder &o) noexcept
{
    return o.side == Side::Buy && (o.maxLatencyUs != 0 || o.maxLossPpm != 0);
}

// A lower bound of the smallest free port capacity (capacity - busiest instant) of all members:
// exact when computed, then lowered by the trades made since. Trades that end only free ports,
// so it stays a lower bound; a port capacity change or a new member makes it recomputed.
struct PortFloor
{
    bool valid = false;
    std::size_t trades = 0;
    std::size_t members = 0;
    std::int64_t least = 0;
};

inline BookKey keyOf(const Destination &d, Side side, MemberId member)
{
    BookKey k;
    k.kind = d.kind;
    k.family = d.family;
    if (d.kind == DestinationKind::Prefix) {
        k.prefix = d.prefix;
    } else {
        k.value = d.kind == DestinationKind::OriginAsn ? d.originAsn
                                                       : static_cast<std::uint32_t>(d.routeClass);
        k.member = side == Side::Sell ? member.value() : 0;
    }
    return k;
}

inline RouteFilter filterOf(DestinationKind kind) noexcept
{
    return kind == DestinationKind::OriginAsn ? RouteFilter::Origin
           : kind == DestinationKind::RouteClass ? RouteFilter::Class
                                                 : RouteFilter::Any;
}

inline net::Prefix familyRoot(net::Family f)
{
    return net::Prefix::makeTruncating(net::Address::fromWords(f, 0, 0), 0);
}

} // namespace detail

struct Engine::Impl
{
    explicit Impl(EngineConfig cfg);

    EngineConfig config;

    // ---- state (hashed and snapshotted) ----
    proto::MarketSettings settings; // the last ConfigureMarket, or the initial config
    std::vector<detail::MemberRecord> members; // id - 1
    detail::StableVector<detail::OrderRecord> orders; // id - 1
    detail::StableVector<proto::TradeView> trades;    // id - 1
    detail::StableVector<detail::TradeLinks> tradeLinks; // id - 1, beside trades
    detail::RouteIndex routes;
    Seq lastSeq{};
    Timestamp lastTime{};

    // ---- derived indexes ----
    // id - 1 -> LiveOrder slot while open, else kNil. Ids are never reused, so this grows with
    // every order ever accepted: in chunks, since a vector's doubling copied it whole inside
    // one command (4 MiB past 2^20 ids, in W2's timed window; 256 MiB past 2^26).
    detail::StableVector<std::uint32_t> slotOf;
    detail::HugeVector<detail::LiveOrder> live;
    detail::HugeVector<detail::QueueLink> queue; // by live slot, as long as `live`
    std::uint32_t freeLive = detail::kNil; // chained through QueueLink::next
    detail::HugeVector<detail::Level> levels;
    std::uint32_t freeLevel = detail::kNil; // chained through Level::head
    detail::HugeVector<detail::Book> books;
    std::vector<std::uint32_t> freeBooks;
    detail::FlatMap<net::Prefix, std::uint32_t, net::PrefixHash> bookByPrefix;
    detail::PrefixKeys bookPrefixes; // bookByPrefix's keys, for coveringBooks
    detail::FlatMap<detail::BookKey, std::uint32_t, detail::BookKeyHash> groupBooks;
    detail::BookTrie trie4{net::Family::V4};
    detail::BookTrie trie6{net::Family::V6};
    std::unordered_map<std::string, std::uint32_t> memberByName;
    detail::FlatMap<net::Prefix, detail::LastTrade, net::PrefixHash> lastTrades;
    // Slot in lastTrades of the last prefix traded: fills in a row mostly trade the same prefix
    // (FlatMap::findOrInsert checks the hint, so a stale one costs only the usual lookup).
    std::size_t lastTradeSlot = 0;
    // Deadlines. orderTimers grows with every order and keeps entries of closed orders until
    // their deadline or the next compaction (onClockTick).
    detail::TimerHeap orderTimers; // entries of closed orders are skipped
    detail::TimerHeap tradeTimers; // one entry per live trade
    std::vector<detail::CommitmentMap> commitMaps; // of kUneven sells
    std::vector<std::uint32_t> freeCommitMaps;
    std::uint64_t openOrders = 0;
    detail::GroupBests groupBests; // best prices of the group books, refreshed by flushTouched

    // ---- per-command context ----
    EngineEvents *events = nullptr;
    bool quiet = false; // NullEvents: skip building views nobody reads
    Seq seq{};
    Timestamp now{};
    std::vector<std::uint32_t> touchedBooks;
    std::vector<detail::Cursor> cursors;
    std::vector<std::uint32_t> pendingBooks;  // collectCursors: books to add together
    std::vector<detail::BookKey> groupKeys;   // collectCursors: group books to look up
    std::vector<std::uint32_t> subtreeRoots, subtreeScratch; // collectCursors: class sells
    // Per book, the collectCursors pass that last added it: a book reached through several
    // routes is added once without scanning the cursors (a sweep can add thousands of books).
    // As long as `books`' capacity: grown in findOrCreateBook, where every book is made, not
    // by the first taker to cross after the books grew (sized there, a freshly started
    // engine's first marketable orders faulted in and copied megabytes: about 5 % of the timed
    // passes of matcher.W2).
    std::vector<std::uint32_t> cursorPassOfBook;
    std::uint32_t cursorPass = 0;
    // How collectCursors descends for a sell taker, for opening subtrees as the merge reaches
    // them: the seller, and whether subtrees where only buys waiting for a figure cross may be
    // passed over (decided once per taker, see collectCursors).
    MemberId descentSeller{};
    bool descentSkipsUnmeasured = false;
    std::vector<std::uint32_t> releasedPorts; // members whose port commitments shrank
    // Seq of the last command that put an order into a book. Until that command ends the
    // tries' aggregates and groupBests may miss the order, so price bounds are not used.
    std::uint64_t linkedSeq = 0;
    detail::PortFloor portFloor;

    // ---- commands (engine.cpp, members.cpp, orders.cpp, routes.cpp, clock.cpp) ----
    void apply(const Command &cmd, EngineEvents &ev);
    void reject(proto::ResultCode code, std::string_view message);
    void onAddMember(const proto::AddMember &m);
    void onSetMemberStatus(const proto::SetMemberStatus &m);
    void onSetMemberLimits(const proto::SetMemberLimits &m);
    void onSetCancelOnDisconnect(MemberId member, const proto::SetCancelOnDisconnect &m);
    void onSessionsClosed(const proto::SessionsClosed &m);
    void onConfigureMarket(const proto::ConfigureMarket &m);
    void onNewOrder(MemberId member, const proto::NewOrder &m);
    void onTakeOrder(MemberId member, const proto::TakeOrder &m);
    void onCancel(MemberId member, const proto::CancelOrder &m);
    void onAmend(MemberId member, const proto::AmendOrder &m);
    void onMassCancel(MemberId member, const proto::MassCancel &m);
    void onRouteBatch(const proto::RouteBatch &m);
    void onQualityBatch(const proto::QualityBatch &m);
    void onClockTick();
    // The member may trade: known and active. Rejects and returns false otherwise.
    bool admitTrader(MemberId member);
    // The open order `id` of `member`, or rejects (UnknownOrder / OrderNotActive) and returns kNil.
    std::uint32_t ownOpenOrder(MemberId member, OrderId id, std::string_view verb);
    // The limits in force: the journaled settings, 0 meaning the built-in default.
    std::uint32_t maxOpenOrders() const;
    Bandwidth maxOrderCapacity() const;
    Bandwidth maxOrderCapacityOf(const detail::MemberRecord &m) const;
    // Checks of a new order that need the state (member limits, routes). Rejects and returns
    // false when one fails.
    bool admitOrder(MemberId member, const proto::OrderParams &p);
    // Client order id checks shared by NewOrder and TakeOrder: true when the command was
    // answered (an idempotent resubmission) or rejected and must go no further.
    bool answeredByClientId(MemberId member, const proto::OrderParams &p);

    // ---- prefetches at the start of a command (prefetch_ahead.cpp) ----
    // Hints only: they ask for the memory a command is about to read, so that the cache misses
    // of independent reads overlap instead of following one another. They change no state.
    // From EngineConfig::prefetchFromOrders open orders on (by default 2 MiB of LiveOrders, the
    // L2 of this machine): a smaller book stays in the caches and would only pay the hints.
    bool prefetchPays() const noexcept { return openOrders >= config.prefetchFromOrders; }
    void prefetchMember(MemberId member) const noexcept;
    void prefetchNewOrder(MemberId member, const proto::OrderParams &p) const noexcept;
    // An amend or cancel of `id`; `closing`: the order's record will be written.
    void prefetchOrderCommand(MemberId member, OrderId id, bool closing) const noexcept;
    // The open order at `slot` (just looked up): its queue links, level and place in its
    // member's open list.
    void prefetchOpenOrder(std::uint32_t slot) const noexcept;

    // ---- order lifecycle (orders.cpp) ----
    // Registers an accepted order (record, member lists, live slot) and returns its slot.
    std::uint32_t admit(MemberId member, const proto::OrderParams &p);
    detail::Taker takerFor(std::uint32_t slot, const proto::OrderParams &p);
    // Matches, then rests or closes the taker, and emits its final state as the reply.
    void runTaker(detail::Taker &taker, bool fillOrKill);
    void link(std::uint32_t slot, std::uint32_t book);
    void unlink(std::uint32_t slot);
    // Ends an open order: leaves its book, writes its final state to the record.
    void close(std::uint32_t slot, OrderStatus status, proto::ResultCode reason);
    void cancelResting(std::uint32_t slot, OrderStatus status, proto::ResultCode reason, bool isReply);
    std::uint32_t findOrCreateBook(const detail::BookKey &key);
    std::uint32_t findBook(const detail::BookKey &key) const;
    const detail::BookKey &keyOfLinked(std::uint32_t slot) const
    {
        return books[levels[live[slot].level].book].key;
    }
    detail::BookKey keyOfOrder(std::uint32_t slot) const;
    // Appends the books on prefixes covering `prefix` (itself included), shortest first.
    void coveringBooks(const net::Prefix &prefix, std::vector<std::uint32_t> &out) const;
    void touch(std::uint32_t book);
    void flushTouched();
    detail::BookTrie &trieOf(net::Family f) { return f == net::Family::V4 ? trie4 : trie6; }
    const detail::BookTrie &trieOf(net::Family f) const { return f == net::Family::V4 ? trie4 : trie6; }
    void pushOrderTimer(OrderId id, const proto::OrderParams &p);
    std::uint32_t allocLive();
    void fillLive(std::uint32_t slot, OrderId id, MemberId member, const proto::OrderParams &p);
    void trackExposure(const detail::LiveOrder &o, int sign);
    Money orderValue(const detail::LiveOrder &o) const;
    void recomputeExposure(detail::MemberRecord &m);

    // ---- eligibility (eligibility.cpp) ----
    // The documented checks, in order, for a buy and a sell; `dry` overrides the taker's
    // state during a fill-or-kill dry run. `withRoute` false: an eligible pair's route and
    // distance are not looked up unless a check needs them (the price-time match, which uses
    // only the code, the fill and the ports; ranking and candidate lists show them).
    // `groupCovered`: the caller found the pair through a route of a group sell's group that
    // covers the prefix buy (collectCursors does), so check 1 holds without a route lookup.
    detail::PairVerdict checkPair(const detail::LiveOrder &buy, const detail::BookKey &buyDest,
                                  std::int64_t buyLimit, const detail::LiveOrder &sell,
                                  const detail::BookKey &sellDest, std::int64_t sellLimit,
                                  std::uint32_t takerSlot, detail::DryRun *dry,
                                  bool withRoute = true, bool groupCovered = false) const
    {
        return checkPairAt(now, buy, buyDest, buyLimit, sell, sellDest, sellLimit, takerSlot, dry,
                           withRoute, groupCovered);
    }
    // The same at another time (candidate lists for a time the caller names).
    detail::PairVerdict checkPairAt(Timestamp at, const detail::LiveOrder &buy,
                                    const detail::BookKey &buyDest, std::int64_t buyLimit,
                                    const detail::LiveOrder &sell, const detail::BookKey &sellDest,
                                    std::int64_t sellLimit, std::uint32_t takerSlot,
                                    detail::DryRun *dry, bool withRoute = true,
                                    bool groupCovered = false) const
    {
        detail::PairVerdict v;
        checkPairInto(at, buy, buyDest, buyLimit, sell, sellDest, sellLimit, takerSlot, dry,
                      withRoute, groupCovered, v);
        return v;
    }
    // The checks proper, into a default PairVerdict: one object from the caller's frame to the
    // end, not a 112-byte copy per return path.
    void checkPairInto(Timestamp at, const detail::LiveOrder &buy, const detail::BookKey &buyDest,
                       std::int64_t buyLimit, const detail::LiveOrder &sell,
                       const detail::BookKey &sellDest, std::int64_t sellLimit,
                       std::uint32_t takerSlot, detail::DryRun *dry, bool withRoute,
                       bool groupCovered, detail::PairVerdict &v) const;
    // Whether the sell can currently be delivered: its routes exist (rule 1).
    bool deliverable(MemberId seller, const detail::BookKey &dest) const;
    // Capacity the sell can still give at every instant of [from, to).
    std::int64_t sellAvailable(const detail::LiveOrder &sell, std::int64_t from, std::int64_t to) const;
    bool sellExhausted(const detail::LiveOrder &sell) const;
    std::optional<detail::QualityFigure> figureOf(MemberId seller, const net::Prefix &ref) const;
    std::string explain(const detail::PairVerdict &v, const detail::LiveOrder &buy,
                        const detail::LiveOrder &sell, Timestamp at) const;
    // Port failure seen by a real match: remember it for re-examination, tell the member.
    void portFull(const detail::PairVerdict &v, const detail::LiveOrder &buy,
                  const detail::LiveOrder &sell);

    // ---- matching (matching.cpp, ranking.cpp) ----
    void collectCursors(const detail::Taker &taker);
    // A cursor at the best level of the book's side the taker trades against, if it crosses.
    void addCursor(const detail::Taker &taker, std::uint32_t book);
    // The same for several books at once, their reads overlapped.
    void addCursors(const detail::Taker &taker, const std::vector<std::uint32_t> &bookList);
    // A cursor for a trie subtree whose bids may cross the sell taker, opened when it ranks first.
    void addSubtree(const detail::Taker &taker, std::uint32_t node);
    // Pops the subtree cursor on top of the heap and pushes what it holds.
    void openSubtree(const detail::Taker &taker);
    bool descentMeasured(const net::Prefix &prefix) const
    {
        return !descentSkipsUnmeasured || measuredInside(descentSeller, prefix);
    }
    // The lowest ask and the highest bid of a whole family (prefix and group books), or
    // nullopt while this command has put orders into books (the aggregates may miss them).
    std::optional<std::int64_t> familyBestAsk(net::Family family) const;
    std::optional<std::int64_t> familyBestBid(net::Family family) const;
    std::int64_t leastPortHeadroom();
    // The seller has a fresh or unreachable figure that a buy inside `prefix` may look up.
    bool measuredInside(MemberId seller, const net::Prefix &prefix) const;
    bool fillable(detail::Taker &taker); // fill-or-kill dry run, changes nothing
    detail::MatchStop match(detail::Taker &taker);
    detail::MatchStop matchRanked(detail::Taker &taker);
    // Every crossing sell the buy taker could take, checked and ranked by its ranking mode.
    std::vector<detail::RankedCandidate> rankCandidates(const detail::Taker &taker, detail::DryRun *dry);
    detail::RankedCandidate rankedOf(std::uint32_t slot, const detail::PairVerdict &v) const;
    void executeFill(detail::Taker &taker, std::uint32_t maker, std::int64_t size,
                     const detail::PairVerdict &v);
    // Asks for the memory a fill between the two would write beyond the orders (the members'
    // trade lists and ports, the trade timers), before the pair is checked: the ends of those
    // lists are where earlier appends left them, often no longer in the nearest caches, and
    // waiting for them one after the other was a large part of a fill.
    void prefetchFill(const detail::LiveOrder &buy, const detail::LiveOrder &sell) const noexcept;
    // executeFill, then for a fill a port cut short: the port marked blocked, its member told.
    void fillAndMark(detail::Taker &taker, std::uint32_t maker, const detail::PairVerdict &v);
    bool takerDone(const detail::Taker &taker) const;
    // Matches resting orders in place, ascending order id (rule 3: after routes, quality or a
    // port changed).
    void reexamine(std::vector<OrderId> ids);
    void reexamineBlockedPorts();

    // ---- routes and quality (routes.cpp) ----
    void suspend(std::uint32_t slot);
    void resume(std::uint32_t slot);
    bool tradeDeliverable(const proto::TradeView &t) const;
    // The seller's live trades (ascending id), then its open sells (ascending id).
    void refreshSeller(MemberId seller, std::vector<OrderId> &toReexamine);
    void refreshTrades(MemberId seller);
    // Suspends the sells among `ids` that lost their routes, resumes those whose routes are
    // back, in the order given: resumed sells share the command's seq as time priority, so
    // ascending ids keep every price level in (priority, id) order.
    void refreshSells(const std::vector<OrderId> &ids, std::vector<OrderId> &toReexamine);
    void sendNotice(MemberId member, proto::ResultCode code, std::string text, OrderId order,
                    TradeId trade);

    // ---- trades (trades.cpp) ----
    // Puts the newest trade (its record just appended) at the head of both members' lists.
    void linkTrade(TradeId id, detail::MemberRecord &buyer, detail::MemberRecord &seller);
    // A trade's commitments: both ports, the seller's live trades, its deadline.
    void commitTrade(const proto::TradeView &t);
    // The same with the trade's members at hand (executeFill has looked them up).
    void commitTrade(const proto::TradeView &t, detail::MemberRecord &buyer, detail::MemberRecord &seller);
    // Commits `size` of a sell over [from, to).
    void commitSell(detail::LiveOrder &o, std::int64_t from, std::int64_t to, std::int64_t size);
    void releaseTrade(const proto::TradeView &t);
    void setTradeState(proto::TradeView &t, proto::TradeState state);

    // ---- trade cancellation (trade_cancellation.cpp) ----
    // `sender` 0 is an admin session (the exchange's own command).
    void onCancelTrade(MemberId sender, const proto::CancelTrade &m);
    // The seller's measured quality toward the trade's destination breaches the buy order's
    // latency or loss limit; an unknown or stale figure is no breach.
    bool qualityBreached(const proto::TradeView &t) const;
    // Where the trade commits its sell order: its delivery period, except for a cancelled trade,
    // whose period was cut short but which keeps the sell's capacity over the period it was
    // executed for (the overlap of its orders' periods, which never change).
    Timestamp committedEnd(const proto::TradeView &t) const;

    // ---- views and queries (views.cpp) ----
    proto::OrderView orderView(OrderId id) const;
    proto::BookEntry bookEntry(std::uint32_t slot) const;
    // `toward`: the prefix whose book the entry is shown in (quality toward it).
    proto::BookEntry bookEntryToward(std::uint32_t slot, const net::Prefix &toward,
                                     const net::Prefix &shownPrefix) const;
    bool knownMember(MemberId id) const
    {
        return id.value() >= 1 && id.value() <= members.size();
    }
    bool knownOrder(OrderId id) const { return id.value() >= 1 && id.value() <= orders.size(); }
    detail::OrderRecord &rec(OrderId id) { return orders[id.value() - 1]; }
    const detail::OrderRecord &rec(OrderId id) const { return orders[id.value() - 1]; }
    std::uint32_t slotFor(OrderId id) const { return slotOf[id.value() - 1]; }
    detail::MemberRecord &memberOf(MemberId id) { return members[id.value() - 1]; }
    const detail::MemberRecord &memberOf(MemberId id) const { return members[id.value() - 1]; }
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
    // The best bid among buys without a latency or loss limit, 0 if none.
    std::int64_t plainBid(const detail::Book &b) const
    {
        if (b.bids.measuredOnly == 0)
            return bestBid(b); // without reading a level
        std::int64_t best = 0;
        b.bids.levels.forEachBestFirst([&](const detail::LevelMap::Entry &e) {
            const detail::Level &l = levels[e.level];
            if (l.count == l.measuredOnly)
                return true;
            best = e.key;
            return false;
        });
        return best;
    }
    std::int64_t bestAsk(const detail::Book &b) const
    {
        return b.asks.levels.empty() ? 0 : -b.asks.levels.best().key;
    }
    // The sells that can serve a prefix (the asks of its effective book), each with the route
    // that makes it serve: (slot, route prefix shown).
    std::vector<std::pair<std::uint32_t, net::Prefix>> sellsServing(const net::Prefix &prefix) const;
    std::vector<TradedRoute> tradedRoutes(const proto::TradeView &t) const;

    // ---- whole-state operations ----
    std::uint64_t hash() const;                      // state_hash.cpp
    std::string invariants() const;                  // invariants.cpp
    std::string openStateInvariants() const;
    std::string historyInvariants() const;
    void save(std::vector<std::uint8_t> &out) const; // snapshot.cpp
    // Rebuilds the derived per-trade structures (commitments, ports, timers) from the trades.
    void rebuildTradeIndexes();
};

} // namespace bwx::market
