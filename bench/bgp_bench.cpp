// bwx-bench-bgp: full-table ingest. The same fast sender (bwx-bgp-bench-sender) streams the same
// generated 1M-route IPv4 table to our speaker and to BIRD 2, three times each; each figure is
// the median. Seconds run from Established (as the sender sees it) until the whole table is in
// the receiver's Adj-RIB-In (ours: counted by the route listener; BIRD: its "Routes: N
// imported", polled every 20 ms). RSS is the receiver process's VmRSS when the table is in;
// bytes_per_route is its growth over the idle process, divided by the number of routes.
// cpu_seconds is the CPU the receiver process used over the same span (user + system, from
// /proc; 10 ms resolution): on a shared, loaded machine it is the steadier comparison.
//
//   BENCH bgp.ingest.1M seconds=... cpu_seconds=... rss_mb=... bytes_per_route=...
//         time_ratio_vs_bird=... cpu_ratio_vs_bird=...
//   BENCH bgp.ingest.1M.bird seconds=... cpu_seconds=... rss_mb=... bytes_per_route=...
//
// The fan-out half (10 members x 50k prefixes through trades) is bwx-bench-bgp-fanout
// (bgp_fanout_bench.cpp).
#include "bgp_bench_process.h"
#include "bwx/bgp/speaker.h"
#include "bwx/heap_policy.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {

using namespace bwx;
using namespace bwx::bench;
using Clock = std::chrono::steady_clock;

struct Sample
{
    double seconds = 0;
    double cpuSeconds = 0; // CPU the receiver spent between Established and the last route
    double rssMb = 0;
    double bytesPerRoute = 0;
};

// ---- Receiver mode: our speaker in a process of its own --------------------------------------

class CountingListener : public bgp::SpeakerListener
{
public:
    explicit CountingListener(std::size_t target)
        : m_target(target)
    {}
    void routesChanged(bgp::PeerId, MemberId, std::span<const bgp::RouteChange> changes) override
    {
        for (const bgp::RouteChange &c : changes)
            m_count += c.kind == bgp::RouteChange::Kind::Added ? 1 : 0;
        if (m_count >= m_target && m_doneAt == 0) {
            m_doneAt = nowNs();
            std::lock_guard lock(m_mutex);
            m_cv.notify_all();
        }
    }
    long long waitDone()
    {
        std::unique_lock lock(m_mutex);
        m_cv.wait(lock, [this] { return m_doneAt.load() != 0; });
        return m_doneAt;
    }

private:
    std::size_t m_target;
    std::size_t m_count = 0;
    std::atomic<long long> m_doneAt{0};
    std::mutex m_mutex;
    std::condition_variable m_cv;
};

int runReceiver(const std::string &address, const std::string &peer, std::size_t routes)
{
    applyHeapPolicy(); // as bwxd does
    asio::io_context io;
    CountingListener listener(routes);
    bgp::SpeakerConfig config;
    config.localAs = 65000;
    config.routerId = 0x0a000001;
    config.listen = {{net::Address::parse(address).value(), 0}};
    bgp::PeerConfig p;
    p.name = "sender";
    p.address = net::Address::parse(peer).value();
    p.remoteAs = 64700;
    p.passive = true;
    config.peers = {p};
    bgp::BgpSpeaker speaker(io, config, &listener);
    auto bound = speaker.start();
    if (!bound) {
        std::fprintf(stderr, "receiver: %s\n", bound.error().c_str());
        return 1;
    }
    std::thread thread([&io] { io.run(); });
    std::printf("LISTENING %u %ld %ld\n", unsigned(bound->front().port), rssKb(0),
                cpuMs(getpid()));
    std::fflush(stdout);
    const long long done = listener.waitDone();
    const long cpu = cpuMs(getpid());
    const long rss = rssKb(0);
    // The attribute set count comes from the status snapshot: wait for it to be republished.
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
    std::printf("DONE %lld %ld %zu %ld\n", done, rss, speaker.attributeSetCount(), cpu);
    std::fflush(stdout);
    // The driver terminates this process; nothing to tidy up.
    thread.join();
    return 0;
}

// ---- Driver ----------------------------------------------------------------------------------

std::string g_sender;
std::string g_self;

std::optional<Sample> measureOurs(std::size_t routes)
{
    Child receiver;
    if (!receiver.start({g_self, "--receiver", "127.0.40.1", "127.0.40.2", std::to_string(routes)}))
        return std::nullopt;
    const auto listening = receiver.expect("LISTENING", std::chrono::seconds(10));
    if (!listening)
        return std::nullopt;
    Child sender;
    sender.start({g_sender, "127.0.40.1", (*listening)[0], "127.0.40.2", std::to_string(routes)});
    const auto est = sender.expect("ESTABLISHED", std::chrono::seconds(120));
    const auto done = receiver.expect("DONE", std::chrono::seconds(120));
    if (!est || !done)
        return std::nullopt;
    Sample s;
    s.seconds = double(std::stoll((*done)[0]) - std::stoll((*est)[0])) / 1e9;
    const long rss = std::stol((*done)[1]);
    s.rssMb = double(rss) / 1024.0;
    s.bytesPerRoute = double(rss - std::stol((*listening)[1])) * 1024.0 / double(routes);
    s.cpuSeconds = double(std::stol((*done)[3]) - std::stol((*listening)[2])) / 1000.0;
    std::fprintf(stderr, "ours: %.3f s (%.2f s CPU), %.1f MB, %s attribute sets\n", s.seconds,
                 s.cpuSeconds, s.rssMb, (*done)[2].c_str());
    return s;
}

