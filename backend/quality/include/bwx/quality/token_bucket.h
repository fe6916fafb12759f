#pragma once
// A token bucket in integer arithmetic, driven by the caller's clock (so tests use a fake one).
// Tokens are probes; the rate is probes per second and the capacity the largest burst.
#include "bwx/domain/units.h"

#include <cstdint>
#include <optional>

namespace bwx::quality {

class TokenBucket
{
public:
    // Starts full at `now`. `ratePerSecond` and `capacity` must be positive.
    TokenBucket(std::uint32_t ratePerSecond, std::uint32_t capacity, Timestamp now);

    // Takes `tokens` if the bucket holds them at `now`.
    bool tryTake(std::uint32_t tokens, Timestamp now);
    // The earliest time at which `tokens` will be available (`now` if they are); nothing when
    // `tokens` exceeds the capacity and never will be.
    std::optional<Timestamp> availableAt(std::uint32_t tokens, Timestamp now) const;
    std::uint32_t available(Timestamp now) const;

    std::uint32_t rate() const noexcept { return m_rate; }
    std::uint32_t capacity() const noexcept { return m_capacity; }

private:
    // In nano-tokens (tokens x 1e9), so a rate of r tokens per second adds exactly r per ns.
    std::int64_t levelAt(Timestamp now) const;

    std::uint32_t m_rate;
    std::uint32_t m_capacity;
    std::int64_t m_level; // nano-tokens at m_updated
    Timestamp m_updated;
};

} // namespace bwx::quality
