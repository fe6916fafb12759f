#include "bwx/settlement/usage.h"

#include <algorithm>

namespace bwx::settlement {

namespace {
__extension__ using u128 = unsigned __int128;
constexpr std::int64_t kBinNanos = kBinSeconds * 1'000'000'000;

std::int64_t floorDiv(std::int64_t a, std::int64_t b) noexcept
{
    const std::int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}
} // namespace

std::int64_t binOf(Timestamp t) noexcept
{
    return floorDiv(t.value(), kBinNanos);
}

Timestamp binStart(std::int64_t bin) noexcept
{
    return Timestamp(bin * kBinNanos);
}

std::vector<BinShare> splitIntoBins(Timestamp start, Timestamp end, std::uint64_t bytes)
{
    if (!(start < end))
        return {BinShare{binOf(start), bytes}};
    const std::int64_t last = binOf(Timestamp(end.value() - 1));
    std::int64_t first = binOf(start);
    std::int64_t from = start.value();
    if (last - first >= kMaxFlowBins) {
        first = last - kMaxFlowBins + 1;
        from = binStart(first).value();
    }
    const auto duration = static_cast<u128>(end.value() - from);
    std::vector<BinShare> shares;
    std::vector<u128> remainders;
    shares.reserve(static_cast<std::size_t>(last - first + 1));
    remainders.reserve(shares.capacity());
    std::uint64_t assigned = 0;
    for (std::int64_t bin = first; bin <= last; ++bin) {
        const std::int64_t lo = std::max(from, binStart(bin).value());
        const std::int64_t hi = std::min(end.value(), binStart(bin + 1).value());
        const u128 weighted = static_cast<u128>(bytes) * static_cast<u128>(hi - lo);
        const auto share = static_cast<std::uint64_t>(weighted / duration);
        shares.push_back(BinShare{bin, share});
        remainders.push_back(weighted % duration);
        assigned += share;
    }
    std::uint64_t left = bytes - assigned; // < number of bins
    if (left > 0) {
        std::vector<std::size_t> order(shares.size());
        for (std::size_t i = 0; i < order.size(); ++i)
            order[i] = i;
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return remainders[a] > remainders[b];
        });
        for (std::size_t i = 0; left > 0; ++i, --left)
            ++shares[order[i]].bytes;
    }
    return shares;
}

void UsageAccumulator::add(const FlowRecord &flow, const Attribution &attribution)
{
    if (!attribution.attributed) {
        auto &u = m_unattributed[static_cast<std::size_t>(attribution.reason)];
        ++u.flows;
        u.bytes += flow.bytes;
        return;
    }
    ++m_attributedFlows;
    auto &bins
        = m_bins[{attribution.trade.value(), static_cast<std::uint8_t>(attribution.direction)}];
    for (const BinShare &s : splitIntoBins(flow.start, flow.end, flow.bytes))
        if (s.bytes != 0)
            bins[s.bin] += s.bytes;
}

const std::map<std::int64_t, std::uint64_t> &UsageAccumulator::bins(TradeId trade,
                                                                    Direction direction) const
{
    static const std::map<std::int64_t, std::uint64_t> kNone;
    const auto it = m_bins.find({trade.value(), static_cast<std::uint8_t>(direction)});
    return it == m_bins.end() ? kNone : it->second;
}

std::map<std::int64_t, std::uint64_t> UsageAccumulator::binsOf(TradeId trade,
                                                               Direction direction,
                                                               std::int64_t firstBin,
                                                               std::int64_t endBin) const
{
    const auto &all = bins(trade, direction);
    return {all.lower_bound(firstBin), all.lower_bound(endBin)};
}

std::uint64_t UsageAccumulator::totalBytes(TradeId trade, Direction direction) const
{
    std::uint64_t total = 0;
    for (const auto &[bin, bytes] : bins(trade, direction))
        total += bytes;
    return total;
}

const UnattributedTotals &UsageAccumulator::unattributed(Unattributed reason) const
{
    return m_unattributed[static_cast<std::size_t>(reason)];
}

} // namespace bwx::settlement
