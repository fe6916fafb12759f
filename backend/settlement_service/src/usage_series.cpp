#include "bwx/settlement_service/usage_series.h"

#include "bwx/settlement/percentile.h"

#include <algorithm>

namespace bwx::settlement {

namespace {

constexpr std::size_t kSampleWireBytes = 5 * 8; // UsageSample: five 8-byte fields
constexpr std::size_t kFixedWireBytes = 64;     // frame header, trade id, capacity, p95, count...

Bandwidth rateOf(std::uint64_t bytes)
{
    return Bandwidth(static_cast<std::int64_t>(bitsPerSecondOf(bytes) / 1000));
}

} // namespace

std::size_t maxSamplesFor(std::size_t maxBytes) noexcept
{
    return maxBytes > kFixedWireBytes ? (maxBytes - kFixedWireBytes) / kSampleWireBytes : 0;
}

std::uint8_t wireFlag(UsageFlag flag) noexcept
{
    return static_cast<std::uint8_t>(flag);
}

SeriesResult usageSeriesOf(const TradeTerms &trade,
                           Timestamp from,
                           Timestamp to,
                           const BinSource &usage,
                           const UsageThresholds &thresholds,
                           std::size_t maxSamples)
{
    SeriesResult result;
    proto::UsageSeries &s = result.series;
    s.trade = trade.id;
    s.committed = trade.committed;
    const std::int64_t first = binOf(from);
    const std::int64_t end = binOf(Timestamp(to.value() - 1)) + 1;
    const auto forward = usage.binsOf(trade.id, Direction::ToDestination, first, end);
    const auto reverse = usage.binsOf(trade.id, Direction::FromDestination, first, end);

    // The billed figure: over the part of the window inside the delivery period.
    const Timestamp billedFrom = std::max(from, trade.deliveryStart);
    const Timestamp billedTo = std::min(to, trade.deliveryEnd);
    if (billedFrom < billedTo) {
        const Bandwidth f = percentile95(forward, billedFrom, billedTo).rate;
        const Bandwidth r = percentile95(reverse, billedFrom, billedTo).rate;
        s.p95 = std::max(f, r);
    }
    s.usage = wireFlag(classifyUsage(s.p95, s.committed, thresholds));

    std::map<std::int64_t, proto::UsageSample> merged;
    for (const auto &[bin, bytes] : forward) {
        auto &sample = merged[bin];
        sample.bytesForward = bytes;
        sample.rateForward = rateOf(bytes);
    }
    for (const auto &[bin, bytes] : reverse) {
        auto &sample = merged[bin];
        sample.bytesReverse = bytes;
        sample.rateReverse = rateOf(bytes);
    }
    for (auto &[bin, sample] : merged) {
        if (s.samples.size() == maxSamples) {
            result.samplesOmitted = merged.size() - maxSamples;
            break;
        }
        sample.binStart = binStart(bin);
        s.samples.push_back(sample);
    }
    return result;
}

SeriesResult unattributedSeriesOf(const std::map<std::int64_t, std::uint64_t> &bins,
                                  std::size_t maxSamples)
{
    SeriesResult result;
    for (const auto &[bin, bytes] : bins) {
        if (result.series.samples.size() == maxSamples) {
            result.samplesOmitted = bins.size() - maxSamples;
            break;
        }
        proto::UsageSample sample;
        sample.binStart = binStart(bin);
        sample.bytesForward = bytes;
        sample.rateForward = rateOf(bytes);
        result.series.samples.push_back(sample);
    }
    return result;
}

} // namespace bwx::settlement
