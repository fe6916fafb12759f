// bwx-bench-bgp-fanout: the route server's fan-out through trades. Ten member routers
// (bwx-bgp-fanout-member) each announce 50,000 prefixes of their own (the ingest benchmark's
// generator: realistic prefix lengths, AS paths starting with the member's ASN, communities;
// no prefix in two members' tables); then every member buys every other member's routes, so
// each member must end up holding 9 x 50,000 = 450,000 routes, 4.5M exported routes in all.
//
// Ours: bwxd's routing service (speaker, registry, arbiter, market feed) in a process of its
// own (bgp_fanout_exchange.h). The clock starts when the 90 trades are handed to the service,
// as the sequencer delivers an executed trade, with every session Established, every route
// ingested, validated and fed to the market feed; it stops when the last member's router holds
// all its routes. In the span: the arbiter computing each member's exports, the Adj-RIBs-Out,
// UPDATE encoding and sending, and the members decoding. Not in it: matching the orders,
// journaling the trades (the sequencer), the market applying RouteBatch commands.
//
// The anchor, same run, same input: BIRD 2 as a transparent route server (`rs client`) with the
// same ten peers, first with one table, then with a table per peer joined by pipes. Its clock
// starts at `birdc configure` of the configuration that turns the exports on, with every
// session up and every route imported.
//
// seconds: trades to the last member holding its routes, cpu_seconds: the route server's CPU
// over that span, rss_mb: its VmRSS at the end, bytes_per_route: its VmRSS growth from idle
// (before any session) to the end, per exported route, peak_rss_mb: its VmHWM at the end (the
// largest VmRSS of the whole run, transient lists included). Medians of BWX_BENCH_BGP_RUNS runs (3).
//
//   BENCH bgp.fanout.10x50k seconds=... cpu_seconds=... rss_mb=... bytes_per_route=...
//         time_ratio_vs_bird=... cpu_ratio_vs_bird=... rss_ratio_vs_bird=... peak_rss_mb=...
//   BENCH bgp.fanout.10x50k.bird seconds=... cpu_seconds=... rss_mb=... bytes_per_route=...
//         peak_rss_mb=...
//   BENCH bgp.fanout.10x50k.bird_per_member (the same fields)
#include "bgp_bench_process.h"
#include "bgp_bench_table.h"
#include "bgp_fanout_bird.h"
#include "bgp_fanout_exchange.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {

using namespace bwx;
using namespace bwx::bench;
using namespace std::chrono_literals;

constexpr std::size_t kMembers = 10;

struct Sample
{
    double seconds = 0;
    double cpuSeconds = 0;
    double rssMb = 0;     // VmRSS one second after the last member holds its routes
    double rssDoneMb = 0; // VmRSS at the moment it does (the burst's buffers may still be held)
    double peakMb = 0;    // VmHWM at the end: the largest VmRSS of the whole run
    double bytesPerRoute = 0;
};

struct Setup
{
    std::size_t routesEach = 50'000;
    std::filesystem::path dir; // the members' UPDATE streams, BIRD's files
    std::string self;
    std::string memberExe;
};

std::string memberAddress(const char *net, std::size_t i)
{
    return std::string(net) + std::to_string(11 + i);
}

bgp::Asn memberAsn(std::size_t i)
{
    // Public 2-octet ASNs: the registry refuses private ones in a member's path.
    return bgp::Asn(3301 + i * 100);
}

std::string streamFile(const Setup &s, std::size_t i)
{
    return (s.dir / ("member" + std::to_string(i + 1) + ".updates")).string();
}

std::string memberName(std::size_t i)
{
    return "m" + std::to_string(i + 1);
}

// Every member's table, disjoint, encoded into one file per member before any clock runs. Ours
// and BIRD's members sit in different address blocks (`net`): the tables are the same (same
// seed), only the next hops differ.
bool writeStreams(const Setup &s, const char *net, std::vector<std::string> &files)
{
    std::vector<net::Address> nextHops;
    std::vector<bgp::Asn> asns;
    for (std::size_t i = 0; i < kMembers; ++i) {
        nextHops.push_back(*net::Address::parse(memberAddress(net, i)));
        asns.push_back(memberAsn(i));
    }
    const auto tables = generateDisjointTables(s.routesEach, 7, nextHops, asns);
    bgp::SessionParameters session;
    files.clear();
    for (std::size_t i = 0; i < kMembers; ++i) {
        const std::vector<std::uint8_t> stream = encodeTable(tables[i], session);
        const std::string file = streamFile(s, i) + "." + net;
        std::ofstream out(file, std::ios::binary);
        out.write(reinterpret_cast<const char *>(stream.data()), std::streamsize(stream.size()));
        if (!out)
            return false;
        files.push_back(file);
    }
    return true;
}

