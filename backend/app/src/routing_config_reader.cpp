#include "bwx/app/routing_config_reader.h"
#include "bwx/app/toml_section_reader.h"

#include <limits>

namespace bwx::app {
namespace {

namespace fs = std::filesystem;

class Reader : public TomlSectionReader
{
public:
    using TomlSectionReader::TomlSectionReader;

    bool address(const toml::node &node, std::string_view key, net::Address &out) const
    {
        std::string text;
        if (!string(node, key, text))
            return false;
        auto parsed = net::Address::parse(text);
        if (!parsed) {
            problem(node, key, "'" + text + "' is not an IP address: " + parsed.error());
            return false;
        }
        out = *parsed;
        return true;
    }
    bool prefix(const toml::node &node, std::string_view key, net::Prefix &out) const
    {
        std::string text;
        if (!string(node, key, text))
            return false;
        auto parsed = net::Prefix::parse(text);
        if (!parsed) {
            problem(node, key, "'" + text + "' is not a prefix: " + parsed.error());
            return false;
        }
        out = *parsed;
        return true;
    }
    // A file that must exist (relative to the configuration file's directory).
    bool file(const toml::node &node, std::string_view key, const fs::path &baseDir,
              fs::path &out) const
    {
        std::string text;
        if (!string(node, key, text))
            return false;
        if (text.empty()) {
            problem(node, key, "must not be empty");
            return false;
        }
        const fs::path path = fs::path(text).is_absolute() ? fs::path(text) : baseDir / text;
        std::error_code ec;
        if (!fs::is_regular_file(path, ec)) {
            problem(node, key, "file " + path.string() + " does not exist or is not a file");
            return false;
        }
        out = path.lexically_normal();
        return true;
    }
    // Every element of an array of tables, with the keys named "name[i]." in messages.
    template<class F>
    void tables(const toml::node &node, std::string_view key, F &&each) const
    {
        const auto *array = node.as_array();
        if (!array) {
            problem(node, key, "must be an array of tables, written [[...]]");
            return;
        }
        for (std::size_t i = 0; i < array->size(); ++i) {
            const auto *t = (*array)[i].as_table();
            const std::string name = std::string(key) + "[" + std::to_string(i + 1) + "]";
            if (!t) {
                problem((*array)[i], name, "must be a table");
                continue;
            }
            each(Reader(*this, name + "."), *t, (*array)[i]);
        }
    }

};

constexpr std::int64_t kMaxAsn = 4294967295;

std::optional<RouteClass> parseClass(std::string_view text)
{
    if (text == "customer")
        return RouteClass::Customer;
    if (text == "peer")
        return RouteClass::Peer;
    if (text == "transit")
        return RouteClass::Transit;
    return std::nullopt;
}

// "ADDRESS", "ADDRESS:PORT", "[IPV6]" or "[IPV6]:PORT".
Expected<bgp::ListenEndpoint> parseEndpoint(const std::string &text, std::uint16_t defaultPort)
{
    std::string host = text;
    std::string port;
    if (text.starts_with("[")) {
        const auto close = text.find(']');
        if (close == std::string::npos)
            return makeError("'" + text + "': missing ']'");
        host = text.substr(1, close - 1);
        const std::string rest = text.substr(close + 1);
        if (!rest.empty()) {
            if (rest[0] != ':')
                return makeError("'" + text + "': expected ':PORT' after ']'");
            port = rest.substr(1);
        }
    } else if (std::count(text.begin(), text.end(), ':') == 1) {
        const auto colon = text.find(':');
        host = text.substr(0, colon);
        port = text.substr(colon + 1);
    }
    auto address = net::Address::parse(host);
    if (!address)
        return makeError("'" + text + "': '" + host + "' is not an IP address");
    bgp::ListenEndpoint e{*address, defaultPort};
    if (!port.empty()) {
        if (port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos
            || std::stoul(port) > 65535)
            return makeError("'" + text + "': port '" + port + "' is not a number from 0 to 65535");
        e.port = static_cast<std::uint16_t>(std::stoul(port));
    }
    return e;
}

void readPolicy(const Reader &r, const toml::table &table, bool &rejectInvalid,
                bool &rejectNotFound, bool *allowMoreSpecifics)
{
    for (auto &&[key, node] : table) {
        const std::string_view k = key.str();
        if (k == "reject_invalid")
            r.boolean(node, k, rejectInvalid);
        else if (k == "reject_not_found")
            r.boolean(node, k, rejectNotFound);
        else if (k == "allow_more_specifics" && allowMoreSpecifics)
            r.boolean(node, k, *allowMoreSpecifics);
        else
            r.unknown(key);
    }
}

void readPeer(const Reader &r, const toml::table &table, routing::PeerSpec &spec, bool &holdSet)
{
    bool member = false, address = false;
    bgp::PeerConfig &p = spec.peer;
    for (auto &&[key, node] : table) {
        const std::string_view k = key.str();
        if (k == "member") {
            member = r.string(node, k, spec.member);
            if (member && spec.member.empty())
                r.problem(node, k, "must not be empty");
        } else if (k == "address") {
            address = r.address(node, k, p.address);
        } else if (k == "name") {
            r.string(node, k, p.name);
        } else if (k == "port") {
            r.integer(node, k, 1, 65535, p.port);
        } else if (k == "local_address") {
            net::Address a;
            if (r.address(node, k, a))
                p.localAddress = a;
        } else if (k == "remote_as") {
            r.integer(node, k, 1, kMaxAsn, p.remoteAs);
        } else if (k == "passive") {
            r.boolean(node, k, p.passive);
        } else if (k == "md5_password") {
            if (r.string(node, k, p.md5Password) && p.md5Password.size() > 80)
                r.problem(node, k, "must be at most 80 bytes (TCP_MD5SIG_MAXKEYLEN)");
        } else if (k == "gtsm") {
            r.boolean(node, k, p.gtsm);
        } else if (k == "gtsm_hops") {
            r.integer(node, k, 1, 254, p.gtsmHops);
        } else if (k == "max_prefix_v4") {
            r.integer(node, k, 0, 100'000'000, spec.maxPrefixV4);
        } else if (k == "max_prefix_v6") {
            r.integer(node, k, 0, 100'000'000, spec.maxPrefixV6);
        } else if (k == "max_prefix_restart_s") {
            r.chrono(node, k, 1, 86'400, p.maxPrefixRestart);
        } else if (k == "hold_time") {
            holdSet = true;
            if (r.integer(node, k, 0, 65535, p.holdTime) && (p.holdTime == 1 || p.holdTime == 2))
                r.problem(node, k, "must be 0 or at least 3 (RFC 4271 4.2)");
        } else if (k == "connect_retry_s") {
            r.chrono(node, k, 1, 3600, p.connectRetryTime);
        } else if (k == "ipv4_unicast") {
            r.boolean(node, k, p.ipv4Unicast);
        } else if (k == "ipv6_unicast") {
            r.boolean(node, k, p.ipv6Unicast);
        } else if (k == "graceful_restart_time") {
            r.integer(node, k, 0, 4095, p.gracefulRestartTime);
        } else {
            r.unknown(key);
        }
    }
    if (!member)
        r.problem(table.source(), "member", "required key is missing");
    if (!address)
        r.problem(table.source(), "address", "required key is missing");
    if (!p.ipv4Unicast && !p.ipv6Unicast)
        r.problem(table.source(), "ipv4_unicast", "a session needs at least one address family");
}

void readStatic(const Reader &r, const toml::table &table, routing::StaticRoute &route)
{
    bool member = false, prefix = false;
    for (auto &&[key, node] : table) {
        const std::string_view k = key.str();
        if (k == "member") {
            member = r.string(node, k, route.member);
            if (member && route.member.empty())
                r.problem(node, k, "must not be empty");
        } else if (k == "prefix") {
            prefix = r.prefix(node, k, route.prefix);
        } else if (k == "class") {
            std::string text;
            if (r.string(node, k, text)) {
                if (const auto c = parseClass(text))
                    route.routeClass = *c;
                else
                    r.problem(node, k, "must be \"customer\", \"peer\" or \"transit\", got \""
                                           + text + "\"");
            }
        } else if (k == "origin_as") {
            std::uint32_t asn = 0;
            if (r.integer(node, k, 1, kMaxAsn, asn))
                route.originAs = asn;
        } else if (k == "next_hop") {
            net::Address a;
            if (r.address(node, k, a))
                route.nextHop = a;
        } else {
            r.unknown(key);
        }
    }
    if (!member)
        r.problem(table.source(), "member", "required key is missing");
    if (!prefix)
        r.problem(table.source(), "prefix", "required key is missing");
}

} // namespace

void readRegistrySection(const toml::table &table,
                         const fs::path &baseDir,
                         routing::RoutingConfig &out,
                         const RoutingProblemSink &sink)
{
    const Reader r(sink);
    out.enabled = true;
    registry::RegistryConfig &c = out.registry;
    bool asn = false;
    for (auto &&[key, node] : table) {
        const std::string_view k = key.str();
        if (k == "exchange_asn") {
            asn = r.integer(node, k, 1, kMaxAsn, c.exchangeAsn);
        } else if (k == "lan_prefixes") {
            const auto *list = node.as_array();
            if (!list) {
                r.problem(node, k, "must be an array of prefixes");
                continue;
            }
            for (const auto &element : *list) {
                net::Prefix p;
                if (r.prefix(element, k, p))
                    c.lanPrefixes.push_back(p);
            }
        } else if (k == "max_length_v4") {
            r.integer(node, k, 0, 32, c.maxLengthV4);
        } else if (k == "max_length_v6") {
            r.integer(node, k, 0, 128, c.maxLengthV6);
        } else if (k == "min_length_v4") {
            r.integer(node, k, 0, 32, c.minLengthV4);
        } else if (k == "min_length_v6") {
            r.integer(node, k, 0, 128, c.minLengthV6);
        } else if (k == "max_as_path_length") {
            r.integer(node, k, 1, 1000, c.maxAsPathLength);
        } else if (k == "reject_private_asns") {
            r.boolean(node, k, c.rejectPrivateAsns);
        } else if (k == "reject_as_sets") {
            r.boolean(node, k, c.rejectAsSets);
        } else if (k == "allow_documentation_asns") {
            r.boolean(node, k, c.allowDocumentationAsns);
        } else if (k == "allow_documentation_prefixes") {
            r.boolean(node, k, c.allowDocumentationPrefixes);
        } else if (k == "vrp_file") {
            r.file(node, k, baseDir, out.vrpFile);
        } else if (k == "irr_file") {
            r.file(node, k, baseDir, out.irrFile);
        } else if (k == "rpki" || k == "irr") {
            const auto *nested = node.as_table();
            if (!nested) {
                r.problem(node, k, "must be a table, written [registry." + std::string(k) + "]");
                continue;
            }
            const Reader inner(r, std::string(k) + ".");
            if (k == "rpki")
                readPolicy(inner, *nested, c.rpki.rejectInvalid, c.rpki.rejectNotFound, nullptr);
            else
                readPolicy(inner, *nested, c.irr.rejectInvalid, c.irr.rejectNotFound,
                           &c.irr.allowMoreSpecifics);
        } else {
            r.unknown(key);
        }
    }
    if (!asn)
        r.problem(table.source(), "exchange_asn", "required key is missing");
}

void readBgpSection(const toml::table &table,
                    const fs::path &baseDir,
                    routing::RoutingConfig &out,
                    const RoutingProblemSink &sink)
{
    (void)baseDir;
    const Reader r(sink);
    out.bgpEnabled = true;
    bool localAs = false, routerId = false;
    std::uint16_t port = bgp::kDefaultPort;
    std::vector<std::pair<const toml::node *, std::string>> listen;
    std::optional<std::uint16_t> holdTime;
    std::vector<bool> peerHoldSet;
    for (auto &&[key, node] : table) {
        const std::string_view k = key.str();
        if (k == "local_as") {
            localAs = r.integer(node, k, 1, kMaxAsn, out.localAs);
        } else if (k == "router_id") {
            net::Address a;
            if (r.address(node, k, a)) {
                if (!a.isV4())
                    r.problem(node, k, "must be an IPv4 address (a 32-bit BGP identifier)");
                else {
                    routerId = true;
                    out.routerId = a.v4Value();
                }
            }
        } else if (k == "listen") {
            const auto *list = node.as_array();
            if (!list) {
                r.problem(node, k, "must be an array of addresses, e.g. [\"192.0.2.1\", \"[2001:db8::1]:179\"]");
                continue;
            }
            for (const auto &element : *list) {
                std::string text;
                if (r.string(element, k, text))
                    listen.emplace_back(&element, text);
            }
        } else if (k == "port") {
            r.integer(node, k, 0, 65535, port);
        } else if (k == "route_server") {
            std::string text;
            if (r.string(node, k, text) && text != "transparent")
                r.problem(node, k, "only \"transparent\" (RFC 7947: next hop and AS path "
                                   "unchanged, no exchange AS prepended) is supported, got \""
                                   + text + "\"");
        } else if (k == "hold_time") {
            std::uint16_t h = 0;
            if (r.integer(node, k, 0, 65535, h)) {
                if (h == 1 || h == 2)
                    r.problem(node, k, "must be 0 or at least 3 (RFC 4271 4.2)");
                holdTime = h;
            }
        } else if (k == "peer") {
            r.tables(node, "peer", [&](const Reader &pr, const toml::table &t, const toml::node &) {
                routing::PeerSpec spec;
                bool holdSet = false;
                readPeer(pr, t, spec, holdSet);
                out.peers.push_back(std::move(spec));
                peerHoldSet.push_back(holdSet);
            });
        } else {
            r.unknown(key);
        }
    }
    // [bgp] hold_time is the default of every peer that does not set its own.
    for (std::size_t i = 0; holdTime && i < out.peers.size(); ++i)
        if (!peerHoldSet[i])
            out.peers[i].peer.holdTime = *holdTime;
    for (const auto &[node, text] : listen) {
        auto e = parseEndpoint(text, port);
        if (!e)
            r.problem(*node, "listen", e.error());
        else
            out.listen.push_back(*e);
    }
    if (!localAs)
        r.problem(table.source(), "local_as", "required key is missing");
    if (!routerId)
        r.problem(table.source(), "router_id", "required key is missing");
}

void readRoutingSection(const toml::table &table,
                        const fs::path &baseDir,
                        routing::RoutingConfig &out,
                        const RoutingProblemSink &sink)
{
    (void)baseDir;
    const Reader r(sink);
    for (auto &&[key, node] : table) {
        const std::string_view k = key.str();
        if (k == "flush_interval_ms") {
            r.chrono(node, k, 10, 60'000, out.flushInterval);
        } else if (k == "max_changes_per_batch") {
            r.integer(node, k, 1, 100'000, out.maxChangesPerBatch);
        } else if (k == "startup_hold_s") {
            r.chrono(node, k, 0, 3600, out.startupHold);
        } else if (k == "end_of_rib_timeout_s") {
            r.chrono(node, k, 0, 3600, out.endOfRibTimeout);
        } else if (k == "static") {
            r.tables(node, "static", [&](const Reader &sr, const toml::table &t, const toml::node &) {
                routing::StaticRoute route;
                readStatic(sr, t, route);
                out.statics.push_back(std::move(route));
            });
        } else {
            r.unknown(key);
        }
    }
}

std::vector<std::string> checkRoutingSettings(const routing::RoutingConfig &config)
{
    std::vector<std::string> problems = routing::checkRoutingConfig(config);
    if (!config.vrpFile.empty())
        if (auto vrps = routing::loadVrpFile(config.vrpFile); !vrps)
            problems.push_back("[registry] vrp_file: " + vrps.error());
    if (!config.irrFile.empty())
        if (auto irr = routing::loadIrrFile(config.irrFile); !irr)
            problems.push_back("[registry] irr_file: " + irr.error());
    bool passive = false;
    for (const auto &p : config.peers)
        passive = passive || p.peer.passive;
    if (passive && config.listen.empty())
        problems.push_back("[bgp] listen: passive peers need an address to listen on");
    return problems;
}

} // namespace bwx::app
