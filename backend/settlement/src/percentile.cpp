#include "bwx/settlement/percentile.h"

#include "bwx/settlement/usage.h"

#include <algorithm>
#include <vector>

namespace bwx::settlement {

std::uint64_t bitsPerSecondOf(std::uint64_t binBytes) noexcept
{
    __extension__ using u128 = unsigned __int128;
    return static_cast<std::uint64_t>(static_cast<u128>(binBytes) * 8 / kBinSeconds);
}

Percentile95
percentile95(const std::map<std::int64_t, std::uint64_t> &bins, Timestamp from, Timestamp to)
{
    Percentile95 p;
    if (!(from < to))
        return p;
    const std::int64_t first = binOf(from);
    const std::int64_t end = binOf(Timestamp(to.value() - 1)) + 1; // exclusive, rounded up
    p.samples = end - first;
    p.dropped = p.samples / 20;
    // Only bins with traffic are stored; the rest are zeros and sort below every stored one.
    std::vector<std::uint64_t> present;
    for (auto it = bins.lower_bound(first); it != bins.end() && it->first < end; ++it)
        if (it->second != 0)
            present.push_back(it->second);
    const std::int64_t rank = p.samples - p.dropped; // 1-based rank of the 95th sample
    const std::int64_t zeros = p.samples - static_cast<std::int64_t>(present.size());
    if (rank > zeros) {
        const auto k = static_cast<std::size_t>(rank - zeros - 1);
        std::nth_element(present.begin(), present.begin() + static_cast<std::ptrdiff_t>(k),
                         present.end());
        p.bytes = present[k];
    }
    p.bitsPerSecond = bitsPerSecondOf(p.bytes);
    p.rate = Bandwidth(static_cast<std::int64_t>(p.bitsPerSecond / 1000));
    return p;
}

} // namespace bwx::settlement
