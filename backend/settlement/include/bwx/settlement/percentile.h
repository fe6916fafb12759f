#pragma once
// The 95th percentile of 5-minute samples over a billing period.
//
// Definition. The period [from, to) is widened to whole bins (from rounded down, to rounded up
// to a 5-minute boundary); it has N = number of bins samples, a bin with no traffic being a
// sample of 0. Sort the N samples ascending and drop the top floor(N / 20) (5%, rounded down);
// the 95th percentile is the largest remaining sample, i.e. the sample of rank
// N - floor(N / 20) = ceil(0.95 N) counted from 1. A 30-day month: N = 8,640, 432 dropped, rank
// 8,208. Fewer than 20 samples: nothing is dropped, the 95th is the maximum. N = 0: 0.
//
// A sample is bytes in its bin; as a rate it is floor(bytes × 8 / 300) bit/s, and in the
// statement's unit floor(that / 1000) kbit/s.
#include "bwx/domain/units.h"

#include <cstdint>
#include <map>

namespace bwx::settlement {

struct Percentile95
{
    std::int64_t samples = 0; // N
    std::int64_t dropped = 0; // floor(N / 20)
    std::uint64_t bytes = 0;  // the 95th-percentile sample (bytes in its bin)
    std::uint64_t bitsPerSecond = 0;
    Bandwidth rate; // kbit/s, rounded down
};

// `bins` maps bin index to bytes (bins outside the period are ignored).
Percentile95
percentile95(const std::map<std::int64_t, std::uint64_t> &bins, Timestamp from, Timestamp to);

std::uint64_t bitsPerSecondOf(std::uint64_t binBytes) noexcept;

} // namespace bwx::settlement
