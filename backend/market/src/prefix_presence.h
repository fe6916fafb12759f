#pragma once
// Which IPv4 prefixes of up to /24 a prefix-keyed map holds: one bit per possible prefix of each
// length, 2^length bits (4 MiB for all 25 lengths, each allocated on first use).
//
// The covering lookups of matching (the routes and the books covering a buy's prefix) ask a map
// for the prefix at every length that has entries; most of those prefixes are absent. In an
// open-addressing map an absent key is the costliest lookup: it reads to the end of its cluster,
// often a second cache line after the first. A bit per prefix answers "absent" from an array
// a fraction of the size, and the bits of all the lengths can be asked for at once.
#include <array>
#include <cstdint>
#include <vector>

#include "bwx/net/prefix.h"
#include "prefetch.h"

namespace bwx::market::detail {

class PrefixPresence
{
public:
    static constexpr int kMaxLength = 24;

    // Whether `prefix` is one this set can answer for (IPv4, at most /24).
    static bool covers(const net::Prefix &prefix) noexcept
    {
        return prefix.family() == net::Family::V4 && prefix.length() <= kMaxLength;
    }

    // For a covered prefix: records it as held or not.
    void set(const net::Prefix &prefix, bool held)
    {
        std::vector<std::uint64_t> &bits = m_bits[static_cast<std::size_t>(prefix.length())];
        if (bits.empty()) {
            if (!held)
                return;
            bits.assign(wordsOf(prefix.length()), 0);
        }
        const std::uint32_t i = indexOf(prefix);
        if (held)
            bits[i / 64] |= std::uint64_t{1} << (i % 64);
        else
            bits[i / 64] &= ~(std::uint64_t{1} << (i % 64));
    }

    // For a covered prefix: whether it is held.
    bool test(const net::Prefix &prefix) const noexcept
    {
        const std::vector<std::uint64_t> &bits = m_bits[static_cast<std::size_t>(prefix.length())];
        if (bits.empty())
            return false;
        const std::uint32_t i = indexOf(prefix);
        return (bits[i / 64] >> (i % 64) & 1) != 0;
    }

    // For a covered prefix: asks for the word test() will read.
    void prefetch(const net::Prefix &prefix) const noexcept
    {
        const std::vector<std::uint64_t> &bits = m_bits[static_cast<std::size_t>(prefix.length())];
        if (!bits.empty())
            prefetchLine(&bits[indexOf(prefix) / 64]);
    }

private:
    static std::size_t wordsOf(int length) noexcept
    {
        return ((std::size_t{1} << length) + 63) / 64;
    }
    static std::uint32_t indexOf(const net::Prefix &prefix) noexcept
    {
        const int length = prefix.length();
        return length == 0 ? 0 : prefix.address().v4Value() >> (32 - length);
    }

    std::array<std::vector<std::uint64_t>, kMaxLength + 1> m_bits;
};

// found(prefix, value) for every entry of `map` (a FlatMap keyed by prefix) that covers
// `prefix`, shortest first. It is looked up at the lengths where `counts` (entries per length of
// the prefix's family) is not zero, and only where `presence` (which must agree with the map)
// does not rule it out: first every presence word is asked for, then the map slot of every
// prefix still possible, then those are read.
template <class Map, class F>
void forEachCoveringEntry(const Map &map, const PrefixPresence &presence,
                          const std::array<std::uint32_t, 129> &counts, const net::Prefix &prefix,
                          F &&found)
{
    std::array<net::Prefix, 129> probes;
    std::size_t count = 0;
    for (int length = 0; length <= prefix.length(); ++length) {
        if (counts[static_cast<std::size_t>(length)] == 0)
            continue;
        probes[count] = net::Prefix::makeTruncating(prefix.address(), length);
        if (PrefixPresence::covers(probes[count]))
            presence.prefetch(probes[count]);
        ++count;
    }
    std::size_t kept = 0;
    for (std::size_t i = 0; i < count; ++i) {
        if (PrefixPresence::covers(probes[i]) && !presence.test(probes[i]))
            continue;
        map.prefetch(probes[i]);
        probes[kept++] = probes[i];
    }
    for (std::size_t i = 0; i < kept; ++i)
        if (const auto *value = map.find(probes[i]))
            found(probes[i], *value);
}

} // namespace bwx::market::detail
