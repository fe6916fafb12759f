#pragma once
// What the BGP benchmarks need to run and watch other processes: child processes whose output
// lines carry the figures, and a process's CPU time and resident memory from /proc.
#include <chrono>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace bwx::bench {

// Steady-clock nanoseconds: CLOCK_MONOTONIC is one clock for every process on the host, so
// stamps printed by different processes compare directly.
long long nowNs();

// User + system CPU of a process in milliseconds (clock-tick resolution, 10 ms).
long cpuMs(pid_t pid);
// VmRSS of a process in KiB; pid 0 is this process.
long rssKb(pid_t pid);
// VmHWM (the largest VmRSS so far) of a process in KiB; pid 0 is this process.
long peakRssKb(pid_t pid);

double median(std::vector<double> values);

// Waits until no other BGP benchmark runs on this host, and keeps it so until this process
// exits: the benchmarks listen on fixed loopback addresses and ports, so a second run at the
// same time fails (or loads the machine under the first one's measurements).
void waitForOtherBgpBenchmarks();

// A child process with its stdout on a pipe; terminated (SIGTERM) and reaped on destruction.
class Child
{
public:
    Child() = default;
    Child(const Child &) = delete;
    Child &operator=(const Child &) = delete;
    ~Child();

    // `quiet` sends the child's stderr to /dev/null.
    bool start(const std::vector<std::string> &args, bool quiet = false);
    // The next line of output, waiting at most `timeout`.
    std::optional<std::string> readLine(std::chrono::milliseconds timeout);
    // The fields after the first line that starts with `word`, waiting at most `timeout`.
    std::optional<std::vector<std::string>> expect(const std::string &word,
                                                   std::chrono::seconds timeout);
    pid_t pid() const { return m_pid; }
    void stop();

private:
    pid_t m_pid = -1;
    int m_fd = -1;
    std::string m_buffer;
};

// Runs a command to completion (at most 5 s of silence) and returns its stdout.
std::string runCapture(const std::vector<std::string> &args);

} // namespace bwx::bench
