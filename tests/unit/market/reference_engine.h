#pragma once
// A deliberately simple matcher with the same semantics as bwx::market::Engine: plain vectors,
// linear scans, fills and commitments recomputed from the trades at every question, a sort per
// match, and a fill-or-kill decided by matching a copy of the whole state. Written to be
// obviously correct rather than fast, from the rules of docs/market.md; the cross-check test runs
// both on the same random command streams and compares every event.
#include "bwx/market/engine.h"

#include <cstdint>
#include <map>
#include <optional>
#include <utility>
#include <vector>

namespace bwx::market::testing {

class ReferenceEngine
{
public:
    explicit ReferenceEngine(EngineConfig config = {});

    void apply(const Command &cmd, EngineEvents &events);

    std::vector<proto::OrderView> orders() const;
    std::vector<proto::TradeView> trades() const;
    std::vector<proto::MemberView> members() const;
    std::vector<proto::BookEntry> effectiveBook(const net::Prefix &prefix) const;
    proto::WatchRow watchRow(const net::Prefix &prefix) const;
    std::vector<net::Prefix> activePrefixes() const;
    std::uint64_t openOrderCount() const { return m_open.size(); }
    std::vector<proto::Candidate>
    candidates(MemberId buyer, const proto::OrderParams &params, Timestamp now) const;
    std::vector<TradedRoute> tradedPrefixes(TradeId trade) const;
    proto::MarketSettings settings() const { return m_settings; }

private:
    struct Route
    {
        net::Prefix prefix;
        RouteClass routeClass = RouteClass::Customer;
        std::uint32_t originAsn = 0;
        std::uint8_t pathLength = 0;
    };
    struct Figure
    {
        net::Prefix destination;
        proto::QualityFigure figure;
    };
    struct Member
    {
        proto::MemberView view; // portUsed is recomputed when the view is shown
        std::vector<Route> routes;
        std::vector<Figure> quality;
        std::vector<std::size_t> trades; // indices into m_trades of its trades not ended
        Timestamp lastPortNotice{};
        bool portBlocked = false;
    };
    struct Order
    {
        proto::OrderView view; // params hold the current price and capacity
        Price submittedPrice{};
        Bandwidth submittedCapacity{};
        std::uint64_t priority = 0; // seq of the command that gave the order its time priority
        Timestamp priorityTime{};
        bool open = false;
        bool inBook = false; // resting and not suspended
        bool suspended = false;
        std::vector<std::size_t> trades; // indices into m_trades
    };
    struct Trade
    {
        proto::TradeView view;
        bool startPending = false; // its next clock deadline is the delivery start
    };
    // Where a sell reaches a buy's destination (rule 1), or why it does not.
    struct Reach
    {
        proto::ResultCode code = proto::ResultCode::Ok;
        bool routeKnown = false;
        std::uint8_t distance = 0;
        net::Prefix route;
        net::Prefix qualityRef;
    };
    struct Verdict
    {
        proto::ResultCode code = proto::ResultCode::Ok;
        std::int64_t fill = 0;
        int fullPorts = 0; // bit 1 the buyer's, bit 2 the seller's
        Reach reach;
        std::int64_t start = 0, end = 0;
    };
    struct Interval
    {
        std::int64_t start, end, size;
    };
    enum class Stop { Exhausted, Filled, SelfTrade };

    // commands
    void newOrder(MemberId member, const proto::OrderParams &p, EngineEvents &ev);
    void takeOrder(MemberId member, const proto::TakeOrder &t, EngineEvents &ev);
    void cancel(MemberId member, const proto::CancelOrder &c, EngineEvents &ev);
    void amend(MemberId member, const proto::AmendOrder &a, EngineEvents &ev);
    void massCancel(MemberId member, const proto::MassCancel &m, EngineEvents &ev);
    void addMember(const proto::AddMember &a, EngineEvents &ev);
    void setMemberStatus(const proto::SetMemberStatus &s, EngineEvents &ev);
    void setMemberLimits(const proto::SetMemberLimits &s, EngineEvents &ev);
    void
    setCancelOnDisconnect(MemberId member, const proto::SetCancelOnDisconnect &s, EngineEvents &ev);
    void sessionsClosed(const proto::SessionsClosed &s, EngineEvents &ev);
    void configure(const proto::ConfigureMarket &c, EngineEvents &ev);
    void routeBatch(const proto::RouteBatch &b, EngineEvents &ev);
    void qualityBatch(const proto::QualityBatch &b, EngineEvents &ev);
    void tick(EngineEvents &ev);
    void cancelTrade(MemberId sender, const proto::CancelTrade &c, EngineEvents &ev);

