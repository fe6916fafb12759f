#include "nlri.h"

#include <array>

namespace bwx::bgp::detail {

bool decodePrefixes(std::span<const std::uint8_t> field,
                    net::Family family,
                    std::vector<net::Prefix> &out)
{
    const int maxLen = net::maxLength(family);
    std::size_t pos = 0;
    while (pos < field.size()) {
        const int length = field[pos++];
        if (length > maxLen)
            return false;
        const std::size_t n = static_cast<std::size_t>((length + 7) / 8);
        if (field.size() - pos < n)
            return false;
        if (family == net::Family::V4) {
            std::uint32_t v = 0;
            for (std::size_t i = 0; i < n; ++i)
                v |= std::uint32_t{field[pos + i]} << (24 - 8 * i);
            out.push_back(net::Prefix::makeTruncating(net::Address::v4(v), length));
        } else {
            std::uint64_t words[2] = {0, 0};
            for (std::size_t i = 0; i < n; ++i)
                words[i / 8] |= std::uint64_t{field[pos + i]} << (56 - 8 * (i % 8));
            out.push_back(net::Prefix::makeTruncating(
                net::Address::fromWords(net::Family::V6, words[0], words[1]), length));
        }
        pos += n;
    }
    return true;
}

void encodePrefix(const net::Prefix &prefix, std::vector<std::uint8_t> &out)
{
    const int length = prefix.length();
    out.push_back(static_cast<std::uint8_t>(length));
    const std::size_t n = static_cast<std::size_t>((length + 7) / 8);
    const net::Address a = prefix.address();
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint64_t word = i < 8 ? a.high() : a.low();
        out.push_back(static_cast<std::uint8_t>(word >> (56 - 8 * (i % 8))));
    }
}

} // namespace bwx::bgp::detail
