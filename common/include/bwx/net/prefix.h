#pragma once
// An IP prefix (address/length) with the host bits always zero, so that equal prefixes have
// equal representations and containment is a mask-and-compare.
//
// The address words are stored inline rather than as an Address member: 24 bytes instead of 32,
// which matters for the tries and order books that hold millions of them.
#include "bwx/expected.h"
#include "bwx/net/address.h"

#include <cassert>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bwx::net {

namespace detail {
struct WideTrieNode;
}
template<class T, class Node = detail::WideTrieNode> class PrefixTrie;

class Prefix
{
public:
    constexpr Prefix() noexcept = default; // 0.0.0.0/0

    // "address/length" with no surrounding whitespace. Rejects host bits set, lengths out of
    // range or with a leading zero, with the reason in the error.
    static Expected<Prefix> parse(std::string_view text);
    static Expected<Prefix> make(const Address &address, int length);
    // For prefixes derived from trusted data (e.g. a route and a mask): clears the host bits.
    static Prefix makeTruncating(const Address &address, int length) noexcept
    {
        assert(length >= 0 && length <= address.maxLength());
        const Address base = address.masked(length);
        return Prefix(address.family(), base.high(), base.low(), length);
    }

    std::string toString() const;

    constexpr Family family() const noexcept { return m_family; }
    constexpr int length() const noexcept { return m_length; }
    constexpr Address address() const noexcept
    {
        return Address::fromWords(m_family, m_high, m_low);
    }
    constexpr int maxLength() const noexcept { return net::maxLength(m_family); }
    constexpr bool isHost() const noexcept { return m_length == maxLength(); }

    // True when `other` is this prefix or a more specific one inside it (same family).
    constexpr bool contains(const Prefix &other) const noexcept
    {
        return m_family == other.m_family && other.m_length >= m_length
               && matches(other.m_high, other.m_low);
    }

    constexpr bool contains(const Address &address) const noexcept
    {
        return m_family == address.family() && matches(address.high(), address.low());
    }

    // Two prefixes overlap exactly when one contains the other.
    constexpr bool overlaps(const Prefix &other) const noexcept
    {
        return contains(other) || other.contains(*this);
    }

    // The prefix one bit shorter; length() must be > 0.
    constexpr Prefix parent() const noexcept
    {
        assert(m_length > 0);
        const int length = m_length - 1;
        return Prefix(m_family, m_high & detail::highMask(length), m_low & detail::lowMask(length),
                      length);
    }

    // The half selected by `bit`, or nullopt for a host prefix.
    constexpr std::optional<Prefix> child(bool bit) const noexcept
    {
        if (isHost())
            return std::nullopt;
        std::uint64_t high = m_high;
        std::uint64_t low = m_low;
        if (bit) {
            if (m_length < 64)
                high |= std::uint64_t{1} << (63 - m_length);
            else
                low |= std::uint64_t{1} << (127 - m_length);
        }
        return Prefix(m_family, high, low, m_length + 1);
    }

    // Family, then address, then length: a prefix sorts right before its more specifics, so a
    // sorted container holds every subtree as one contiguous range.
    friend constexpr std::strong_ordering operator<=>(const Prefix &a, const Prefix &b) noexcept
    {
        if (a.m_family != b.m_family)
            return a.m_family <=> b.m_family;
        if (a.m_high != b.m_high)
            return a.m_high <=> b.m_high;
        if (a.m_low != b.m_low)
            return a.m_low <=> b.m_low;
        return a.m_length <=> b.m_length;
    }

    friend constexpr bool operator==(const Prefix &a, const Prefix &b) noexcept
    {
        return a.m_high == b.m_high && a.m_low == b.m_low && a.m_family == b.m_family
               && a.m_length == b.m_length;
    }

private:
    template<class T, class Node> friend class PrefixTrie;

    // Callers guarantee the host bits are zero and the length is in range.
    constexpr Prefix(Family family, std::uint64_t high, std::uint64_t low, int length) noexcept
        : m_high(high)
        , m_low(low)
        , m_family(family)
        , m_length(static_cast<std::uint8_t>(length))
    {}

    constexpr bool matches(std::uint64_t high, std::uint64_t low) const noexcept
    {
        return ((high ^ m_high) & detail::highMask(m_length)) == 0
               && ((low ^ m_low) & detail::lowMask(m_length)) == 0;
    }

    std::uint64_t m_high = 0;
    std::uint64_t m_low = 0;
    Family m_family = Family::V4;
    std::uint8_t m_length = 0;
};

inline std::size_t hashValue(const Prefix &prefix) noexcept
{
    // splitmix64's finaliser over the folded fields: cheap, and every input bit reaches every
    // output bit, so prefixes that differ only in a low address bit or the length spread well.
    const auto mix = [](std::uint64_t z) {
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
        return z ^ (z >> 31);
    };
    const Address address = prefix.address();
    const std::uint64_t tag = (static_cast<std::uint64_t>(prefix.family()) << 8)
                              | static_cast<std::uint64_t>(prefix.length());
    return static_cast<std::size_t>(mix(address.high() ^ mix(address.low() ^ mix(tag))));
}

struct PrefixHash
{
    std::size_t operator()(const Prefix &prefix) const noexcept { return hashValue(prefix); }
};

} // namespace bwx::net
