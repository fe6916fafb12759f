#pragma once
// IPv4/IPv6 addresses as a small value type for the registry, the matcher and the collectors.
//
// Both families share one layout: the address bits are left-aligned in two 64-bit words, so bit i
// (counted from the most significant) is found the same way for IPv4 and IPv6, masking is two
// ANDs and ordering is two integer compares. An IPv4 address occupies the top 32 bits of high().
#include "bwx/expected.h"

#include <cassert>
#include <compare>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace bwx::net {

enum class Family : std::uint8_t { V4 = 4, V6 = 6 };

constexpr int maxLength(Family family) noexcept
{
    return family == Family::V4 ? 32 : 128;
}

namespace detail {

// Masks keeping the first `length` bits (0..128) of the high and low word. Shifting a 64-bit
// value by 64 is undefined, hence the explicit edge cases.
constexpr std::uint64_t highMask(int length) noexcept
{
    return length <= 0 ? 0 : length >= 64 ? ~std::uint64_t{0} : ~std::uint64_t{0} << (64 - length);
}

constexpr std::uint64_t lowMask(int length) noexcept
{
    return length <= 64    ? 0
           : length >= 128 ? ~std::uint64_t{0}
                           : ~std::uint64_t{0} << (128 - length);
}

// Text from the outside world quoted for an error message: non-printable bytes escaped, very
// long input cut short, so a hostile string cannot corrupt a log line or a terminal.
std::string quoteInput(std::string_view text);

} // namespace detail

class Address
{
public:
    constexpr Address() noexcept = default; // 0.0.0.0

    // Accepts dotted-quad IPv4 (no leading zeros: "010" is octal to some parsers) and IPv6 in
    // any RFC 4291 text form, including a trailing dotted quad. No zone index, no brackets.
    static Expected<Address> parse(std::string_view text);

    static constexpr Address v4(std::uint32_t value) noexcept
    {
        return Address(Family::V4, std::uint64_t{value} << 32, 0);
    }

    // The words are the left-aligned layout described above; bits beyond the family's width
    // must be zero.
    static constexpr Address
    fromWords(Family family, std::uint64_t high, std::uint64_t low) noexcept
    {
        assert(family == Family::V6 || (low == 0 && (high & 0xffffffffu) == 0));
        return Address(family, high, low);
    }

    // bytes.size() must be 4 for IPv4 and 16 for IPv6 (network order).
    static Address fromBytes(Family family, std::span<const std::uint8_t> bytes) noexcept;
    void toBytes(std::uint8_t *out) const noexcept; // writes 4 or 16 bytes

    // Canonical text: dotted quad, or RFC 5952 for IPv6.
    std::string toString() const;

    constexpr Family family() const noexcept { return m_family; }
    constexpr bool isV4() const noexcept { return m_family == Family::V4; }
    constexpr int maxLength() const noexcept { return net::maxLength(m_family); }
    constexpr std::uint64_t high() const noexcept { return m_high; }
    constexpr std::uint64_t low() const noexcept { return m_low; }

    constexpr std::uint32_t v4Value() const noexcept
    {
        assert(isV4());
        return static_cast<std::uint32_t>(m_high >> 32);
    }

    // Bit i counted from the most significant, 0 <= i < maxLength().
    constexpr bool bit(int i) const noexcept
    {
        assert(i >= 0 && i < maxLength());
        return i < 64 ? ((m_high >> (63 - i)) & 1) != 0 : ((m_low >> (127 - i)) & 1) != 0;
    }

    // The address with every bit from `length` on cleared, 0 <= length <= maxLength().
    constexpr Address masked(int length) const noexcept
    {
        assert(length >= 0 && length <= maxLength());
        return Address(m_family, m_high & detail::highMask(length),
                       m_low & detail::lowMask(length));
    }

    // IPv4 sorts before IPv6; within a family, numeric order.
    friend constexpr std::strong_ordering operator<=>(const Address &a, const Address &b) noexcept
    {
        if (a.m_family != b.m_family)
            return a.m_family <=> b.m_family;
        if (a.m_high != b.m_high)
            return a.m_high <=> b.m_high;
        return a.m_low <=> b.m_low;
    }

    friend constexpr bool operator==(const Address &a, const Address &b) noexcept
    {
        return a.m_high == b.m_high && a.m_low == b.m_low && a.m_family == b.m_family;
    }

private:
    constexpr Address(Family family, std::uint64_t high, std::uint64_t low) noexcept
        : m_high(high)
        , m_low(low)
        , m_family(family)
    {}

    std::uint64_t m_high = 0;
    std::uint64_t m_low = 0;
    Family m_family = Family::V4;
};

} // namespace bwx::net
