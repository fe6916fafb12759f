#pragma once
// Usage per trade and direction in 5-minute bins, and what could not be attributed, by reason.
//
// A flow that spans several bins is pro-rated by the time it overlaps each one, in integers:
// bin i gets floor(bytes × overlap_i / duration); the bytes left over (fewer than the number of
// bins) go one each to the bins with the largest remainders of that division, earlier bin first
// on equal remainders. The split always sums to the flow's bytes and does not depend on the
// order flows arrive in.
#include "bwx/domain/units.h"
#include "bwx/settlement/attribution.h"
#include "bwx/settlement/flow_record.h"

#include <array>
#include <cstdint>
#include <map>
#include <utility>
#include <vector>

namespace bwx::settlement {

inline constexpr std::int64_t kBinSeconds = 300;
inline constexpr Duration kBin = seconds(kBinSeconds);
// A flow claiming to last longer than this is cut to its last 31 days: no exporter keeps a flow
// open that long, and it bounds the work one record can cause.
inline constexpr std::int64_t kMaxFlowBins = 31 * 24 * 12;

// The bin holding `t`: floor(t / 5 min), counted from the Unix epoch.
std::int64_t binOf(Timestamp t) noexcept;
Timestamp binStart(std::int64_t bin) noexcept;

struct BinShare
{
    std::int64_t bin = 0;
    std::uint64_t bytes = 0;
    friend bool operator==(const BinShare &, const BinShare &) = default;
};

// Splits `bytes` of a flow over [start, end] into 5-minute bins (the rule above). A flow with
// end <= start lies wholly in the bin of start.
std::vector<BinShare> splitIntoBins(Timestamp start, Timestamp end, std::uint64_t bytes);

struct UnattributedTotals
{
    std::uint64_t flows = 0;
    std::uint64_t bytes = 0;
};

// Where statements and usage series read 5-minute samples from: the in-memory accumulator, or
// the usage database (bwx_settlement_service).
class BinSource
{
public:
    virtual ~BinSource() = default;
    // Bytes per bin of one trade and direction, for the bins in [firstBin, endBin); bins
    // without traffic may be absent.
    virtual std::map<std::int64_t, std::uint64_t>
    binsOf(TradeId trade, Direction direction, std::int64_t firstBin, std::int64_t endBin) const = 0;
};

class UsageAccumulator : public BinSource
{
public:
    // Adds a flow: into its trade's bins when attributed, else into the reason's totals.
    void add(const FlowRecord &flow, const Attribution &attribution);

    // Bytes per bin of one trade and direction (empty when none).
    const std::map<std::int64_t, std::uint64_t> &bins(TradeId trade, Direction direction) const;
    std::uint64_t totalBytes(TradeId trade, Direction direction) const;
    const UnattributedTotals &unattributed(Unattributed reason) const;
    std::uint64_t attributedFlows() const noexcept { return m_attributedFlows; }

    std::map<std::int64_t, std::uint64_t> binsOf(TradeId trade,
                                                 Direction direction,
                                                 std::int64_t firstBin,
                                                 std::int64_t endBin) const override;

private:
    std::map<std::pair<std::uint64_t, std::uint8_t>, std::map<std::int64_t, std::uint64_t>> m_bins;
    std::array<UnattributedTotals, kUnattributedCount> m_unattributed{};
    std::uint64_t m_attributedFlows = 0;
};

} // namespace bwx::settlement