// The ten member routers, connected to `server`:`port` from `net`.x addresses, each having
// sent its table. Returns false when a session does not come up.
bool startMembers(const Setup &s,
                  const std::string &server,
                  std::uint16_t port,
                  const char *net,
                  const std::vector<std::string> &files,
                  std::vector<Child> &members)
{
    const std::size_t expect = (kMembers - 1) * s.routesEach;
    for (std::size_t i = 0; i < kMembers; ++i) {
        if (!members[i].start({s.memberExe, server, std::to_string(port), memberAddress(net, i),
                               std::to_string(memberAsn(i)), files[i], std::to_string(expect)}))
            return false;
    }
    for (std::size_t i = 0; i < kMembers; ++i) {
        if (!members[i].expect("SENT", 300s)) {
            std::fprintf(stderr, "bench bgp fanout: member %zu did not send its table\n", i + 1);
            return false;
        }
    }
    return true;
}

// The moment the last member holds all its routes, or nullopt.
std::optional<long long> lastHolds(std::vector<Child> &members)
{
    long long last = 0;
    unsigned long long updates = 0, routes = 0;
    for (std::size_t i = 0; i < kMembers; ++i) {
        const auto holds = members[i].expect("HOLDS", 600s);
        if (!holds) {
            std::fprintf(stderr, "bench bgp fanout: member %zu never held its routes\n", i + 1);
            return std::nullopt;
        }
        last = std::max(last, std::stoll((*holds)[0]));
        routes += std::stoull((*holds)[1]);
        updates += std::stoull((*holds)[2]);
    }
    std::fprintf(stderr, "  members: %llu routes in %llu UPDATEs (%.1f routes per UPDATE)\n",
                 routes, updates, double(routes) / double(std::max(updates, 1ull)));
    return last;
}

// Both route servers are measured holding the routes once the burst is over: the last member
// has everything, and a second later what sending it needed has been released.
constexpr auto kSettle = 1s;

double exportedRoutes(const Setup &s)
{
    return double(kMembers * (kMembers - 1) * s.routesEach);
}

std::optional<Sample> measureOurs(const Setup &s, const std::vector<std::string> &files)
{
    const char *net = "127.0.50.";
    std::vector<std::string> args{s.self, "--exchange", "127.0.50.1", std::to_string(s.routesEach)};
    for (std::size_t i = 0; i < kMembers; ++i)
        args.push_back(memberName(i) + ":" + std::to_string(memberAsn(i)) + ":"
                       + memberAddress(net, i));
    Child exchange;
    if (!exchange.start(args))
        return std::nullopt;
    const auto listening = exchange.expect("LISTENING", 30s);
    if (!listening)
        return std::nullopt;
    std::vector<Child> members(kMembers);
    if (!startMembers(s, "127.0.50.1", std::uint16_t(std::stoul((*listening)[0])), net, files,
                      members))
        return std::nullopt;
    const auto ingested = exchange.expect("INGESTED", 300s);
    const auto trades = exchange.expect("TRADES", 30s);
    const auto exported = exchange.expect("EXPORTED", 600s);
    if (!ingested || !trades || !exported)
        return std::nullopt;
    const auto done = lastHolds(members);
    if (!done)
        return std::nullopt;
    const long rssDone = rssKb(exchange.pid());
    const long cpu = cpuMs(exchange.pid());
    std::this_thread::sleep_for(kSettle);
    const long rss = rssKb(exchange.pid());
    const long peak = peakRssKb(exchange.pid());
    const long long start = std::stoll((*trades)[0]);
    Sample sample;
    sample.seconds = double(*done - start) / 1e9;
    sample.cpuSeconds = double(cpu - std::stol((*trades)[1])) / 1000.0;
    sample.rssMb = double(rss) / 1024.0;
    sample.rssDoneMb = double(rssDone) / 1024.0;
    sample.peakMb = double(peak) / 1024.0;
    sample.bytesPerRoute = double(rss - std::stol((*listening)[1])) * 1024.0 / exportedRoutes(s);
    std::fprintf(stderr,
                 "ours: %.3f s (%.2f s CPU; trades to the sessions %.3f s, %.2f s CPU), %.1f MB "
                 "(%.1f MB when done), peak %.1f MB (%.1f MB with the tables in, before the "
                 "trades)\n",
                 sample.seconds, sample.cpuSeconds,
                 double(std::stoll((*exported)[0]) - start) / 1e9,
                 double(std::stol((*exported)[1]) - std::stol((*trades)[1])) / 1000.0, sample.rssMb,
                 sample.rssDoneMb, sample.peakMb, double(std::stol((*ingested)[1])) / 1024.0);
    return sample;
}

