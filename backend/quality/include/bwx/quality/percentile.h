#pragma once
// Nearest-rank percentiles: the p-th percentile of n values is the value at rank ceil(p * n / 100)
// (1-based) in sorted order — always one of the values, never an interpolation between two.
#include <cstddef>
#include <cstdint>
#include <span>

namespace bwx::quality {

// The 1-based rank for `percent` in 1..100 of `n` > 0 values.
std::size_t nearestRank(std::size_t n, unsigned percent) noexcept;

// `values` must not be empty; they need not be sorted.
std::uint32_t percentileOf(std::span<const std::uint32_t> values, unsigned percent);

} // namespace bwx::quality
