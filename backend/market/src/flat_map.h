#pragma once
// An open-addressing hash map (linear probing, backward-shift deletion) for the engine's hot
// indexes: prefix → book and (member, client order id) → order. std::unordered_map allocates a
// node per entry and chases a pointer per lookup; here a lookup is one or two adjacent slots.
#include "bwx/open_addressing.h"
#include "huge_page_allocator.h"
#include "prefetch.h"

#include <bit>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace bwx::market::detail {

template <class K, class V, class Hash, class Eq = std::equal_to<K>>
class FlatMap
{
public:
    std::size_t size() const noexcept { return m_size; }
    bool empty() const noexcept { return m_size == 0; }

    void clear()
    {
        m_slots.clear();
        m_size = 0;
        m_mask = 0;
    }

    V *find(const K &key) noexcept
    {
        const std::size_t i = locate(key);
        return i == kAbsent ? nullptr : &m_slots[i].value;
    }
    const V *find(const K &key) const noexcept
    {
        const std::size_t i = locate(key);
        return i == kAbsent ? nullptr : &m_slots[i].value;
    }

    // Asks for the slot a lookup of `key` starts at, without waiting for it: both ends, since
    // a slot whose size does not divide 64 often straddles two cache lines, and the flag a
    // lookup reads first sits at its end.
    void prefetch(const K &key) const noexcept
    {
        if (m_size == 0)
            return;
        const auto *slot = reinterpret_cast<const char *>(&m_slots[ideal(key)]);
        prefetchLine(slot);
        if constexpr (64 % sizeof(Slot) != 0)
            prefetchLine(slot + sizeof(Slot) - 1);
    }

    // Inserts `value` unless the key is present; returns the stored value and whether it was
    // inserted.
    std::pair<V *, bool> tryEmplace(const K &key, V value)
    {
        const auto [i, inserted] = emplaceAt(key, std::move(value));
        return {&m_slots[i].value, inserted};
    }

    // The value of `key`, default-constructed if absent, looked for first in slot `hint`: a
    // caller that comes back to the same key again and again (the last trade of a busy prefix)
    // skips the hash and the probe. `hint` is set to the key's slot. Any hint is safe: it is
    // trusted only when that slot holds the key, which is in one slot only.
    V &findOrInsert(std::size_t &hint, const K &key)
    {
        if (hint < capacity() && m_slots[hint].used && Eq{}(m_slots[hint].key, key))
            return m_slots[hint].value;
        hint = emplaceAt(key, V{}).first;
        return m_slots[hint].value;
    }

    bool erase(const K &key) noexcept
    {
        std::size_t hole = locate(key);
        if (hole == kAbsent)
            return false;
        closeProbeHole(
            hole, m_mask, [&](std::size_t j) { return m_slots[j].used; },
            [&](std::size_t j) { return ideal(m_slots[j].key); },
            [&](std::size_t to, std::size_t from) { m_slots[to] = std::move(m_slots[from]); },
            [&](std::size_t j) { m_slots[j] = Slot{}; });
        --m_size;
        return true;
    }

    template <class F>
    void forEach(F &&f) const
    {
        for (std::size_t i = 0; i < m_slots.size(); ++i)
            if (m_slots[i].used)
                f(m_slots[i].key, m_slots[i].value);
    }
    // f(used, key, value) for every slot, empty ones too (their key and value are
    // default-constructed), for a caller that filters without a branch per slot.
    template <class F>
    void forEachSlot(F &&f) const
    {
        for (const Slot &slot : m_slots)
            f(slot.used, slot.key, slot.value);
    }
    std::size_t slotCount() const noexcept { return m_slots.size(); }

private:
    struct Slot
    {
        K key{};
        V value{};
        bool used = false;
    };
    static constexpr std::size_t kAbsent = ~std::size_t{0};

    std::size_t capacity() const noexcept { return m_slots.size(); }

    // Slot of `key`, where `value` was stored unless the key was present; whether it was.
    std::pair<std::size_t, bool> emplaceAt(const K &key, V value)
    {
        if (capacity() == 0 || (m_size + 1) * 10 > capacity() * 7)
            grow();
        std::size_t i = ideal(key);
        while (m_slots[i].used) {
            if (Eq{}(m_slots[i].key, key))
                return {i, false};
            i = (i + 1) & m_mask;
        }
        m_slots[i] = Slot{key, std::move(value), true};
        ++m_size;
        return {i, true};
    }
    std::size_t ideal(const K &key) const noexcept { return Hash{}(key) & m_mask; }

    std::size_t locate(const K &key) const noexcept
    {
        if (m_size == 0)
            return kAbsent;
        std::size_t i = ideal(key);
        while (m_slots[i].used) {
            if (Eq{}(m_slots[i].key, key))
                return i;
            i = (i + 1) & m_mask;
        }
        return kAbsent;
    }

    void grow()
    {
        const std::size_t next = capacity() == 0 ? 16 : capacity() * 2;
        SlotVector old = std::move(m_slots);
        m_slots.assign(next, Slot{});
        m_mask = next - 1;
        m_size = 0;
        for (Slot &slot : old) {
            if (!slot.used)
                continue;
            std::size_t j = ideal(slot.key);
            while (m_slots[j].used)
                j = (j + 1) & m_mask;
            m_slots[j] = std::move(slot);
            ++m_size;
        }
    }

    // Large maps (prefix -> book holds a slot per book, tens of megabytes) get huge pages, so
    // that a probe's cache miss is not also a page walk; small ones come from the default
    // allocator (see HugePageAllocator).
    using SlotVector = std::vector<Slot, HugePageAllocator<Slot>>;
    SlotVector m_slots;
    std::size_t m_size = 0;
    std::size_t m_mask = 0;
};

// splitmix64's finaliser: every input bit reaches every output bit.
constexpr std::uint64_t mix64(std::uint64_t z) noexcept
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

} // namespace bwx::market::detail
