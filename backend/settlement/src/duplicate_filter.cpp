#include "bwx/settlement/duplicate_filter.h"

#include <algorithm>
#include <cstring>

namespace bwx::settlement {

namespace {

std::uint64_t mix64(std::uint64_t z) noexcept
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

// Whole words in host order (memcpy compiles to one load); the hash only has to be stable
// within one process, it is never stored or sent.
std::uint64_t load64(const std::uint8_t *p) noexcept
{
    std::uint64_t v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

std::uint64_t loadTail(const std::uint8_t *p, std::size_t n) noexcept
{
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < n; ++i)
        v |= std::uint64_t{p[i]} << (8 * i);
    return v;
}

} // namespace

std::uint64_t hashBytes(std::span<const std::uint8_t> bytes, std::uint64_t seed) noexcept
{
    std::uint64_t h = mix64(seed ^ (bytes.size() * 0x9e3779b97f4a7c15u));
    std::size_t i = 0;
    // Two independent lanes keep the multiplier latency off the critical path.
    std::uint64_t a = h;
    std::uint64_t b = h ^ 0x6a09e667f3bcc909u;
    for (; i + 16 <= bytes.size(); i += 16) {
        a = (a ^ load64(bytes.data() + i)) * 0xff51afd7ed558ccdu;
        b = (b ^ load64(bytes.data() + i + 8)) * 0xc4ceb9fe1a85ec53u;
        a ^= a >> 29;
        b ^= b >> 31;
    }
    if (i < bytes.size())
        a ^= loadTail(bytes.data() + i, std::min<std::size_t>(8, bytes.size() - i));
    if (i + 8 < bytes.size())
        b ^= loadTail(bytes.data() + i + 8, bytes.size() - i - 8);
    return mix64(a ^ mix64(b));
}

DuplicateFilter::DuplicateFilter(std::size_t window)
    : m_ring(std::max<std::size_t>(window, 1), 0)
{
    std::size_t slots = 2;
    while (slots < 2 * m_ring.size())
        slots *= 2;
    m_table.assign(slots, 0);
    m_mask = slots - 1;
}

bool DuplicateFilter::contains(std::uint64_t key) const noexcept
{
    for (std::size_t i = key & m_mask;; i = (i + 1) & m_mask) {
        if (m_table[i] == key)
            return true;
        if (m_table[i] == 0)
            return false;
    }
}

void DuplicateFilter::insert(std::uint64_t key) noexcept
{
    std::size_t i = key & m_mask;
    while (m_table[i] != 0)
        i = (i + 1) & m_mask;
    m_table[i] = key;
    ++m_size;
}

void DuplicateFilter::erase(std::uint64_t key) noexcept
{
    std::size_t i = key & m_mask;
    while (m_table[i] != key) {
        if (m_table[i] == 0)
            return;
        i = (i + 1) & m_mask;
    }
    // Backward-shift deletion: move later entries of the probe run into the hole so every key
    // stays reachable from its home slot without tombstones.
    std::size_t hole = i;
    for (std::size_t j = (i + 1) & m_mask; m_table[j] != 0; j = (j + 1) & m_mask) {
        const std::size_t home = m_table[j] & m_mask;
        const bool movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
        if (movable) {
            m_table[hole] = m_table[j];
            hole = j;
        }
    }
    m_table[hole] = 0;
    --m_size;
}

bool DuplicateFilter::seen(const net::Address &exporter, std::span<const std::uint8_t> datagram)
{
    const std::uint64_t seed
        = exporter.high() ^ mix64(exporter.low() ^ static_cast<std::uint64_t>(exporter.family()));
    std::uint64_t key = hashBytes(datagram, seed);
    if (key == 0)
        key = 1;
    if (contains(key))
        return true;
    if (m_ring[m_next] != 0)
        erase(m_ring[m_next]);
    m_ring[m_next] = key;
    insert(key);
    m_next = (m_next + 1) % m_ring.size();
    return false;
}

} // namespace bwx::settlement
