#include "bwx/app/quality_config_reader.h"
#include "bwx/app/toml_section_reader.h"

#include "bwx/quality/quality_figure.h"
#include "bwx/server/identity.h"

#include <limits>
#include <set>

namespace bwx::app {
namespace {

namespace fs = std::filesystem;

constexpr std::int64_t kDay = 24 * 3600;

class Reader : public TomlSectionReader
{
public:
    using TomlSectionReader::TomlSectionReader;

    // A duration in whole units of `unit`, stored as bwx::Duration.
    bool duration(const toml::node &node, std::string_view key, std::int64_t min, std::int64_t max,
                  Duration unit, Duration &out) const
    {
        std::int64_t v = 0;
        if (!integer(node, key, min, max, v))
            return false;
        out = Duration(v * unit.value());
        return true;
    }

    bool address(const toml::node &node, std::string_view key, std::optional<net::Address> &out,
                 std::optional<net::Family> family = {}) const
    {
        std::string text;
        if (!string(node, key, text))
            return false;
        auto parsed = net::Address::parse(text);
        if (!parsed) {
            problem(node, key, parsed.error());
            return false;
        }
        if (family && parsed->family() != *family) {
            problem(node, key,
                    text + " is not an IPv" + (*family == net::Family::V4 ? "4" : "6")
                        + " address");
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
            problem(node, key, parsed.error());
            return false;
        }
        out = *parsed;
        return true;
    }

