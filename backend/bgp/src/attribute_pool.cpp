#include "bwx/bgp/attribute_pool.h"

namespace bwx::bgp {

AttributesRef AttributePool::intern(const PathAttributes &attributes)
{
    if (auto it = m_sets.find(attributes); it != m_sets.end())
        return *it;
    return *m_sets.insert(std::make_shared<const PathAttributes>(attributes)).first;
}

AttributesRef AttributePool::intern(AttributesRef attributes)
{
    if (auto it = m_sets.find(attributes); it != m_sets.end())
        return *it;
    return *m_sets.insert(std::move(attributes)).first;
}

std::size_t AttributePool::sweep()
{
    std::size_t dropped = 0;
    for (auto it = m_sets.begin(); it != m_sets.end();) {
        if (it->use_count() == 1) {
            it = m_sets.erase(it);
            ++dropped;
        } else {
            ++it;
        }
    }
    m_sizeAfterSweep = m_sets.size();
    m_lastSweep = std::chrono::steady_clock::now();
    return dropped;
}

void AttributePool::maybeSweep(std::chrono::steady_clock::duration minInterval)
{
    if (m_sets.size() > 1024 && m_sets.size() > 2 * m_sizeAfterSweep
        && std::chrono::steady_clock::now() - m_lastSweep >= minInterval)
        sweep();
}

std::size_t AttributePool::memoryUsage() const noexcept
{
    std::size_t bytes = m_sets.bucket_count() * sizeof(void *);
    for (const AttributesRef &a : m_sets) {
        // make_shared block (control block + object) and the unordered_set node.
        bytes += sizeof(PathAttributes) + 16 + sizeof(void *) + sizeof(AttributesRef) + 8;
        for (const AsPathSegment &s : a->asPath.segments())
            bytes += s.asns.capacity() * sizeof(Asn);
        bytes += a->asPath.segments().capacity() * sizeof(AsPathSegment);
        bytes += a->communities.capacity() * sizeof(Community);
        bytes += a->largeCommunities.capacity() * sizeof(LargeCommunity);
        bytes += a->clusterList.capacity() * sizeof(std::uint32_t);
        for (const RawAttribute &r : a->unknown)
            bytes += sizeof(RawAttribute) + r.value.capacity();
    }
    return bytes;
}

} // namespace bwx::bgp
