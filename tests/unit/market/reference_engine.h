#pragma once
// A deliberately simple matcher with the same semantics as bwx::market::Engine: plain vectors,
// linear scans and a sort per match, written to be obviously correct rather than fast. The
// cross-check test runs both on the same random command streams and compares every event.
#include <cstdint>
#include <map>
#include <utility>
#include <vector>

#include "bwx/market/engine.h"

namespace bwx::market::testing {

class ReferenceEngine
{
public:
    explicit ReferenceEngine(EngineConfig config = {}) : m_config(config) {}

    void apply(const Command &cmd, EngineEvents &events);

    std::vector<proto::OrderView> orders() const;
    std::vector<proto::TradeView> trades() const { return m_trades; }
    std::vector<proto::MemberView> members() const { return m_members; }
    std::vector<proto::BookEntry> effectiveBook(const net::Prefix &prefix) const;
    proto::WatchRow watchRow(const net::Prefix &prefix) const;
    std::vector<net::Prefix> activePrefixes() const;
    std::uint64_t openOrderCount() const { return m_open.size(); }

private:
    struct Order
    {
        proto::OrderView view;
        Price submittedPrice{};
        Bandwidth submittedCapacity{};
        std::uint64_t priority = 0;
        Timestamp priorityTime{};
    };

    void newOrder(MemberId member, const proto::OrderParams &p, EngineEvents &ev);
    void cancel(MemberId member, const proto::CancelOrder &c, EngineEvents &ev);
    void amend(MemberId member, const proto::AmendOrder &a, EngineEvents &ev);
    void massCancel(MemberId member, const proto::MassCancel &m, EngineEvents &ev);
    void addMember(const proto::AddMember &a, EngineEvents &ev);
    void setMemberStatus(const proto::SetMemberStatus &s, EngineEvents &ev);
    void tick(EngineEvents &ev);

    bool checkTrader(MemberId member, EngineEvents &ev) const;
    // Matches order `i` (open, not in m_open), then rests or closes it and replies.
    void take(std::size_t i, EngineEvents &ev);
    std::vector<std::size_t> candidates(std::size_t i) const;
    std::int64_t fillSize(const Order &taker, const Order &maker) const;
    void fill(std::size_t taker, std::size_t maker, EngineEvents &ev);
    void close(std::size_t i, OrderStatus status, proto::ResultCode reason);
    void removeOpen(std::size_t i);
    proto::BookEntry entryOf(const Order &o) const;
    bool isOpenIndex(std::size_t i) const;

    EngineConfig m_config;
    std::vector<Order> m_orders;
    std::vector<std::size_t> m_open; // indices of resting orders
    std::map<std::pair<std::uint32_t, std::uint64_t>, std::size_t> m_byClientId;
    std::vector<proto::TradeView> m_trades;
    std::vector<std::size_t> m_liveTrades; // not ended yet
    std::vector<proto::MemberView> m_members;
    Seq m_lastSeq{};
    Timestamp m_now{};
    std::uint64_t m_seq = 0;
};

} // namespace bwx::market::testing
