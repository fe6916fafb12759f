#pragma once
// Trades keyed by their traded prefix: sorted, so the trades whose prefix covers a given prefix
// are found by probing only the prefix lengths present (usually one or two), and those inside
// it form one contiguous range (a prefix sorts right before its more specifics). A member with
// a hundred thousand /24 trades is then asked about the few a prefix can concern, not all.
#include "bwx/net/prefix.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace bwx::arbiter::detail {

class TradedPrefixes
{
public:
    using Entry = std::pair<net::Prefix, std::uint32_t>; // traded prefix, value

    void insert(const net::Prefix &prefix, std::uint32_t value)
    {
        const Entry entry{prefix, value};
        m_entries.insert(std::upper_bound(m_entries.begin(), m_entries.end(), entry), entry);
        ++m_lengths[index(prefix)];
    }
    void erase(const net::Prefix &prefix, std::uint32_t value)
    {
        const Entry entry{prefix, value};
        const auto it = std::lower_bound(m_entries.begin(), m_entries.end(), entry);
        if (it == m_entries.end() || *it != entry)
            return;
        m_entries.erase(it);
        --m_lengths[index(prefix)];
    }

    bool empty() const noexcept { return m_entries.empty(); }
    const std::vector<Entry> &entries() const noexcept { return m_entries; }
    std::size_t memoryUsage() const noexcept { return m_entries.capacity() * sizeof(Entry); }

    // f(value) for every entry whose traded prefix covers `prefix` (itself included).
    template<class F> void forEachCovering(const net::Prefix &prefix, F &&f) const
    {
        if (m_entries.empty())
            return;
        for (int length = 0; length <= prefix.length(); ++length) {
            if (m_lengths[static_cast<std::size_t>(length)] == 0)
                continue;
            const net::Prefix traded = net::Prefix::makeTruncating(prefix.address(), length);
            auto it = std::lower_bound(m_entries.begin(), m_entries.end(), Entry{traded, 0});
            for (; it != m_entries.end() && it->first == traded; ++it)
                f(it->second);
        }
    }
    // f(value) for every entry whose traded prefix lies strictly inside `prefix`.
    template<class F> void forEachInside(const net::Prefix &prefix, F &&f) const
    {
        auto it
            = std::upper_bound(m_entries.begin(), m_entries.end(), prefix,
                               [](const net::Prefix &p, const Entry &e) { return p < e.first; });
        for (; it != m_entries.end() && prefix.contains(it->first); ++it)
            f(it->second);
    }

    friend bool operator==(const TradedPrefixes &, const TradedPrefixes &) = default;

private:
    static std::size_t index(const net::Prefix &prefix) noexcept
    {
        return static_cast<std::size_t>(prefix.length());
    }

    std::vector<Entry> m_entries;
    std::array<std::uint32_t, 129> m_lengths{}; // entries per prefix length
};

} // namespace bwx::arbiter::detail
