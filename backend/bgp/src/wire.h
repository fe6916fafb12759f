#pragma once
// Bounds-checked big-endian reading and writing of BGP fields. Every read checks the remaining
// length first, so no input can make a decoder read outside its buffer.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace bwx::bgp::wire {

class Reader
{
public:
    explicit Reader(std::span<const std::uint8_t> data) noexcept
        : m_data(data)
    {}

    std::size_t remaining() const noexcept { return m_data.size() - m_pos; }
    std::size_t position() const noexcept { return m_pos; }
    bool has(std::size_t n) const noexcept { return remaining() >= n; }
    bool atEnd() const noexcept { return m_pos == m_data.size(); }

    // Callers check has() first.
    std::uint8_t u8() noexcept { return m_data[m_pos++]; }
    std::uint16_t u16() noexcept
    {
        const auto v = static_cast<std::uint16_t>((m_data[m_pos] << 8) | m_data[m_pos + 1]);
        m_pos += 2;
        return v;
    }
    std::uint32_t u32() noexcept
    {
        const std::uint32_t v = (std::uint32_t{m_data[m_pos]} << 24)
                                | (std::uint32_t{m_data[m_pos + 1]} << 16)
                                | (std::uint32_t{m_data[m_pos + 2]} << 8)
                                | std::uint32_t{m_data[m_pos + 3]};
        m_pos += 4;
        return v;
    }
    std::span<const std::uint8_t> bytes(std::size_t n) noexcept
    {
        const auto s = m_data.subspan(m_pos, n);
        m_pos += n;
        return s;
    }
    std::span<const std::uint8_t> rest() noexcept { return bytes(remaining()); }

private:
    std::span<const std::uint8_t> m_data;
    std::size_t m_pos = 0;
};

inline std::uint16_t readU16(const std::uint8_t *p) noexcept
{
    return static_cast<std::uint16_t>((p[0] << 8) | p[1]);
}

inline std::uint32_t readU32(const std::uint8_t *p) noexcept
{
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8)
           | std::uint32_t{p[3]};
}

inline void putU8(std::vector<std::uint8_t> &out, std::uint8_t v)
{
    out.push_back(v);
}

inline void putU16(std::vector<std::uint8_t> &out, std::uint16_t v)
{
    out.push_back(static_cast<std::uint8_t>(v >> 8));
    out.push_back(static_cast<std::uint8_t>(v));
}

inline void putU32(std::vector<std::uint8_t> &out, std::uint32_t v)
{
    out.push_back(static_cast<std::uint8_t>(v >> 24));
    out.push_back(static_cast<std::uint8_t>(v >> 16));
    out.push_back(static_cast<std::uint8_t>(v >> 8));
    out.push_back(static_cast<std::uint8_t>(v));
}

inline void setU16(std::vector<std::uint8_t> &out, std::size_t at, std::uint16_t v)
{
    out[at] = static_cast<std::uint8_t>(v >> 8);
    out[at + 1] = static_cast<std::uint8_t>(v);
}

// Appends a 19-byte header with a zero length; finishMessage() fills the length in.
inline std::size_t beginMessage(std::vector<std::uint8_t> &out, std::uint8_t type)
{
    const std::size_t start = out.size();
    out.insert(out.end(), 16, 0xff);
    putU16(out, 0);
    putU8(out, type);
    return start;
}

inline void finishMessage(std::vector<std::uint8_t> &out, std::size_t start)
{
    setU16(out, start + 16, static_cast<std::uint16_t>(out.size() - start));
}

} // namespace bwx::bgp::wire
