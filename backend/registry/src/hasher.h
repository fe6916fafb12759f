#pragma once
// A 64-bit hash fed value by value, for content hashes of data sets and the registry's state
// hash. Not cryptographic: it only has to make different states hash differently with
// overwhelming probability and to depend on nothing but the values fed and their order.
#include "bwx/net/address.h"
#include "bwx/net/prefix.h"

#include <cstdint>
#include <string_view>

namespace bwx::registry::detail {

// splitmix64's finaliser: a bijection in which every input bit reaches every output bit.
constexpr std::uint64_t mix64(std::uint64_t z) noexcept
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

class Hasher
{
public:
    constexpr explicit Hasher(std::uint64_t seed) noexcept
        : m_h(seed)
    {}

    constexpr void add(std::uint64_t v) noexcept
    {
        m_h = mix64(m_h ^ mix64(v + 0x9e3779b97f4a7c15u));
    }

    void add(std::string_view text) noexcept
    {
        add(static_cast<std::uint64_t>(text.size()));
        std::uint64_t word = 0;
        int filled = 0;
        for (const char c : text) {
            word = (word << 8) | static_cast<unsigned char>(c);
            if (++filled == 8) {
                add(word);
                word = 0;
                filled = 0;
            }
        }
        add(word);
    }

    void add(const net::Address &address) noexcept
    {
        add(static_cast<std::uint64_t>(address.family()));
        add(address.high());
        add(address.low());
    }

    void add(const net::Prefix &prefix) noexcept
    {
        add(prefix.address());
        add(static_cast<std::uint64_t>(prefix.length()));
    }

    constexpr std::uint64_t value() const noexcept { return mix64(m_h); }

private:
    std::uint64_t m_h;
};

} // namespace bwx::registry::detail
