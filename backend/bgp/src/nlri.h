#pragma once
// NLRI prefix lists (RFC 4271 4.3): a length octet followed by just enough octets for it.
#include "bwx/net/prefix.h"

#include <cstdint>
#include <span>
#include <vector>

namespace bwx::bgp::detail {

// Appends every prefix of `field` to `out`; false when a length exceeds the family's width or a
// prefix runs past the field. Host bits beyond the length are cleared, as RFC 4271 allows
// trailing bits to be ignored.
bool decodePrefixes(std::span<const std::uint8_t> field,
                    net::Family family,
                    std::vector<net::Prefix> &out);

void encodePrefix(const net::Prefix &prefix, std::vector<std::uint8_t> &out);

} // namespace bwx::bgp::detail
