#pragma once
// What an order trades capacity toward (claims 1b, 4): a prefix, every route originated by an
// AS, or one route class (customer / peer / transit) of the seller.
#include <cstdint>
#include <string>
#include <string_view>

#include "bwx/expected.h"
#include "bwx/net/prefix.h"

namespace bwx {

enum class DestinationKind : std::uint8_t { Prefix = 1, OriginAsn = 2, RouteClass = 3 };
enum class RouteClass : std::uint8_t { Customer = 1, Peer = 2, Transit = 3 };

std::string_view toString(RouteClass);

struct Destination {
    DestinationKind kind = DestinationKind::Prefix;
    net::Prefix prefix{};            // kind == Prefix
    std::uint32_t originAsn = 0;     // kind == OriginAsn
    RouteClass routeClass = RouteClass::Customer; // kind == RouteClass
    net::Family family = net::Family::V4; // protocol; for a prefix it is the prefix's family

    static Destination ofPrefix(const net::Prefix& p) { return {DestinationKind::Prefix, p, 0, RouteClass::Customer, p.family()}; }
    static Destination ofAsn(std::uint32_t asn, net::Family f) { return {DestinationKind::OriginAsn, {}, asn, RouteClass::Customer, f}; }
    static Destination ofClass(RouteClass c, net::Family f) { return {DestinationKind::RouteClass, {}, 0, c, f}; }

    bool isPrefix() const noexcept { return kind == DestinationKind::Prefix; }
    friend bool operator==(const Destination&, const Destination&) = default;
};

// "203.0.113.0/24", "2001:db8::/32", "AS64500" (IPv4) / "AS64500/v6", "customer" / "customer/v6"
std::string toString(const Destination&);
Expected<Destination> parseDestination(std::string_view);

} // namespace bwx
