#pragma once
// The routing part of bwxd's configuration: [bgp], [[bgp.peer]], [registry] and [routing]
// (docs/operations.md). Parsed by backend/app; checked here for what the sections mean
// together (a peer and a static route of the same member, limits that must agree).
#include "bwx/bgp/peer_config.h"
#include "bwx/domain/destination.h"
#include "bwx/net/address.h"
#include "bwx/net/prefix.h"
#include "bwx/expected.h"
#include "bwx/registry/config.h"
#include "bwx/registry/rpsl.h"
#include "bwx/registry/vrp.h"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace bwx::routing {

// One member router that peers with the route server.
struct PeerSpec
{
    std::string member; // the member's name (its certificate identity)
    // Address, port, passive, MD5, GTSM, hold time, local address... `member` is filled in
    // once the member is known; remoteAs 0 means "the member's ASN".
    bgp::PeerConfig peer;
    std::uint32_t maxPrefixV4 = 0; // 0 = no limit
    std::uint32_t maxPrefixV6 = 0;
};

// A route registered by the operator for a member without BGP (claim 1a).
struct StaticRoute
{
    std::string member;
    net::Prefix prefix;
    RouteClass routeClass = RouteClass::Customer;
    std::optional<std::uint32_t> originAs; // default: the member's ASN
    // The member's router that carries the traffic; default: the address of the member's
    // [[bgp.peer]] of the prefix's family.
    std::optional<net::Address> nextHop;
};

struct RoutingConfig
{
    bool enabled = false; // a [registry] section is present

    registry::RegistryConfig registry;
    std::filesystem::path vrpFile; // empty: no RPKI data
    std::filesystem::path irrFile; // empty: no IRR data

    bool bgpEnabled = false; // a [bgp] section is present
    bgp::Asn localAs = 0;
    std::uint32_t routerId = 0;
    std::vector<bgp::ListenEndpoint> listen;
    std::vector<PeerSpec> peers;

    std::vector<StaticRoute> statics;

    // RouteBatch commands: changes are coalesced for this long and sent at most this many per
    // command, so the journal sees a bounded number of commands whatever the churn.
    std::chrono::milliseconds flushInterval{250};
    std::uint32_t maxChangesPerBatch = 4096;
    // After a restart, what the market holds for a member with BGP sessions is kept until its
    // sessions have sent their tables (End-of-RIB), at most this long.
    std::chrono::seconds startupHold{60};
    // A session that sends no End-of-RIB counts as complete this long after Established.
    std::chrono::seconds endOfRibTimeout{10};
};

// Problems of the configuration as a whole, each "[section] key: what is wrong" (peers and
// static routes of one member, limits, addresses on the exchange LAN). Empty when all is well.
std::vector<std::string> checkRoutingConfig(const RoutingConfig &config);

// The address a static route is registered under (its next hop), or nullopt when it has none
// and the member has no [[bgp.peer]] of the prefix's family.
std::optional<net::Address> staticNextHop(const RoutingConfig &config, const StaticRoute &route);

// Reads and parses a VRP JSON file (rpki-client / Routinator) or an RPSL file; the error names
// the file and the line or JSON path. A file that does not parse changes nothing.
Expected<registry::VrpSet> loadVrpFile(const std::filesystem::path &file);
Expected<registry::IrrSet> loadIrrFile(const std::filesystem::path &file);

} // namespace bwx::routing
