#pragma once
// SortedPrefixMap: prefix -> value, kept in prefix order (address, then length) in chunks of
// at most 64 entries, with the first key of every chunk in a separate sorted vector: a B-tree
// of two levels. It answers what the registry asks of a session's routes (exact lookups, the
// routes inside a prefix, the routes covering one, everything in order) at 16 bytes per IPv4
// entry with an 8-byte value, where a Patricia trie (prefix_trie.h) needs up to two 16-byte
// nodes, the value and a link back per entry, and doubles its vectors as it grows: the
// registry's tries were a quarter of the route server's memory in the fan-out benchmark.
//
// In prefix order a prefix comes right before its more specifics, so the routes inside a
// prefix are one contiguous run, and iteration visits them in the same order as the trie's
// (its preorder). The routes covering a prefix are found by one exact lookup per shorter length
// that occurs in the map. An insertion moves at most two chunks' entries: into a full chunk,
// it first passes an entry to a neighbour with room; only when both are full does the chunk
// split in half, except that an entry placed after a chunk's last starts a new chunk, so a
// table arriving in prefix order fills every chunk. A chunk that falls below a quarter is
// merged with a neighbour.
//
// Pointers and references to values are invalidated by any insert or erase. Callbacks may
// change the value they are given but must not insert or erase.
#include "bwx/net/prefix.h"
#include "bwx/net/visitor.h"

#include <algorithm>
#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace bwx::net {

namespace detail {

struct SortedKeyV4
{
    std::uint64_t bits = 0; // address << 8 | length

    static SortedKeyV4 of(const Prefix &p) noexcept
    {
        return {std::uint64_t{p.address().v4Value()} << 8 | static_cast<std::uint64_t>(p.length())};
    }
    // Above every key inside `p`.
    static SortedKeyV4 endOf(const Prefix &p) noexcept
    {
        const auto host = static_cast<std::uint32_t>(0xffffffffull >> p.length());
        return {std::uint64_t{p.address().v4Value() | host} << 8 | 0xff};
    }
    Prefix prefix() const noexcept
    {
        return Prefix::makeTruncating(Address::v4(static_cast<std::uint32_t>(bits >> 8)),
                                      static_cast<int>(bits & 0xff));
    }
    friend auto operator<=>(const SortedKeyV4 &, const SortedKeyV4 &) = default;
};

struct SortedKeyV6
{
    std::uint64_t high = 0;
    std::uint64_t low = 0;
    std::uint8_t length = 0;

