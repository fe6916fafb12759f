#include "bwx/routing/routing_config.h"

#include <fstream>
#include <map>
#include <sstream>
#include <set>
#include <tuple>

namespace bwx::routing {

namespace {

Expected<std::string> readText(const std::filesystem::path &file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return makeError(file.string() + ": cannot be read");
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad())
        return makeError(file.string() + ": read error");
    return text.str();
}

} // namespace

Expected<registry::VrpSet> loadVrpFile(const std::filesystem::path &file)
{
    auto text = readText(file);
    if (!text)
        return makeError(text.error());
    auto parsed = registry::parseVrpJson(*text);
    if (!parsed)
        return makeError(file.string() + ": " + parsed.error().toString());
    return std::move(parsed).value();
}

Expected<registry::IrrSet> loadIrrFile(const std::filesystem::path &file)
{
    auto text = readText(file);
    if (!text)
        return makeError(text.error());
    auto parsed = registry::parseRpsl(*text);
    if (!parsed)
        return makeError(file.string() + ": " + parsed.error().toString());
    return std::move(parsed).value();
}

std::optional<net::Address> staticNextHop(const RoutingConfig &config, const StaticRoute &route)
{
    if (route.nextHop)
        return route.nextHop;
    for (const PeerSpec &peer : config.peers)
        if (peer.member == route.member && peer.peer.address.family() == route.prefix.family())
            return peer.peer.address;
    return std::nullopt;
}

std::vector<std::string> checkRoutingConfig(const RoutingConfig &config)
{
    std::vector<std::string> problems;
    if (!config.enabled) {
        if (config.bgpEnabled || !config.peers.empty() || !config.statics.empty())
            problems.push_back("[registry]: required with [bgp], [[bgp.peer]] or "
                               "[[routing.static]] (it names the exchange's ASN)");
        return problems;
    }
    if (const auto status = registry::checkConfig(config.registry); !status)
        problems.push_back("[registry]: " + status.error());

    auto onLan = [&](const net::Address &a) {
        if (config.registry.lanPrefixes.empty())
            return true;
        for (const net::Prefix &lan : config.registry.lanPrefixes)
            if (lan.contains(a))
                return true;
        return false;
    };

    if (!config.peers.empty() && !config.bgpEnabled)
        problems.push_back("[[bgp.peer]]: needs a [bgp] section (local_as, router_id)");
    if (config.bgpEnabled && config.routerId == 0)
        problems.push_back("[bgp] router_id: must not be 0.0.0.0");

    // Router addresses belong to exactly one member; each is one session.
    std::map<net::Address, std::string> owner;
    std::map<std::string, std::pair<std::uint32_t, std::uint32_t>> limits;
    for (const PeerSpec &p : config.peers) {
        const std::string where = "[[bgp.peer]] " + p.peer.address.toString() + ": ";
        if (!owner.emplace(p.peer.address, p.member).second)
            problems.push_back(where + "address configured twice");
        if (!onLan(p.peer.address))
            problems.push_back(where + "address is not inside the exchange LAN "
                                       "([registry] lan_prefixes)");
        const auto [it, first] = limits.emplace(p.member,
                                                std::pair{p.maxPrefixV4, p.maxPrefixV6});
        if (!first && it->second != std::pair{p.maxPrefixV4, p.maxPrefixV6})
            problems.push_back(where + "max_prefix_v4/max_prefix_v6 differ from another router "
                                       "of member '" + p.member
                               + "' (the limit is the member's, applied per session)");
    }

    std::set<std::tuple<std::string, net::Address, net::Prefix>> seen;
    for (const StaticRoute &r : config.statics) {
        const std::string where = "[[routing.static]] " + r.member + " " + r.prefix.toString()
                                  + ": ";
        const auto nextHop = staticNextHop(config, r);
        if (!nextHop) {
            problems.push_back(where + "needs next_hop: member '" + r.member + "' has no "
                               + (r.prefix.family() == net::Family::V4 ? "IPv4" : "IPv6")
                               + " [[bgp.peer]]");
            continue;
        }
        if (nextHop->family() != r.prefix.family())
            problems.push_back(where + "next_hop " + nextHop->toString()
                               + " is not of the prefix's address family");
        const auto [it, fresh] = owner.emplace(*nextHop, r.member);
        if (!fresh && it->second != r.member)
            problems.push_back(where + "next_hop " + nextHop->toString()
                               + " is a router of member '" + it->second + "'");
        if (!onLan(*nextHop))
            problems.push_back(where + "next_hop " + nextHop->toString()
                               + " is not inside the exchange LAN ([registry] lan_prefixes)");
        if (!seen.insert({r.member, *nextHop, r.prefix}).second)
            problems.push_back(where + "registered twice for the same router");
    }
    return problems;
}

} // namespace bwx::routing
