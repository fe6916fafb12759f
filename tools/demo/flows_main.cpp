// bwx-demo-flows: the demo exchange's routers. Exports IPFIX flow records for the demo buyers'
// trades to bwxd's collector, so the demo has usage, 95th percentiles and statements. Used by
// ./bwx demo; stops on SIGINT/SIGTERM.
#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <map>
#include <thread>
#include <vector>
#include <tuple>

#include <CLI/CLI.hpp>

#include "bwx/client/client_error.h"
#include "demo_network.h"
#include "ipfix_exporter.h"
#include "trade_feed.h"
#include "traffic_profile.h"

namespace {

using namespace bwx;
using namespace bwx::demo;

volatile std::sig_atomic_t g_stop = 0;
void onSignal(int) { g_stop = 1; }

constexpr std::int64_t kBin = 300;

std::int64_t nowSeconds()
{
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

bool splitHostPort(const std::string& text, std::string& host, std::uint16_t& port)
{
    const auto colon = text.rfind(':');
    if (colon == std::string::npos || colon + 1 == text.size())
        return false;
    host = text.substr(0, colon);
    if (host.size() > 2 && host.front() == '[')
        host = host.substr(1, host.size() - 2);
    try {
        const int value = std::stoi(text.substr(colon + 1));
        if (value < 1 || value > 65535)
            return false;
        port = static_cast<std::uint16_t>(value);
    } catch (const std::exception&) {
        return false;
    }
    return true;
}

std::uint32_t interfaceOf(const std::string& member)
{
    const auto& all = demoNetworks();
    for (std::size_t i = 0; i < all.size(); ++i)
        if (all[i].member == member)
            return static_cast<std::uint32_t>(i + 1);
    return 0;
}

// Host `n` of a prefix (the demo's prefixes are /48 or longer for IPv6, so the low word is free).
net::Address hostOf(const net::Prefix& prefix, std::uint64_t n)
{
    const net::Address base = prefix.address();
    if (base.isV4())
        return net::Address::v4(base.v4Value() + static_cast<std::uint32_t>(n));
    return net::Address::fromWords(net::Family::V6, base.high(), base.low() + n);
}

// The trade's traffic in [from, to), within one bin: two flows from the buyer's customers to
// the destination through the seller's router, together carrying the profile's rate.
std::size_t exportSlice(IpfixExporter& exporter, const DemoTrade& t, std::size_t ordinal, std::int64_t from,
                        std::int64_t to)
{
    const DemoNetwork* buyer = networkOf(t.buyer);
    const DemoNetwork* seller = networkOf(t.seller);
    if (!buyer || !seller)
        return 0;
    const net::Prefix& destination = t.view.destination.prefix;
    const auto source = std::find_if(buyer->sources.begin(), buyer->sources.end(), [&](const net::Prefix& p) {
        return p.family() == destination.family();
    });
    if (source == buyer->sources.end())
        return 0;
    const std::uint64_t id = t.view.tradeId.value();
    const std::int64_t rate = rateKbps(id, ordinal, t.view.capacity.value(), from / kBin * kBin);
    const std::uint64_t total = static_cast<std::uint64_t>(rate) * 125 * static_cast<std::uint64_t>(to - from);
    constexpr std::uint64_t kFlows = 2;
    for (std::uint64_t k = 0; k < kFlows; ++k) {
        ExportedFlow f;
        f.startMs = from * 1000;
        f.endMs = to * 1000 - 1;
        f.bytes = total / kFlows + (k == 0 ? total % kFlows : 0);
        if (f.bytes == 0)
            continue;
        f.packets = std::max<std::uint64_t>(1, f.bytes / 1250);
        f.src = hostOf(*source, 1 + (id * 2 + k) % 250);
        f.dst = hostOf(destination, 1 + k);
        f.srcPort = static_cast<std::uint16_t>(40000 + (id * 2 + k) % 20000);
        f.dstPort = 443;
        f.ingress = interfaceOf(t.buyer);
        f.egress = interfaceOf(t.seller);
        f.srcMac = buyer->routerMac;
        f.dstMac = seller->routerMac;
        exporter.add(f);
    }
    return kFlows;
}

// What was exported per trade, kept across runs: a restarted demo must not send a trade's past
// traffic a second time (bwxd would count it twice). Lines of "TRADE_ID UNTIL_SECONDS".
std::map<std::uint64_t, std::int64_t> loadState(const std::string& path)
{
    std::map<std::uint64_t, std::int64_t> state;
    std::ifstream in(path);
    std::uint64_t id = 0;
    std::int64_t until = 0;
    while (in >> id >> until)
        state[id] = until;
    return state;
}

void saveState(const std::string& path, const std::map<std::uint64_t, std::int64_t>& state)
{
    const std::string temporary = path + ".new";
    {
        std::ofstream out(temporary, std::ios::trunc);
        for (const auto& [id, until] : state)
            out << id << ' ' << until << '\n';
        if (!out)
            return;
    }
    std::rename(temporary.c_str(), path.c_str());
}

} // namespace

int main(int argc, char** argv)
{
    CLI::App app{"Exports flow records for the BWX demo exchange's trades"};
    FeedOptions feed;
    std::string server = "127.0.0.1:7700";
    std::string collector = "127.0.0.1:4739";
    int intervalS = 10;
    int backfillHours = 48;
    bool printSettlement = false;
    std::string stateFile;
    app.add_option("--server", server, "bwxd address HOST:PORT");
    app.add_option("--ca", feed.caFile, "CA certificate");
    app.add_option("--members-dir", feed.membersDir, "directory with <member>/member.crt and member.key");
    app.add_option("--collector", collector, "bwxd's NetFlow/IPFIX collector, 127.x.x.x:PORT");
    app.add_option("--interval-s", intervalS, "seconds between exports")->check(CLI::Range(1, 300));
    app.add_option("--backfill-hours", backfillHours, "traffic exported for a new trade's past delivery, at most")
        ->check(CLI::Range(0, 24 * 31));
    app.add_option("--state", stateFile, "file that remembers what was exported, across runs");
    app.add_flag("--print-settlement", printSettlement, "print bwxd's [settlement] section for the demo and exit");
    CLI11_PARSE(app, argc, argv);

    std::string collectorHost;
    std::uint16_t collectorPort = 0;
    if (!splitHostPort(collector, collectorHost, collectorPort)) {
        std::fprintf(stderr, "bwx-demo-flows: --collector must be HOST:PORT, got '%s'\n", collector.c_str());
        return 1;
    }
    if (printSettlement) {
        std::fputs(settlementSection(collectorHost, collectorPort).c_str(), stdout);
        return 0;
    }
    if (feed.caFile.empty() || feed.membersDir.empty() || !splitHostPort(server, feed.host, feed.port)) {
        std::fprintf(stderr, "bwx-demo-flows: needs --ca, --members-dir and --server HOST:PORT\n");
        return 1;
    }

    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    try {
        IpfixExporter exporter(collectorHost, collectorPort, 1);
        TradeFeed trades(feed);
        // trade id -> seconds
        std::map<std::uint64_t, std::int64_t> exportedUntil = stateFile.empty() ? decltype(exportedUntil){}
                                                                                 : loadState(stateFile);
        std::printf("bwx-demo-flows: exporting IPFIX to %s every %d s\n", collector.c_str(), intervalS);
        std::fflush(stdout);
        while (!g_stop) {
            const std::int64_t now = nowSeconds() / intervalS * intervalS;
            std::vector<DemoTrade> list;
            try {
                list = trades.trades();
            } catch (const client::ClientError& e) {
                std::fprintf(stderr, "bwx-demo-flows: trades unavailable: %s\n", e.what());
            }
            // A router cannot tell two trades of one buyer, seller and destination apart, and
            // bwxd bills such traffic to the older trade: only that one gets traffic here.
            std::map<std::tuple<std::string, std::string, net::Prefix>, const DemoTrade*> lanes;
            for (const DemoTrade& t : list) {
                auto& lane = lanes[{t.buyer, t.seller, t.view.destination.prefix}];
                if (!lane || t.view.tradeId.value() < lane->view.tradeId.value())
                    lane = &t;
            }
            // Each buyer's traffic-carrying trades, oldest first: their order picks the usage class.
            std::map<std::string, std::vector<std::uint64_t>> byBuyer;
            for (const auto& [key, t] : lanes)
                byBuyer[t->buyer].push_back(t->view.tradeId.value());
            for (auto& [buyer, ids] : byBuyer)
                std::sort(ids.begin(), ids.end());
            std::size_t records = 0, backfilled = 0;
            for (const auto& [key, t] : lanes) {
                const std::uint64_t id = t->view.tradeId.value();
                const auto& ids = byBuyer[t->buyer];
                const auto ordinal = static_cast<std::size_t>(std::lower_bound(ids.begin(), ids.end(), id) - ids.begin());
                const std::int64_t start = std::max(t->view.deliveryStart.seconds(), now - std::int64_t{backfillHours} * 3600);
                const std::int64_t end = std::min(t->view.deliveryEnd.seconds(), now);
                auto [it, isNew] = exportedUntil.try_emplace(id, start);
                std::int64_t from = std::max(it->second, start);
                if (isNew && from < end)
                    ++backfilled;
                std::size_t slices = 0;
                while (from < end && !g_stop) {
                    const std::int64_t to = std::min(end, (from / kBin + 1) * kBin);
                    records += exportSlice(exporter, *t, ordinal, from, to);
                    from = to;
                    // Pace a backfill as a router flushing its cache would not: a little at a time.
                    if (++slices % 64 == 0) {
                        exporter.flush();
                        std::this_thread::sleep_for(std::chrono::milliseconds(5));
                    }
                }
                it->second = std::max(it->second, from);
            }
            exporter.flush();
            if (!stateFile.empty())
                saveState(stateFile, exportedUntil);
            std::printf("bwx-demo-flows: %zu trades, %zu records (%zu trades backfilled), %llu messages sent, "
                        "%llu send errors\n",
                        lanes.size(), records, backfilled, static_cast<unsigned long long>(exporter.messagesSent()),
                        static_cast<unsigned long long>(exporter.sendErrors()));
            std::fflush(stdout);
            for (int i = 0; i < intervalS * 10 && !g_stop; ++i)
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bwx-demo-flows: %s\n", e.what());
        return 2;
    }
    return 0;
}
