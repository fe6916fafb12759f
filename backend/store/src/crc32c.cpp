#include "crc32c.h"

#include <array>

namespace bwx::store {
namespace {

constexpr std::uint32_t kPolynomial = 0x82F63B78u; // 0x1EDC6F41 bit-reversed

using Tables = std::array<std::array<std::uint32_t, 256>, 8>;

// Slicing-by-8: table k holds the CRC of a byte followed by k zero bytes, so eight input bytes
// are folded with eight independent lookups instead of eight dependent ones.
constexpr Tables makeTables()
{
    Tables t{};
    for (std::uint32_t i = 0; i < 256; ++i) {
        std::uint32_t c = i;
        for (int bit = 0; bit < 8; ++bit)
            c = (c & 1u) ? (c >> 1) ^ kPolynomial : c >> 1;
        t[0][i] = c;
    }
    for (std::size_t k = 1; k < 8; ++k) {
        for (std::size_t i = 0; i < 256; ++i) {
            const std::uint32_t prev = t[k - 1][i];
            t[k][i] = (prev >> 8) ^ t[0][prev & 0xFFu];
        }
    }
    return t;
}

constexpr Tables kTables = makeTables();

} // namespace

std::uint32_t crc32c(std::span<const std::uint8_t> data, std::uint32_t previous) noexcept
{
    std::uint32_t crc = ~previous;
    const std::uint8_t *p = data.data();
    std::size_t n = data.size();
    // Bytes are assembled explicitly so the result does not depend on host byte order or
    // alignment.
    while (n >= 8) {
        const std::uint32_t lo
            = crc
              ^ (static_cast<std::uint32_t>(p[0]) | static_cast<std::uint32_t>(p[1]) << 8
                 | static_cast<std::uint32_t>(p[2]) << 16 | static_cast<std::uint32_t>(p[3]) << 24);
        crc = kTables[7][lo & 0xFFu] ^ kTables[6][(lo >> 8) & 0xFFu]
              ^ kTables[5][(lo >> 16) & 0xFFu] ^ kTables[4][lo >> 24] ^ kTables[3][p[4]]
              ^ kTables[2][p[5]] ^ kTables[1][p[6]] ^ kTables[0][p[7]];
        p += 8;
        n -= 8;
    }
    while (n-- > 0)
        crc = (crc >> 8) ^ kTables[0][(crc ^ *p++) & 0xFFu];
    return ~crc;
}

} // namespace bwx::store
