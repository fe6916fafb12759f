#include "export_table.h"

#include <algorithm>

namespace bwx::arbiter::detail {

void ExportTable::markDirty(const net::Prefix &prefix, Slot &slot)
{
    if (slot.flags & kDirty)
        return;
    slot.flags = static_cast<std::uint8_t>(slot.flags | kDirty);
    if (prefix.family() == net::Family::V4)
        m_dirtyV4.push_back(bgp::detail::KeyV4::of(prefix).bits);
    else
        m_dirtyV6.push_back(prefix);
}

bool ExportTable::empty(const Slot &slot) const noexcept
{
    return slot.inline0 == 0 && slot.inline1 == 0 && slot.more == 0;
}

void ExportTable::collect(const Slot &slot, std::vector<Contribution> &out) const
{
    if (slot.inline0)
        out.push_back(slot.inline0);
    if (slot.inline1)
        out.push_back(slot.inline1);
    if (slot.more)
        out.insert(out.end(), m_overflow[slot.more - 1].begin(), m_overflow[slot.more - 1].end());
}

bool ExportTable::add(const net::Prefix &prefix, Contribution c)
{
    auto [slot, created] = m_table.findOrInsert(prefix);
    (void)created;
    if (slot->inline0 == c || slot->inline1 == c)
        return false;
    if (slot->more) {
        auto &list = m_overflow[slot->more - 1];
        if (std::find(list.begin(), list.end(), c) != list.end())
            return false;
    }
    if (slot->inline0 == 0) {
        slot->inline0 = c;
    } else if (slot->inline1 == 0) {
        slot->inline1 = c;
    } else {
        if (slot->more == 0) {
            if (!m_freeOverflow.empty()) {
                slot->more = m_freeOverflow.back();
                m_freeOverflow.pop_back();
            } else {
                m_overflow.emplace_back();
                slot->more = static_cast<std::uint32_t>(m_overflow.size());
            }
        }
        m_overflow[slot->more - 1].push_back(c);
    }
    markDirty(prefix, *slot);
    return true;
}

bool ExportTable::removeFrom(Slot &slot, Contribution c)
{
    if (slot.inline0 == c) {
        slot.inline0 = 0;
    } else if (slot.inline1 == c) {
        slot.inline1 = 0;
    } else if (slot.more) {
        auto &list = m_overflow[slot.more - 1];
        const auto it = std::find(list.begin(), list.end(), c);
        if (it == list.end())
            return false;
        list.erase(it);
        if (list.empty())
            releaseOverflow(slot);
        return true;
    } else {
        return false;
    }
    // Keep the inline cells filled first so empty() and collect() stay cheap.
    if (slot.more) {
        auto &list = m_overflow[slot.more - 1];
        (slot.inline0 == 0 ? slot.inline0 : slot.inline1) = list.back();
        list.pop_back();
        if (list.empty())
            releaseOverflow(slot);
    }
    return true;
}

void ExportTable::releaseOverflow(Slot &slot)
{
    if (slot.more == 0)
        return;
    m_overflow[slot.more - 1].clear();
    m_freeOverflow.push_back(slot.more);
    slot.more = 0;
}

bool ExportTable::remove(const net::Prefix &prefix, Contribution c)
{
    Slot *slot = m_table.find(prefix);
    if (!slot || !removeFrom(*slot, c))
        return false;
    markDirty(prefix, *slot);
    return true;
}

void ExportTable::touch(const net::Prefix &prefix)
{
    if (Slot *slot = m_table.find(prefix))
        markDirty(prefix, *slot);
}

bool ExportTable::has(const net::Prefix &prefix, Contribution c) const
{
    const Slot *slot = m_table.find(prefix);
    if (!slot)
        return false;
    if (slot->inline0 == c || slot->inline1 == c)
        return true;
    if (!slot->more)
        return false;
    const auto &list = m_overflow[slot->more - 1];
    return std::find(list.begin(), list.end(), c) != list.end();
}

void ExportTable::contributions(const net::Prefix &prefix, std::vector<Contribution> &out) const
{
    out.clear();
    if (const Slot *slot = m_table.find(prefix))
        collect(*slot, out);
}

bool ExportTable::announced(const net::Prefix &prefix) const
{
    const Slot *slot = m_table.find(prefix);
    return slot && (slot->flags & kAnnounced);
}

void ExportTable::removeTrade(std::uint32_t tradeIndex)
{
    const Contribution asBuyer = makeContribution(tradeIndex, proto::ExportRole::SellerRouteToBuyer);
    const Contribution asSeller
        = makeContribution(tradeIndex, proto::ExportRole::BuyerPrefixToSeller);
    m_table.forEach([&](const net::Prefix &prefix, Slot &slot) {
        bool removed = removeFrom(slot, asBuyer);
        removed = removeFrom(slot, asSeller) || removed;
        if (removed)
            markDirty(prefix, slot);
    });
}

std::size_t ExportTable::memoryUsage() const noexcept
{
    std::size_t bytes = m_table.memoryUsage() + m_dirtyV4.capacity() * sizeof(std::uint64_t)
                        + m_dirtyV6.capacity() * sizeof(net::Prefix);
    for (const auto &list : m_overflow)
        bytes += sizeof(list) + list.capacity() * sizeof(Contribution);
    return bytes;
}

} // namespace bwx::arbiter::detail
