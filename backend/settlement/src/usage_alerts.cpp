#include "bwx/settlement/usage_alerts.h"

namespace bwx::settlement {

namespace {
__extension__ using i128 = __int128;

std::int64_t percentOf(std::int64_t value, std::int64_t percent) noexcept
{
    return static_cast<std::int64_t>(static_cast<i128>(value) * percent / 100);
}
} // namespace

UsageFlag classifyUsage(Bandwidth p95, Bandwidth committed, const UsageThresholds &t)
{
    if (p95.value() > percentOf(committed.value(), t.overUsePercent))
        return UsageFlag::Over;
    if (p95.value() < percentOf(committed.value(), t.underUsePercent))
        return UsageFlag::Under;
    return UsageFlag::Within;
}

std::optional<UsageAlert> UsageAlerts::update(
    TradeId trade, Bandwidth p95, Bandwidth committed, std::int64_t samples, Timestamp now)
{
    if (samples < m_policy.minSamples)
        return std::nullopt;
    const UsageFlag flag = classifyUsage(p95, committed, m_policy.thresholds);
    State &state = m_states[trade];
    const UsageFlag previous = state.flag;
    bool send = false;
    if (flag != previous) {
        // Back to within is news only to someone who was told about over or under use.
        send = flag != UsageFlag::Within || state.alerted;
    } else if (flag != UsageFlag::Within) {
        send = !state.alerted || !(now < state.lastAlert + m_policy.reminder);
    }
    state.flag = flag;
    if (!send)
        return std::nullopt;
    state.alerted = flag != UsageFlag::Within;
    state.lastAlert = now;
    return UsageAlert{trade, flag, previous, p95, committed};
}

UsageFlag UsageAlerts::current(TradeId trade) const
{
    const auto it = m_states.find(trade);
    return it == m_states.end() ? UsageFlag::Within : it->second.flag;
}

void UsageAlerts::forget(TradeId trade)
{
    m_states.erase(trade);
}

} // namespace bwx::settlement
