#include "bwx/app/config.h"

#include "bwx/app/quality_config_reader.h"
#include "bwx/app/routing_config_reader.h"
#include "bwx/app/settlement_config_reader.h"

#include "bwx/core/asio.h"
#include "bwx/server/identity.h"

#include <fstream>
#include <limits>
#include <sstream>
#include <toml++/toml.h>

namespace bwx::app {
namespace {

namespace fs = std::filesystem;

// Collects every problem with its place in the file, so one run of --check-config shows them all.
class Problems
{
public:
    explicit Problems(std::string fileName)
        : m_file(std::move(fileName))
    {}

    void at(const toml::source_region &where,
            std::string_view section,
            std::string_view key,
            const std::string &what)
    {
        std::string place = m_file;
        if (where.begin.line > 0)
            place += ":" + std::to_string(where.begin.line) + ":"
                     + std::to_string(where.begin.column);
        std::string name;
        if (!section.empty())
            name += "[" + std::string(section) + "]";
        if (!key.empty())
            name += (name.empty() ? "" : " ") + std::string(key);
        m_list.push_back(place + ": " + (name.empty() ? "" : name + ": ") + what);
    }

    void missing(std::string_view section, std::string_view key)
    {
        m_list.push_back(m_file + ": [" + std::string(section) + "] " + std::string(key)
                         + ": required key is missing");
    }

    bool empty() const { return m_list.empty(); }
    std::string joined() const
    {
        std::string out;
        for (const auto &line : m_list)
            out += (out.empty() ? "" : "\n") + line;
        return out;
    }

private:
    std::string m_file;
    std::vector<std::string> m_list;
};

struct Reader
{
    Problems &problems;
    fs::path baseDir;
    std::string_view section;

    template<class Int>
    bool integer(
        const toml::node &node, std::string_view key, std::int64_t min, std::int64_t max, Int &out)
    {
        const auto *value = node.as_integer();
        if (!value) {
            problems.at(node.source(), section, key, "must be an integer");
            return false;
        }
        const std::int64_t v = value->get();
        if (v < min || v > max) {
            std::string range = v < 0 && min >= 0
                                    ? "must not be negative, got " + std::to_string(v)
                                    : "must be between " + std::to_string(min) + " and "
                                          + std::to_string(max) + ", got " + std::to_string(v);
            problems.at(node.source(), section, key, range);
            return false;
        }
        out = static_cast<Int>(v);
        return true;
    }

    bool boolean(const toml::node &node, std::string_view key, bool &out)
    {
        const auto *value = node.as_boolean();
        if (!value) {
            problems.at(node.source(), section, key, "must be true or false");
            return false;
        }
        out = value->get();
        return true;
    }

    bool string(const toml::node &node, std::string_view key, std::string &out)
    {
        const auto *value = node.as_string();
        if (!value) {
            problems.at(node.source(), section, key, "must be a string");
            return false;
        }
        out = value->get();
        return true;
    }

    // A path that must name an existing regular file.
    bool file(const toml::node &node, std::string_view key, std::string &out)
    {
        std::string text;
        if (!string(node, key, text))
            return false;
        if (text.empty()) {
            problems.at(node.source(), section, key, "must not be empty");
            return false;
        }
        const fs::path path = fs::path(text).is_absolute() ? fs::path(text) : baseDir / text;
        std::error_code ec;
        if (!fs::exists(path, ec)) {
            problems.at(node.source(), section, key, "file " + path.string() + " does not exist");
            return false;
        }
        if (!fs::is_regular_file(path, ec)) {
            problems.at(node.source(), section, key, path.string() + " is not a regular file");
            return false;
        }
        out = path.lexically_normal().string();
        return true;
    }

