#include "export_attributes.h"

#include <algorithm>
#include <functional>

namespace bwx::arbiter::detail {

std::size_t ExportAttributes::KeyHash::operator()(const Key &key) const noexcept
{
    std::size_t h = std::hash<const void *>{}(key.source);
    for (const auto &c : key.tags) {
        const std::uint64_t v = (std::uint64_t{c.local1} << 32 | c.local2) ^ c.global;
        h ^= std::hash<std::uint64_t>{}(v) + 0x9e3779b97f4a7c15u + (h << 6) + (h >> 2);
    }
    return h;
}

bgp::AttributesRef ExportAttributes::derive(const bgp::AttributesRef &source,
                                            const std::vector<bgp::LargeCommunity> &tags)
{
    // Called once per exported route and nearly always a hit: the probe's buffer is reused so
    // a lookup allocates nothing.
    m_probe.source = source.get();
    m_probe.tags.assign(tags.begin(), tags.end());
    if (const auto it = m_cache.find(m_probe); it != m_cache.end())
        return it->second.derived;
    Key key = m_probe;

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
    m_cache.emplace(std::move(key), Entry{source, derived});
    return derived;
}

void ExportAttributes::trim(std::size_t limit)
{
    if (m_cache.size() > limit)
        m_cache.clear();
}

} // namespace bwx::arbiter::detail
