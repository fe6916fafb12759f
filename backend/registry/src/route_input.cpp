#include "bwx/registry/route_input.h"

#include <algorithm>

namespace bwx::registry {

bool AsPathView::inSet(std::size_t index) const noexcept
{
    // Sets are sorted and few (usually none), so a linear scan beats anything cleverer.
    for (const AsSetSpan &set : m_sets) {
        if (index < set.begin)
            return false;
        if (index - set.begin < set.size)
            return true;
    }
    return false;
}

std::optional<std::uint32_t> AsPathView::firstAsn() const noexcept
{
    if (m_asns.empty() || inSet(0))
        return std::nullopt;
    return m_asns.front();
}

std::optional<std::uint32_t> AsPathView::originAsn() const noexcept
{
    if (m_asns.empty() || inSet(m_asns.size() - 1))
        return std::nullopt;
    return m_asns.back();
}

std::uint32_t AsPathView::length() const noexcept
{
    std::size_t inSets = 0;
    for (const AsSetSpan &set : m_sets)
        inSets += set.size;
    return static_cast<std::uint32_t>(m_asns.size() - inSets + m_sets.size());
}

std::optional<std::string> checkRouteInput(const RouteInput &route)
{
    std::uint64_t end = 0;
    for (std::size_t i = 0; i < route.asSets.size(); ++i) {
        const AsSetSpan &set = route.asSets[i];
        const std::string which = "AS_SET span " + std::to_string(i);
        if (set.size == 0)
            return which + " is empty";
        if (set.begin < end)
            return which + " starts at " + std::to_string(set.begin)
                   + ", inside or before the previous span (spans must be sorted and disjoint)";
        end = std::uint64_t{set.begin} + set.size;
        if (end > route.asPath.size())
            return which + " [" + std::to_string(set.begin) + ", " + std::to_string(end)
                   + ") runs past the AS path of " + std::to_string(route.asPath.size()) + " ASNs";
    }
    return std::nullopt;
}

std::string formatAsPath(const AsPathView &path)
{
    std::string text;
    const auto asns = path.asns();
    const auto sets = path.sets();
    std::size_t nextSet = 0;
    for (std::size_t i = 0; i < asns.size();) {
        if (!text.empty())
            text += ' ';
        if (nextSet < sets.size() && sets[nextSet].begin == i) {
            const AsSetSpan set = sets[nextSet++];
            text += '{';
            for (std::size_t k = 0; k < set.size; ++k) {
                if (k > 0)
                    text += ' ';
                text += std::to_string(asns[i + k]);
            }
            text += '}';
            i += set.size;
        } else {
            text += std::to_string(asns[i]);
            ++i;
        }
    }
    return text;
}

std::string formatLargeCommunity(const LargeCommunity &community)
{
    return std::to_string(community.global) + ':' + std::to_string(community.local1) + ':'
           + std::to_string(community.local2);
}

std::string formatCommunity(std::uint32_t community)
{
    return std::to_string(community >> 16) + ':' + std::to_string(community & 0xffffu);
}

} // namespace bwx::registry
