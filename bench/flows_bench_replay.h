#pragma once
// Replays an export to a UDP port at a given rate of flow records per second, rewriting each
// copy's sequence number so that repeated passes over the export are new, in-order datagrams
// (not duplicates, not gaps) to any collector.
#include "flows_bench_traffic.h"

#include <cstdint>

namespace bwx::bench {

struct ReplayResult
{
    std::uint64_t flows = 0;
    std::uint64_t datagrams = 0;
    double seconds = 0;
};

ReplayResult replay(const Export &e, std::uint16_t port, double flowsPerSecond, double seconds);

} // namespace bwx::bench
