#include "bwx/quality/percentile.h"

#include <algorithm>
#include <cassert>
#include <vector>

namespace bwx::quality {

std::size_t nearestRank(std::size_t n, unsigned percent) noexcept
{
    assert(n > 0 && percent >= 1 && percent <= 100);
    const std::size_t rank = (n * percent + 99) / 100;
    return std::max<std::size_t>(rank, 1);
}

std::uint32_t percentileOf(std::span<const std::uint32_t> values, unsigned percent)
{
    assert(!values.empty());
    std::vector<std::uint32_t> copy(values.begin(), values.end());
    const std::size_t index = nearestRank(copy.size(), percent) - 1;
    std::nth_element(copy.begin(), copy.begin() + static_cast<std::ptrdiff_t>(index), copy.end());
    return copy[index];
}

} // namespace bwx::quality
