#pragma once
// Over- and under-use of a trade against its traded capacity (claim 16), and when to tell the
// two parties about it.
//
// The figure judged is the billed one: the 95th percentile of the billing period so far. A
// notice goes out when the verdict changes (into over or under use, and back to within), and
// again while over or under use persists, at most once per reminder interval — so a trade that
// hovers around a threshold, or a collector that recomputes every five minutes, never floods a
// member with notices.
#include "bwx/domain/ids.h"
#include "bwx/domain/units.h"

#include <cstdint>
#include <optional>
#include <unordered_map>

namespace bwx::settlement {

enum class UsageFlag : std::uint8_t { Within, Over, Under };

struct UsageThresholds
{
    std::int64_t overUsePercent = 100; // over: p95 > committed × this / 100
    std::int64_t underUsePercent = 50; // under: p95 < committed × this / 100
};

UsageFlag classifyUsage(Bandwidth p95, Bandwidth committed, const UsageThresholds &thresholds);

struct UsageAlertPolicy
{
    UsageThresholds thresholds;
    Duration reminder = seconds(6 * 3600);
    // A verdict needs this many 5-minute samples in the period so far (one hour by default):
    // the first minutes of a delivery period say nothing about its 95th percentile.
    std::int64_t minSamples = 12;
};

struct UsageAlert
{
    TradeId trade;
    UsageFlag flag = UsageFlag::Within;
    UsageFlag previous = UsageFlag::Within;
    Bandwidth p95;
    Bandwidth committed;
};

class UsageAlerts
{
public:
    explicit UsageAlerts(UsageAlertPolicy policy = {})
        : m_policy(policy)
    {}

    // The trade's period-to-date 95th percentile over `samples` bins, at `now`. Returns the
    // alert to send, if any.
    std::optional<UsageAlert> update(
        TradeId trade, Bandwidth p95, Bandwidth committed, std::int64_t samples, Timestamp now);
    // The last verdict (Within for a trade never judged).
    UsageFlag current(TradeId trade) const;
    // Forgets a trade (ended, cancelled, or a new billing period started).
    void forget(TradeId trade);

    const UsageAlertPolicy &policy() const noexcept { return m_policy; }

private:
    struct State
    {
        UsageFlag flag = UsageFlag::Within;
        Timestamp lastAlert{};
        bool alerted = false;
    };
    UsageAlertPolicy m_policy;
    std::unordered_map<TradeId, State, StrongIntHash> m_states;
};

} // namespace bwx::settlement
