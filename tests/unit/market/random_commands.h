#pragma once
// Random but plausible command streams for the cross-check and replay tests: new buys and
// sells on nested IPv4/IPv6 prefixes, route classes and origin ASes with every order type,
// quality limits and ranking mode, take orders, cancels (also of other members' orders), amends,
// mass cancels, clock ticks, route and quality batches, member limits and ports,
// cancel-on-disconnect, market settings, suspensions, trade cancellations (by admins, buyers,
// sellers and strangers), resubmissions and invalid commands.
// Deterministic for a seed. The generator learns which orders are open from the events of
// each applied command (observe()), so cancels and amends mostly hit live orders.
#include "bwx/market/engine.h"
#include "recording_events.h"

#include <cstdint>
#include <map>
#include <random>
#include <vector>

namespace bwx::market::testing {

class RandomCommands
{
public:
    explicit RandomCommands(std::uint64_t seed);

    Command next();
    void observe(const std::vector<Event> &events);

private:
    struct Known
    {
        MemberId member{};
        proto::OrderParams params{};
        Bandwidth filled{};
    };

    proto::Message newOrder(MemberId &member);
    proto::Message takeOrder(MemberId &member);
    proto::RouteBatch routeBatch();
    proto::QualityBatch qualityBatch();
    proto::SetMemberLimits memberLimits();
    proto::CancelTrade cancelTrade(MemberId &sender);
    net::Prefix randomPrefix();
    std::uint32_t randomOrigin();
    std::int64_t pick(std::int64_t lo, std::int64_t hi); // inclusive
    bool chance(int percent) { return pick(1, 100) <= percent; }

    std::mt19937_64 m_rng;
    std::uint64_t m_seq = 0;
    std::int64_t m_now = 0; // seconds
    std::uint32_t m_members = 0;
    std::vector<bool> m_suspended;
    std::vector<net::Prefix> m_prefixes;
    std::map<std::uint64_t, Known> m_open;               // order id -> order
    std::vector<std::pair<MemberId, MemberId>> m_trades; // trade id - 1 -> (buyer, seller)
    std::vector<std::uint64_t> m_suspendedTrades;        // as the last updates left them
    std::vector<std::vector<proto::OrderParams>> m_sent; // per member, accepted or not
    std::vector<std::uint64_t> m_nextClientId;
};

} // namespace bwx::market::testing
