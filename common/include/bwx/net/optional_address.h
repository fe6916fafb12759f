#pragma once
// An address that may be absent, in the space of one address (24 bytes; std::optional<Address>
// takes 32). Absence is an Address whose family is neither IPv4 nor IPv6, a value no parsed or
// decoded address has; it never leaves this type. Used where many values are kept, such as the
// next hops of every BGP attribute set.
#include "bwx/net/address.h"

#include <cassert>
#include <optional>

namespace bwx::net {

class OptionalAddress
{
public:
    constexpr OptionalAddress() noexcept = default;
    constexpr OptionalAddress(std::nullopt_t) noexcept {}
    constexpr OptionalAddress(const Address &address) noexcept
        : m_value(address)
    {}
    constexpr OptionalAddress(const std::optional<Address> &address) noexcept
        : m_value(address ? *address : kAbsent)
    {}

    constexpr bool has_value() const noexcept { return m_value.family() != kAbsent.family(); }
    constexpr explicit operator bool() const noexcept { return has_value(); }

    constexpr const Address &operator*() const noexcept
    {
        assert(has_value());
        return m_value;
    }
    constexpr const Address *operator->() const noexcept
    {
        assert(has_value());
        return &m_value;
    }
    constexpr Address value_or(const Address &fallback) const noexcept
    {
        return has_value() ? m_value : fallback;
    }
    constexpr void reset() noexcept { m_value = kAbsent; }

    constexpr std::optional<Address> toOptional() const noexcept
    {
        return has_value() ? std::optional<Address>(m_value) : std::nullopt;
    }

    // Two absent values are equal; an absent value equals no address.
    friend constexpr bool operator==(const OptionalAddress &, const OptionalAddress &) = default;
    friend constexpr bool operator==(const OptionalAddress &a, const Address &b) noexcept
    {
        return a.m_value == b;
    }

private:
    static constexpr Address kAbsent = Address::fromWords(static_cast<Family>(0), 0, 0);
    Address m_value = kAbsent;
};

static_assert(sizeof(OptionalAddress) == sizeof(Address));

} // namespace bwx::net