    bool checkTrader(MemberId member, EngineEvents &ev) const;
    bool answeredByClientId(MemberId member, const proto::OrderParams &p, EngineEvents &ev) const;
    bool admissible(MemberId member, const proto::OrderParams &p, EngineEvents &ev) const;
    std::size_t accept(MemberId member, const proto::OrderParams &p);
    // Index of the member's open order, or rejects and returns nullopt.
    std::optional<std::size_t> ownOpen(MemberId member, OrderId id, EngineEvents &ev) const;

    // routes, quality, commitments
    std::optional<Route> longestRoute(MemberId member,
                                      const net::Prefix &p,
                                      DestinationKind kind,
                                      std::uint32_t value) const;
    std::optional<std::uint8_t>
    groupPath(MemberId member, net::Family f, DestinationKind kind, std::uint32_t value) const;
    std::optional<proto::QualityFigure> figureOf(MemberId member, const net::Prefix &ref) const;
    Reach reach(MemberId seller, const Destination &buy, const Destination &sell) const;
    bool deliverable(MemberId seller, const Destination &sell) const;
    std::vector<Interval> sellCommitments(const Order &sell) const;
    std::vector<Interval> portCommitments(MemberId member) const;
    Bandwidth filledOf(const Order &o) const;
    Bandwidth remainingOf(const Order &o) const;
    bool exhausted(const Order &o) const;
    Money exposureOf(MemberId member) const;
    std::uint32_t maxOpenOrders() const;
    Bandwidth maxOrderCapacity(MemberId member) const;

    // matching
    Verdict check(const Order &buy,
                  std::int64_t buyLimit,
                  const Order &sell,
                  std::int64_t sellLimit,
                  Timestamp at) const;
    std::vector<std::size_t> crossing(std::size_t taker, std::int64_t limit) const;
    Stop match(std::size_t taker, std::int64_t limit, bool resting, EngineEvents &ev);
    Stop matchRanked(std::size_t taker, std::int64_t limit, bool resting, EngineEvents &ev);
    std::vector<std::pair<std::size_t, std::int64_t>> rank(const Order &buy,
                                                           const std::vector<std::size_t> &sells,
                                                           const std::vector<Reach> &reaches) const;
    void
    fill(std::size_t taker, std::size_t maker, const Verdict &v, bool resting, EngineEvents &ev);
    void portFull(const Verdict &v, const Order &buy, const Order &sell, EngineEvents &ev);
    void take(std::size_t i, std::int64_t limit, bool canRest, bool fillOrKill, EngineEvents &ev);
    void reexamine(std::vector<std::size_t> orders, EngineEvents &ev);
    void reexamineReleased(std::vector<std::uint32_t> released, EngineEvents &ev);
    void refreshSeller(MemberId seller, std::vector<std::size_t> &again, EngineEvents &ev);
    void refreshTrades(MemberId seller, EngineEvents &ev);
    void refreshSells(const std::vector<std::size_t> &orders,
                      std::vector<std::size_t> &again,
                      EngineEvents &ev);

    // state changes and views
    void close(std::size_t i, OrderStatus status, proto::ResultCode reason);
    void cancelOpen(std::size_t i,
                    OrderStatus status,
                    proto::ResultCode reason,
                    bool isReply,
                    EngineEvents &ev);
    void setTradeState(Trade &t, proto::TradeState s, EngineEvents &ev);
    void notice(MemberId member,
                proto::ResultCode code,
                OrderId order,
                TradeId trade,
                EngineEvents &ev) const;
    proto::OrderView viewOf(const Order &o) const;
    proto::MemberView memberView(const Member &m) const;
    proto::BookEntry entryOf(const Order &o) const;
    proto::BookEntry
    entryToward(const Order &o, const net::Prefix &toward, const net::Prefix &shown) const;
    std::vector<std::pair<std::size_t, net::Prefix>> sellsServing(const net::Prefix &p) const;
    Member &memberOf(MemberId id) { return m_members[id.value() - 1]; }
    const Member &memberOf(MemberId id) const { return m_members[id.value() - 1]; }
    bool knownMember(MemberId id) const
    {
        return id.value() >= 1 && id.value() <= m_members.size();
    }

    EngineConfig m_config;
    proto::MarketSettings m_settings;
    std::vector<Order> m_orders;
    std::vector<std::size_t> m_open; // indices of open orders (resting or suspended), ascending
    std::map<std::pair<std::uint32_t, std::uint64_t>, std::size_t> m_byClientId;
    std::vector<Trade> m_trades;
    std::vector<std::size_t> m_live;                // trades not ended, ascending
    std::map<net::Prefix, std::size_t> m_lastTrade; // buyer's prefix -> its latest trade
    std::vector<Member> m_members;
    Seq m_lastSeq{};
    Timestamp m_now{};
    std::uint64_t m_seq = 0;
};

} // namespace bwx::market::testing