    void unknown(const toml::key &key)
    {
        problems.at(key.source(), section, key.str(), "unknown key");
    }
};

void readServer(Reader &r, const toml::table &table, Config &config)
{
    auto &s = config.server;
    auto &l = s.limits;
    std::uint32_t handshakeMs = static_cast<std::uint32_t>(l.handshakeTimeout.count());
    std::uint32_t idleS = static_cast<std::uint32_t>(l.idleTimeout.count());
    std::uint32_t watchMs = static_cast<std::uint32_t>(s.marketWatchInterval.count());
    std::uint64_t outbound = l.maxOutboundBytes;
    const toml::node *heartbeatNode = nullptr;
    const toml::node *outboundNode = nullptr;
    const toml::node *perIpNode = nullptr;
    for (auto &&[key, node] : table) {
        const std::string_view k = key.str();
        if (k == "listen") {
            std::string text;
            if (r.string(node, k, text)) {
                auto listen = parseListen(text);
                if (!listen)
                    r.problems.at(node.source(), r.section, k, listen.error());
                else
                    std::tie(s.listenHost, s.listenPort) = *listen;
            }
        } else if (k == "io_threads") {
            r.integer(node, k, 1, 64, config.ioThreads);
        } else if (k == "max_frame_size") {
            r.integer(node, k, 4096, 64 << 20, l.maxFrameSize);
        } else if (k == "handshake_timeout_ms") {
            r.integer(node, k, 100, 600'000, handshakeMs);
        } else if (k == "idle_timeout_s") {
            r.integer(node, k, 1, 86'400, idleS);
        } else if (k == "heartbeat_s") {
            heartbeatNode = &node;
            r.integer(node, k, 1, 3600, l.heartbeatSeconds);
        } else if (k == "max_outbound_bytes") {
            outboundNode = &node;
            r.integer(node, k, 64 * 1024, std::int64_t{1} << 34, outbound);
        } else if (k == "max_connections") {
            r.integer(node, k, 1, 1'000'000, s.maxConnections);
        } else if (k == "max_connections_per_ip") {
            perIpNode = &node;
            r.integer(node, k, 1, 1'000'000, s.maxConnectionsPerIp);
        } else if (k == "rate_limit_per_s") {
            r.integer(node, k, 0, 100'000'000, l.rateLimitPerSecond);
        } else if (k == "rate_limit_burst") {
            r.integer(node, k, 1, 100'000'000, l.rateLimitBurst);
        } else if (k == "market_watch_interval_ms") {
            r.integer(node, k, 10, 3'600'000, watchMs);
        } else if (k == "max_book_subscriptions") {
            r.integer(node, k, 1, 100'000, l.maxBookSubscriptions);
        } else if (k == "book_updates_per_s") {
            r.integer(node, k, 0, 100'000, s.bookUpdatesPerSecond);
        } else if (k == "member_rate_limit_per_s") {
            r.integer(node, k, 0, 100'000'000, l.memberRateLimitPerSecond);
        } else {
            r.unknown(key);
        }
    }
    l.handshakeTimeout = std::chrono::milliseconds(handshakeMs);
    l.idleTimeout = std::chrono::seconds(idleS);
    l.maxOutboundBytes = static_cast<std::size_t>(outbound);
    s.marketWatchInterval = std::chrono::milliseconds(watchMs);
    if (l.heartbeatSeconds >= l.idleTimeout.count())
        r.problems.at(heartbeatNode ? heartbeatNode->source() : toml::source_region{}, r.section,
                      "heartbeat_s",
                      "must be below idle_timeout_s (" + std::to_string(l.idleTimeout.count())
                          + "), or every client would be timed out between two pings");
    if (l.maxOutboundBytes < 2 * std::size_t{l.maxFrameSize})
        r.problems.at(outboundNode ? outboundNode->source() : toml::source_region{}, r.section,
                      "max_outbound_bytes",
                      "must be at least twice max_frame_size (" + std::to_string(l.maxFrameSize)
                          + ") so that one full reply always fits");
    if (s.maxConnectionsPerIp > s.maxConnections)
        r.problems.at(perIpNode ? perIpNode->source() : toml::source_region{}, r.section,
                      "max_connections_per_ip",
                      "must not exceed max_connections (" + std::to_string(s.maxConnections) + ")");
}

void readTls(Reader &r, const toml::table &table, Config &config)
{
    bool ca = false, cert = false, key = false;
    for (auto &&[name, node] : table) {
        const std::string_view k = name.str();
        if (k == "ca") {
            ca = true;
            r.file(node, k, config.tls.caFile);
        } else if (k == "cert") {
            cert = true;
            r.file(node, k, config.tls.certFile);
        } else if (k == "key") {
            key = true;
            r.file(node, k, config.tls.keyFile);
        } else {
            r.unknown(name);
        }
    }
    if (!ca)
        r.problems.missing("tls", "ca");
    if (!cert)
        r.problems.missing("tls", "cert");
    if (!key)
        r.problems.missing("tls", "key");
}

void readStore(Reader &r, const toml::table &table, Config &config)
{
    bool dataDir = false;
    for (auto &&[name, node] : table) {
        const std::string_view k = name.str();
        if (k == "data_dir") {
            dataDir = true;
            std::string text;
            if (r.string(node, k, text)) {
                if (text.empty())
                    r.problems.at(node.source(), r.section, k, "must not be empty");
                const fs::path path(text);
                config.store.dataDir
                    = (path.is_absolute() ? path : r.baseDir / path).lexically_normal();
            }
        } else if (k == "sync") {
            std::string text;
            if (r.string(node, k, text)) {
                if (text == "full")
                    config.store.sync = SyncMode::Full;
                else if (text == "off")
                    config.store.sync = SyncMode::Off;
                else
                    r.problems.at(node.source(), r.section, k,
                                  "must be \"full\" or \"off\", got \"" + text + "\"");
            }
        } else if (k == "snapshot_every") {
            r.integer(node, k, 0, std::numeric_limits<std::int64_t>::max(),
                      config.store.snapshotEvery);
        } else {
            r.unknown(name);
        }
    }
    if (!dataDir)
        r.problems.missing("store", "data_dir");
}

void readMarket(Reader &r, const toml::table &table, Config &config)
{
    for (auto &&[name, node] : table) {
        const std::string_view k = name.str();
        if (k == "tick_interval_ms") {
            std::uint32_t ms = 0;
            if (r.integer(node, k, 10, 3'600'000, ms))
                config.market.tickInterval = std::chrono::milliseconds(ms);
        } else if (k == "max_open_orders_per_member") {
            r.integer(node, k, 1, 100'000'000, config.market.maxOpenOrdersPerMember);
        } else if (k == "max_order_capacity") {
            std::string text;
            if (r.string(node, k, text)) {
                const auto capacity = parseBandwidth(text);
                if (!capacity)
                    r.problems.at(node.source(), r.section, k, capacity.error());
                else if (!capacity->isPositive())
                    r.problems.at(node.source(), r.section, k, "must be more than 0");
                else
                    config.market.maxOrderCapacity = *capacity;
            }
        } else if (k == "require_routes") {
            config.market.requireRoutesSet = r.boolean(node, k, config.market.requireRoutes);
        } else {
            r.unknown(name);
        }
    }
}

void readTesting(Reader &r, const toml::table &table, Config &config)
{
    for (auto &&[name, node] : table) {
        const std::string_view k = name.str();
        if (k == "allow_internal_commands")
            r.boolean(node, k, config.server.allowInternalCommands);
        else
            r.unknown(name);
    }
}

void readAdmin(Reader &r, const toml::table &table, Config &config)
{
    for (auto &&[name, node] : table) {
        const std::string_view k = name.str();
        if (k != "allow") {
            r.unknown(name);
            continue;
        }
        const auto *list = node.as_array();
        if (!list) {
            r.problems.at(node.source(), r.section, k, "must be an array of admin names");
            continue;
        }
        for (const auto &element : *list) {
            const auto *value = element.as_string();
            if (!value) {
                r.problems.at(element.source(), r.section, k, "every entry must be a string");
                continue;
            }
            if (!server::isValidIdentityName(value->get())) {
                r.problems.at(element.source(), r.section, k,
                              "'" + value->get() + "' is not a valid admin name");
                continue;
            }
            config.server.adminAllow.push_back(value->get());
        }
    }
}

void readQuality(Reader &r, const toml::table &table, Config &config)
{
    config.quality.emplace();
    readQualitySection(table, r.baseDir, *config.quality,
                       [&r](const toml::source_region &where, std::string key, std::string what) {
                           r.problems.at(where, r.section, key, what);
                       });
}

void readSettlement(Reader &r, const toml::table &table, Config &config)
{
    readSettlementSection(table, r.baseDir, config.settlement,
                          [&r](const toml::source_region &where, std::string key, std::string what) {
                              r.problems.at(where, r.section, key, what);
                          });
}

// [registry], [bgp], [routing]: routing_config_reader.cpp.
template<auto Read> void readRoutingPart(Reader &r, const toml::table &table, Config &config)
{
    Read(table, r.baseDir, config.routing,
         [&r](const toml::source_region &where, std::string key, std::string what) {
             r.problems.at(where, r.section, key, what);
         });
}

} // namespace

Expected<std::pair<std::string, std::uint16_t>> parseListen(std::string_view text)
{
    std::string_view host;
    std::string_view port;
    if (text.starts_with("[")) {
        const auto close = text.find(']');
        if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':')
            return makeError("listen address '" + std::string(text)
                             + "' must look like [IPv6]:PORT, e.g. [::1]:7700");
        host = text.substr(1, close - 1);
        port = text.substr(close + 2);
    } else {
        const auto colon = text.rfind(':');
        if (colon == std::string_view::npos)
            return makeError("listen address '" + std::string(text)
                             + "' has no port; use HOST:PORT, e.g. 127.0.0.1:7700");
        host = text.substr(0, colon);
        port = text.substr(colon + 1);
        if (host.find(':') != std::string_view::npos)
            return makeError("listen address '" + std::string(text)
                             + "': put an IPv6 address in brackets, e.g. [::1]:7700");
    }
    error_code ec;
    const auto address = asio::ip::make_address(std::string(host), ec);
    if (ec || (text.starts_with("[") && !address.is_v6()))
        return makeError("listen address '" + std::string(text) + "': '" + std::string(host)
                         + "' is not an IP address");
    if (port.empty() || port.size() > 5
        || port.find_first_not_of("0123456789") != std::string_view::npos)
        return makeError("listen address '" + std::string(text) + "': port '" + std::string(port)
                         + "' is not a number from 0 to 65535");
    const unsigned long value = std::stoul(std::string(port));
    if (value > 65535)
        return makeError("listen address '" + std::string(text) + "': port " + std::string(port)
                         + " is above 65535");
    return std::pair<std::string, std::uint16_t>(address.to_string(),
                                                 static_cast<std::uint16_t>(value));
}

Expected<Config> parseConfig(std::string_view text, const fs::path &file)
{
    Problems problems(file.string());
    Config config;
    config.file = file;
    toml::table root;
    try {
        root = toml::parse(text, file.string());
    } catch (const toml::parse_error &e) {
        problems.at(e.source(), "", "", "TOML syntax error: " + std::string(e.description()));
        return makeError(problems.joined());
    }
    const fs::path baseDir = file.has_parent_path() ? file.parent_path() : fs::path(".");
    bool haveTls = false, haveStore = false;
    for (auto &&[key, node] : root) {
        const std::string_view name = key.str();
        const auto *table = node.as_table();
        using ReadFn = void (*)(Reader &, const toml::table &, Config &);
        ReadFn read = nullptr;
        if (name == "server")
            read = readServer;
        else if (name == "tls")
            read = readTls;
        else if (name == "store")
            read = readStore;
        else if (name == "market")
            read = readMarket;
        else if (name == "admin")
            read = readAdmin;
        else if (name == "quality")
            read = readQuality;
        else if (name == "testing")
            read = readTesting;
        else if (name == "settlement")
            read = readSettlement;
        else if (name == "registry")
            read = readRoutingPart<readRegistrySection>;
        else if (name == "bgp")
            read = readRoutingPart<readBgpSection>;
        else if (name == "routing")
            read = readRoutingPart<readRoutingSection>;
        if (!read) {
            problems.at(key.source(), name, "",
                        "unknown section (known: server, tls, store, market, admin, testing, "
                        "quality, settlement, registry, bgp, routing)");
            continue;
        }
        if (!table) {
            problems.at(node.source(), name, "",
                        "must be a table, written [" + std::string(name) + "]");
            continue;
        }
        haveTls = haveTls || name == "tls";
        haveStore = haveStore || name == "store";
        Reader reader{problems, baseDir, name};
        read(reader, *table, config);
    }
    if (!haveTls)
        problems.missing("tls", "ca, cert, key");
    if (!haveStore)
        problems.missing("store", "data_dir");
    if (!problems.empty())
        return makeError(problems.joined());
    if (!config.market.requireRoutesSet)
        config.market.requireRoutes = config.routing.enabled;
    return config;
}

Expected<Config> loadConfig(const fs::path &file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return makeError(file.string() + ": cannot be read");
    std::ostringstream text;
    text << in.rdbuf();
    return parseConfig(text.str(), file);
}

std::vector<std::string> checkConfig(const Config &config)
{
    std::vector<std::string> problems;
    const std::string where = config.file.string() + ": ";
    auto tls = server::makeServerTlsContext(config.tls);
    if (!tls)
        problems.push_back(where + "[tls]: " + tls.error());

    std::error_code ec;
    const fs::path &dir = config.store.dataDir;
    if (fs::exists(dir, ec)) {
        if (!fs::is_directory(dir, ec))
            problems.push_back(where + "[store] data_dir: " + dir.string() + " is not a directory");
    } else {
        const fs::path parent = dir.has_parent_path() ? dir.parent_path() : fs::path(".");
        if (!fs::is_directory(parent, ec))
            problems.push_back(where + "[store] data_dir: " + dir.string()
                               + " does not exist and neither does its parent directory");
    }
    if (config.quality)
        for (const std::string &problem : checkQualitySettings(*config.quality))
            problems.push_back(where + "[quality] " + problem);
    for (const std::string &problem : checkRoutingSettings(config.routing))
        problems.push_back(where + problem);
    return problems;
}

} // namespace bwx::app
