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
#include <string>
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

// The keys of a prefix-keyed map (a FlatMap) as covering lookups need them: how many per family
// and length, and which IPv4 ones up to /24. The map's owner reports every key that comes or
// goes; check() recounts them from the map for the invariants.
class PrefixKeys
{
public:
    void add(const net::Prefix &prefix) { change(prefix, true); }
    void remove(const net::Prefix &prefix) { change(prefix, false); }

    // found(key, value) for every key of `map` that covers `prefix`, shortest first. The map is
    // looked up at the lengths that hold keys, and only where the presence bits do not rule the
    // key out: first every presence word is asked for, then the map slot of every key still
    // possible, then those are read.
    template <class Map, class F>
    void forEachCovering(const Map &map, const net::Prefix &prefix, F &&found) const
    {
        const std::array<std::uint32_t, 129> &counts = m_count[familyOf(prefix)];
        std::array<net::Prefix, 129> probes;
        std::size_t count = 0;
        for (int length = 0; length <= prefix.length(); ++length) {
            if (counts[static_cast<std::size_t>(length)] == 0)
                continue;
            probes[count] = net::Prefix::makeTruncating(prefix.address(), length);
            if (PrefixPresence::covers(probes[count]))
                m_present.prefetch(probes[count]);
            ++count;
        }
        std::size_t kept = 0;
        for (std::size_t i = 0; i < count; ++i) {
            if (PrefixPresence::covers(probes[i]) && !m_present.test(probes[i]))
                continue;
            map.prefetch(probes[i]);
            probes[kept++] = probes[i];
        }
        for (std::size_t i = 0; i < kept; ++i)
            if (const auto *value = map.find(probes[i]))
                found(probes[i], *value);
    }

    // Empty when the keys of `map` are the ones reported; otherwise what differs (`what` names
    // the map's entries in the message).
    template <class Map>
    std::string check(const Map &map, const std::string &what) const
    {
        std::array<std::uint32_t, 129> counts[2] = {};
        std::string error;
        map.forEach([&](const net::Prefix &key, const auto &) {
            ++counts[familyOf(key)][static_cast<std::size_t>(key.length())];
            if (PrefixPresence::covers(key) && !m_present.test(key) && error.empty())
                error = what + " " + key.toString() + " missing from the presence bits";
        });
        if (error.empty() && (counts[0] != m_count[0] || counts[1] != m_count[1]))
            error = what + "s per prefix length differ from a recount";
        return error;
    }

private:
    static std::size_t familyOf(const net::Prefix &prefix) noexcept
    {
        return prefix.family() == net::Family::V4 ? 0 : 1;
    }
    void change(const net::Prefix &prefix, bool added)
    {
        std::uint32_t &count = m_count[familyOf(prefix)][static_cast<std::size_t>(prefix.length())];
        count = added ? count + 1 : count - 1;
        if (PrefixPresence::covers(prefix))
            m_present.set(prefix, added);
    }

    std::array<std::uint32_t, 129> m_count[2] = {};
    PrefixPresence m_present;
};

} // namespace bwx::market::detail
