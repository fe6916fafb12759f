#include "bgp_bench_process.h"

#include <algorithm>
#include <csignal>
#include <fcntl.h>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <poll.h>
#include <spawn.h>
#include <sstream>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace bwx::bench {

void waitForOtherBgpBenchmarks()
{
    // Never closed: the lock goes with the process.
    const int fd = ::open("/tmp/bwx-bench-bgp.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (fd < 0)
        return; // no lock to be had: run anyway, as before
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0)
        return;
    std::fprintf(stderr, "waiting for another BGP benchmark to finish (/tmp/bwx-bench-bgp.lock)\n");
    ::flock(fd, LOCK_EX);
}

using Clock = std::chrono::steady_clock;

long long nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch())
        .count();
}

long cpuMs(pid_t pid)
{
    std::ifstream f("/proc/" + std::to_string(pid) + "/stat");
    const std::string stat((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    // The command name may hold spaces and parentheses: fields are counted after the last ')'.
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

namespace {

long statusKb(pid_t pid, const std::string &field)
{
    std::ifstream f(pid == 0 ? std::string("/proc/self/status")
                             : "/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(f, line))
        if (line.rfind(field, 0) == 0)
            return std::stol(line.substr(field.size()));
    return 0;
}

} // namespace

long rssKb(pid_t pid)
{
    return statusKb(pid, "VmRSS:");
}

long peakRssKb(pid_t pid)
{
    return statusKb(pid, "VmHWM:");
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
}

Child::~Child()
{
    stop();
}

bool Child::start(const std::vector<std::string> &args, bool quiet)
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
    if (rc != 0)
        m_pid = -1;
    return rc == 0;
}

std::optional<std::string> Child::readLine(std::chrono::milliseconds timeout)
{
    const auto deadline = Clock::now() + timeout;
    for (;;) {
        if (auto nl = m_buffer.find('\n'); nl != std::string::npos) {
            std::string line = m_buffer.substr(0, nl);
            m_buffer.erase(0, nl + 1);
            return line;
        }
        const auto left
            = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (left.count() <= 0 || m_fd < 0)
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

std::optional<std::vector<std::string>> Child::expect(const std::string &word,
                                                      std::chrono::seconds timeout)
{
    const auto deadline = Clock::now() + timeout;
    while (Clock::now() < deadline) {
        auto line = readLine(
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now())
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

void Child::stop()
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

} // namespace bwx::bench
