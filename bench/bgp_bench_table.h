#pragma once
// A generated full IPv4 table for the ingest benchmark, the same for every receiver measured:
// the prefix length mix of the real table (~60% /24, ~20% /22-/23, the rest shorter), AS paths
// of 2 to 8 hops through a pool of transit ASes to ~1 origin per 13 prefixes (2- and 4-octet
// ASNs, some prepending), communities on about half of the routes, large communities and MED
// on some. Routes of one origin mostly share one attribute set, some carry a variant (traffic
// engineering), as in real tables.
#include "bwx/bgp/codec.h"

#include <cstdint>
#include <vector>

namespace bwx::bench {

struct TableGroup
{
    bgp::PathAttributes attributes;
    std::vector<net::Prefix> prefixes;
};

struct GeneratedTable
{
    std::vector<TableGroup> groups;
    std::size_t routes = 0;
};

GeneratedTable generateTable(std::size_t routes,
                             std::uint64_t seed,
                             const net::Address &nextHop,
                             bgp::Asn senderAs);

// One table per router for the fan-out benchmark: `routesEach` routes each, no prefix in two
// tables, router i's routes with next hop nextHops[i] and AS paths starting with senderAses[i];
// every route passes the registry's validation with its default settings.
std::vector<GeneratedTable> generateDisjointTables(std::size_t routesEach,
                                                   std::uint64_t seed,
                                                   const std::vector<net::Address> &nextHops,
                                                   const std::vector<bgp::Asn> &senderAses);

// The UPDATE stream announcing the whole table, then End-of-RIB.
std::vector<std::uint8_t> encodeTable(const GeneratedTable &table,
                                      const bgp::SessionParameters &session);

} // namespace bwx::bench
