#include "bwx/app/settlement_config_reader.h"
#include "bwx/app/toml_section_reader.h"

#include "bwx/app/config.h"

#include <cstdio>
#include <map>
#include <set>

namespace bwx::app {
namespace {

namespace fs = std::filesystem;
using namespace settlement;

class Reader : public TomlSectionReader
{
public:
    using TomlSectionReader::TomlSectionReader;

    bool milliseconds(const toml::node &node, std::string_view key, std::int64_t min,
                      std::int64_t max, std::chrono::milliseconds &out) const
    {
        std::int64_t v = 0;
        if (!integer(node, key, min, max, v))
            return false;
        out = std::chrono::milliseconds(v);
        return true;
    }

    // Calls `each` for every string of an array.
    template<class F>
    void strings(const toml::node &node, std::string_view key, F &&each) const
    {
        const auto *list = node.as_array();
        if (!list) {
            problem(node, key, "must be an array of strings");
            return;
        }
        for (const auto &element : *list) {
            const auto *value = element.as_string();
            if (!value) {
                problem(element, key, "every entry must be a string");
                continue;
            }
            each(element, value->get());
        }
    }

    std::optional<net::Address> address(const toml::node &node, std::string_view key,
                                        const std::string &text) const
    {
        auto parsed = net::Address::parse(text);
        if (!parsed) {
            problem(node, key, "'" + text + "' is not an IP address: " + parsed.error());
            return std::nullopt;
        }
        return *parsed;
    }

};

void readListen(const Reader &r, const toml::node &node, std::string_view key,
                PortProtocol protocol, SettlementConfig &out)
{
    r.strings(node, key, [&](const toml::node &element, const std::string &text) {
        auto listen = parseListen(text);
        if (!listen) {
            r.problem(element, key, listen.error());
            return;
        }
        auto address = net::Address::parse(listen->first);
        if (!address) {
            r.problem(element, key, "'" + listen->first + "' is not an IP address");
            return;
        }
        out.listen.push_back(ListenEndpoint{protocol, *address, listen->second});
    });
}

void readExporter(const Reader &parent, const toml::table &table, std::size_t index,
                  SettlementConfig &out, const toml::node &where)
{
    const Reader r(parent.sink(), parent.keyPrefix() + "exporter[" + std::to_string(index + 1)
                                             + "].");
    ExporterConfig exporter;
    bool haveAddress = false;
    for (auto &&[key, node] : table) {
        const std::string_view k = key.str();
        std::string text;
        if (k == "address") {
            if (r.string(node, k, text))
                if (auto a = r.address(node, k, text)) {
                    exporter.address = *a;
                    haveAddress = true;
                }
        } else if (k == "name") {
            r.string(node, k, exporter.name);
        } else if (k == "sampling") {
            r.integer(node, k, 0, 1 << 24, exporter.samplingOverride);
        } else {
            r.unknown(key);
        }
    }
    if (!haveAddress) {
        r.problem(where, "address", "required key is missing");
        return;
    }
    for (const ExporterConfig &e : out.exporters)
        if (e.address == exporter.address) {
            r.problem(where, "address", exporter.address.toString() + " is listed twice");
            return;
        }
    out.exporters.push_back(std::move(exporter));
}

void readPorts(const Reader &r, const toml::node &node, MemberFlowIdentity &member)
{
    const auto *list = node.as_array();
    if (!list) {
        r.problem(node, "ports", "must be an array of {exporter = \"ADDRESS\", if_index = N}");
        return;
    }
    for (const auto &element : *list) {
        const auto *table = element.as_table();
        if (!table) {
            r.problem(element, "ports", "every entry must be {exporter = \"ADDRESS\", if_index = N}");
            continue;
        }
        MemberPort port;
        bool exporter = false, ifIndex = false;
        for (auto &&[key, value] : *table) {
            const std::string_view k = key.str();
            std::string text;
            if (k == "exporter") {
                if (r.string(value, "ports.exporter", text))
                    if (auto a = r.address(value, "ports.exporter", text)) {
                        port.exporter = *a;
                        exporter = true;
                    }
            } else if (k == "if_index") {
                ifIndex = r.integer(value, "ports.if_index", 1, UINT32_MAX, port.ifIndex);
            } else {
                r.problem(key.source(), "ports." + std::string(k), "unknown key");
            }
        }
        if (!exporter || !ifIndex)
            r.problem(element, "ports", "needs both exporter and if_index");
        else
            member.ports.push_back(port);
    }
}

void readMember(const Reader &parent, const toml::table &table, std::size_t index,
                SettlementConfig &out, const toml::node &where)
{
    const Reader r(parent.sink(),
                   parent.keyPrefix() + "member[" + std::to_string(index + 1) + "].");
    MemberFlowIdentity member;
    for (auto &&[key, node] : table) {
        const std::string_view k = key.str();
        if (k == "name") {
            r.string(node, k, member.name);
        } else if (k == "prefixes") {
            r.strings(node, k, [&](const toml::node &element, const std::string &text) {
                auto prefix = net::Prefix::parse(text);
                if (!prefix)
                    r.problem(element, k, "'" + text + "': " + prefix.error());
                else
                    member.prefixes.push_back(*prefix);
            });
        } else if (k == "routers") {
            r.strings(node, k, [&](const toml::node &element, const std::string &text) {
                if (auto a = r.address(element, k, text))
                    member.routers.push_back(*a);
            });
        } else if (k == "macs") {
            r.strings(node, k, [&](const toml::node &element, const std::string &text) {
                if (auto mac = parseMac(text))
                    member.macs.push_back(*mac);
                else
                    r.problem(element, k, "'" + text + "' is not a MAC address (02:00:5e:00:53:01)");
            });
        } else if (k == "ports") {
            readPorts(r, node, member);
        } else {
            r.unknown(key);
        }
    }
    if (member.name.empty()) {
        r.problem(where, "name", "required key is missing (the member's name in the market)");
        return;
    }
    for (const MemberFlowIdentity &m : out.members)
        if (m.name == member.name) {
            r.problem(where, "name", "member '" + member.name + "' is described twice");
            return;
        }
    out.members.push_back(std::move(member));
}

template<class F>
void readTables(const Reader &r, const toml::node &node, std::string_view key, F &&each)
{
    const auto *list = node.as_array();
    if (!list || !list->is_array_of_tables()) {
        r.problem(node, key, "must be written [[settlement." + std::string(key) + "]]");
        return;
    }
    std::size_t index = 0;
    for (const auto &element : *list)
        each(*element.as_table(), index++, element);
}

// Members' prefixes, routers, MACs and ports identify one member each.
void checkUnique(const Reader &r, const toml::table &table, const SettlementConfig &out)
{
    std::map<std::string, std::string> owner;
    const auto claim = [&](const std::string &what, const std::string &member) {
        const auto [it, inserted] = owner.emplace(what, member);
        if (!inserted && it->second != member)
            r.problem(table.source(), "member",
                      what + " is given to both '" + it->second + "' and '" + member + "'");
    };
    for (const MemberFlowIdentity &m : out.members) {
        for (const net::Prefix &p : m.prefixes)
            claim("prefix " + p.toString(), m.name);
        for (const net::Address &a : m.routers)
            claim("router " + a.toString(), m.name);
        for (const MacAddress &mac : m.macs) {
            char text[24];
            std::snprintf(text, sizeof text, "%02x:%02x:%02x:%02x:%02x:%02x", mac[0], mac[1],
                          mac[2], mac[3], mac[4], mac[5]);
            claim(std::string("MAC ") + text, m.name);
        }
        for (const MemberPort &p : m.ports)
            claim("port " + p.exporter.toString() + " ifIndex " + std::to_string(p.ifIndex),
                  m.name);
    }
}

} // namespace

std::optional<MacAddress> parseMac(std::string_view text)
{
    if (text.size() != 17)
        return std::nullopt;
    MacAddress mac{};
    const char separator = text[2];
    if (separator != ':' && separator != '-')
        return std::nullopt;
    for (std::size_t i = 0; i < 6; ++i) {
        if (i > 0 && text[i * 3 - 1] != separator)
            return std::nullopt;
        unsigned value = 0;
        for (std::size_t j = 0; j < 2; ++j) {
            const char c = text[i * 3 + j];
            unsigned digit = 0;
            if (c >= '0' && c <= '9')
                digit = static_cast<unsigned>(c - '0');
            else if (c >= 'a' && c <= 'f')
                digit = static_cast<unsigned>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F')
                digit = static_cast<unsigned>(c - 'A' + 10);
            else
                return std::nullopt;
            value = value * 16 + digit;
        }
        mac[i] = static_cast<std::uint8_t>(value);
    }
    return mac;
}

void readSettlementSection(const toml::table &table,
                           const fs::path &baseDir,
                           SettlementConfig &out,
                           const SettlementProblemSink &problem)
{
    out.enabled = true;
    const Reader r(problem, "");
    BillingRules &b = out.billing;
    for (auto &&[key, node] : table) {
        const std::string_view k = key.str();
        std::string text;
        if (k == "netflow") {
            readListen(r, node, k, PortProtocol::Netflow, out);
        } else if (k == "netflow_v5") {
            readListen(r, node, k, PortProtocol::NetflowV5, out);
        } else if (k == "netflow_v9") {
            readListen(r, node, k, PortProtocol::NetflowV9, out);
        } else if (k == "ipfix") {
            readListen(r, node, k, PortProtocol::Ipfix, out);
        } else if (k == "sflow") {
            readListen(r, node, k, PortProtocol::Sflow, out);
        } else if (k == "receive_buffer_bytes") {
            r.integer(node, k, 4096, std::int64_t{1} << 30, out.receiveBufferBytes);
        } else if (k == "usage_db") {
            if (r.string(node, k, text)) {
                if (text.empty())
                    r.problem(node, k, "must not be empty");
                const fs::path path(text);
                out.usageDatabase = (path.is_absolute() ? path : baseDir / path).lexically_normal();
            }
        } else if (k == "billed_bytes") {
            if (r.string(node, k, text)) {
                if (text == "ip")
                    b.billedBytes = BilledBytes::Ip;
                else if (text == "ethernet")
                    b.billedBytes = BilledBytes::Ethernet;
                else
                    r.problem(node, k, "must be \"ip\" or \"ethernet\", got \"" + text + "\"");
            }
        } else if (k == "overage_percent") {
            r.integer(node, k, 0, 10'000, b.overagePercent);
        } else if (k == "overage_price") {
            if (r.string(node, k, text)) {
                auto price = parsePrice(text);
                if (!price)
                    r.problem(node, k, price.error());
                else if (price->value() < 0)
                    r.problem(node, k, "must not be negative");
                else
                    b.overagePrice = *price;
            }
        } else if (k == "over_use_percent") {
            r.integer(node, k, 1, 10'000, b.thresholds.overUsePercent);
        } else if (k == "under_use_percent") {
            r.integer(node, k, 0, 10'000, b.thresholds.underUsePercent);
        } else if (k == "notice_reminder_s") {
            std::int64_t s = 0;
            if (r.integer(node, k, 60, 31LL * 86400, s))
                out.noticeReminder = seconds(s);
        } else if (k == "notice_min_samples") {
            r.integer(node, k, 1, 8928, out.noticeMinSamples);
        } else if (k == "flush_interval_ms") {
            r.milliseconds(node, k, 10, 600'000, out.flushInterval);
        } else if (k == "evaluate_interval_ms") {
            r.milliseconds(node, k, 10, 3'600'000, out.evaluateInterval);
        } else if (k == "destination_only_fallback") {
            r.boolean(node, k, out.destinationOnlyFallback);
        } else if (k == "issuer") {
            r.string(node, k, out.issuer);
        } else if (k == "currency") {
            r.string(node, k, out.currency);
        } else if (k == "exporter") {
            readTables(r, node, k, [&](const toml::table &t, std::size_t i, const toml::node &n) {
                readExporter(r, t, i, out, n);
            });
        } else if (k == "member") {
            readTables(r, node, k, [&](const toml::table &t, std::size_t i, const toml::node &n) {
                readMember(r, t, i, out, n);
            });
        } else {
            r.unknown(key);
        }
    }
    if (b.thresholds.underUsePercent > b.thresholds.overUsePercent)
        r.problem(table.source(), "under_use_percent",
                  "must not be above over_use_percent ("
                      + std::to_string(b.thresholds.overUsePercent) + ")");
    if (!out.listen.empty() && out.exporters.empty())
        r.problem(table.source(), "exporter",
                  "collectors are configured but no [[settlement.exporter]] is allowed to send");
    std::set<std::pair<std::string, std::uint16_t>> bound;
    for (const ListenEndpoint &e : out.listen)
        if (e.port != 0 && !bound.emplace(e.address.toString(), e.port).second)
            r.problem(table.source(), "listen",
                      e.address.toString() + " port " + std::to_string(e.port)
                          + " is configured twice");
    checkUnique(r, table, out);
}

fs::path usageDatabasePath(const SettlementConfig &config, const fs::path &dataDir)
{
    return config.usageDatabase.empty() ? dataDir / "usage.db" : config.usageDatabase;
}

} // namespace bwx::app
