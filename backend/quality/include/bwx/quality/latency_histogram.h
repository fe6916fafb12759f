#pragma once
// A mergeable latency histogram, so hourly and daily percentiles can be kept up to date one sample
// at a time (and after the raw samples have been pruned) instead of being recomputed from raw data.
//
// Log-linear bins: values below 256 us have a bin each (exact); above, every power of two is cut
// into 128 equal bins, so a bin is at most 1/128 (0.8 %) of its lower bound wide. A percentile is
// reported as the lower bound of the bin holding the nearest-rank value: never above the exact
// nearest-rank percentile, and less than 1/128 of it below.
#include "bwx/expected.h"

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <vector>

namespace bwx::quality {

class LatencyHistogram
{
public:
    static std::uint32_t binOf(std::uint32_t valueUs) noexcept;
    static std::uint32_t lowerBound(std::uint32_t bin) noexcept;

    void add(std::uint32_t valueUs, std::uint64_t count = 1);
    void merge(const LatencyHistogram &other);

    std::uint64_t count() const noexcept { return m_count; }
    bool empty() const noexcept { return m_count == 0; }
    // Nearest-rank percentile, `percent` in 1..100; nothing when empty.
    std::optional<std::uint32_t> percentile(unsigned percent) const;

    // Compact encoding for storage: (bin delta, count) pairs as LEB128 varints.
    std::vector<std::uint8_t> encode() const;
    static Expected<LatencyHistogram> decode(std::span<const std::uint8_t> bytes);

    friend bool operator==(const LatencyHistogram &, const LatencyHistogram &) = default;

private:
    std::map<std::uint32_t, std::uint64_t> m_bins;
    std::uint64_t m_count = 0;
};

} // namespace bwx::quality