std::optional<Sample> measureBird(std::size_t routes)
{
    const std::filesystem::path dir = std::filesystem::temp_directory_path()
                                      / ("bwx-bench-bgp-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    const std::string conf = (dir / "bird.conf").string();
    const std::string sock = (dir / "bird.ctl").string();
    const std::uint16_t port = 17900;
    {
        std::ofstream f(conf);
        f << "router id 10.0.0.41;\n"
             "log stderr { error, fatal };\n"
             "protocol device { }\n"
             "protocol direct { ipv4; interface \"lo\"; }\n"
             "protocol bgp bench_in {\n"
             "  local 127.0.41.1 port "
          << port
          << " as 65000;\n"
             "  neighbor 127.0.41.2 as 64700;\n"
             "  passive on;\n"
             "  multihop 2;\n"
             "  ipv4 { import all; export none; };\n"
             "}\n";
    }
    Child bird;
    if (!bird.start({"bird", "-c", conf, "-s", sock, "-f"}))
        return std::nullopt;
    // Up once birdc answers.
    for (int i = 0; i < 100 && runCapture({"birdc", "-s", sock, "show status"}).find("Daemon is up")
                                   == std::string::npos;
         ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    const long baseline = rssKb(bird.pid());
    const long cpuBefore = cpuMs(bird.pid());
    Child sender;
    sender.start({g_sender, "127.0.41.1", std::to_string(port), "127.0.41.2",
                  std::to_string(routes)});
    const auto est = sender.expect("ESTABLISHED", std::chrono::seconds(120));
    if (!est)
        return std::nullopt;
    long long doneAt = 0;
    const auto deadline = Clock::now() + std::chrono::seconds(120);
    while (Clock::now() < deadline) {
        const std::string out = runCapture({"birdc", "-s", sock, "show protocols all bench_in"});
        const auto at = out.find("Routes:");
        if (at != std::string::npos && std::stoul(out.substr(at + 7)) >= routes) {
            doneAt = nowNs();
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (doneAt == 0)
        return std::nullopt;
    Sample s;
    s.seconds = double(doneAt - std::stoll((*est)[0])) / 1e9;
    const long rss = rssKb(bird.pid());
    s.rssMb = double(rss) / 1024.0;
    s.bytesPerRoute = double(rss - baseline) * 1024.0 / double(routes);
    s.cpuSeconds = double(cpuMs(bird.pid()) - cpuBefore) / 1000.0;
    std::fprintf(stderr, "bird: %.3f s (%.2f s CPU), %.1f MB\n", s.seconds, s.cpuSeconds,
                 s.rssMb);
    sender.stop();
    bird.stop();
    std::filesystem::remove_all(dir);
    return s;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc >= 5 && std::string(argv[1]) == "--receiver")
        return runReceiver(argv[2], argv[3], std::stoul(argv[4]));

    waitForOtherBgpBenchmarks();
    std::size_t routes = 1'000'000;
    if (const char *n = std::getenv("BWX_BENCH_BGP_ROUTES"))
        routes = std::stoul(n);
    int runs = 3;
    if (const char *n = std::getenv("BWX_BENCH_BGP_RUNS"))
        runs = std::max(1, std::atoi(n));
    g_self = std::filesystem::canonical("/proc/self/exe").string();
    g_sender = (std::filesystem::path(g_self).parent_path() / "bwx-bgp-bench-sender").string();

    std::vector<double> ourSeconds, ourCpu, ourRss, ourBytes, birdSeconds, birdCpu, birdRss,
        birdBytes;
    for (int run = 0; run < runs; ++run) {
        const auto ours = measureOurs(routes);
        if (!ours) {
            std::fprintf(stderr, "bench bgp: our receiver run failed\n");
            return 1;
        }
        ourSeconds.push_back(ours->seconds);
        ourCpu.push_back(ours->cpuSeconds);
        ourRss.push_back(ours->rssMb);
        ourBytes.push_back(ours->bytesPerRoute);
        const auto bird = measureBird(routes);
        if (!bird) {
            std::fprintf(stderr, "bench bgp: the BIRD run failed (is bird2 installed?)\n");
            return 1;
        }
        birdSeconds.push_back(bird->seconds);
        birdCpu.push_back(bird->cpuSeconds);
        birdRss.push_back(bird->rssMb);
        birdBytes.push_back(bird->bytesPerRoute);
    }
    const std::string name = routes == 1'000'000 ? "1M" : std::to_string(routes);
    std::printf("BENCH bgp.ingest.%s seconds=%.3f cpu_seconds=%.3f rss_mb=%.1f "
                "bytes_per_route=%.0f time_ratio_vs_bird=%.2f cpu_ratio_vs_bird=%.2f\n",
                name.c_str(), median(ourSeconds), median(ourCpu), median(ourRss), median(ourBytes),
                median(ourSeconds) / median(birdSeconds), median(ourCpu) / median(birdCpu));
    std::printf("BENCH bgp.ingest.%s.bird seconds=%.3f cpu_seconds=%.3f rss_mb=%.1f "
                "bytes_per_route=%.0f\n",
                name.c_str(), median(birdSeconds), median(birdCpu), median(birdRss),
                median(birdBytes));
    return 0;
}
