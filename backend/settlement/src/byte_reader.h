#pragma once
// Bounds-checked big-endian reading over a span. Every read checks the remaining length first, so
// a decoder built on it cannot read outside its input whatever a length field claims.
#include <cstddef>
#include <cstdint>
#include <span>

namespace bwx::settlement::detail {

inline std::uint16_t loadU16(const std::uint8_t *p) noexcept
{
    return static_cast<std::uint16_t>((p[0] << 8) | p[1]);
}

inline std::uint32_t loadU32(const std::uint8_t *p) noexcept
{
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8)
           | std::uint32_t{p[3]};
}

inline std::uint64_t loadU64(const std::uint8_t *p) noexcept
{
    return (std::uint64_t{loadU32(p)} << 32) | loadU32(p + 4);
}

// An unsigned integer of 1..8 bytes (IPFIX reduced-size encoding, RFC 7011 section 6.2).
inline std::uint64_t loadUnsigned(const std::uint8_t *p, std::size_t length) noexcept
{
    // The common sizes first: a field loop calls this for every counter of every record.
    switch (length) {
    case 1:
        return p[0];
    case 2:
        return loadU16(p);
    case 4:
        return loadU32(p);
    case 8:
        return loadU64(p);
    default:
        break;
    }
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < length; ++i)
        v = (v << 8) | p[i];
    return v;
}

class ByteReader
{
public:
    explicit ByteReader(std::span<const std::uint8_t> data) noexcept
        : m_data(data)
    {}

    std::size_t offset() const noexcept { return m_offset; }
    std::size_t remaining() const noexcept { return m_data.size() - m_offset; }
    bool has(std::size_t n) const noexcept { return n <= remaining(); }
    const std::uint8_t *current() const noexcept { return m_data.data() + m_offset; }

    // Each returns false, reading nothing, when fewer bytes remain than asked for.
    bool u8(std::uint8_t &v) noexcept
    {
        if (!has(1))
            return false;
        v = m_data[m_offset++];
        return true;
    }
    bool u16(std::uint16_t &v) noexcept
    {
        if (!has(2))
            return false;
        v = loadU16(current());
        m_offset += 2;
        return true;
    }
    bool u32(std::uint32_t &v) noexcept
    {
        if (!has(4))
            return false;
        v = loadU32(current());
        m_offset += 4;
        return true;
    }
    bool skip(std::size_t n) noexcept
    {
        if (!has(n))
            return false;
        m_offset += n;
        return true;
    }
    // A sub-range of n bytes, consumed from this reader.
    bool take(std::size_t n, std::span<const std::uint8_t> &out) noexcept
    {
        if (!has(n))
            return false;
        out = m_data.subspan(m_offset, n);
        m_offset += n;
        return true;
    }

private:
    std::span<const std::uint8_t> m_data;
    std::size_t m_offset = 0;
};

} // namespace bwx::settlement::detail
