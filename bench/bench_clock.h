#pragma once
// Timing for the in-process benchmarks: per-op cycle counts from the TSC, thread CPU time for
// throughput (time the scheduler gives to other processes on a shared machine is not counted),
// and the median that every reported figure is.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <vector>

#if defined(__x86_64__)
#include <x86intrin.h>
#endif

namespace bwx::bench {

using Clock = std::chrono::steady_clock;

// lfence; rdtsc ... rdtscp: the pair costs ~10-20 ns, which every per-op latency includes.
inline std::uint64_t readTsc()
{
#if defined(__x86_64__)
    _mm_lfence();
    return __rdtsc();
#else
    return static_cast<std::uint64_t>(Clock::now().time_since_epoch().count());
#endif
}

inline std::uint64_t readTscEnd()
{
#if defined(__x86_64__)
    unsigned aux = 0;
    return __rdtscp(&aux);
#else
    return static_cast<std::uint64_t>(Clock::now().time_since_epoch().count());
#endif
}

// TSC ticks per nanosecond, calibrated against steady_clock over 200 ms.
inline double tscPerNanosecond()
{
#if defined(__x86_64__)
    const auto t0 = Clock::now();
    const std::uint64_t c0 = readTsc();
    while (Clock::now() - t0 < std::chrono::milliseconds(200)) {
    }
    const std::uint64_t c1 = readTscEnd();
    const double ns = std::chrono::duration<double, std::nano>(Clock::now() - t0).count();
    return static_cast<double>(c1 - c0) / ns;
#else
    return 1.0;
#endif
}

inline double threadCpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

inline double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

// The q-quantile of cycle counts, in nanoseconds (reorders `v`).
inline double percentileNs(std::vector<std::uint32_t> &v, double q, double tscPerNs)
{
    if (v.empty())
        return 0.0;
    const auto k = static_cast<std::ptrdiff_t>(q * static_cast<double>(v.size() - 1));
    std::nth_element(v.begin(), v.begin() + k, v.end());
    return static_cast<double>(v[static_cast<std::size_t>(k)]) / tscPerNs;
}

// Profiles only the timed passes: with BWX_PERF_CTL naming the control FIFO of
// `perf record --control=fifo:FIFO -D -1`, sampling is enabled for the object's lifetime.
// Without it this does nothing (perf cannot otherwise tell the set-up from the timed part).
class PerfWindow
{
public:
    PerfWindow() { send("enable\n"); }
    ~PerfWindow() { send("disable\n"); }
    PerfWindow(const PerfWindow &) = delete;
    PerfWindow &operator=(const PerfWindow &) = delete;

private:
    static void send(const char *command)
    {
        const char *path = std::getenv("BWX_PERF_CTL");
        if (path == nullptr || *path == '\0')
            return;
        if (std::FILE *f = std::fopen(path, "w")) {
            std::fputs(command, f);
            std::fclose(f);
        }
    }
};

} // namespace bwx::bench
