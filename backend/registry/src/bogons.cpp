#include "bwx/registry/bogons.h"

#include <string_view>

namespace bwx::registry {

namespace {

struct Row
{
    std::string_view prefix;
    BogonKind kind;
    std::string_view description;
};

// IANA IPv4 and IPv6 Special-Purpose Address Registries (blocks that are not globally
// reachable), multicast and reserved space, and IPv6 outside the global unicast block.
constexpr Row kStandard[] = {
    {"0.0.0.0/8", BogonKind::Bogon, "\"this network\", RFC 791"},
    {"10.0.0.0/8", BogonKind::Bogon, "private use, RFC 1918"},
    {"100.64.0.0/10", BogonKind::Bogon, "shared address space, RFC 6598"},
    {"127.0.0.0/8", BogonKind::Bogon, "loopback, RFC 1122"},
    {"169.254.0.0/16", BogonKind::Bogon, "link local, RFC 3927"},
    {"172.16.0.0/12", BogonKind::Bogon, "private use, RFC 1918"},
    {"192.0.0.0/24", BogonKind::Bogon, "IETF protocol assignments, RFC 6890"},
    {"192.0.2.0/24", BogonKind::Documentation, "TEST-NET-1 documentation, RFC 5737"},
    {"192.88.99.0/24", BogonKind::Bogon, "6to4 relay anycast, deprecated by RFC 7526"},
    {"192.168.0.0/16", BogonKind::Bogon, "private use, RFC 1918"},
    {"198.18.0.0/15", BogonKind::Bogon, "benchmarking, RFC 2544"},
    {"198.51.100.0/24", BogonKind::Documentation, "TEST-NET-2 documentation, RFC 5737"},
    {"203.0.113.0/24", BogonKind::Documentation, "TEST-NET-3 documentation, RFC 5737"},
    {"224.0.0.0/4", BogonKind::Bogon, "multicast, RFC 5771"},
    {"240.0.0.0/4", BogonKind::Bogon, "reserved, RFC 1112"},

    {"::/3", BogonKind::Bogon, "outside global unicast 2000::/3, RFC 4291"},
    {"::/8", BogonKind::Bogon, "loopback, unspecified, IPv4-mapped and reserved, RFC 4291"},
    {"100::/64", BogonKind::Bogon, "discard-only, RFC 6666"},
    {"2001::/23", BogonKind::Bogon, "IETF protocol assignments, RFC 2928"},
    {"2001:3::/32", BogonKind::Exception, "AMT, RFC 7450"},
    {"2001:4:112::/48", BogonKind::Exception, "AS112-v6, RFC 7535"},
    {"2001:20::/28", BogonKind::Exception, "ORCHIDv2, RFC 7343"},
    {"2001:30::/28", BogonKind::Exception, "DRIP entity tags, RFC 9374"},
    {"2001:db8::/32", BogonKind::Documentation, "documentation, RFC 3849"},
    {"2002::/16", BogonKind::Bogon, "6to4, relays deprecated by RFC 7526"},
    {"3ffe::/16", BogonKind::Bogon, "former 6bone, RFC 3701"},
    {"3fff::/20", BogonKind::Documentation, "documentation, RFC 9637"},
    {"4000::/2", BogonKind::Bogon, "outside global unicast 2000::/3, RFC 4291"},
    {"5f00::/16", BogonKind::Bogon, "SRv6 SIDs, RFC 9602"},
    {"8000::/1", BogonKind::Bogon, "outside global unicast 2000::/3, RFC 4291"},
    {"fc00::/7", BogonKind::Bogon, "unique local, RFC 4193"},
    {"fe80::/10", BogonKind::Bogon, "link local, RFC 4291"},
    {"fec0::/10", BogonKind::Bogon, "site local, deprecated by RFC 3879"},
    {"ff00::/8", BogonKind::Bogon, "multicast, RFC 4291"},
};

} // namespace

std::vector<BogonEntry> standardBogons()
{
    std::vector<BogonEntry> entries;
    entries.reserve(std::size(kStandard));
    for (const Row &row : kStandard) {
        // The table is a compile-time constant checked by the unit tests; a typo would be a bug
        // here, not bad input.
        auto prefix = net::Prefix::parse(row.prefix);
        entries.push_back(
            {prefix ? *prefix : net::Prefix{}, row.kind, std::string(row.description)});
    }
    return entries;
}

} // namespace bwx::registry