    static SortedKeyV6 of(const Prefix &p) noexcept
    {
        const Address a = p.address();
        return {a.high(), a.low(), static_cast<std::uint8_t>(p.length())};
    }
    static SortedKeyV6 endOf(const Prefix &p) noexcept
    {
        const Address a = p.address();
        const int n = p.length();
        const std::uint64_t highHost = n >= 64 ? 0 : (n == 0 ? ~0ull : ~0ull >> n);
        const std::uint64_t lowHost = n <= 64 ? ~0ull : (n == 128 ? 0 : ~0ull >> (n - 64));
        return {a.high() | highHost, a.low() | lowHost, 0xff};
    }
    Prefix prefix() const noexcept
    {
        return Prefix::makeTruncating(Address::fromWords(Family::V6, high, low), length);
    }
    friend auto operator<=>(const SortedKeyV6 &, const SortedKeyV6 &) = default;
};

template<class Key, class T> class SortedPrefixList
{
public:
    static constexpr std::size_t kChunk = 64;

    std::size_t size() const noexcept { return m_size; }
    bool empty() const noexcept { return m_size == 0; }
    void clear() noexcept
    {
        m_first.clear();
        m_chunks.clear();
        m_lengths.fill(0);
        m_size = 0;
    }

    T *find(const Prefix &p) noexcept { return findIn(*this, Key::of(p)); }
    const T *find(const Prefix &p) const noexcept { return findIn(*this, Key::of(p)); }

    template<class... Args> std::pair<T *, bool> tryEmplace(const Prefix &p, Args &&...args)
    {
        const Key key = Key::of(p);
        if (m_chunks.empty()) {
            m_first.push_back(key);
            m_chunks.emplace_back().reserve(kChunk);
            m_chunks.back().push_back(Entry{key, T(std::forward<Args>(args)...)});
            count(p.length(), +1);
            return {&m_chunks.back().back().value, true};
        }
        std::size_t c = chunkOf(key);
        auto at = lowerBound(m_chunks[c], key);
        if (at != m_chunks[c].end() && at->key == key)
            return {&at->value, false};
        std::size_t pos = static_cast<std::size_t>(at - m_chunks[c].begin());
        if (m_chunks[c].size() == kChunk) {
            if (c + 1 < m_chunks.size() && m_chunks[c + 1].size() < kChunk) {
                // Room next door: the chunk's last entry (or the new one) moves there, and
                // nothing splits. This keeps chunks about nine tenths full under inserts in
                // random order rather than the two thirds that splitting alone leaves.
                Chunk &next = m_chunks[c + 1];
                if (pos == kChunk) {
                    const auto it
                        = next.insert(next.begin(), Entry{key, T(std::forward<Args>(args)...)});
                    m_first[c + 1] = key;
                    count(p.length(), +1);
                    return {&it->value, true};
                }
                next.insert(next.begin(), std::move(m_chunks[c].back()));
                m_chunks[c].pop_back();
                m_first[c + 1] = next.front().key;
            } else if (c > 0 && m_chunks[c - 1].size() < kChunk && pos > 0) {
                Chunk &previous = m_chunks[c - 1];
                previous.push_back(std::move(m_chunks[c].front()));
                m_chunks[c].erase(m_chunks[c].begin());
                m_first[c] = m_chunks[c].front().key;
                --pos;
            } else if (pos == kChunk) {
                // After the chunk's last entry: a new chunk, the full one stays full.
                insertChunk(c + 1, key);
                ++c;
                pos = 0;
            } else {
                insertChunk(c + 1, m_chunks[c][kChunk / 2].key);
                Chunk &left = m_chunks[c];
                Chunk &right = m_chunks[c + 1];
                right.assign(std::make_move_iterator(left.begin() + kChunk / 2),
                             std::make_move_iterator(left.end()));
                left.erase(left.begin() + kChunk / 2, left.end());
                if (pos > kChunk / 2) {
                    ++c;
                    pos -= kChunk / 2;
                }
            }
        }
        Chunk &chunk = m_chunks[c];
        const auto it = chunk.insert(chunk.begin() + static_cast<std::ptrdiff_t>(pos),
                                     Entry{key, T(std::forward<Args>(args)...)});
        if (pos == 0)
            m_first[c] = key;
        count(p.length(), +1);
        return {&it->value, true};
    }

    bool erase(const Prefix &p)
    {
        const Key key = Key::of(p);
        if (m_chunks.empty())
            return false;
        const std::size_t c = chunkOf(key);
        Chunk &chunk = m_chunks[c];
        const auto at = lowerBound(chunk, key);
        if (at == chunk.end() || !(at->key == key))
            return false;
        const bool wasFirst = at == chunk.begin();
        chunk.erase(at);
        count(p.length(), -1);
        if (chunk.empty()) {
            removeChunk(c);
            return true;
        }
        if (wasFirst)
            m_first[c] = chunk.front().key;
        if (chunk.size() < kChunk / 4) {
            if (c + 1 < m_chunks.size() && chunk.size() + m_chunks[c + 1].size() <= kChunk / 2)
                mergeIntoLeft(c);
            else if (c > 0 && chunk.size() + m_chunks[c - 1].size() <= kChunk / 2)
                mergeIntoLeft(c - 1);
        }
        return true;
    }

    // f(const Prefix &, T &) for every entry, in prefix order. False if f stopped the walk.
    template<class F> bool forEach(F &&f) { return visit(*this, f); }
    template<class F> bool forEach(F &&f) const { return visit(*this, f); }

    // f(const Prefix &, T &) for every entry inside `p`, itself included, in prefix order.
    template<class F> bool forEachCovered(const Prefix &p, F &&f)
    {
        return visitCovered(*this, p, f);
    }
    template<class F> bool forEachCovered(const Prefix &p, F &&f) const
    {
        return visitCovered(*this, p, f);
    }

    // f(const Prefix &, T &) for every entry containing `p`, itself included, shortest first.
    template<class F> bool forEachCovering(const Prefix &p, F &&f)
    {
        return visitCovering(*this, p, f);
    }
    template<class F> bool forEachCovering(const Prefix &p, F &&f) const
    {
        return visitCovering(*this, p, f);
    }

    std::size_t memoryUsage() const noexcept
    {
        std::size_t bytes = m_first.capacity() * sizeof(Key) + m_chunks.capacity() * sizeof(Chunk);
        for (const Chunk &chunk : m_chunks)
            bytes += chunk.capacity() * sizeof(Entry);
        return bytes;
    }

    // Every chunk non-empty, at most kChunk entries, sorted within and across chunks, the
    // first keys and the counts right.
    bool isConsistent() const
    {
        if (m_first.size() != m_chunks.size())
            return false;
        std::size_t total = 0;
        std::array<std::uint32_t, 129> lengths{};
        for (std::size_t c = 0; c < m_chunks.size(); ++c) {
            const Chunk &chunk = m_chunks[c];
            if (chunk.empty() || chunk.size() > kChunk || !(m_first[c] == chunk.front().key))
                return false;
            if (c > 0 && !(m_chunks[c - 1].back().key < chunk.front().key))
                return false;
            for (std::size_t i = 0; i < chunk.size(); ++i) {
                if (i > 0 && !(chunk[i - 1].key < chunk[i].key))
                    return false;
                ++lengths[static_cast<std::size_t>(chunk[i].key.prefix().length())];
            }
            total += chunk.size();
        }
        return total == m_size && lengths == m_lengths;
    }

private:
    struct Entry
    {
        Key key;
        T value;
    };
    using Chunk = std::vector<Entry>;

    static typename Chunk::iterator lowerBound(Chunk &chunk, const Key &key)
    {
        return std::lower_bound(chunk.begin(), chunk.end(), key,
                                [](const Entry &e, const Key &k) { return e.key < k; });
    }
    // The chunk that holds `key` or would: the last whose first key is not above it (the
    // first chunk for a key below every entry).
    std::size_t chunkOf(const Key &key) const noexcept
    {
        const auto it = std::upper_bound(m_first.begin(), m_first.end(), key);
        return it == m_first.begin() ? 0 : static_cast<std::size_t>(it - m_first.begin()) - 1;
    }
    template<class Self> static auto *findIn(Self &self, const Key &key) noexcept
    {
        using Pointer = decltype(&self.m_chunks.front().front().value);
        if (self.m_chunks.empty())
            return Pointer{nullptr};
        auto &chunk = self.m_chunks[self.chunkOf(key)];
        const auto at = std::lower_bound(chunk.begin(), chunk.end(), key,
                                         [](const Entry &e, const Key &k) { return e.key < k; });
        return at != chunk.end() && at->key == key ? &at->value : Pointer{nullptr};
    }
    void insertChunk(std::size_t c, const Key &first)
    {
        m_first.insert(m_first.begin() + static_cast<std::ptrdiff_t>(c), first);
        m_chunks.emplace(m_chunks.begin() + static_cast<std::ptrdiff_t>(c))->reserve(kChunk);
    }
    void removeChunk(std::size_t c)
    {
        m_first.erase(m_first.begin() + static_cast<std::ptrdiff_t>(c));
        m_chunks.erase(m_chunks.begin() + static_cast<std::ptrdiff_t>(c));
    }
    void mergeIntoLeft(std::size_t left)
    {
        Chunk &from = m_chunks[left + 1];
        m_chunks[left].insert(m_chunks[left].end(), std::make_move_iterator(from.begin()),
                              std::make_move_iterator(from.end()));
        removeChunk(left + 1);
    }
    void count(int length, int sign) noexcept
    {
        m_lengths[static_cast<std::size_t>(length)] += static_cast<std::uint32_t>(sign);
        m_size = sign > 0 ? m_size + 1 : m_size - 1;
    }

    template<class Self, class F> static bool visit(Self &self, F &f)
    {
        for (auto &chunk : self.m_chunks)
            for (auto &e : chunk)
                if (!invokeVisitor(f, e.key.prefix(), e.value))
                    return false;
        return true;
    }
    template<class Self, class F> static bool visitCovered(Self &self, const Prefix &p, F &&f)
    {
        if (self.m_chunks.empty())
            return true;
        const Key from = Key::of(p);
        const Key end = Key::endOf(p);
        for (std::size_t c = self.chunkOf(from); c < self.m_chunks.size(); ++c) {
            auto &chunk = self.m_chunks[c];
            auto it = std::lower_bound(chunk.begin(), chunk.end(), from,
                                       [](const Entry &e, const Key &k) { return e.key < k; });
            for (; it != chunk.end(); ++it) {
                if (end < it->key)
                    return true;
                if (!invokeVisitor(f, it->key.prefix(), it->value))
                    return false;
            }
        }
        return true;
    }
    template<class Self, class F> static bool visitCovering(Self &self, const Prefix &p, F &&f)
    {
        for (int length = 0; length <= p.length(); ++length) {
            if (self.m_lengths[static_cast<std::size_t>(length)] == 0)
                continue;
            const Prefix shorter = Prefix::makeTruncating(p.address(), length);
            if (auto *value = findIn(self, Key::of(shorter)))
                if (!invokeVisitor(f, shorter, *value))
                    return false;
        }
        return true;
    }

    std::vector<Key> m_first; // m_first[c]: the first key of m_chunks[c]
    std::vector<Chunk> m_chunks;
    std::array<std::uint32_t, 129> m_lengths{}; // entries per prefix length
    std::size_t m_size = 0;
};

} // namespace detail

