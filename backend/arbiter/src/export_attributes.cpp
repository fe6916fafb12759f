#include "export_attributes.h"

#include <algorithm>
#include <functional>

namespace bwx::arbiter::detail {

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
    const std::uint32_t id = tagListId(tags);
    if (id >= m_cache.size())
        m_cache.resize(id + 1);
    bgp::detail::PointerMap<Entry> &cache = m_cache[id];
    if (const Entry *entry = cache.find(source.get()))
        return entry->derived;

    bgp::PathAttributes out = *source;
    // Internal-session attributes never cross an external session.
    out.localPref.reset();
    out.originatorId.reset();
    out.clusterList = {};
    // Built at its final size: a derived set lives as long as its export (one per source set
    // and trading pair, hundreds of thousands on a large exchange), so the spare capacity of a
    // grown list would stay allocated with it.
    std::vector<bgp::LargeCommunity> large;
    large.reserve(source->largeCommunities.size() + tags.size());
    for (const bgp::LargeCommunity &c : source->largeCommunities)
        if (c.global != m_exchangeAsn)
            large.push_back(c);
    large.insert(large.end(), tags.begin(), tags.end());
    std::sort(large.begin(), large.end());
    large.erase(std::unique(large.begin(), large.end()), large.end());
    out.largeCommunities = std::move(large);

    auto derived = std::make_shared<const bgp::PathAttributes>(std::move(out));
    *cache.findOrInsert(source.get()).first = Entry{source, derived};
    ++m_size;
    return derived;
}

void ExportAttributes::trim(std::size_t limit)
{
    if (m_size <= limit && m_tagIds.size() <= limit)
        return;
    // Ids name lists only for the cache's keys: both start over together.
    m_cache.clear();
    m_size = 0;
    m_tagIds.clear();
    m_hasLastTags = false;
}

} // namespace bwx::arbiter::detail
