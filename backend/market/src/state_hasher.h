#pragma once
// A 64-bit hash fed field by field. Used for the engine's state hash and the snapshot checksum;
// not cryptographic, but every input bit reaches every output bit and the order of fields
// matters, which is what comparing a replay with a live engine needs.
#include <cstdint>
#include <cstring>
#include <span>
#include <string_view>
#include <type_traits>

#include "bwx/domain/destination.h"
#include "bwx/domain/units.h"
#include "flat_map.h"

namespace bwx::market::detail {

class StateHasher
{
public:
    void add(std::uint64_t v) noexcept { m_h = mix64(m_h + 0x9e3779b97f4a7c15u + v); }

    void add(std::string_view s) noexcept
    {
        add(static_cast<std::uint64_t>(s.size()));
        addBytes(std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t *>(s.data()),
                                               s.size()));
    }

    void addBytes(std::span<const std::uint8_t> bytes) noexcept
    {
        std::size_t i = 0;
        for (; i + 8 <= bytes.size(); i += 8) {
            std::uint64_t w;
            std::memcpy(&w, bytes.data() + i, 8);
            add(w);
        }
        std::uint64_t tail = 0;
        for (std::size_t k = 0; i + k < bytes.size(); ++k)
            tail |= std::uint64_t{bytes[i + k]} << (8 * k);
        add(tail);
    }

    void add(const net::Prefix &p) noexcept
    {
        add(static_cast<std::uint64_t>(p.family()));
        add(static_cast<std::uint64_t>(p.length()));
        add(p.address().high());
        add(p.address().low());
    }

    void add(const Destination &d) noexcept
    {
        add(static_cast<std::uint64_t>(d.kind));
        add(d.prefix);
        add(std::uint64_t{d.originAsn});
        add(static_cast<std::uint64_t>(d.routeClass));
        add(static_cast<std::uint64_t>(d.family));
    }

    // The visitor form used with the messages' fields(): a(value, "name").
    template <class T>
    void operator()(const T &v, const char *)
    {
        if constexpr (std::is_same_v<T, std::string>)
            add(std::string_view(v));
        else if constexpr (std::is_integral_v<T>)
            add(static_cast<std::uint64_t>(v));
        else if constexpr (std::is_enum_v<T>)
            add(static_cast<std::uint64_t>(v));
        else if constexpr (std::is_same_v<T, net::Prefix> || std::is_same_v<T, Destination>)
            add(v);
        else if constexpr (requires { v.value(); })
            add(static_cast<std::uint64_t>(v.value()));
        else
            const_cast<T &>(v).fields(*this); // fields() is shared with decoders, hence not const
    }

    std::uint64_t value() const noexcept { return mix64(m_h); }

private:
    std::uint64_t m_h = 0x6277782d6d6b7431u; // "bwx-mkt1"
};

} // namespace bwx::market::detail
