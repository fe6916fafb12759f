#include "bwx/quality/train_stats.h"

#include <algorithm>
#include <cassert>
#include <limits>

namespace bwx::quality {

__extension__ using u128 = unsigned __int128;

std::uint32_t lossPpm(std::uint64_t sent, std::uint64_t received) noexcept
{
    assert(sent > 0 && received <= sent);
    if (received == 0)
        return 1'000'000;
    const std::uint64_t lost = sent - received;
    // 128-bit so that counts near 2^64 cannot overflow the product.
    const auto ppm
        = static_cast<std::uint64_t>((static_cast<u128>(lost) * 1'000'000u + sent / 2) / sent);
    return static_cast<std::uint32_t>(std::min<std::uint64_t>(ppm, 999'999));
}

std::uint32_t nanosToMicros(std::int64_t ns) noexcept
{
    if (ns <= 0)
        return 0;
    const std::int64_t us = ns / 1000 + (ns % 1000 >= 500 ? 1 : 0);
    return static_cast<std::uint32_t>(
        std::min<std::int64_t>(us, std::numeric_limits<std::uint32_t>::max()));
}

namespace {

// Mean of `count` values whose sum is `sumNs`, in microseconds rounded to nearest.
std::uint32_t meanMicros(u128 sumNs, std::uint64_t count)
{
    const u128 divisor = static_cast<u128>(count) * 1000u;
    const u128 us = (sumNs + divisor / 2) / divisor;
    return us > std::numeric_limits<std::uint32_t>::max()
               ? std::numeric_limits<std::uint32_t>::max()
               : static_cast<std::uint32_t>(us);
}

} // namespace

TrainStats summarizeTrain(std::span<const std::optional<std::int64_t>> rttNs)
{
    TrainStats stats;
    stats.sent = static_cast<std::uint32_t>(
        std::min<std::size_t>(rttNs.size(), std::numeric_limits<std::uint32_t>::max()));
    u128 sum = 0;
    u128 jitterSum = 0;
    std::uint64_t pairs = 0;
    std::int64_t minNs = std::numeric_limits<std::int64_t>::max();
    std::int64_t maxNs = 0;
    std::optional<std::int64_t> previous;
    for (std::size_t i = 0; i < stats.sent; ++i) {
        const std::optional<std::int64_t> &rtt = rttNs[i];
        if (!rtt || *rtt < 0) {
            previous.reset();
            continue;
        }
        ++stats.received;
        sum += static_cast<std::uint64_t>(*rtt);
        minNs = std::min(minNs, *rtt);
        maxNs = std::max(maxNs, *rtt);
        if (previous) {
            const std::int64_t d = *rtt - *previous;
            jitterSum += static_cast<std::uint64_t>(d < 0 ? -d : d);
            ++pairs;
        }
        previous = *rtt;
    }
    if (stats.sent == 0)
        return stats;
    stats.lossPpm = lossPpm(stats.sent, stats.received);
    if (stats.received > 0) {
        stats.latencyUs = meanMicros(sum, stats.received);
        stats.minUs = nanosToMicros(minNs);
        stats.maxUs = nanosToMicros(maxNs);
    }
    if (pairs > 0)
        stats.jitterUs = meanMicros(jitterSum, pairs);
    return stats;
}

} // namespace bwx::quality
