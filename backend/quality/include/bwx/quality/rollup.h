#pragma once
// Rollups: per path, source and time bucket (5 minutes, an hour, a day) the sample count, latency
// percentiles, mean loss and mean jitter. Sums and a latency histogram are kept beside the figures
// so that a bucket can take more samples at any time (a late import, say) without its raw samples.
#include "bwx/domain/units.h"
#include "bwx/quality/latency_histogram.h"
#include "bwx/quality/measurement.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>

namespace bwx::quality {

enum class Granularity : std::uint32_t { FiveMinutes = 300, Hour = 3600, Day = 86400 };

inline constexpr std::array<Granularity, 3> kGranularities
    = {Granularity::FiveMinutes, Granularity::Hour, Granularity::Day};

constexpr std::int64_t bucketSeconds(Granularity g) noexcept
{
    return static_cast<std::int64_t>(g);
}

// The start of the bucket holding `t` (buckets are aligned to the Unix epoch, so days are UTC
// days).
Timestamp bucketStart(Timestamp t, Granularity g) noexcept;
std::string_view toString(Granularity g) noexcept;

// The mergeable state of one bucket.
struct RollupAccumulator
{
    std::uint64_t samples = 0;
    std::uint64_t reachable = 0; // samples with a latency
    std::uint64_t lossSum = 0;   // ppm
    std::uint64_t jitterCount = 0;
    std::uint64_t jitterSum = 0; // us
    LatencyHistogram latency;

    void add(const Measurement &m);
    void merge(const RollupAccumulator &other);
    friend bool operator==(const RollupAccumulator &, const RollupAccumulator &) = default;
};

struct RollupRow
{
    Granularity granularity = Granularity::FiveMinutes;
    Timestamp bucket{};
    std::string source; // the source, or "own" / "third-party" / "all" for merged selections
    std::uint64_t samples = 0;
    std::uint64_t reachable = 0;
    std::optional<std::uint32_t> latencyP50Us; // nothing when no sample in the bucket answered
    std::optional<std::uint32_t> latencyP95Us;
    std::uint32_t lossMeanPpm = 0;
    std::optional<std::uint32_t> jitterMeanUs;
};

RollupRow toRow(const RollupAccumulator &acc, Granularity g, Timestamp bucket, std::string source);

// How long each kind of data is kept; zero keeps it forever.
struct Retention
{
    Duration raw = seconds(14 * 24 * 3600);
    Duration fiveMinutes = seconds(35 * 24 * 3600);
    Duration hour = seconds(400 * 24 * 3600);
    Duration day = Duration(0);

    Duration of(Granularity g) const noexcept;
};

} // namespace bwx::quality