    // An array whose elements `each` reads (it reports its own problems with the index).
    template<class F>
    bool array(const toml::node &node, std::string_view key, F each) const
    {
        const auto *list = node.as_array();
        if (!list) {
            problem(node, key, "must be an array");
            return false;
        }
        bool ok = true;
        for (std::size_t i = 0; i < list->size(); ++i)
            ok = each(*list->get(i), std::string(key) + "[" + std::to_string(i + 1) + "]") && ok;
        return ok;
    }
};

bool readProtocols(const Reader &r, const toml::node &node, std::vector<quality::ProbeProtocol> &out)
{
    std::vector<quality::ProbeProtocol> protocols;
    const bool ok = r.array(node, "protocols", [&](const toml::node &element, const std::string &at) {
        std::string name;
        if (!r.string(element, at, name))
            return false;
        if (name == "icmp")
            protocols.push_back(quality::ProbeProtocol::Icmp);
        else if (name == "udp")
            protocols.push_back(quality::ProbeProtocol::Udp);
        else {
            r.problem(element, at, "must be \"icmp\" or \"udp\", got \"" + name + "\"");
            return false;
        }
        return true;
    });
    if (ok)
        out = std::move(protocols);
    return ok;
}

void readSeller(const Reader &parent,
                const toml::node &node,
                const std::string &at,
                QualitySettings &settings,
                std::set<std::string> &members)
{
    const auto *table = node.as_table();
    if (!table) {
        parent.problem(node, at, "must be a table, written [[quality.seller]]");
        return;
    }
    const Reader r(parent, at);
    QualitySellerSettings seller;
    bool haveMember = false;
    for (auto &&[key, value] : *table) {
        const std::string_view k = key.str();
        if (k == "member") {
            haveMember = r.string(value, ".member", seller.member);
            if (haveMember && !server::isValidIdentityName(seller.member)) {
                r.problem(value, ".member", "'" + seller.member + "' is not a valid member name");
                haveMember = false;
            }
            if (haveMember && !members.insert(seller.member).second) {
                r.problem(value, ".member", "member '" + seller.member + "' has two entries");
                haveMember = false;
            }
        } else if (k == "router_v4") {
            r.address(value, ".router_v4", seller.routerV4, net::Family::V4);
        } else if (k == "router_v6") {
            r.address(value, ".router_v6", seller.routerV6, net::Family::V6);
        } else if (k == "source_v4") {
            r.address(value, ".source_v4", seller.sourceV4, net::Family::V4);
        } else if (k == "source_v6") {
            r.address(value, ".source_v6", seller.sourceV6, net::Family::V6);
        } else if (k == "fwmark") {
            std::uint32_t mark = 0;
            if (r.integer(value, ".fwmark", 1, std::numeric_limits<std::uint32_t>::max(), mark))
                seller.fwmark = mark;
        } else if (k == "rate_pps") {
            r.integer(value, ".rate_pps", 1, 1'000'000, seller.budgetPps);
        } else if (k == "burst") {
            r.integer(value, ".burst", 1, 10'000'000, seller.budgetBurst);
        } else if (k == "destinations") {
            r.array(value, ".destinations", [&](const toml::node &element, const std::string &e) {
                net::Prefix prefix;
                if (!r.prefix(element, e, prefix))
                    return false;
                seller.destinations.push_back(prefix);
                return true;
            });
        } else {
            r.problem(key.source(), "." + std::string(k), "unknown key");
        }
    }
    if (!haveMember) {
        if (!table->contains("member"))
            r.problem(node, "", "needs member = \"NAME\"");
        return;
    }
    // The analyzer's own check, with a stand-in id (the member's id comes from the market).
    quality::SellerProbeConfig check;
    check.seller = MemberId(1);
    check.routerV4 = seller.routerV4;
    check.routerV6 = seller.routerV6;
    check.fwmark = seller.fwmark;
    check.sourceV4 = seller.sourceV4;
    check.sourceV6 = seller.sourceV6;
    check.budgetPps = seller.budgetPps;
    check.budgetBurst = seller.budgetBurst;
    if (auto bad = quality::checkSeller(check)) {
        const std::string who = "seller 1: ";
        std::string what = bad->starts_with(who) ? bad->substr(who.size()) : *bad;
        if (what == "no router address")
            what = "no router address: give router_v4 and/or router_v6";
        r.problem(node, "", "member '" + seller.member + "' " + what);
        return;
    }
    for (const net::Prefix &prefix : seller.destinations) {
        if (!seller.router(prefix.family())) {
            r.problem(node, ".destinations",
                      prefix.toString() + " needs a router_v"
                          + (prefix.family() == net::Family::V4 ? "4" : "6"));
            return;
        }
    }
    settings.sellers.push_back(std::move(seller));
}

void readDestination(const Reader &parent,
                     const toml::node &node,
                     const std::string &at,
                     QualitySettings &settings,
                     std::set<net::Prefix> &seen)
{
    const auto *table = node.as_table();
    if (!table) {
        parent.problem(node, at, "must be a table, written [[quality.destination]]");
        return;
    }
    const Reader r(parent, at);
    QualityDestinationSettings destination;
    bool havePrefix = false;
    bool haveTargets = false;
    for (auto &&[key, value] : *table) {
        const std::string_view k = key.str();
        if (k == "prefix") {
            havePrefix = r.prefix(value, ".prefix", destination.prefix);
        } else if (k == "targets") {
            haveTargets = r.array(value, ".targets",
                                  [&](const toml::node &element, const std::string &e) {
                                      std::optional<net::Address> target;
                                      if (!r.address(element, e, target))
                                          return false;
                                      destination.targets.push_back(*target);
                                      return true;
                                  });
        } else {
            r.problem(key.source(), "." + std::string(k), "unknown key");
        }
    }
    if (!havePrefix) {
        if (!table->contains("prefix"))
            r.problem(node, "", "needs prefix = \"PREFIX\"");
        return;
    }
    if (!haveTargets || destination.targets.empty()) {
        if (!table->contains("targets") || destination.targets.empty())
            r.problem(node, ".targets", "needs at least one address to probe");
        return;
    }
    if (auto bad = quality::checkDestination(
            quality::DestinationProbeConfig{destination.prefix, destination.targets})) {
        r.problem(node, ".targets", *bad);
        return;
    }
    if (!seen.insert(destination.prefix).second) {
        r.problem(node, ".prefix", destination.prefix.toString() + " has two entries");
        return;
    }
    settings.destinations.push_back(std::move(destination));
}

} // namespace

void readQualitySection(const toml::table &table,
                        const fs::path &baseDir,
                        QualitySettings &out,
                        const QualityProblemSink &problem)
{
    const Reader r(problem, "");
    auto &a = out.analyzer;
    auto &s = a.schedule;
    auto &f = out.figure;
    auto &p = out.publish;
    auto &keep = out.retention;
    std::set<std::string> members;
    std::set<net::Prefix> destinations;
    const toml::node *analyzerNode = nullptr;
    for (auto &&[key, node] : table) {
        const std::string_view k = key.str();
        bool analyzerKey = true;
        if (k == "database") {
            analyzerKey = false;
            std::string text;
            if (r.string(node, k, text)) {
                if (text.empty())
                    r.problem(node, k, "must not be empty");
                else
                    out.database = (fs::path(text).is_absolute() ? fs::path(text) : baseDir / text)
                                       .lexically_normal();
            }
        } else if (k == "netns") {
            analyzerKey = false;
            if (r.string(node, k, out.netns) && out.netns.empty())
                r.problem(node, k, "must not be empty (leave it out to probe from bwxd's own "
                                   "network namespace)");
        } else if (k == "probe") {
            analyzerKey = false;
            r.boolean(node, k, out.probe);
        } else if (k == "protocols") {
            readProtocols(r, node, a.protocols);
        } else if (k == "udp_port") {
            r.integer(node, k, 1, 65535, a.udpPort);
        } else if (k == "probes_per_train") {
            r.integer(node, k, 2, 10'000, a.probesPerTrain);
        } else if (k == "probe_interval_ms") {
            r.duration(node, k, 1, 60'000, milliseconds(1), a.probeInterval);
        } else if (k == "probe_timeout_ms") {
            r.duration(node, k, 1, 60'000, milliseconds(1), a.probeTimeout);
        } else if (k == "payload_bytes") {
            r.integer(node, k, 16, 1400, a.payloadBytes);
        } else if (k == "probe_source_v4") {
            r.address(node, k, a.probeSourceV4, net::Family::V4);
        } else if (k == "probe_source_v6") {
            r.address(node, k, a.probeSourceV6, net::Family::V6);
        } else if (k == "rate_pps") {
            r.integer(node, k, 1, 1'000'000, s.globalRatePps);
        } else if (k == "burst") {
            r.integer(node, k, 1, 10'000'000, s.globalBurst);
        } else if (k == "seller_rate_pps") {
            r.integer(node, k, 1, 1'000'000, s.sellerRatePps);
        } else if (k == "seller_burst") {
            r.integer(node, k, 1, 10'000'000, s.sellerBurst);
        } else if (k == "max_trains_in_flight") {
            r.integer(node, k, 1, 10'000, s.maxTrainsInFlight);
        } else if (k == "max_trains_per_seller") {
            r.integer(node, k, 1, 1000, s.maxTrainsPerSeller);
        } else if (k == "revalidation_s") {
            r.duration(node, k, 1, 30 * kDay, seconds(1), s.revalidationPeriod);
        } else if (k == "error_retry_s") {
            r.duration(node, k, 1, kDay, seconds(1), s.errorRetry);
        } else if (k == "stale_after_s") {
            r.duration(node, k, 1, 30 * kDay, seconds(1), a.staleAfter);
        } else {
            analyzerKey = false;
            if (k == "own_window_s")
                r.duration(node, k, 1, 30 * kDay, seconds(1), f.ownWindow);
            else if (k == "third_party_window_s")
                r.duration(node, k, 1, 30 * kDay, seconds(1), f.thirdPartyWindow);
            else if (k == "own_stale_after_s")
                r.duration(node, k, 1, 30 * kDay, seconds(1), f.ownStaleAfter);
            else if (k == "third_party_stale_after_s")
                r.duration(node, k, 1, 30 * kDay, seconds(1), f.thirdPartyStaleAfter);
            else if (k == "forget_after_s")
                r.duration(node, k, 1, 366 * kDay, seconds(1), f.forgetAfter);
            else if (k == "unreachable_after")
                r.integer(node, k, 1, 1000, f.unreachableAfter);
            else if (k == "publish_latency_us")
                r.integer(node, k, 0, 10'000'000, p.latencyAbsUs);
            else if (k == "publish_latency_permille")
                r.integer(node, k, 0, 1000, p.latencyRelPermille);
            else if (k == "publish_loss_ppm")
                r.integer(node, k, 0, 1'000'000, p.lossAbsPpm);
            else if (k == "publish_interval_s")
                r.duration(node, k, 0, kDay, seconds(1), p.minInterval);
            else if (k == "retention_raw_days")
                r.duration(node, k, 0, 100 * 365, seconds(kDay), keep.raw);
            else if (k == "retention_5m_days")
                r.duration(node, k, 0, 100 * 365, seconds(kDay), keep.fiveMinutes);
            else if (k == "retention_1h_days")
                r.duration(node, k, 0, 100 * 365, seconds(kDay), keep.hour);
            else if (k == "retention_1d_days")
                r.duration(node, k, 0, 100 * 365, seconds(kDay), keep.day);
            else if (k == "max_future_skew_s")
                r.duration(node, k, 0, kDay, seconds(1), out.maxFutureSkew);
            else if (k == "derive_destinations")
                r.boolean(node, k, out.deriveDestinations);
            else if (k == "derive_interval_s")
                r.chrono(node, k, 1, kDay, out.deriveInterval);
            else if (k == "max_paths")
                r.integer(node, k, 1, 1'000'000, out.maxPaths);
            else if (k == "tick_interval_ms")
                r.chrono(node, k, 100, 3'600'000, out.tickInterval);
            else if (k == "batch_interval_ms")
                r.chrono(node, k, 10, 3'600'000, out.batchInterval);
            else if (k == "max_batch_figures")
                r.integer(node, k, 1, 100'000, out.maxBatchFigures);
            else if (k == "full_analysis_min_interval_s")
                r.chrono(node, k, 0, kDay, out.fullAnalysisMinInterval);
            else if (k == "seller")
                r.array(node, k, [&](const toml::node &element, const std::string &at) {
                    readSeller(r, element, at, out, members);
                    return true;
                });
            else if (k == "destination")
                r.array(node, k, [&](const toml::node &element, const std::string &at) {
                    readDestination(r, element, at, out, destinations);
                    return true;
                });
            else
                r.unknown(key);
        }
        if (analyzerKey && !analyzerNode)
            analyzerNode = &node;
    }
    // Rules across keys, with the analyzer's and the figure's own wording.
    const toml::source_region where = analyzerNode ? analyzerNode->source() : table.source();
    if (auto bad = quality::checkConfig(a))
        r.problem(where, "", *bad);
    if (auto bad = quality::checkPolicy(f))
        r.problem(table.source(), "", *bad);
    // Steering is per seller: without an entry nobody could be probed.
    if (out.probe && out.sellers.empty() && !table.contains("seller"))
        r.problem(table.source(), "",
                  "probing needs [[quality.seller]] entries (or probe = false for imports only)");
}

fs::path qualityDatabasePath(const QualitySettings &settings, const fs::path &dataDir)
{
    return settings.database.empty() ? dataDir / "quality.db" : settings.database;
}

fs::path netnsPath(const std::string &netns)
{
    return netns.find('/') == std::string::npos ? fs::path("/run/netns") / netns : fs::path(netns);
}

std::vector<std::string> checkQualitySettings(const QualitySettings &settings)
{
    std::vector<std::string> problems;
    std::error_code ec;
    if (!settings.netns.empty() && !fs::exists(netnsPath(settings.netns), ec))
        problems.push_back("netns: " + netnsPath(settings.netns).string()
                           + " does not exist (create it with ip netns add, or fix the name)");
    if (!settings.database.empty()) {
        const fs::path parent = settings.database.parent_path();
        if (!parent.empty() && !fs::is_directory(parent, ec))
            problems.push_back("database: the directory " + parent.string() + " does not exist");
    }
    return problems;
}

const QualitySellerSettings *QualitySettings::seller(std::string_view member) const
{
    for (const QualitySellerSettings &s : sellers)
        if (s.member == member)
            return &s;
    return nullptr;
}

std::vector<net::Address> QualitySettings::targetsFor(const net::Prefix &prefix) const
{
    for (const QualityDestinationSettings &d : destinations)
        if (d.prefix == prefix)
            return d.targets;
    return {quality::defaultTarget(prefix)};
}

} // namespace bwx::app
