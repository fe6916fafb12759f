#include "bwx/bgp/attribute_pool.h"

namespace bwx::bgp {

namespace {

std::uint32_t shortHash(std::size_t hash) noexcept
{
    return static_cast<std::uint32_t>(hash ^ (hash >> 32));
}

} // namespace

std::size_t AttributePool::home(std::uint32_t hash) const noexcept
{
    std::uint64_t z = hash;
    z = (z ^ (z >> 15)) * 0xbf58476d1ce4e5b9u;
    z ^= z >> 29;
    return static_cast<std::size_t>(z) & m_mask;
}

std::size_t AttributePool::probe(std::uint32_t hash, const PathAttributes &attributes) const
{
    std::size_t i = home(hash);
    for (;; i = (i + 1) & m_mask) {
        const std::uint32_t entry = m_table[i];
        if (entry == 0)
            return i;
        const Record &r = m_records[entry - 1];
        if (r.hash == hash && (r.set.get() == &attributes || *r.set == attributes))
            return i;
    }
}

void AttributePool::makeRoom()
{
    if ((m_size + 1) * 8 > m_table.size() * 7)
        rebuildTable(m_table.empty() ? 64 : m_table.size() * 2);
}

void AttributePool::rebuildTable(std::size_t slots)
{
    m_table.assign(slots, 0);
    m_mask = slots - 1;
    for (AttributeId id = 0; id < m_records.size(); ++id) {
        if (!m_records[id].set)
            continue;
        std::size_t i = home(m_records[id].hash);
        while (m_table[i] != 0)
            i = (i + 1) & m_mask;
        m_table[i] = id + 1;
    }
}

AttributeId AttributePool::add(AttributesRef set, std::uint32_t hash, std::size_t slot)
{
    AttributeId id;
    if (!m_freeIds.empty()) {
        id = m_freeIds.back();
        m_freeIds.pop_back();
    } else {
        id = static_cast<AttributeId>(m_records.size());
        m_records.emplace_back();
    }
    m_records[id] = Record{std::move(set), hash, 0};
    m_table[slot] = id + 1;
    ++m_size;
    return id;
}

AttributeId AttributePool::internId(const PathAttributes &attributes)
{
    makeRoom();
    const std::uint32_t hash = shortHash(attributes.hash());
    const std::size_t slot = probe(hash, attributes);
    if (m_table[slot] != 0)
        return m_table[slot] - 1;
    return add(std::make_shared<const PathAttributes>(attributes), hash, slot);
}

AttributesRef AttributePool::intern(const PathAttributes &attributes)
{
    return m_records[internId(attributes)].set;
}

AttributesRef AttributePool::intern(AttributesRef attributes)
{
    makeRoom();
    const std::uint32_t hash = shortHash(attributes->hash());
    const std::size_t slot = probe(hash, *attributes);
    if (m_table[slot] != 0)
        return m_records[m_table[slot] - 1].set;
    const AttributeId id = add(std::move(attributes), hash, slot);
    return m_records[id].set;
}

std::size_t AttributePool::sweep()
{
    const std::size_t before = m_size;
    for (AttributeId id = 0; id < m_records.size(); ++id) {
        Record &r = m_records[id];
        if (!r.set || r.holds > 0 || r.set.use_count() > 1)
            continue;
        r = Record{};
        m_freeIds.push_back(id);
        --m_size;
    }
    std::size_t slots = 64;
    while (m_size * 8 > slots * 7)
        slots *= 2;
    rebuildTable(slots);
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
    std::size_t bytes = m_table.capacity() * sizeof(std::uint32_t)
                        + m_records.capacity() * sizeof(Record)
                        + m_freeIds.capacity() * sizeof(AttributeId);
    for (const Record &r : m_records) {
        if (!r.set)
            continue;
        const PathAttributes &a = *r.set;
        // The make_shared block: control block and object.
        bytes += sizeof(PathAttributes) + 16;
        bytes += a.asPath.memoryUsage();
        bytes += a.communities.capacity() * sizeof(Community);
        bytes += a.largeCommunities.capacity() * sizeof(LargeCommunity);
        if (a.hasRare()) {
            const RareAttributes &rare = a.rare();
            bytes += sizeof(RareAttributes);
            bytes += rare.clusterList.capacity() * sizeof(std::uint32_t);
            for (const RawAttribute &raw : rare.unknown)
                bytes += sizeof(RawAttribute) + raw.value.capacity();
        }
    }
    return bytes;
}

} // namespace bwx::bgp
