#pragma once
// The price levels of one side of a book, ordered so that the best level is the last entry.
//
// Most book sides hold one or two levels: when orders spread over a million prefixes, books
// hold an order or two each. Those levels are kept inline, sorted, inside the map itself (and
// so inside the Book, which every link, unlink and aggregate refresh reads anyway): finding,
// adding or removing one touches no other memory and allocates nothing. A side that grows
// beyond kInline levels moves them into LevelChunks (sorted chunks and, when deep, a hash
// index: level_chunks.h), allocated apart; it moves back inline when it shrinks to one level,
// so a side hovering around the threshold does not move on every other insert. Before, every
// side was a LevelChunks: three heap blocks (chunk list, chunk, last keys), allocated and freed
// as the side filled and emptied, and two or three dependent cache misses to read the best
// level of a book that is not in cache.
#include <array>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <memory>

#include "level_chunks.h"

namespace bwx::market::detail {

class LevelMap
{
public:
    using Entry = LevelEntry;
    static constexpr std::uint32_t kNone = ~std::uint32_t{0};
    static constexpr std::size_t kInline = 3;

    LevelMap() = default;
    LevelMap(const LevelMap &other)
        : m_inline(other.m_inline), m_size(other.m_size),
          m_deep(other.m_deep ? std::make_unique<LevelChunks>(*other.m_deep) : nullptr)
    {
    }
    LevelMap &operator=(const LevelMap &other)
    {
        if (this != &other)
            *this = LevelMap(other);
        return *this;
    }
    LevelMap(LevelMap &&) noexcept = default;
    LevelMap &operator=(LevelMap &&) noexcept = default;

    bool empty() const noexcept { return m_size == 0; }
    std::size_t size() const noexcept { return m_size; }

    // The best (greatest) entry; the map must not be empty.
    const Entry &best() const noexcept
    {
        assert(!empty());
        return m_inline[m_deep ? 0 : m_size - 1];
    }

    std::uint32_t find(std::int64_t key) const noexcept
    {
        if (m_deep)
            return m_deep->find(key);
        for (std::uint32_t i = 0; i < m_size; ++i)
            if (m_inline[i].key == key)
                return m_inline[i].level;
        return kNone;
    }

    // The key must be absent.
    void insert(std::int64_t key, std::uint32_t level)
    {
        if (!m_deep && m_size == kInline) {
            m_deep = std::make_unique<LevelChunks>();
            for (std::uint32_t i = 0; i < m_size; ++i)
                m_deep->insert(m_inline[i].key, m_inline[i].level);
        }
        ++m_size;
        if (m_deep) {
            m_deep->insert(key, level);
            m_inline[0] = m_deep->best();
            return;
        }
        std::uint32_t i = m_size - 1;
        for (; i > 0 && m_inline[i - 1].key > key; --i)
            m_inline[i] = m_inline[i - 1];
        assert(i == 0 || m_inline[i - 1].key != key);
        m_inline[i] = Entry{key, level};
    }

    // The key must be present.
    void erase(std::int64_t key)
    {
        assert(m_size > 0);
        --m_size;
        if (m_deep) {
            m_deep->erase(key);
            m_inline[0] = m_deep->best();
            if (m_size == 1)
                m_deep.reset();
            return;
        }
        std::uint32_t i = 0;
        while (m_inline[i].key != key)
            ++i;
        for (; i < m_size; ++i)
            m_inline[i] = m_inline[i + 1];
    }

    // The greatest entry with a key below `key`, or nullptr: the next worse level.
    const Entry *below(std::int64_t key) const noexcept
    {
        if (m_deep)
            return m_deep->below(key);
        for (std::uint32_t i = m_size; i > 0; --i)
            if (m_inline[i - 1].key < key)
                return &m_inline[i - 1];
        return nullptr;
    }

    // Best first; stops when f returns false.
    template <class F>
    void forEachBestFirst(F &&f) const
    {
        if (m_deep) {
            m_deep->forEachBestFirst(f);
            return;
        }
        for (std::uint32_t i = m_size; i > 0; --i)
            if (!f(m_inline[i - 1]))
                return;
    }

    // Structural self-check for Engine::checkInvariants.
    bool isConsistent() const
    {
        if (m_deep)
            return m_size > 1 && m_deep->size() == m_size && m_deep->isConsistent()
                   && m_inline[0].key == m_deep->best().key
                   && m_inline[0].level == m_deep->best().level;
        if (m_size > kInline)
            return false;
        for (std::uint32_t i = 1; i < m_size; ++i)
            if (m_inline[i - 1].key >= m_inline[i].key)
                return false;
        return true;
    }

private:
    // Ascending, the first m_size. With m_deep, the first holds a copy of the best entry: the
    // best level of a deep side (a group book's) is then read with the Book, not two or three
    // misses later at the end of its chunks.
    std::array<Entry, kInline> m_inline{};
    std::uint32_t m_size = 0;
    std::unique_ptr<LevelChunks> m_deep; // beyond kInline levels, until back down to one
};

} // namespace bwx::market::detail
