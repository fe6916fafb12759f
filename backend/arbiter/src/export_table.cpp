#include "export_table.h"

#include <algorithm>

namespace bwx::arbiter::detail {

void ExportTable::markDirty(const net::Prefix &prefix, Slot &slot)
{
    if (slot.head & kDirty)
        return;
    slot.head |= kDirty;
    if (prefix.family() == net::Family::V4)
        m_dirtyV4.push_back(bgp::detail::KeyV4::of(prefix).bits);
    else
        m_dirtyV6.push_back(prefix);
}

bool ExportTable::empty(const Slot &slot) const noexcept
{
    return first(slot) == 0 && slot.tail == 0;
}

void ExportTable::collect(const Slot &slot, std::vector<Contribution> &out) const
{
    if (const Contribution c = first(slot))
        out.push_back(c);
    if (hasList(slot)) {
        const auto &list = listOf(slot);
        out.insert(out.end(), list.begin(), list.end());
    } else if (slot.tail) {
        out.push_back(slot.tail);
    }
}

bool ExportTable::add(const net::Prefix &prefix, Contribution c)
{
    auto [slot, created] = m_table.findOrInsert(prefix);
    (void)created;
    if (first(*slot) == c || slot->tail == c)
        return false;
    if (hasList(*slot)) {
        auto &list = listOf(*slot);
        if (std::find(list.begin(), list.end(), c) != list.end())
            return false;
        list.push_back(c);
    } else if (first(*slot) == 0) {
        slot->head |= c;
    } else if (slot->tail == 0) {
        slot->tail = c;
    } else {
        // A third contribution: the second moves into a list with it.
        std::uint32_t index;
        if (!m_freeOverflow.empty()) {
            index = m_freeOverflow.back();
            m_freeOverflow.pop_back();
        } else {
            m_overflow.emplace_back();
            index = static_cast<std::uint32_t>(m_overflow.size());
        }
        m_overflow[index - 1].assign({slot->tail, c});
        slot->tail = kList | index;
    }
    markDirty(prefix, *slot);
    return true;
}

bool ExportTable::removeFrom(Slot &slot, Contribution c)
{
    if (first(slot) == c) {
        // Keep the first cell filled so empty() and collect() stay cheap.
        Contribution next = 0;
        if (hasList(slot)) {
            auto &list = listOf(slot);
            next = list.back();
            list.pop_back();
        } else {
            next = slot.tail;
            slot.tail = 0;
        }
        slot.head = (slot.head & kFlags) | next;
    } else if (hasList(slot)) {
        auto &list = listOf(slot);
        const auto it = std::find(list.begin(), list.end(), c);
        if (it == list.end())
            return false;
        list.erase(it);
    } else if (slot.tail == c && c != 0) {
        slot.tail = 0;
    } else {
        return false;
    }
    // A list holds two or more: one left goes back inline.
    if (hasList(slot) && listOf(slot).size() == 1) {
        const Contribution last = listOf(slot).front();
        releaseOverflow(slot);
        slot.tail = last;
    }
    return true;
}

void ExportTable::releaseOverflow(Slot &slot)
{
    if (!hasList(slot))
        return;
    listOf(slot).clear();
    m_freeOverflow.push_back(slot.tail & ~kList);
    slot.tail = 0;
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
    if (first(*slot) == c)
        return true;
    if (!hasList(*slot))
        return slot->tail == c;
    const auto &list = listOf(*slot);
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
    return slot && (slot->head & kAnnounced);
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
