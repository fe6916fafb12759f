#include "export_attributes.h"

#include <algorithm>
#include <functional>

namespace bwx::arbiter::detail {

std::size_t ExportAttributes::KeyHash::operator()(const Key &key) const noexcept
{
    std::uint64_t z = reinterpret_cast<std::uintptr_t>(key.source) ^ (std::uint64_t{key.tags} << 48)
                      ^ key.tags;
    z = (z ^ (z >> 31)) * 0xbf58476d1ce4e5b9u;
    return static_cast<std::size_t>(z ^ (z >> 29));
}

std::uint32_t ExportAttributes::tagListId(const std::vector<bgp::LargeCommunity> &tags)
{
    if (m_hasLastTags && tags == m_lastTags)
        return m_lastTagId;
    const auto [it, fresh] = m_tagIds.try_emplace(tags, static_cast<std::uint32_t>(m_tagIds.size()));
    (void)fresh;
    m_lastTags = tags;
    m_lastTagId = it->second;
    m_hasLastTags = true;
    return it->second;
}

bgp::AttributesRef ExportAttributes::derive(const bgp::AttributesRef &source,
                                            const std::vector<bgp::LargeCommunity> &tags)
{
    const Key key{source.get(), tagListId(tags)};
    if (const auto it = m_cache.find(key); it != m_cache.end())
        return it->second.derived;

    bgp::PathAttributes out = *source;
    // Internal-session attributes never cross an external session.
    out.localPref.reset();
    out.originatorId.reset();
    out.clusterList.clear();
    auto &large = out.largeCommunities;
    large.erase(std::remove_if(large.begin(), large.end(),
                               [this](const bgp::LargeCommunity &c) {
                                   return c.global == m_exchangeAsn;
                               }),
                large.end());
    large.insert(large.end(), tags.begin(), tags.end());
    std::sort(large.begin(), large.end());
    large.erase(std::unique(large.begin(), large.end()), large.end());

    auto derived = std::make_shared<const bgp::PathAttributes>(std::move(out));
    m_cache.emplace(key, Entry{source, derived});
    return derived;
}

void ExportAttributes::trim(std::size_t limit)
{
    if (m_cache.size() <= limit && m_tagIds.size() <= limit)
        return;
    // Ids name lists only for the cache's keys: both start over together.
    m_cache.clear();
    m_tagIds.clear();
    m_hasLastTags = false;
}

} // namespace bwx::arbiter::detail
