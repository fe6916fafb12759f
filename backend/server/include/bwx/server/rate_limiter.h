#pragma once
// A token bucket per session: `ratePerSecond` tokens flow in continuously up to `burst`, each
// message takes one. Integer arithmetic in nanosecond-tokens, so there is no rounding drift and
// no floating point; the caller passes the time so tests need no clock.
#include <algorithm>
#include <chrono>
#include <cstdint>

namespace bwx::server {

class RateLimiter
{
public:
    using Clock = std::chrono::steady_clock;

    // ratePerSecond == 0 disables the limit. A burst below one message is treated as one.
    RateLimiter(std::uint32_t ratePerSecond, std::uint32_t burst, Clock::time_point now) noexcept
    {
        reconfigure(ratePerSecond, burst, now);
        m_credit = m_capacity; // a new session starts with a full bucket
    }

    // Keeps the credit earned so far, capped at the new burst.
    void
    reconfigure(std::uint32_t ratePerSecond, std::uint32_t burst, Clock::time_point now) noexcept
    {
        refill(now);
        m_rate = ratePerSecond;
        m_capacity = std::uint64_t{std::max<std::uint32_t>(burst, 1)} * kUnit;
        m_credit = std::min(m_credit, m_capacity);
        m_last = now;
    }

    // Takes one token; false when the bucket is empty (the message is refused, RateLimited).
    bool tryTake(Clock::time_point now) noexcept
    {
        if (m_rate == 0)
            return true;
        refill(now);
        if (m_credit < kUnit)
            return false;
        m_credit -= kUnit;
        return true;
    }

    std::uint32_t ratePerSecond() const noexcept { return m_rate; }
    // Whole tokens available at the last refill.
    std::uint64_t available() const noexcept { return m_credit / kUnit; }

private:
    // One token = 1e9 units; a nanosecond adds `m_rate` units.
    static constexpr std::uint64_t kUnit = 1'000'000'000;

    void refill(Clock::time_point now) noexcept
    {
        if (now <= m_last) // steady clocks do not go back, but a caller's stale `now` may
            return;
        const auto elapsed = static_cast<std::uint64_t>(
            std::chrono::duration_cast<std::chrono::nanoseconds>(now - m_last).count());
        m_last = now;
        if (m_rate == 0)
            return;
        // Beyond the time needed to fill the bucket from empty nothing more can be earned;
        // clamping first keeps elapsed * rate from overflowing after a long quiet spell.
        const std::uint64_t fillTime = m_capacity / m_rate + 1;
        const std::uint64_t earned = std::min(elapsed, fillTime) * m_rate;
        m_credit = std::min(m_capacity, m_credit + earned);
    }

    std::uint32_t m_rate = 0;
    std::uint64_t m_capacity = kUnit;
    std::uint64_t m_credit = 0;
    Clock::time_point m_last{};
};

} // namespace bwx::server
