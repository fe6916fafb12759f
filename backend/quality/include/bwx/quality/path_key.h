#pragma once
// What quality is measured for: one seller toward one destination prefix. The seller's router
// on the exchange LAN is the next hop, so the figure is what a buyer of that seller would get.
#include "bwx/domain/ids.h"
#include "bwx/expected.h"
#include "bwx/net/prefix.h"

#include <compare>
#include <cstddef>
#include <string>
#include <string_view>

namespace bwx::quality {

struct PathKey
{
    MemberId seller{};
    net::Prefix destination{};

    friend auto operator<=>(const PathKey &, const PathKey &) = default;
    friend bool operator==(const PathKey &, const PathKey &) = default;
};

// "7:198.51.100.0/24" — the seller's member id, a colon, the destination prefix. The seller part
// is digits only, so an IPv6 prefix after the first colon stays unambiguous.
std::string toString(const PathKey &path);
Expected<PathKey> parsePathKey(std::string_view text);

struct PathKeyHash
{
    std::size_t operator()(const PathKey &path) const noexcept
    {
        return net::hashValue(path.destination)
               ^ (std::size_t{path.seller.value()} * 0x9e3779b97f4a7c15u);
    }
};

} // namespace bwx::quality
