#include "bwx/proto/wire.h"

#include <bit>
#include <cstring>

namespace bwx::proto {
namespace {

// The wire is big-endian; these are no-ops on a big-endian host.
std::uint64_t bigEndian64(std::uint64_t v)
{
    if constexpr (std::endian::native == std::endian::little)
        return __builtin_bswap64(v);
    return v;
}

std::uint32_t bigEndian32(std::uint32_t v)
{
    if constexpr (std::endian::native == std::endian::little)
        return __builtin_bswap32(v);
    return v;
}

} // namespace

void WireWriter::u16(std::uint16_t v)
{
    m_out.push_back(static_cast<std::uint8_t>(v >> 8));
    m_out.push_back(static_cast<std::uint8_t>(v));
}

void WireWriter::u32(std::uint32_t v)
{
    const std::size_t at = m_out.size();
    m_out.resize(at + 4);
    const std::uint32_t be = bigEndian32(v);
    std::memcpy(m_out.data() + at, &be, 4);
}

void WireWriter::u64(std::uint64_t v)
{
    // One resize and one store instead of eight push_backs: the encoder's hottest path.
    const std::size_t at = m_out.size();
    m_out.resize(at + 8);
    const std::uint64_t be = bigEndian64(v);
    std::memcpy(m_out.data() + at, &be, 8);
}

void WireWriter::str(std::string_view s)
{
    std::size_t n = s.size() > 0xFFFF ? 0xFFFF : s.size();
    // Never cut a UTF-8 sequence in half: back up to a lead byte.
    if (n < s.size()) {
        while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80)
            --n;
    }
    u16(static_cast<std::uint16_t>(n));
    m_out.insert(m_out.end(), s.begin(), s.begin() + static_cast<std::ptrdiff_t>(n));
}

void WireReader::fail(std::string message, bool valueError)
{
    if (m_error.empty()) {
        m_error = std::move(message);
        m_valueError = valueError;
    }
    m_pos = m_in.size(); // stop all further reads
}

bool WireReader::need(std::size_t n, const char* field)
{
    if (!m_error.empty())
        return false;
    if (m_in.size() - m_pos < n) {
        fail("field '" + std::string(field) + "': " + std::to_string(m_in.size() - m_pos)
                 + " bytes left, " + std::to_string(n) + " needed",
             false);
        return false;
    }
    return true;
}

std::uint8_t WireReader::u8(const char* field)
{
    if (!need(1, field))
        return 0;
    return m_in[m_pos++];
}

std::uint16_t WireReader::u16(const char* field)
{
    if (!need(2, field))
        return 0;
    const auto v = static_cast<std::uint16_t>((m_in[m_pos] << 8) | m_in[m_pos + 1]);
    m_pos += 2;
    return v;
}

std::uint32_t WireReader::u32(const char* field)
{
    if (!need(4, field))
        return 0;
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i)
        v = (v << 8) | m_in[m_pos++];
    return v;
}

std::uint64_t WireReader::u64(const char* field)
{
    if (!need(8, field))
        return 0;
    std::uint64_t be;
    std::memcpy(&be, m_in.data() + m_pos, 8);
    m_pos += 8;
    return bigEndian64(be);
}

std::span<const std::uint8_t> WireReader::bytes(std::size_t n, const char* field)
{
    if (!need(n, field))
        return {};
    auto s = m_in.subspan(m_pos, n);
    m_pos += n;
    return s;
}

std::string WireReader::str(const char* field)
{
    const std::uint16_t n = u16(field);
    auto b = bytes(n, field);
    if (!ok())
        return {};
    std::string s(reinterpret_cast<const char*>(b.data()), b.size());
    if (!isValidUtf8(s)) {
        fail("field '" + std::string(field) + "': not valid UTF-8", true);
        return {};
    }
    return s;
}

bool isValidUtf8(std::string_view s)
{
    std::size_t i = 0;
    const std::size_t n = s.size();
    while (i < n) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == 0)
            return false;
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t len = 0;
        std::uint32_t cp = 0;
        if ((c & 0xE0) == 0xC0) {
            len = 2;
            cp = c & 0x1Fu;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3;
            cp = c & 0x0Fu;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4;
            cp = c & 0x07u;
        } else {
            return false;
        }
        if (i + len > n)
            return false;
        for (std::size_t k = 1; k < len; ++k) {
            const auto cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (cc & 0x3Fu);
        }
        // Overlong forms, surrogates and values beyond Unicode are not UTF-8.
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000)
            || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += len;
    }
    return true;
}

} // namespace bwx::proto
