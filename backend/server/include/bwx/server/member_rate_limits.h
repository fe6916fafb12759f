#pragma once
// The message-rate limit of a member (MemberLimits.max_messages_per_second): one token bucket
// shared by all of the member's sessions, in addition to each session's own bucket. Sessions
// run on their own strands (possibly on several io threads), so the shared bucket is locked;
// it is touched once per message and rarely contended.
//
// The rate is the member's limit, or the exchange's default when the member's is 0; a rate of
// 0 means no member-wide limit. The bucket holds one second's worth of messages. The session
// manager keeps the rates current from the member views the market reports.
#include "bwx/domain/ids.h"
#include "bwx/server/rate_limiter.h"

#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>

namespace bwx::server {

class MemberBucket
{
public:
    using Clock = RateLimiter::Clock;

    MemberBucket(std::uint32_t ratePerSecond, Clock::time_point now)
        : m_limiter(ratePerSecond, ratePerSecond, now)
    {}

    bool tryTake(Clock::time_point now)
    {
        std::lock_guard lock(m_mutex);
        return m_limiter.tryTake(now);
    }

    // Keeps the credit earned so far, capped at the new size; a bucket that was unlimited
    // starts full.
    void setRate(std::uint32_t ratePerSecond, Clock::time_point now)
    {
        std::lock_guard lock(m_mutex);
        if (ratePerSecond == m_limiter.ratePerSecond())
            return;
        if (m_limiter.ratePerSecond() == 0)
            m_limiter = RateLimiter(ratePerSecond, ratePerSecond, now); // was unlimited: full
        else
            m_limiter.reconfigure(ratePerSecond, ratePerSecond, now);
    }

    std::uint32_t ratePerSecond() const
    {
        std::lock_guard lock(m_mutex);
        return m_limiter.ratePerSecond();
    }

private:
    mutable std::mutex m_mutex;
    RateLimiter m_limiter;
};

// The buckets by member, and what each member's limit is. Used on the session manager's strand;
// the buckets it hands out are shared with the sessions.
class MemberRateLimits
{
public:
    using Clock = MemberBucket::Clock;

    // The exchange's default for members whose own limit is 0 (0 = none).
    void setDefaultRate(std::uint32_t ratePerSecond, Clock::time_point now);
    // The member's own limit from its MemberView (0 = the exchange's default).
    void setMemberLimit(MemberId member, std::uint32_t ratePerSecond, Clock::time_point now);
    // The member's bucket, created at the member's current rate when it has none.
    std::shared_ptr<MemberBucket> bucketFor(MemberId member, Clock::time_point now);
    // The rate that applies to `member` now.
    std::uint32_t rateOf(MemberId member) const;

private:
    std::uint32_t m_default = 0;
    std::unordered_map<MemberId, std::uint32_t, StrongIntHash> m_limits;
    std::unordered_map<MemberId, std::shared_ptr<MemberBucket>, StrongIntHash> m_buckets;
};

} // namespace bwx::server
