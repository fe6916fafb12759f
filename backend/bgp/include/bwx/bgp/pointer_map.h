#pragma once
// A map keyed by object address, for grouping routes by their shared attribute set: open
// addressing with linear probing and backward-shift deletion. A node-based map costs an allocation
// per key and a cache miss per probe; the export path looks a set up once per route (millions per
// burst), so the slots are one flat array that clear() keeps for the next use.
#include "bwx/open_addressing.h"

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace bwx::bgp::detail {

template<class V> class PointerMap
{
public:
    std::size_t size() const noexcept { return m_size; }

    V *find(const void *key) noexcept
    {
        if (m_slots.empty())
            return nullptr;
        for (std::size_t i = home(key);; i = (i + 1) & m_mask) {
            if (m_slots[i].key == key)
                return &m_slots[i].value;
            if (!m_slots[i].key)
                return nullptr;
        }
    }

    // The value for `key` (not null) and whether it was created (value-initialised).
    std::pair<V *, bool> findOrInsert(const void *key)
    {
        if ((m_size + 1) * 4 > m_slots.size() * 3)
            rehash(m_slots.empty() ? 64 : m_slots.size() * 2);
        std::size_t i = home(key);
        for (;; i = (i + 1) & m_mask) {
            if (m_slots[i].key == key)
                return {&m_slots[i].value, false};
            if (!m_slots[i].key)
                break;
        }
        m_slots[i].key = key;
        ++m_size;
        return {&m_slots[i].value, true};
    }

    // True when the key was there.
    bool erase(const void *key)
    {
        if (m_slots.empty())
            return false;
        std::size_t i = home(key);
        for (;; i = (i + 1) & m_mask) {
            if (m_slots[i].key == key)
                break;
            if (!m_slots[i].key)
                return false;
        }
        closeProbeHole(
            i, m_mask, [&](std::size_t j) { return m_slots[j].key != nullptr; },
            [&](std::size_t j) { return home(m_slots[j].key); },
            [&](std::size_t to, std::size_t from) { m_slots[to] = std::move(m_slots[from]); },
            [&](std::size_t j) { m_slots[j] = Slot{}; });
        --m_size;
        return true;
    }

    template<class F> void forEach(F &&f)
    {
        for (Slot &s : m_slots)
            if (s.key)
                f(s.key, s.value);
    }

    // Forgets every entry; the slots stay allocated for the next use.
    void clear()
    {
        if (m_size == 0)
            return;
        for (Slot &s : m_slots)
            s = Slot{};
        m_size = 0;
    }

    // Forgets every entry and frees the slots.
    void release() noexcept
    {
        std::vector<Slot>().swap(m_slots);
        m_size = 0;
        m_mask = 0;
    }

    std::size_t memoryUsage() const noexcept { return m_slots.capacity() * sizeof(Slot); }

private:
    struct Slot
    {
        const void *key = nullptr;
        V value{};
    };

    std::size_t home(const void *key) const noexcept
    {
        std::uint64_t z = reinterpret_cast<std::uintptr_t>(key);
        z = (z ^ (z >> 31)) * 0xbf58476d1ce4e5b9u;
        z ^= z >> 29;
        return static_cast<std::size_t>(z) & m_mask;
    }

    void rehash(std::size_t n)
    {
        std::vector<Slot> old = std::move(m_slots);
        m_slots = std::vector<Slot>(n);
        m_mask = n - 1;
        for (Slot &s : old) {
            if (!s.key)
                continue;
            std::size_t i = home(s.key);
            while (m_slots[i].key)
                i = (i + 1) & m_mask;
            m_slots[i] = std::move(s);
        }
    }

    std::vector<Slot> m_slots;
    std::size_t m_size = 0;
    std::size_t m_mask = 0;
};

} // namespace bwx::bgp::detail
