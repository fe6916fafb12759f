#pragma once
// The usage series of one trade over a window, as QueryUsage answers it: one sample per 5-minute
// bin that carried traffic (bins without traffic are omitted: they are samples of 0), the 95th
// percentile over the window within the delivery period (the higher of the two directions, as
// billed), and the verdict against the traded capacity.
#include "bwx/proto/messages.h"
#include "bwx/settlement/trades.h"
#include "bwx/settlement/usage.h"
#include "bwx/settlement/usage_alerts.h"

#include <cstddef>
#include <map>

namespace bwx::settlement {

// Samples carried by a reply of `maxBytes` (the rest of the message is small and fixed).
std::size_t maxSamplesFor(std::size_t maxBytes) noexcept;

struct SeriesResult
{
    proto::UsageSeries series;
    std::size_t samplesOmitted = 0; // more bins had traffic than a reply may carry
};

SeriesResult usageSeriesOf(const TradeTerms &trade,
                           Timestamp from,
                           Timestamp to,
                           const BinSource &usage,
                           const UsageThresholds &thresholds,
                           std::size_t maxSamples);

// Traffic of nobody's trade as a series (forward bytes only; trade id 0, no capacity).
SeriesResult unattributedSeriesOf(const std::map<std::int64_t, std::uint64_t> &bins,
                                  std::size_t maxSamples);

std::uint8_t wireFlag(UsageFlag flag) noexcept;

} // namespace bwx::settlement
