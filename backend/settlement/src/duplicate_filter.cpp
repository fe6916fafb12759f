#include "bwx/settlement/duplicate_filter.h"

#include "bwx/open_addressing.h"

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
    // Four independent lanes of 8 bytes: the multiplier's latency is hidden behind the other
    // lanes, so a 1.4 KB datagram costs about a quarter of what one dependent chain would.
    std::uint64_t a = h;
    std::uint64_t b = h ^ 0x6a09e667f3bcc909u;
    std::uint64_t c = h ^ 0xbb67ae8584caa73bu;
    std::uint64_t d = h ^ 0x3c6ef372fe94f82bu;
    for (; i + 32 <= bytes.size(); i += 32) {
        a = (a ^ load64(bytes.data() + i)) * 0xff51afd7ed558ccdu;
        b = (b ^ load64(bytes.data() + i + 8)) * 0xc4ceb9fe1a85ec53u;
        c = (c ^ load64(bytes.data() + i + 16)) * 0x9e3779b97f4a7c15u;
        d = (d ^ load64(bytes.data() + i + 24)) * 0xbf58476d1ce4e5b9u;
        a ^= a >> 29;
        b ^= b >> 31;
        c ^= c >> 30;
        d ^= d >> 27;
    }
    // The last 0..31 bytes, 8 at a time into the lanes in turn, the final partial word padded.
    std::uint64_t *lanes[4] = {&a, &b, &c, &d};
    for (std::size_t k = 0; i < bytes.size(); i += 8, ++k) {
        const std::size_t n = std::min<std::size_t>(8, bytes.size() - i);
        std::uint64_t &lane = *lanes[k];
        lane = (lane ^ (n == 8 ? load64(bytes.data() + i) : loadTail(bytes.data() + i, n)))
               * 0x94d049bb133111ebu;
        lane ^= lane >> 32;
    }
    return mix64(mix64(a) ^ mix64(b ^ 0x510e527fade682d1u) ^ mix64(c ^ 0x9b05688c2b3e6c1fu)
                 ^ mix64(d ^ 0x1f83d9abfb41bd6bu));
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
    closeProbeHole(
        i, m_mask, [&](std::size_t j) { return m_table[j] != 0; },
        [&](std::size_t j) { return static_cast<std::size_t>(m_table[j] & m_mask); },
        [&](std::size_t to, std::size_t from) { m_table[to] = m_table[from]; },
        [&](std::size_t j) { m_table[j] = 0; });
    --m_size;
}

bool DuplicateFilter::seen(const net::Address &exporter, std::span<const std::uint8_t> datagram)
{
    const std::uint64_t seed
        = exporter.high() ^ mix64(exporter.low() ^ static_cast<std::uint64_t>(exporter.family()));
    std::uint64_t key = hashBytes(datagram, seed);
    if (key == 0)
        key = 1;
    // The key this call's successor a few datagrams on will evict sits at a random place in a
    // table far larger than the cache: fetching its slot now takes that miss off the path.
    const std::uint64_t later = m_ring[(m_next + 4) % m_ring.size()];
    if (later != 0)
        __builtin_prefetch(&m_table[later & m_mask]);
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
