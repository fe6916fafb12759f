#pragma once
// The price levels of one side of a deep book, ordered so that the best level is the last
// entry: the representation LevelMap (level_map.h) switches to beyond a few levels.
//
// A level is found by key (bids: the price; asks: minus the price, so "greater is better" on
// both sides). Entries live in sorted chunks of at most kChunkMax, so inserting or removing a
// level anywhere moves at most one chunk's worth of entries (1 KiB) instead of the whole side:
// a single sorted vector degrades to a memmove of the full book when levels are sparse, as they
// are when members choose prices freely. Activity concentrates near the best price, which is the
// tail of the last chunk.
//
// A side deeper than one chunk also keeps a hash index key -> level, so that find() - run by
// every order that enters a book - is one probe instead of a search through the chunk index and
// then a chunk: six to fourteen dependent loads, which miss the cache on deep books.
#include <algorithm>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "flat_map.h"

namespace bwx::market::detail {

// A price level of a book side by key.
struct LevelEntry
{
    std::int64_t key;
    std::uint32_t level;
};

class LevelChunks
{
public:
    static constexpr std::uint32_t kNone = ~std::uint32_t{0};
    static constexpr std::size_t kChunkMax = 64;

    using Entry = LevelEntry;

    bool empty() const noexcept { return m_chunks.empty(); }
    std::size_t size() const noexcept { return m_size; }

    // The best (greatest) entry; the map must not be empty.
    const Entry &best() const noexcept
    {
        assert(!empty());
        return m_chunks.back().back();
    }

    std::uint32_t find(std::int64_t key) const noexcept
    {
        if (m_indexed) {
            const std::uint32_t *level = m_index.find(key);
            return level == nullptr ? kNone : *level;
        }
        const std::size_t c = chunkFor(key);
        if (c == m_chunks.size())
            return kNone;
        const auto &chunk = m_chunks[c];
        const auto it = lowerBound(chunk, key);
        return it != chunk.end() && it->key == key ? it->level : kNone;
    }

    // The key must be absent.
    void insert(std::int64_t key, std::uint32_t level)
    {
        if (m_indexed)
            m_index.tryEmplace(key, level);
        else if (m_size + 1 > kIndexFrom)
            buildIndex(key, level);
        if (m_chunks.empty()) {
            m_chunks.emplace_back().push_back(Entry{key, level});
            m_lastKeys.push_back(key);
            ++m_size;
            return;
        }
        std::size_t c = chunkFor(key);
        if (c == m_chunks.size())
            c = m_chunks.size() - 1; // beyond every key: append to the last chunk
        auto &chunk = m_chunks[c];
        const auto it = lowerBound(chunk, key);
        assert(it == chunk.end() || it->key != key);
        chunk.insert(it, Entry{key, level});
        m_lastKeys[c] = chunk.back().key;
        ++m_size;
        if (chunk.size() > kChunkMax)
            split(c);
    }

    // The key must be present.
    void erase(std::int64_t key)
    {
        const std::size_t c = chunkFor(key);
        assert(c < m_chunks.size());
        auto &chunk = m_chunks[c];
        const auto it = lowerBound(chunk, key);
        assert(it != chunk.end() && it->key == key);
        chunk.erase(it);
        --m_size;
        if (m_indexed) {
            if (m_size < kIndexFrom / 2) {
                // Hysteresis: a side hovering around kIndexFrom levels does not rebuild the index
                // on every other insert.
                m_index = {};
                m_indexed = false;
            } else {
                m_index.erase(key);
            }
        }
        if (chunk.empty()) {
            m_chunks.erase(m_chunks.begin() + static_cast<std::ptrdiff_t>(c));
            m_lastKeys.erase(m_lastKeys.begin() + static_cast<std::ptrdiff_t>(c));
            return;
        }
        m_lastKeys[c] = chunk.back().key;
        mergeIfSparse(c);
    }

    // The greatest entry with a key below `key`, or nullptr: the next worse level.
    const Entry *below(std::int64_t key) const noexcept
    {
        const std::size_t c = chunkFor(key);
        if (c == m_chunks.size())
            return m_chunks.empty() ? nullptr : &m_chunks.back().back();
        const auto &chunk = m_chunks[c];
        const auto it = lowerBound(chunk, key);
        if (it != chunk.begin())
            return &*(it - 1);
        return c == 0 ? nullptr : &m_chunks[c - 1].back();
    }

    // Best first; stops when f returns false.
    template <class F>
    void forEachBestFirst(F &&f) const
    {
        for (auto c = m_chunks.rbegin(); c != m_chunks.rend(); ++c)
            for (auto e = c->rbegin(); e != c->rend(); ++e)
                if (!f(*e))
                    return;
    }

