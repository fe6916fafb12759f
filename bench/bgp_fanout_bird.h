#pragma once
// BIRD 2 as the route server of the fan-out benchmark: its configuration and what its control
// socket says about the members' sessions.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace bwx::bench {

struct BirdPeer
{
    std::string protocol; // "m1"...: the BGP protocol's name
    std::uint32_t asn = 0;
    std::string address;
};

struct BirdRouteServer
{
    std::string routerId;
    std::string localAddress;
    std::uint16_t port = 0;
    std::uint32_t localAs = 0;
    // false: every peer imports into and exports from the master table; true: a table per peer,
    // joined to the master table by a pipe (the usual route-server layout for per-peer policy).
    bool tablePerPeer = false;
    std::vector<BirdPeer> peers;
};

// bird.conf for the route server. Peers are transparent (`rs client`: next hop and AS path
// unchanged). With `exporting` false nothing reaches the peers yet: the one-table layout
// exports nothing to the peers, the table-per-peer layout pipes nothing from the master table
// into the peers' tables. Reconfiguring with `exporting` true is the moment the trades take
// effect.
std::string birdConfig(const BirdRouteServer &server, bool exporting);

// Routes imported per protocol, from `birdc show protocols all` (one entry per protocol that
// has a "Routes:" line).
std::map<std::string, std::uint64_t> importedRoutes(const std::string &showProtocolsAll);

} // namespace bwx::bench
