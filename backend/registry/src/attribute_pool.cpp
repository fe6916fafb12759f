#include "attribute_pool.h"

#include "hasher.h"
#include "bwx/open_addressing.h"

#include <algorithm>
#include <cassert>
#include <cstring>

namespace bwx::registry::detail {

namespace {

struct Header
{
    std::uint32_t asns;
    std::uint32_t sets;
    std::uint32_t communities;
    std::uint32_t largeCommunities;
    std::uint32_t nextHopV6; // 0: the next hop that follows is 4 bytes (IPv4), 1: 16 (IPv6)
};

constexpr std::size_t kHeaderBytes = sizeof(Header);

std::size_t nextHopBytes(bool v6) noexcept
{
    return v6 ? 16 : 4;
}

std::size_t blockBytes(const Header &h) noexcept
{
    return kHeaderBytes + nextHopBytes(h.nextHopV6 != 0) + h.asns * sizeof(std::uint32_t)
           + h.sets * sizeof(AsSetSpan) + h.communities * sizeof(std::uint32_t)
           + h.largeCommunities * sizeof(LargeCommunity);
}

Header headerOf(const RouteAttributesView &a) noexcept
{
    return {static_cast<std::uint32_t>(a.path.asns().size()),
            static_cast<std::uint32_t>(a.path.sets().size()),
            static_cast<std::uint32_t>(a.communities.size()),
            static_cast<std::uint32_t>(a.largeCommunities.size()),
            a.nextHop.family() == net::Family::V6 ? 1u : 0u};
}

Header headerOf(const std::byte *block) noexcept
{
    Header header;
    std::memcpy(&header, block, sizeof header);
    return header;
}

void appendNextHop(std::byte *block, std::size_t &offset, const net::Address &address)
{
    if (address.family() == net::Family::V6) {
        const std::uint64_t words[2] = {address.high(), address.low()};
        std::memcpy(block + offset, words, sizeof words);
        offset += sizeof words;
    } else {
        const std::uint32_t value = address.v4Value();
        std::memcpy(block + offset, &value, sizeof value);
        offset += sizeof value;
    }
}

net::Address readNextHop(const std::byte *block, std::size_t &offset, bool v6) noexcept
{
    if (v6) {
        std::uint64_t words[2];
        std::memcpy(words, block + offset, sizeof words);
        offset += sizeof words;
        return net::Address::fromWords(net::Family::V6, words[0], words[1]);
    }
    std::uint32_t value;
    std::memcpy(&value, block + offset, sizeof value);
    offset += sizeof value;
    return net::Address::v4(value);
}

template<class T> void append(std::byte *block, std::size_t &offset, std::span<const T> values)
{
    if (!values.empty())
        std::memcpy(block + offset, values.data(), values.size_bytes());
    offset += values.size_bytes();
}

// The block was written with memcpy into std::byte storage, which implicitly creates the
// trivially copyable objects read back here (C++20 [intro.object]).
template<class T>
std::span<const T> section(const std::byte *block, std::size_t &offset, std::uint32_t count)
{
    const auto *first = reinterpret_cast<const T *>(block + offset);
    offset += std::size_t{count} * sizeof(T);
    return {first, count};
}

static_assert(sizeof(LargeCommunity) == 12 && alignof(LargeCommunity) == 4);
static_assert(sizeof(AsSetSpan) == 8 && alignof(AsSetSpan) == 4);

} // namespace

std::uint64_t AttributePool::hashOf(const RouteAttributesView &a) noexcept
{
    Hasher h(0x6277782d61747431u); // "bwx-att1"
    h.add(a.nextHop);
    h.add(static_cast<std::uint64_t>(a.path.asns().size()));
    for (const std::uint32_t asn : a.path.asns())
        h.add(std::uint64_t{asn});
    h.add(static_cast<std::uint64_t>(a.path.sets().size()));
    for (const AsSetSpan &set : a.path.sets())
        h.add((std::uint64_t{set.begin} << 32) | set.size);
    h.add(static_cast<std::uint64_t>(a.communities.size()));
    for (const std::uint32_t community : a.communities)
        h.add(std::uint64_t{community});
    h.add(static_cast<std::uint64_t>(a.largeCommunities.size()));
    for (const LargeCommunity &lc : a.largeCommunities) {
        h.add((std::uint64_t{lc.global} << 32) | lc.local1);
        h.add(std::uint64_t{lc.local2});
    }
    return h.value();
}

RouteAttributesView AttributePool::view(std::uint32_t id) const noexcept
{
    const std::byte *block = m_records[id].block.get();
    const Header header = headerOf(block);
    std::size_t offset = kHeaderBytes;
    const net::Address nextHop = readNextHop(block, offset, header.nextHopV6 != 0);
    const auto asns = section<std::uint32_t>(block, offset, header.asns);
    const auto sets = section<AsSetSpan>(block, offset, header.sets);
    const auto communities = section<std::uint32_t>(block, offset, header.communities);
    const auto large = section<LargeCommunity>(block, offset, header.largeCommunities);
    return {AsPathView(asns, sets), nextHop, communities, large};
}

bool AttributePool::equals(std::uint32_t id, const RouteAttributesView &a) const noexcept
{
    const RouteAttributesView b = view(id);
    return b.nextHop == a.nextHop
           && std::equal(a.path.asns().begin(), a.path.asns().end(), b.path.asns().begin(),
                      b.path.asns().end())
           && std::equal(a.path.sets().begin(), a.path.sets().end(), b.path.sets().begin(),
                         b.path.sets().end())
           && std::equal(a.communities.begin(), a.communities.end(), b.communities.begin(),
                         b.communities.end())
           && std::equal(a.largeCommunities.begin(), a.largeCommunities.end(),
                         b.largeCommunities.begin(), b.largeCommunities.end());
}

std::uint32_t AttributePool::intern(const RouteAttributesView &attributes)
{
    const std::uint64_t hash = hashOf(attributes);
    if (!m_table.empty()) {
        for (std::size_t slot = hash & mask();; slot = (slot + 1) & mask()) {
            const std::uint32_t entry = m_table[slot];
            if (entry == 0)
                break;
            const std::uint32_t id = entry - 1;
            if (m_records[id].hash == probeHash(hash) && equals(id, attributes)) {
                ++m_records[id].references;
                return id;
            }
        }
    }
    // Keep the table at most half full so probe runs stay short.
    if ((m_live + 1) * 2 > m_table.size())
        growTable();
    const std::uint32_t id = allocate(attributes, hash);
    placeInTable(id);
    return id;
}

std::uint32_t AttributePool::allocate(const RouteAttributesView &a, std::uint64_t hash)
{
    const Header header = headerOf(a);
    const std::size_t bytes = blockBytes(header);
    auto block = std::make_unique<std::byte[]>(bytes);
    std::memcpy(block.get(), &header, sizeof header);
    std::size_t offset = kHeaderBytes;
    appendNextHop(block.get(), offset, a.nextHop);
    append(block.get(), offset, a.path.asns());
    append(block.get(), offset, a.path.sets());
    append(block.get(), offset, a.communities);
    append(block.get(), offset, a.largeCommunities);

    std::uint32_t id;
    if (!m_freeIds.empty()) {
        id = m_freeIds.back();
        m_freeIds.pop_back();
    } else {
        if (m_records.size() == m_records.capacity())
            m_records.reserve(m_records.size() + m_records.size() / 2 + 64);
        m_records.emplace_back();
        id = static_cast<std::uint32_t>(m_records.size() - 1);
    }
    Record &record = m_records[id];
    record.block = std::move(block);
    record.hash = probeHash(hash);
    record.references = 1;
    ++m_live;
    m_blockBytes += bytes;
    return id;
}

void AttributePool::retain(std::uint32_t id) noexcept
{
    assert(isLive(id));
    ++m_records[id].references;
}

void AttributePool::release(std::uint32_t id) noexcept
{
    assert(isLive(id));
    Record &record = m_records[id];
    if (--record.references > 0)
        return;
    removeFromTable(id);
    m_blockBytes -= blockBytes(headerOf(record.block.get()));
    record.block.reset();
    --m_live;
    m_freeIds.push_back(id);
}

void AttributePool::growTable()
{
    std::vector<std::uint32_t> old = std::move(m_table);
    m_table.assign(std::max<std::size_t>(64, old.size() * 2), 0);
    for (const std::uint32_t entry : old) {
        if (entry != 0)
            placeInTable(entry - 1);
    }
}

void AttributePool::placeInTable(std::uint32_t id) noexcept
{
    std::size_t slot = m_records[id].hash & mask();
    while (m_table[slot] != 0)
        slot = (slot + 1) & mask();
    m_table[slot] = id + 1;
}

void AttributePool::removeFromTable(std::uint32_t id) noexcept
{
    std::size_t hole = m_records[id].hash & mask();
    while (m_table[hole] != id + 1)
        hole = (hole + 1) & mask();
    closeProbeHole(
        hole, mask(), [&](std::size_t j) { return m_table[j] != 0; },
        [&](std::size_t j) {
            return static_cast<std::size_t>(m_records[m_table[j] - 1].hash & mask());
        },
        [&](std::size_t to, std::size_t from) { m_table[to] = m_table[from]; },
        [&](std::size_t j) { m_table[j] = 0; });
}

std::size_t AttributePool::memoryUsage() const noexcept
{
    // A heap block also costs the allocator's header (16 bytes with glibc malloc).
    return m_records.capacity() * sizeof(Record) + m_table.capacity() * sizeof(std::uint32_t)
           + m_freeIds.capacity() * sizeof(std::uint32_t) + m_blockBytes + m_live * 16;
}

bool AttributePool::isConsistent() const
{
    std::size_t live = 0;
    std::size_t inTable = 0;
    for (const std::uint32_t entry : m_table) {
        if (entry == 0)
            continue;
        ++inTable;
        if (entry - 1 >= m_records.size() || m_records[entry - 1].references == 0)
            return false;
    }
    for (std::uint32_t id = 0; id < m_records.size(); ++id) {
        const Record &record = m_records[id];
        if (record.references == 0)
            continue;
        ++live;
        if (probeHash(hashOf(view(id))) != record.hash)
            return false;
        bool found = false;
        for (std::size_t slot = record.hash & mask(); m_table[slot] != 0;
             slot = (slot + 1) & mask()) {
            if (m_table[slot] == id + 1) {
                found = true;
                break;
            }
        }
        if (!found)
            return false;
    }
    return live == m_live && inTable == m_live;
}

} // namespace bwx::registry::detail