// Both families behind one interface: the part of PrefixMap's interface (prefix_trie.h) the
// registry uses.
template<class T> class SortedPrefixMap
{
public:
    std::size_t size() const noexcept { return m_v4.size() + m_v6.size(); }
    std::size_t size(Family family) const noexcept
    {
        return family == Family::V4 ? m_v4.size() : m_v6.size();
    }
    bool empty() const noexcept { return m_v4.empty() && m_v6.empty(); }
    void clear() noexcept
    {
        m_v4.clear();
        m_v6.clear();
    }

    template<class... Args> std::pair<T *, bool> tryEmplace(const Prefix &p, Args &&...args)
    {
        return p.family() == Family::V4 ? m_v4.tryEmplace(p, std::forward<Args>(args)...)
                                        : m_v6.tryEmplace(p, std::forward<Args>(args)...);
    }
    // False (and the stored value unchanged) if the prefix is already present.
    bool insert(const Prefix &p, T value) { return tryEmplace(p, std::move(value)).second; }
    bool erase(const Prefix &p) { return p.family() == Family::V4 ? m_v4.erase(p) : m_v6.erase(p); }
    T *find(const Prefix &p) noexcept
    {
        return p.family() == Family::V4 ? m_v4.find(p) : m_v6.find(p);
    }
    const T *find(const Prefix &p) const noexcept
    {
        return p.family() == Family::V4 ? m_v4.find(p) : m_v6.find(p);
    }
    bool contains(const Prefix &p) const noexcept { return find(p) != nullptr; }

    template<class F> bool forEachCovering(const Prefix &p, F &&f)
    {
        return p.family() == Family::V4 ? m_v4.forEachCovering(p, f) : m_v6.forEachCovering(p, f);
    }
    template<class F> bool forEachCovering(const Prefix &p, F &&f) const
    {
        return p.family() == Family::V4 ? m_v4.forEachCovering(p, f) : m_v6.forEachCovering(p, f);
    }
    template<class F> bool forEachCovered(const Prefix &p, F &&f)
    {
        return p.family() == Family::V4 ? m_v4.forEachCovered(p, f) : m_v6.forEachCovered(p, f);
    }
    template<class F> bool forEachCovered(const Prefix &p, F &&f) const
    {
        return p.family() == Family::V4 ? m_v4.forEachCovered(p, f) : m_v6.forEachCovered(p, f);
    }
    // IPv4 first, then IPv6, each in prefix order.
    template<class F> bool forEach(F &&f) { return m_v4.forEach(f) && m_v6.forEach(f); }
    template<class F> bool forEach(F &&f) const { return m_v4.forEach(f) && m_v6.forEach(f); }
    template<class F> bool forEach(Family family, F &&f)
    {
        return family == Family::V4 ? m_v4.forEach(f) : m_v6.forEach(f);
    }
    template<class F> bool forEach(Family family, F &&f) const
    {
        return family == Family::V4 ? m_v4.forEach(f) : m_v6.forEach(f);
    }

    std::size_t memoryUsage() const noexcept { return m_v4.memoryUsage() + m_v6.memoryUsage(); }
    bool isConsistent() const { return m_v4.isConsistent() && m_v6.isConsistent(); }

private:
    detail::SortedPrefixList<detail::SortedKeyV4, T> m_v4;
    detail::SortedPrefixList<detail::SortedKeyV6, T> m_v6;
};

} // namespace bwx::net