bool birdIngested(const std::string &sock, const BirdRouteServer &server, std::size_t routesEach)
{
    const auto imported = importedRoutes(runCapture({"birdc", "-s", sock, "show protocols all"}));
    for (const BirdPeer &p : server.peers) {
        const auto it = imported.find(p.protocol);
        if (it == imported.end() || it->second < routesEach)
            return false;
        // Through its pipe, the peer's table has reached the master table.
        if (server.tablePerPeer) {
            const auto pipe = imported.find("p_" + p.protocol);
            if (pipe == imported.end() || pipe->second < routesEach)
                return false;
        }
    }
    return true;
}

std::optional<Sample>
measureBird(const Setup &s, const std::vector<std::string> &files, bool tablePerPeer)
{
    const char *net = "127.0.52.";
    BirdRouteServer server;
    server.routerId = "10.0.0.52";
    server.localAddress = "127.0.52.1";
    server.port = 17950;
    server.localAs = kFanoutExchangeAsn;
    server.tablePerPeer = tablePerPeer;
    for (std::size_t i = 0; i < kMembers; ++i)
        server.peers.push_back({memberName(i), memberAsn(i), memberAddress(net, i)});
    const std::string conf = (s.dir / "bird.conf").string();
    const std::string sock = (s.dir / "bird.ctl").string();
    std::ofstream(conf) << birdConfig(server, false);

    Child bird;
    if (!bird.start({"bird", "-c", conf, "-s", sock, "-f"}))
        return std::nullopt;
    for (int i = 0; i < 100
                    && runCapture({"birdc", "-s", sock, "show status"}).find("Daemon is up")
                           == std::string::npos;
         ++i)
        std::this_thread::sleep_for(50ms);
    const long idle = rssKb(bird.pid());
    std::vector<Child> members(kMembers);
    if (!startMembers(s, server.localAddress, server.port, net, files, members))
        return std::nullopt;
    const auto deadline = std::chrono::steady_clock::now() + 300s;
    while (!birdIngested(sock, server, s.routesEach)) {
        if (std::chrono::steady_clock::now() > deadline) {
            std::fprintf(stderr, "bench bgp fanout: BIRD did not import every table\n");
            return std::nullopt;
        }
        std::this_thread::sleep_for(50ms);
    }
    const long ingestedRss = rssKb(bird.pid());
    std::ofstream(conf) << birdConfig(server, true);
    const long cpuBefore = cpuMs(bird.pid());
    const long long start = nowNs();
    const std::string reply = runCapture({"birdc", "-s", sock, "configure"});
    if (reply.find("Reconfigur") == std::string::npos) {
        std::fprintf(stderr, "bench bgp fanout: birdc configure: %s\n", reply.c_str());
        return std::nullopt;
    }
    const auto done = lastHolds(members);
    if (!done)
        return std::nullopt;
    const long rssDone = rssKb(bird.pid());
    const long cpuDone = cpuMs(bird.pid());
    std::this_thread::sleep_for(kSettle);
    const long rss = rssKb(bird.pid());
    const long peak = peakRssKb(bird.pid());
    Sample sample;
    sample.seconds = double(*done - start) / 1e9;
    sample.cpuSeconds = double(cpuDone - cpuBefore) / 1000.0;
    sample.rssMb = double(rss) / 1024.0;
    sample.rssDoneMb = double(rssDone) / 1024.0;
    sample.peakMb = double(peak) / 1024.0;
    sample.bytesPerRoute = double(rss - idle) * 1024.0 / exportedRoutes(s);
    std::fprintf(stderr,
                 "bird%s: %.3f s (%.2f s CPU), %.1f MB (%.1f MB when done), peak %.1f MB (%.1f MB "
                 "before the exports)\n",
                 tablePerPeer ? " (table per member)" : "", sample.seconds, sample.cpuSeconds,
                 sample.rssMb, sample.rssDoneMb, sample.peakMb, double(ingestedRss) / 1024.0);
    for (Child &m : members)
        m.stop();
    bird.stop();
    return sample;
}

struct Series
{
    std::vector<double> seconds, cpu, rss, rssDone, peak, bytes;
    void add(const Sample &s)
    {
        seconds.push_back(s.seconds);
        cpu.push_back(s.cpuSeconds);
        rss.push_back(s.rssMb);
        rssDone.push_back(s.rssDoneMb);
        peak.push_back(s.peakMb);
        bytes.push_back(s.bytesPerRoute);
    }
};

