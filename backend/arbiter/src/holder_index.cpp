#include "holder_index.h"

#include <algorithm>

namespace bwx::arbiter::detail {

RouteFacts HolderIndex::inlineFacts(const Slot &slot) noexcept
{
    return {MemberId(slot.packed & kMemberMask),
            static_cast<RouteClass>((slot.packed >> kClassShift) & 3u), slot.originAsn};
}

HolderIndex::Slot HolderIndex::pack(const RouteFacts &facts, bool more) noexcept
{
    return {facts.member.value() | static_cast<std::uint32_t>(facts.routeClass) << kClassShift
                | (more ? kMore : 0u),
            facts.originAsn};
}

void HolderIndex::set(const net::Prefix &prefix, const RouteFacts &facts)
{
    auto [slot, fresh] = m_table.findOrInsert(prefix);
    if (fresh) {
        ++m_holders;
        if (fitsInline(facts.member)) {
            *slot = pack(facts, false);
        } else {
            slot->packed = kNoInline | kMore;
            m_more[prefix].push_back(facts);
        }
        return;
    }
    const bool more = (slot->packed & kMore) != 0;
    if (hasInline(*slot) && inlineFacts(*slot).member == facts.member) {
        *slot = pack(facts, more);
        return;
    }
    if (more) {
        std::vector<RouteFacts> &list = m_more[prefix];
        const auto it = std::find_if(list.begin(), list.end(),
                                     [&](const RouteFacts &f) { return f.member == facts.member; });
        if (it != list.end()) {
            *it = facts;
            return;
        }
    }
    ++m_holders;
    if (!hasInline(*slot) && fitsInline(facts.member)) {
        *slot = pack(facts, more);
        return;
    }
    m_more[prefix].push_back(facts);
    slot->packed |= kMore;
}

void HolderIndex::erase(const net::Prefix &prefix, MemberId member)
{
    Slot *slot = m_table.find(prefix);
    if (!slot)
        return;
    if (hasInline(*slot) && inlineFacts(*slot).member == member) {
        --m_holders;
        slot->packed = kNoInline | (slot->packed & kMore);
    } else if (slot->packed & kMore) {
        const auto more = m_more.find(prefix);
        std::vector<RouteFacts> &list = more->second;
        const auto it = std::find_if(list.begin(), list.end(),
                                     [&](const RouteFacts &f) { return f.member == member; });
        if (it == list.end())
            return;
        --m_holders;
        list.erase(it);
        if (list.empty()) {
            m_more.erase(more);
            slot->packed &= ~kMore;
        }
    } else {
        return;
    }
    if (!hasInline(*slot) && (slot->packed & kMore)) {
        // Keep a holder inline while there is one that fits, so lookups rarely need the side map.
        const auto more = m_more.find(prefix);
        std::vector<RouteFacts> &list = more->second;
        const auto it = std::find_if(list.begin(), list.end(),
                                     [](const RouteFacts &f) { return fitsInline(f.member); });
        if (it != list.end()) {
            const RouteFacts moved = *it;
            list.erase(it);
            *slot = pack(moved, !list.empty());
            if (list.empty())
                m_more.erase(more);
        }
    }
    if (!hasInline(*slot) && !(slot->packed & kMore))
        m_table.erase(prefix);
}

std::optional<RouteFacts> HolderIndex::find(const net::Prefix &prefix, MemberId member) const
{
    const Slot *slot = m_table.find(prefix);
    if (!slot)
        return std::nullopt;
    if (hasInline(*slot) && inlineFacts(*slot).member == member)
        return inlineFacts(*slot);
    if (slot->packed & kMore)
        for (const RouteFacts &facts : m_more.at(prefix))
            if (facts.member == member)
                return facts;
    return std::nullopt;
}

void HolderIndex::holders(const net::Prefix &prefix, std::vector<RouteFacts> &out) const
{
    const Slot *slot = m_table.find(prefix);
    if (!slot)
        return;
    if (hasInline(*slot))
        out.push_back(inlineFacts(*slot));
    if (slot->packed & kMore) {
        const std::vector<RouteFacts> &list = m_more.at(prefix);
        out.insert(out.end(), list.begin(), list.end());
    }
}

std::size_t HolderIndex::memoryUsage() const noexcept
{
    std::size_t bytes = m_table.memoryUsage();
    for (const auto &[prefix, list] : m_more)
        bytes += sizeof(prefix) + 48 + list.capacity() * sizeof(RouteFacts);
    return bytes;
}

} // namespace bwx::arbiter::detail
