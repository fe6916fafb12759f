#include "bwx/bgp/attribute_pool.h"

namespace bwx::bgp {

std::size_t AttributePool::home(std::size_t hash) const noexcept
{
    std::uint64_t z = hash;
    z = (z ^ (z >> 31)) * 0xbf58476d1ce4e5b9u;
    z ^= z >> 29;
    return static_cast<std::size_t>(z) & m_mask;
}

std::size_t AttributePool::probe(std::size_t hash, const PathAttributes &attributes) const
{
    std::size_t i = home(hash);
    while (m_slots[i].set
           && (m_slots[i].hash != hash
               || (m_slots[i].set.get() != &attributes && !(*m_slots[i].set == attributes))))
        i = (i + 1) & m_mask;
    return i;
}

void AttributePool::makeRoom()
{
    if ((m_size + 1) * 8 > m_slots.size() * 7)
        rehash(m_slots.empty() ? 64 : m_slots.size() * 2);
}

void AttributePool::rehash(std::size_t slots)
{
    std::vector<Slot> old = std::move(m_slots);
    m_slots = std::vector<Slot>(slots);
    m_mask = slots - 1;
    for (Slot &s : old) {
        if (!s.set)
            continue;
        std::size_t i = home(s.hash);
        while (m_slots[i].set)
            i = (i + 1) & m_mask;
        m_slots[i] = std::move(s);
    }
}

AttributesRef AttributePool::intern(const PathAttributes &attributes)
{
    makeRoom();
    const std::size_t hash = attributes.hash();
    Slot &slot = m_slots[probe(hash, attributes)];
    if (!slot.set) {
        slot.hash = hash;
        slot.set = std::make_shared<const PathAttributes>(attributes);
        ++m_size;
    }
    return slot.set;
}

AttributesRef AttributePool::intern(AttributesRef attributes)
{
    makeRoom();
    const std::size_t hash = attributes->hash();
    Slot &slot = m_slots[probe(hash, *attributes)];
    if (!slot.set) {
        slot.hash = hash;
        slot.set = std::move(attributes);
        ++m_size;
    }
    return slot.set;
}

std::size_t AttributePool::sweep()
{
    // Survivors move to a fresh table: erasing in place would shift entries under the scan.
    std::vector<Slot> old = std::move(m_slots);
    const std::size_t before = m_size;
    std::size_t kept = 0;
    for (const Slot &s : old)
        kept += s.set && s.set.use_count() > 1 ? 1u : 0u;
    std::size_t slots = 64;
    while (kept * 8 > slots * 7)
        slots *= 2;
    m_slots = std::vector<Slot>(slots);
    m_mask = slots - 1;
    m_size = 0;
    for (Slot &s : old) {
        if (!s.set || s.set.use_count() == 1)
            continue;
        std::size_t i = home(s.hash);
        while (m_slots[i].set)
            i = (i + 1) & m_mask;
        m_slots[i] = std::move(s);
        ++m_size;
    }
    m_sizeAfterSweep = m_size;
    m_lastSweep = std::chrono::steady_clock::now();
    return before - m_size;
}

void AttributePool::maybeSweep(std::chrono::steady_clock::duration minInterval)
{
    if (m_size > 1024 && m_size > 2 * m_sizeAfterSweep
        && std::chrono::steady_clock::now() - m_lastSweep >= minInterval)
        sweep();
}

std::size_t AttributePool::memoryUsage() const noexcept
{
    std::size_t bytes = m_slots.capacity() * sizeof(Slot);
    for (const Slot &s : m_slots) {
        if (!s.set)
            continue;
        const PathAttributes &a = *s.set;
        // The make_shared block: control block and object.
        bytes += sizeof(PathAttributes) + 16;
        for (const AsPathSegment &seg : a.asPath.segments())
            bytes += seg.asns.capacity() * sizeof(Asn);
        bytes += a.asPath.segments().capacity() * sizeof(AsPathSegment);
        bytes += a.communities.capacity() * sizeof(Community);
        bytes += a.largeCommunities.capacity() * sizeof(LargeCommunity);
        bytes += a.clusterList.capacity() * sizeof(std::uint32_t);
        for (const RawAttribute &r : a.unknown)
            bytes += sizeof(RawAttribute) + r.value.capacity();
    }
    return bytes;
}

} // namespace bwx::bgp