    // Structural self-check for Engine::checkInvariants.
    bool isConsistent() const
    {
        std::size_t count = 0;
        bool first = true;
        std::int64_t previous = 0;
        if (m_chunks.size() != m_lastKeys.size())
            return false;
        if (m_indexed ? m_index.size() != m_size || m_size < kIndexFrom / 2
                      : m_size > kIndexFrom)
            return false;
        for (std::size_t c = 0; c < m_chunks.size(); ++c) {
            const auto &chunk = m_chunks[c];
            if (chunk.empty() || chunk.size() > kChunkMax || m_lastKeys[c] != chunk.back().key)
                return false;
            for (const Entry &e : chunk) {
                if (!first && e.key <= previous)
                    return false;
                if (m_indexed) {
                    const std::uint32_t *level = m_index.find(e.key);
                    if (level == nullptr || *level != e.level)
                        return false;
                }
                first = false;
                previous = e.key;
                ++count;
            }
        }
        return count == m_size;
    }

private:
    using Chunk = std::vector<Entry>;

    // Sides with more levels than this keep the hash index (one chunk's search is as quick).
    static constexpr std::size_t kIndexFrom = kChunkMax;

    struct KeyHash
    {
        std::size_t operator()(std::int64_t key) const noexcept
        {
            return static_cast<std::size_t>(mix64(static_cast<std::uint64_t>(key)));
        }
    };

    // Indexes every entry and `key` -> `level`, which is being inserted.
    void buildIndex(std::int64_t key, std::uint32_t level)
    {
        m_index = {};
        for (const Chunk &chunk : m_chunks)
            for (const Entry &e : chunk)
                m_index.tryEmplace(e.key, e.level);
        m_index.tryEmplace(key, level);
        m_indexed = true;
    }

    // Branch-free binary search: the comparisons of a price search are unpredictable, and a
    // mispredicted branch per halving step cost more than the search itself.
    static std::size_t lowerIndex(const Chunk &chunk, std::int64_t key) noexcept
    {
        std::size_t n = chunk.size();
        if (n == 0)
            return 0;
        const Entry *base = chunk.data();
        while (n > 1) {
            const std::size_t half = n / 2;
            base = base[half].key < key ? base + half : base;
            n -= half;
        }
        return static_cast<std::size_t>(base - chunk.data()) + (base->key < key ? 1 : 0);
    }
    static Chunk::const_iterator lowerBound(const Chunk &chunk, std::int64_t key) noexcept
    {
        return chunk.begin() + static_cast<std::ptrdiff_t>(lowerIndex(chunk, key));
    }
    static Chunk::iterator lowerBound(Chunk &chunk, std::int64_t key) noexcept
    {
        return chunk.begin() + static_cast<std::ptrdiff_t>(lowerIndex(chunk, key));
    }

    // The first chunk whose last key is >= key; size() when key is beyond every chunk. Checks
    // the last chunk first because that is where the best prices are.
    std::size_t chunkFor(std::int64_t key) const noexcept
    {
        const std::size_t n = m_lastKeys.size();
        if (n == 0)
            return 0;
        if (key > m_lastKeys[n - 1])
            return n;
        if (n == 1 || key > m_lastKeys[n - 2])
            return n - 1;
        return static_cast<std::size_t>(
            std::lower_bound(m_lastKeys.begin(), m_lastKeys.end() - 1, key) - m_lastKeys.begin());
    }

    void split(std::size_t c)
    {
        Chunk upper(m_chunks[c].begin() + kChunkMax / 2, m_chunks[c].end());
        m_chunks[c].resize(kChunkMax / 2);
        m_lastKeys[c] = m_chunks[c].back().key;
        const std::int64_t upperLast = upper.back().key;
        m_chunks.insert(m_chunks.begin() + static_cast<std::ptrdiff_t>(c + 1), std::move(upper));
        m_lastKeys.insert(m_lastKeys.begin() + static_cast<std::ptrdiff_t>(c + 1), upperLast);
    }

    // Folds a chunk that fell below a quarter into a neighbour when both fit in half a chunk, so
    // many erases cannot leave a long index of nearly empty chunks.
    void mergeIfSparse(std::size_t c)
    {
        if (m_chunks[c].size() >= kChunkMax / 4)
            return;
        std::size_t left = 0;
        if (c + 1 < m_chunks.size() && m_chunks[c].size() + m_chunks[c + 1].size() <= kChunkMax / 2)
            left = c;
        else if (c > 0 && m_chunks[c - 1].size() + m_chunks[c].size() <= kChunkMax / 2)
            left = c - 1;
        else
            return;
        auto &into = m_chunks[left];
        auto &from = m_chunks[left + 1];
        into.insert(into.end(), from.begin(), from.end());
        m_lastKeys[left] = into.back().key;
        m_chunks.erase(m_chunks.begin() + static_cast<std::ptrdiff_t>(left + 1));
        m_lastKeys.erase(m_lastKeys.begin() + static_cast<std::ptrdiff_t>(left + 1));
    }

    std::vector<Chunk> m_chunks;
    std::vector<std::int64_t> m_lastKeys; // m_lastKeys[c] == m_chunks[c].back().key
    std::size_t m_size = 0;
    FlatMap<std::int64_t, std::uint32_t, KeyHash> m_index; // while m_indexed
    bool m_indexed = false;
};

} // namespace bwx::market::detail
