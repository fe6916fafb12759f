#pragma once
// Prefix -> value maps for the RIBs: open addressing with linear probing and backward-shift
// deletion, one table per family. An IPv4 key is a 4-byte address and a length, so an
// Adj-RIB-In entry with its attribute-set id is a 12-byte slot (a node-based map needs ~70
// bytes per entry).
// A table grows by half (not by doubling) and its slot count need not be a power of two (a
// key's home slot is its hash scaled to the slot count), so a table that has just grown is
// 58 % full, not 44 %: these tables hold one entry per route, and the largest, the arbiter's
// holder index, went from 16.8 to 11.5 MB in the fan-out benchmark.
#include "bwx/net/prefix.h"
#include "bwx/open_addressing.h"

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace bwx::bgp {

namespace detail {

// Two fields rather than one 8-byte word: with a 4-byte value (an attribute-set id) the slot
// is 12 bytes, not 16. bits() packs it into one word for lists of prefixes.
struct KeyV4
{
    std::uint32_t address = 0;
    std::uint8_t length = 0xff; // 0xff = empty slot

    static KeyV4 of(const net::Prefix &p) noexcept
    {
        return {p.address().v4Value(), static_cast<std::uint8_t>(p.length())};
    }
    static KeyV4 fromBits(std::uint64_t bits) noexcept
    {
        return {static_cast<std::uint32_t>(bits >> 8), static_cast<std::uint8_t>(bits & 0xff)};
    }
    std::uint64_t bits() const noexcept { return std::uint64_t{address} << 8 | length; }
    net::Prefix prefix() const noexcept
    {
        return net::Prefix::makeTruncating(net::Address::v4(address), length);
    }
    bool empty() const noexcept { return length == 0xff; }
    std::uint64_t hashBits() const noexcept { return bits(); }
    friend bool operator==(const KeyV4 &, const KeyV4 &) = default;
};

struct KeyV6
{
    std::uint64_t high = 0;
    std::uint64_t low = 0;
    std::uint8_t length = 0xff; // 0xff = empty slot

    static KeyV6 of(const net::Prefix &p) noexcept
    {
        const net::Address a = p.address();
        return {a.high(), a.low(), static_cast<std::uint8_t>(p.length())};
    }
    net::Prefix prefix() const noexcept
    {
        return net::Prefix::makeTruncating(net::Address::fromWords(net::Family::V6, high, low),
                                           length);
    }
    bool empty() const noexcept { return length == 0xff; }
    std::uint64_t hashBits() const noexcept { return high ^ (low * 0x9e3779b97f4a7c15u) ^ length; }
    friend bool operator==(const KeyV6 &, const KeyV6 &) = default;
};

template<class Key, class V> class FlatPrefixMap
{
public:
    std::size_t size() const noexcept { return m_size; }

    V *find(const Key &k) noexcept
    {
        const std::size_t i = slotOf(k);
        return i == kAbsent ? nullptr : &m_slots[i].value;
    }
    const V *find(const Key &k) const noexcept
    {
        const std::size_t i = slotOf(k);
        return i == kAbsent ? nullptr : &m_slots[i].value;
    }

    // Returns the slot's value and whether it was created (value default-constructed).
    std::pair<V *, bool> findOrInsert(const Key &k)
    {
        if ((m_size + 1) * 8 > m_slots.size() * 7)
            grow();
        std::size_t i = home(k);
        for (;; i = next(i)) {
            if (m_slots[i].key.empty())
                break;
            if (m_slots[i].key == k)
                return {&m_slots[i].value, false};
        }
        m_slots[i].key = k;
        ++m_size;
        return {&m_slots[i].value, true};
    }

    // Moves the erased value out.
    std::optional<V> erase(const Key &k)
    {
        if (m_slots.empty())
            return std::nullopt;
        std::size_t i = home(k);
        for (;; i = next(i)) {
            if (m_slots[i].key.empty())
                return std::nullopt;
            if (m_slots[i].key == k)
                break;
        }
        std::optional<V> out(std::move(m_slots[i].value));
        closeProbeHoleIn(
            i, m_slots.size(), [&](std::size_t j) { return !m_slots[j].key.empty(); },
            [&](std::size_t j) { return home(m_slots[j].key); },
            [&](std::size_t to, std::size_t from) { m_slots[to] = std::move(m_slots[from]); },
            [&](std::size_t j) { m_slots[j] = Slot{}; });
        --m_size;
        return out;
    }

    template<class F> void forEach(F &&f)
    {
        for (Slot &s : m_slots)
            if (!s.key.empty())
                f(s.key.prefix(), s.value);
    }
    template<class F> void forEach(F &&f) const
    {
        for (const Slot &s : m_slots)
            if (!s.key.empty())
                f(s.key.prefix(), s.value);
    }

    void clear() noexcept
    {
        m_slots.clear();
        m_slots.shrink_to_fit();
        m_size = 0;
    }

    // Room for `n` entries without growing: a bulk insert then rehashes once, not at every
    // doubling.
    void reserve(std::size_t n)
    {
        // Not named "slots": Qt defines that as a macro in code that includes this header.
        const std::size_t wanted = std::max<std::size_t>(kMinSlots, (n * 8 + 6) / 7);
        if (wanted > m_slots.size())
            rehash(wanted);
    }

    std::size_t memoryUsage() const noexcept { return m_slots.capacity() * sizeof(Slot); }

private:
    struct Slot
    {
        Key key;
        V value{};
    };

    std::size_t home(const Key &k) const noexcept
    {
        std::uint64_t z = k.hashBits();
        z = (z ^ (z >> 31)) * 0xbf58476d1ce4e5b9u;
        z ^= z >> 29;
        // The high word of z * slot count: uniform over the slots when z is (Lemire's
        // multiply-shift range reduction).
        __extension__ using u128 = unsigned __int128;
        return static_cast<std::size_t>((static_cast<u128>(z) * m_slots.size()) >> 64);
    }
    std::size_t next(std::size_t i) const noexcept { return i + 1 == m_slots.size() ? 0 : i + 1; }

    static constexpr std::size_t kAbsent = ~std::size_t{0};
    // The slot holding `k`, or kAbsent.
    std::size_t slotOf(const Key &k) const noexcept
    {
        if (m_slots.empty())
            return kAbsent;
        for (std::size_t i = home(k);; i = next(i)) {
            if (m_slots[i].key.empty())
                return kAbsent;
            if (m_slots[i].key == k)
                return i;
        }
    }

    static constexpr std::size_t kMinSlots = 64;
    void grow() { rehash(m_slots.empty() ? kMinSlots : m_slots.size() + m_slots.size() / 2); }

    void rehash(std::size_t n)
    {
        std::vector<Slot> old = std::move(m_slots);
        m_slots = std::vector<Slot>(n);
        for (Slot &s : old) {
            if (s.key.empty())
                continue;
            std::size_t i = home(s.key);
            while (!m_slots[i].key.empty())
                i = next(i);
            m_slots[i] = std::move(s);
        }
    }

    std::vector<Slot> m_slots;
    std::size_t m_size = 0;
};

} // namespace detail

// Both families behind one interface.
template<class V> class RouteTable
{
public:
    std::size_t size() const noexcept { return m_v4.size() + m_v6.size(); }
    std::size_t size(net::Family f) const noexcept
    {
        return f == net::Family::V4 ? m_v4.size() : m_v6.size();
    }

    V *find(const net::Prefix &p) noexcept
    {
        return p.family() == net::Family::V4 ? m_v4.find(detail::KeyV4::of(p))
                                             : m_v6.find(detail::KeyV6::of(p));
    }
    const V *find(const net::Prefix &p) const noexcept
    {
        return p.family() == net::Family::V4 ? m_v4.find(detail::KeyV4::of(p))
                                             : m_v6.find(detail::KeyV6::of(p));
    }
    std::pair<V *, bool> findOrInsert(const net::Prefix &p)
    {
        return p.family() == net::Family::V4 ? m_v4.findOrInsert(detail::KeyV4::of(p))
                                             : m_v6.findOrInsert(detail::KeyV6::of(p));
    }
    std::optional<V> erase(const net::Prefix &p)
    {
        return p.family() == net::Family::V4 ? m_v4.erase(detail::KeyV4::of(p))
                                             : m_v6.erase(detail::KeyV6::of(p));
    }
    template<class F> void forEach(F &&f)
    {
        m_v4.forEach(f);
        m_v6.forEach(f);
    }
    template<class F> void forEach(F &&f) const
    {
        m_v4.forEach(f);
        m_v6.forEach(f);
    }
    void clear() noexcept
    {
        m_v4.clear();
        m_v6.clear();
    }
    // Room for `n` entries of family `f` in all.
    void reserve(net::Family f, std::size_t n)
    {
        if (f == net::Family::V4)
            m_v4.reserve(n);
        else
            m_v6.reserve(n);
    }
    std::size_t memoryUsage() const noexcept { return m_v4.memoryUsage() + m_v6.memoryUsage(); }

private:
    detail::FlatPrefixMap<detail::KeyV4, V> m_v4;
    detail::FlatPrefixMap<detail::KeyV6, V> m_v6;
};

} // namespace bwx::bgp
