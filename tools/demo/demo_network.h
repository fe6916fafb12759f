#pragma once
// How the demo members appear on the exchange LAN, for settlement: the source prefixes of the
// buyers' traffic and every member's router MAC. bwx-demo-flows exports flows with these
// addresses, and the same table writes bwxd's [settlement] section, so the two cannot disagree.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "bwx/net/prefix.h"

namespace bwx::demo {

struct DemoNetwork {
    std::string member;
    std::vector<net::Prefix> sources; // one IPv4 and one IPv6 prefix, buyers only
    std::array<std::uint8_t, 6> routerMac{};
};

const std::vector<DemoNetwork>& demoNetworks();
const DemoNetwork* networkOf(const std::string& member);

// bwxd's [settlement] section for the demo: a NetFlow/IPFIX collector on `collectorHost`:`port`,
// the exporter allowed from 127.0.0.1, and every member's prefixes and MAC.
std::string settlementSection(const std::string& collectorHost, std::uint16_t port);

} // namespace bwx::demo
