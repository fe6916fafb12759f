#pragma once
// The exchange side of the fan-out benchmark, run in a process of its own: bwxd's routing
// service (BGP speaker, trade route registry, arbiter, market feed) on one io thread, as bwxd
// runs it, with a market engine that holds the members and answers the service's start-up
// queries. The trades are handed to the service the way the sequencer delivers them.
#include "bwx/bgp/path_attributes.h"
#include "bwx/net/address.h"

#include <cstddef>
#include <string>
#include <vector>

namespace bwx::bench {

// The exchange's ASN: the global administrator of the trade communities.
inline constexpr std::uint32_t kFanoutExchangeAsn = 65000;

struct FanoutMember
{
    std::string name;
    bgp::Asn asn = 0;
    net::Address router; // the member router's session address
};

// Prints, one line each on stdout:
//   LISTENING <port> <rss KiB> <cpu ms>          once the speaker listens (nothing received)
//   INGESTED <ns> <rss KiB> <cpu ms> <changes>   every member's routes in the registry, valid,
//                                                and the market feed quiet
//   TRADES <ns> <cpu ms>                         the moment every member buys every other's
//                                                routes (just before the service sees the trades)
//   EXPORTED <ns> <cpu ms>                       the arbiter has decided every export and handed
//                                                it to the sessions' Adj-RIBs-Out
// then serves the sessions until terminated. Returns non-zero (with the reason on stderr) when
// a step does not happen.
int runFanoutExchange(const net::Address &listen,
                      std::size_t routesEach,
                      const std::vector<FanoutMember> &members);

} // namespace bwx::bench
