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
// The fan-out half (10 members x 50k prefixes through trades) needs the arbiter and is not here.
#include "bwx/bgp/speaker.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>
#include <poll.h>
#include <spawn.h>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

extern char **environ;

namespace {

using namespace bwx;
using Clock = std::chrono::steady_clock;

long long nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch())
        .count();
}

// User + system CPU of a process in milliseconds (clock-tick resolution, 10 ms).
long cpuMs(pid_t pid)
{
    std::ifstream f("/proc/" + std::to_string(pid) + "/stat");
    std::string stat((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    const auto close = stat.rfind(')');
    if (close == std::string::npos)
        return 0;
    std::istringstream in(stat.substr(close + 2));
    std::string field;
    long utime = 0, stime = 0;
    for (int i = 3; i <= 15 && in >> field; ++i) {
        if (i == 14)
            utime = std::stol(field);
        if (i == 15)
            stime = std::stol(field);
    }
    return (utime + stime) * 1000 / sysconf(_SC_CLK_TCK);
}

long rssKb(pid_t pid)
{
    std::ifstream f(pid == 0 ? std::string("/proc/self/status")
                             : "/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(f, line))
        if (line.rfind("VmRSS:", 0) == 0)
            return std::stol(line.substr(6));
    return 0;
}

// A child process with its stdout on a pipe.
class Child
{
public:
    bool start(const std::vector<std::string> &args, bool quiet = false)
    {
        int fds[2];
        if (pipe(fds) != 0)
            return false;
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
        posix_spawn_file_actions_addclose(&actions, fds[0]);
        if (quiet)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
        std::vector<char *> argv;
        for (const std::string &a : args)
            argv.push_back(const_cast<char *>(a.c_str()));
        argv.push_back(nullptr);
        const int rc = posix_spawnp(&m_pid, argv[0], &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        close(fds[1]);
        m_fd = fds[0];
        return rc == 0;
    }

    // The next line of output, waiting at most `timeout`.
    std::optional<std::string> readLine(std::chrono::seconds timeout)
    {
        const auto deadline = Clock::now() + timeout;
        for (;;) {
            if (auto nl = m_buffer.find('\n'); nl != std::string::npos) {
                std::string line = m_buffer.substr(0, nl);
                m_buffer.erase(0, nl + 1);
                return line;
            }
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - Clock::now());
            if (left.count() <= 0)
                return std::nullopt;
            pollfd p{m_fd, POLLIN, 0};
            if (poll(&p, 1, int(left.count())) <= 0)
                continue;
            char buf[4096];
            const ssize_t n = read(m_fd, buf, sizeof buf);
            if (n <= 0)
                return std::nullopt;
            m_buffer.append(buf, std::size_t(n));
        }
    }

    // The first line starting with `word`, its remaining fields.
    std::optional<std::vector<std::string>> expect(const std::string &word,
                                                   std::chrono::seconds timeout)
    {
        const auto deadline = Clock::now() + timeout;
        while (Clock::now() < deadline) {
            auto line = readLine(std::chrono::duration_cast<std::chrono::seconds>(
                                     deadline - Clock::now())
                                 + std::chrono::seconds(1));
            if (!line)
                return std::nullopt;
            std::istringstream in(*line);
            std::string first;
            in >> first;
            if (first != word)
                continue;
            std::vector<std::string> fields;
            for (std::string f; in >> f;)
                fields.push_back(f);
            return fields;
        }
        return std::nullopt;
    }

    pid_t pid() const { return m_pid; }

    void stop()
    {
        if (m_pid > 0) {
            kill(m_pid, SIGTERM);
            int status = 0;
            waitpid(m_pid, &status, 0);
            m_pid = -1;
        }
        if (m_fd >= 0)
            close(m_fd);
        m_fd = -1;
    }

    ~Child() { stop(); }

private:
    pid_t m_pid = -1;
    int m_fd = -1;
    std::string m_buffer;
};

std::string runCapture(const std::vector<std::string> &args)
{
    Child c;
    if (!c.start(args, true))
        return {};
    std::string out;
    while (auto line = c.readLine(std::chrono::seconds(5)))
        out += *line + "\n";
    return out;
}

struct Sample
{
    double seconds = 0;
    double cpuSeconds = 0; // CPU the receiver spent between Established and the last route
    double rssMb = 0;
    double bytesPerRoute = 0;
};

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

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
