#pragma once
// What the route analyzer probes, how, and how often. See docs/quality.md ("Operator set-up")
// for the policy routing each seller needs.
#include "bwx/domain/units.h"
#include "bwx/net/address.h"
#include "bwx/net/prefix.h"
#include "bwx/quality/path_key.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bwx::quality {

enum class ProbeProtocol : std::uint8_t {
    Icmp = 1, // ICMP echo through a datagram ICMP socket
    Udp = 2,  // UDP to a port: answered by an echo (a reflector) or ICMP port unreachable
};

std::string_view toString(ProbeProtocol protocol) noexcept;
std::string_view sourceTag(ProbeProtocol protocol) noexcept; // "probe-icmp" / "probe-udp"

// How probes toward one seller are steered through its router: policy routing on the probe host
// selects a routing table whose default route is the seller's router, by firewall mark (SO_MARK on
// the probe socket; needs CAP_NET_ADMIN) or by a source address of the seller's own (one per
// address family). Before every train the kernel's route for the target is checked to go via the
// seller's router, so a missing rule is reported rather than measured through someone else.
struct SellerProbeConfig
{
    MemberId seller{};
    std::optional<net::Address> routerV4; // the seller's router on the exchange LAN
    std::optional<net::Address> routerV6;
    std::optional<std::uint32_t> fwmark;  // "ip rule add fwmark M lookup T"
    std::optional<net::Address> sourceV4; // "ip rule add from S lookup T"
    std::optional<net::Address> sourceV6;
    std::uint32_t budgetPps = 0; // this seller's probe budget; 0 = the default
    std::uint32_t budgetBurst = 0;

    const std::optional<net::Address> &router(net::Family family) const noexcept
    {
        return family == net::Family::V4 ? routerV4 : routerV6;
    }
    const std::optional<net::Address> &source(net::Family family) const noexcept
    {
        return family == net::Family::V4 ? sourceV4 : sourceV6;
    }
    friend bool operator==(const SellerProbeConfig &, const SellerProbeConfig &) = default;
};

// The destinations a seller can deliver, each with the addresses to probe. No targets: the first
// address after the network address (".1" / "::1"; the address itself for a /32 or /128).
struct DestinationProbeConfig
{
    net::Prefix destination;
    std::vector<net::Address> targets; // tried in order; the first that answers is kept
    friend bool operator==(const DestinationProbeConfig &, const DestinationProbeConfig &)
        = default;
};

net::Address defaultTarget(const net::Prefix &destination) noexcept;
// The configured targets, or the default one.
std::vector<net::Address> targetsOf(const DestinationProbeConfig &config);

struct ScheduleConfig
{
    std::uint32_t globalRatePps = 200; // probes per second over all sellers
    std::uint32_t globalBurst = 400;
    std::uint32_t sellerRatePps = 50; // default per-seller budget
    std::uint32_t sellerBurst = 100;
    std::uint32_t maxTrainsInFlight = 8;
    std::uint32_t maxTrainsPerSeller = 1;
    Duration revalidationPeriod = seconds(600);
    Duration errorRetry = seconds(60); // after a local failure (socket, routing)
};

struct AnalyzerConfig
{
    ScheduleConfig schedule;
    std::vector<ProbeProtocol> protocols{ProbeProtocol::Icmp};
    std::uint32_t probesPerTrain = 20;
    Duration probeInterval = milliseconds(50);
    Duration probeTimeout = seconds(2); // a reply later than this counts as lost
    std::uint16_t udpPort = 33434;
    std::uint16_t payloadBytes = 32; // probe payload after the ICMP/UDP header, >= 16
    // The exchange's probe addresses (the source unless a seller has its own); unset: the kernel
    // chooses.
    std::optional<net::Address> probeSourceV4;
    std::optional<net::Address> probeSourceV6;
    Duration staleAfter = seconds(1800); // a path's last result is stale after this
};

// Reason the configuration is unusable, or nothing.
std::optional<std::string> checkConfig(const AnalyzerConfig &config);
std::optional<std::string> checkSeller(const SellerProbeConfig &seller);
std::optional<std::string> checkDestination(const DestinationProbeConfig &destination);

} // namespace bwx::quality