void printBird(const std::string &name, const char *variant, const Series &b)
{
    std::printf("BENCH bgp.fanout.%s.%s seconds=%.3f cpu_seconds=%.3f rss_mb=%.1f "
                "bytes_per_route=%.0f rss_done_mb=%.1f peak_rss_mb=%.1f\n",
                name.c_str(), variant, median(b.seconds), median(b.cpu), median(b.rss),
                median(b.bytes), median(b.rssDone), median(b.peak));
}

std::optional<std::vector<FanoutMember>> parseMembers(int argc, char **argv, int from)
{
    std::vector<FanoutMember> members;
    for (int i = from; i < argc; ++i) {
        const std::string spec = argv[i];
        const auto a = spec.find(':');
        const auto b = spec.rfind(':');
        if (a == std::string::npos || a == b)
            return std::nullopt;
        auto router = net::Address::parse(spec.substr(b + 1));
        if (!router)
            return std::nullopt;
        members.push_back(
            {spec.substr(0, a), bgp::Asn(std::stoul(spec.substr(a + 1, b - a - 1))), *router});
    }
    return members;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc >= 4 && std::string(argv[1]) == "--exchange") {
        const auto listen = net::Address::parse(argv[2]);
        const auto members = parseMembers(argc, argv, 4);
        if (!listen || !members) {
            std::fprintf(stderr, "usage: bwx-bench-bgp-fanout --exchange LISTEN_ADDR ROUTES_EACH "
                                 "NAME:ASN:ROUTER...\n");
            return 2;
        }
        return runFanoutExchange(*listen, std::stoul(argv[3]), *members);
    }

    waitForOtherBgpBenchmarks();
    Setup setup;
    if (const char *n = std::getenv("BWX_BENCH_BGP_FANOUT_ROUTES"))
        setup.routesEach = std::stoul(n);
    int runs = 3;
    if (const char *n = std::getenv("BWX_BENCH_BGP_RUNS"))
        runs = std::max(1, std::atoi(n));
    // BWX_BENCH_BGP_FANOUT_BIRD_PER_MEMBER=0 skips the table-per-member anchor.
    const char *perMemberEnv = std::getenv("BWX_BENCH_BGP_FANOUT_BIRD_PER_MEMBER");
    const bool perMember = !perMemberEnv || std::string(perMemberEnv) != "0";
    setup.self = std::filesystem::canonical("/proc/self/exe").string();
    setup.memberExe
        = (std::filesystem::path(setup.self).parent_path() / "bwx-bgp-fanout-member").string();
    setup.dir = std::filesystem::temp_directory_path()
                / ("bwx-bench-bgp-fanout-" + std::to_string(getpid()));
    std::filesystem::create_directories(setup.dir);

    std::vector<std::string> ourFiles, birdFiles;
    if (!writeStreams(setup, "127.0.50.", ourFiles)
        || !writeStreams(setup, "127.0.52.", birdFiles)) {
        std::fprintf(stderr, "bench bgp fanout: cannot write the members' streams\n");
        return 1;
    }
    Series ours, bird, birdPerMember;
    int status = 0;
    for (int run = 0; run < runs && status == 0; ++run) {
        if (const auto o = measureOurs(setup, ourFiles))
            ours.add(*o);
        else
            status = 1;
        if (const auto b = status == 0 ? measureBird(setup, birdFiles, false) : std::nullopt)
            bird.add(*b);
        else
            status = 1;
        if (status == 0 && perMember) {
            if (const auto p = measureBird(setup, birdFiles, true))
                birdPerMember.add(*p);
            else
                status = 1;
        }
        if (status != 0)
            std::fprintf(stderr, "bench bgp fanout: run %d failed\n", run + 1);
    }
    std::filesystem::remove_all(setup.dir);
    if (status != 0)
        return status;
    const std::string name
        = setup.routesEach == 50'000 ? "10x50k" : "10x" + std::to_string(setup.routesEach);
    std::printf(
        "BENCH bgp.fanout.%s seconds=%.3f cpu_seconds=%.3f rss_mb=%.1f bytes_per_route=%.0f "
        "time_ratio_vs_bird=%.2f cpu_ratio_vs_bird=%.2f rss_ratio_vs_bird=%.2f "
        "rss_done_mb=%.1f rss_done_ratio_vs_bird=%.2f peak_rss_mb=%.1f\n",
        name.c_str(), median(ours.seconds), median(ours.cpu), median(ours.rss), median(ours.bytes),
        median(ours.seconds) / median(bird.seconds), median(ours.cpu) / median(bird.cpu),
        median(ours.rss) / median(bird.rss), median(ours.rssDone),
        median(ours.rssDone) / median(bird.rssDone), median(ours.peak));
    printBird(name, "bird", bird);
    if (perMember)
        printBird(name, "bird_per_member", birdPerMember);
    return 0;
}
