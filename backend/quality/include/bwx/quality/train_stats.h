#pragma once
// The figures of one probe train: round-trip time, loss and jitter from the per-probe answers.
//
// Jitter is the mean absolute difference between the round-trip times of adjacent probes that were
// both answered (RFC 3550's |D(i-1,i)|, as irtt reports it for round trips). RFC 3550 smooths D
// with a gain of 1/16 for a stream that never ends; a train is 10-1000 probes long, where that
// filter would still remember its starting value, so the plain mean is taken instead.
#include <cstdint>
#include <optional>
#include <span>

namespace bwx::quality {

struct TrainStats
{
    std::uint32_t sent = 0;
    std::uint32_t received = 0;
    std::optional<std::uint32_t> latencyUs; // mean RTT of the answered probes, rounded
    std::optional<std::uint32_t> minUs;
    std::optional<std::uint32_t> maxUs;
    std::uint32_t lossPpm = 0;
    std::optional<std::uint32_t> jitterUs; // needs two adjacent answered probes
};

// `rttNs` holds one entry per probe in send order; nothing for a probe that was not answered.
// Negative round-trip times are not possible from a monotonic clock and count as unanswered.
TrainStats summarizeTrain(std::span<const std::optional<std::int64_t>> rttNs);

// (sent - received) / sent in parts per million, rounded to nearest, but never 1'000'000 while
// anything was received (and exactly 1'000'000 when nothing was). `sent` must be positive and
// `received` <= `sent`.
std::uint32_t lossPpm(std::uint64_t sent, std::uint64_t received) noexcept;

// Nanoseconds to microseconds, rounded to nearest, saturating at the largest uint32.
std::uint32_t nanosToMicros(std::int64_t ns) noexcept;

} // namespace bwx::quality
