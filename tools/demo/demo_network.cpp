#include "demo_network.h"

#include <cstdio>

namespace bwx::demo {
namespace {

net::Prefix p(const char* text) { return *net::Prefix::parse(text); }

// 00:00:5e:00:53:xx is the MAC range set aside for documentation (RFC 7042).
std::array<std::uint8_t, 6> mac(std::uint8_t last) { return {0x00, 0x00, 0x5e, 0x00, 0x53, last}; }

std::string quoted(const std::string& text) { return "\"" + text + "\""; }

} // namespace

const std::vector<DemoNetwork>& demoNetworks()
{
    // Shared address space (RFC 6598) and unique local IPv6 for the buyers' customers: nothing
    // a demo region sells, so a flow's source names its buyer and its destination the trade.
    static const std::vector<DemoNetwork> networks = {
        {"nordtransit", {}, mac(0x10)},
        {"atlantic-carrier", {}, mac(0x20)},
        {"alpine-net", {}, mac(0x30)},
        {"pacific-backbone", {}, mac(0x40)},
        {"demo-buyer", {p("100.64.0.0/16"), p("fd00:64:550::/48")}, mac(0x50)},
        {"metro-isp", {p("100.65.0.0/16"), p("fd00:64:560::/48")}, mac(0x60)},
        {"campus-net", {p("100.66.0.0/16"), p("fd00:64:570::/48")}, mac(0x70)},
    };
    return networks;
}

const DemoNetwork* networkOf(const std::string& member)
{
    for (const DemoNetwork& n : demoNetworks())
        if (n.member == member)
            return &n;
    return nullptr;
}

std::string settlementSection(const std::string& collectorHost, std::uint16_t port)
{
    std::string out = "[settlement]\n";
    out += "netflow = [" + quoted(collectorHost + ":" + std::to_string(port)) + "]\n";
    out += "flush_interval_ms = 1000\n";
    // bwx-demo-flows sends every flow with the seller's router MAC as its destination MAC, as a
    // router on the exchange LAN would. The demo buyers often buy one destination from several
    // sellers; only the MAC tells those trades apart, so the destination alone is not trusted.
    out += "destination_only_fallback = false\n";
    out += "exporter = [{address = \"127.0.0.1\", name = \"bwx-demo-flows\"}]\n";
    out += "member = [\n";
    for (const DemoNetwork& n : demoNetworks()) {
        out += "  {name = " + quoted(n.member);
        if (!n.sources.empty()) {
            out += ", prefixes = [";
            for (std::size_t i = 0; i < n.sources.size(); ++i)
                out += (i ? ", " : "") + quoted(n.sources[i].toString());
            out += "]";
        }
        char text[24];
        std::snprintf(text, sizeof text, "%02x:%02x:%02x:%02x:%02x:%02x", n.routerMac[0], n.routerMac[1],
                      n.routerMac[2], n.routerMac[3], n.routerMac[4], n.routerMac[5]);
        out += ", macs = [" + quoted(text) + "]},\n";
    }
    out += "]\n";
    return out;
}

} // namespace bwx::demo
