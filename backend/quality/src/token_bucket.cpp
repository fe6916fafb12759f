#include "bwx/quality/token_bucket.h"

#include <algorithm>
#include <cassert>

namespace bwx::quality {

namespace {

constexpr std::int64_t kNano = 1'000'000'000;

} // namespace

TokenBucket::TokenBucket(std::uint32_t ratePerSecond, std::uint32_t capacity, Timestamp now)
    : m_rate(ratePerSecond)
    , m_capacity(capacity)
    , m_level(std::int64_t{capacity} * kNano)
    , m_updated(now)
{
    assert(ratePerSecond > 0 && capacity > 0);
}

std::int64_t TokenBucket::levelAt(Timestamp now) const
{
    const std::int64_t full = std::int64_t{m_capacity} * kNano;
    const std::int64_t elapsed = (now - m_updated).value();
    if (elapsed <= 0)
        return m_level;
    // Bound the elapsed time before multiplying: after (full / rate) ns the bucket is full anyway.
    const std::int64_t untilFull = (full - m_level) / m_rate + 1;
    if (elapsed >= untilFull)
        return full;
    return std::min(full, m_level + elapsed * m_rate);
}

bool TokenBucket::tryTake(std::uint32_t tokens, Timestamp now)
{
    const std::int64_t level = levelAt(now);
    const std::int64_t need = std::int64_t{tokens} * kNano;
    // A clock that went backwards must not refill the bucket: keep the later reference point.
    const Timestamp reference = std::max(now, m_updated);
    if (level < need) {
        m_level = level;
        m_updated = reference;
        return false;
    }
    m_level = level - need;
    m_updated = reference;
    return true;
}

std::optional<Timestamp> TokenBucket::availableAt(std::uint32_t tokens, Timestamp now) const
{
    if (tokens > m_capacity)
        return std::nullopt;
    const std::int64_t level = levelAt(now);
    const std::int64_t need = std::int64_t{tokens} * kNano;
    if (level >= need)
        return now;
    const std::int64_t wait = (need - level + m_rate - 1) / m_rate;
    return std::max(now, m_updated) + Duration(wait);
}

std::uint32_t TokenBucket::available(Timestamp now) const
{
    return static_cast<std::uint32_t>(levelAt(now) / kNano);
}

} // namespace bwx::quality
