#include "bwx/quality/rollup.h"

#include <algorithm>

namespace bwx::quality {

Timestamp bucketStart(Timestamp t, Granularity g) noexcept
{
    const std::int64_t size = bucketSeconds(g) * units::kNanosPerSecond;
    std::int64_t start = t.value() - t.value() % size;
    if (t.value() % size < 0)
        start -= size;
    return Timestamp(start);
}

std::string_view toString(Granularity g) noexcept
{
    switch (g) {
    case Granularity::FiveMinutes:
        return "5m";
    case Granularity::Hour:
        return "1h";
    case Granularity::Day:
        return "1d";
    }
    return "?";
}

void RollupAccumulator::add(const Measurement &m)
{
    ++samples;
    lossSum += std::min(m.lossPpm, kAllLostPpm);
    if (m.latencyUs) {
        ++reachable;
        latency.add(*m.latencyUs);
    }
    if (m.jitterUs) {
        ++jitterCount;
        jitterSum += *m.jitterUs;
    }
}

void RollupAccumulator::merge(const RollupAccumulator &other)
{
    samples += other.samples;
    reachable += other.reachable;
    lossSum += other.lossSum;
    jitterCount += other.jitterCount;
    jitterSum += other.jitterSum;
    latency.merge(other.latency);
}

RollupRow toRow(const RollupAccumulator &acc, Granularity g, Timestamp bucket, std::string source)
{
    RollupRow row;
    row.granularity = g;
    row.bucket = bucket;
    row.source = std::move(source);
    row.samples = acc.samples;
    row.reachable = acc.reachable;
    row.latencyP50Us = acc.latency.percentile(50);
    row.latencyP95Us = acc.latency.percentile(95);
    if (acc.samples > 0)
        row.lossMeanPpm = static_cast<std::uint32_t>((acc.lossSum + acc.samples / 2) / acc.samples);
    if (acc.jitterCount > 0)
        row.jitterMeanUs
            = static_cast<std::uint32_t>((acc.jitterSum + acc.jitterCount / 2) / acc.jitterCount);
    return row;
}

Duration Retention::of(Granularity g) const noexcept
{
    switch (g) {
    case Granularity::FiveMinutes:
        return fiveMinutes;
    case Granularity::Hour:
        return hour;
    case Granularity::Day:
        return day;
    }
    return Duration(0);
}

} // namespace bwx::quality
