#include "bwx/server/member_rate_limits.h"

namespace bwx::server {

void MemberRateLimits::setDefaultRate(std::uint32_t ratePerSecond, Clock::time_point now)
{
    if (ratePerSecond == m_default)
        return;
    m_default = ratePerSecond;
    for (auto &[member, bucket] : m_buckets)
        bucket->setRate(rateOf(member), now);
}

void MemberRateLimits::setMemberLimit(MemberId member,
                                      std::uint32_t ratePerSecond,
                                      Clock::time_point now)
{
    if (ratePerSecond == 0)
        m_limits.erase(member);
    else
        m_limits[member] = ratePerSecond;
    if (const auto it = m_buckets.find(member); it != m_buckets.end())
        it->second->setRate(rateOf(member), now);
}

std::shared_ptr<MemberBucket> MemberRateLimits::bucketFor(MemberId member, Clock::time_point now)
{
    auto &bucket = m_buckets[member];
    if (!bucket)
        bucket = std::make_shared<MemberBucket>(rateOf(member), now);
    return bucket;
}

std::uint32_t MemberRateLimits::rateOf(MemberId member) const
{
    const auto it = m_limits.find(member);
    return it != m_limits.end() ? it->second : m_default;
}

} // namespace bwx::server
