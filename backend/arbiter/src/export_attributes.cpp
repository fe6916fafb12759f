#include "export_attributes.h"

#include <algorithm>
#include <functional>

namespace bwx::arbiter::detail {

std::uint32_t ExportAttributes::tagListId(const std::vector<bgp::LargeCommunity> &tags)
{
    if (m_hasLastTags && tags == m_lastTags)
        return m_lastTagId;
    const auto [it, fresh] = m_tagIds.try_emplace(tags, static_cast<std::uint32_t>(m_tagIds.size()));
    if (fresh)
        m_decorations.push_back(std::make_shared<const bgp::Decoration>(
            bgp::Decoration{tags, m_exchangeAsn}));
    m_lastTags = tags;
    m_lastTagId = it->second;
    m_hasLastTags = true;
    return it->second;
}

bgp::DecorationRef ExportAttributes::decoration(const std::vector<bgp::LargeCommunity> &tags)
{
    return m_decorations[tagListId(tags)];
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
    auto derived
        = std::make_shared<const bgp::PathAttributes>(bgp::decorated(*source, *m_decorations[id]));
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
    m_decorations.clear();
    m_hasLastTags = false;
}

} // namespace bwx::arbiter::detail
