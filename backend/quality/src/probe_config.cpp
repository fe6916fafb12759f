#include "bwx/quality/probe_config.h"

#include "bwx/quality/measurement.h"

#include <algorithm>

namespace bwx::quality {

std::string_view toString(ProbeProtocol protocol) noexcept
{
    return protocol == ProbeProtocol::Icmp ? "icmp" : "udp";
}

std::string_view sourceTag(ProbeProtocol protocol) noexcept
{
    return protocol == ProbeProtocol::Icmp ? sources::kProbeIcmp : sources::kProbeUdp;
}

net::Address defaultTarget(const net::Prefix &destination) noexcept
{
    const net::Address base = destination.address();
    if (destination.isHost())
        return base;
    // The network address plus one: bit maxLength-1 is zero in a prefix shorter than a host.
    if (base.isV4())
        return net::Address::v4(base.v4Value() + 1);
    return net::Address::fromWords(net::Family::V6, base.high(), base.low() + 1);
}

std::vector<net::Address> targetsOf(const DestinationProbeConfig &config)
{
    if (!config.targets.empty())
        return config.targets;
    return {defaultTarget(config.destination)};
}

std::optional<std::string> checkConfig(const AnalyzerConfig &c)
{
    const ScheduleConfig &s = c.schedule;
    if (s.globalRatePps == 0 || s.sellerRatePps == 0)
        return "probe rates must be positive";
    if (s.globalBurst < c.probesPerTrain || s.sellerBurst < c.probesPerTrain)
        return "bursts must hold at least one train (" + std::to_string(c.probesPerTrain)
               + " probes)";
    if (s.maxTrainsInFlight == 0 || s.maxTrainsPerSeller == 0)
        return "at least one train must be allowed in flight";
    if (!s.revalidationPeriod.isPositive() || !s.errorRetry.isPositive())
        return "revalidation period and error retry must be positive";
    if (c.protocols.empty())
        return "no probe protocol";
    for (std::size_t i = 0; i < c.protocols.size(); ++i) {
        if (c.protocols[i] != ProbeProtocol::Icmp && c.protocols[i] != ProbeProtocol::Udp)
            return "unknown probe protocol";
        if (std::find(c.protocols.begin(), c.protocols.begin() + static_cast<std::ptrdiff_t>(i),
                      c.protocols[i])
            != c.protocols.begin() + static_cast<std::ptrdiff_t>(i))
            return "probe protocol " + std::string(toString(c.protocols[i])) + " listed twice";
    }
    if (c.probesPerTrain < 2 || c.probesPerTrain > 10'000)
        return "probes per train must be 2-10000 (two for a jitter)";
    if (c.probeInterval < milliseconds(1) || c.probeInterval > seconds(60))
        return "probe interval must be 1 ms - 60 s";
    if (c.probeTimeout < milliseconds(1) || c.probeTimeout > seconds(60))
        return "probe timeout must be 1 ms - 60 s";
    if (c.udpPort == 0)
        return "UDP port 0";
    if (c.payloadBytes < 16 || c.payloadBytes > 1400)
        return "probe payload must be 16-1400 bytes";
    if (c.probeSourceV4 && !c.probeSourceV4->isV4())
        return "probe_source_v4 is not an IPv4 address";
    if (c.probeSourceV6 && c.probeSourceV6->isV4())
        return "probe_source_v6 is not an IPv6 address";
    if (!c.staleAfter.isPositive())
        return "stale_after must be positive";
    return std::nullopt;
}

std::optional<std::string> checkSeller(const SellerProbeConfig &s)
{
    const std::string who = "seller " + std::to_string(s.seller.value()) + ": ";
    if (s.seller.value() == 0)
        return "seller 0 is not a member id";
    if (!s.routerV4 && !s.routerV6)
        return who + "no router address";
    if (s.routerV4 && !s.routerV4->isV4())
        return who + "router_v4 is not an IPv4 address";
    if (s.routerV6 && s.routerV6->isV4())
        return who + "router_v6 is not an IPv6 address";
    if (s.sourceV4 && !s.sourceV4->isV4())
        return who + "source_v4 is not an IPv4 address";
    if (s.sourceV6 && s.sourceV6->isV4())
        return who + "source_v6 is not an IPv6 address";
    if (s.fwmark && *s.fwmark == 0)
        return who + "fwmark 0 selects the main table, not the seller's";
    const bool bySource = s.sourceV4 || s.sourceV6;
    if (s.fwmark && bySource)
        return who + "give a fwmark or source addresses, not both";
    if (!s.fwmark && !bySource)
        return who + "needs a fwmark or a source address to steer probes through its router";
    if (bySource && ((s.routerV4 && !s.sourceV4) || (s.routerV6 && !s.sourceV6)))
        return who + "needs a source address for each family it has a router in";
    if ((s.budgetPps == 0) != (s.budgetBurst == 0))
        return who + "give both budget rate and burst, or neither";
    return std::nullopt;
}

std::optional<std::string> checkDestination(const DestinationProbeConfig &d)
{
    for (const net::Address &target : d.targets) {
        if (!d.destination.contains(target))
            return "target " + target.toString() + " is not inside " + d.destination.toString();
    }
    return std::nullopt;
}

} // namespace bwx::quality
