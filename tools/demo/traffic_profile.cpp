#include "traffic_profile.h"

namespace bwx::demo {
namespace {

// splitmix64: a well-mixed hash, so neighbouring trade ids and bins look unrelated.
std::uint64_t mix(std::uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

// Peak level in per mille of capacity, by class, with a per-trade spread.
std::int64_t peakPerMille(std::uint64_t tradeId, std::size_t ordinal)
{
    const std::int64_t spread = static_cast<std::int64_t>(mix(tradeId * 7 + 1) % 150);
    switch (usageClassOf(ordinal)) {
    case UsageClass::Under: return 250 + spread;  // 25-40%: p95 under the 50% threshold
    case UsageClass::Near: return 720 + spread;   // 72-87%
    case UsageClass::Over: return 1150 + spread;  // 115-130%: p95 over the commitment
    }
    return 0;
}

} // namespace

UsageClass usageClassOf(std::size_t ordinal)
{
    static constexpr UsageClass kCycle[] = {UsageClass::Under, UsageClass::Near, UsageClass::Over,
                                            UsageClass::Near, UsageClass::Under};
    return kCycle[ordinal % 5];
}

std::int64_t rateKbps(std::uint64_t tradeId, std::size_t ordinal, std::int64_t capacityKbps,
                      std::int64_t binStartSeconds)
{
    // Daily shape: 70% of the peak at 08:00 UTC rising linearly to 100% at 20:00 and back.
    const std::int64_t minuteOfDay = (binStartSeconds % 86400) / 60;
    const std::int64_t fromPeak = minuteOfDay >= 1200 ? minuteOfDay - 1200 : 1200 - minuteOfDay;
    const std::int64_t distance = fromPeak > 720 ? 1440 - fromPeak : fromPeak; // 0..720 minutes
    const std::int64_t daily = 1000 - 300 * distance / 720;
    // Noise: 92-100% of that, bin by bin.
    const std::int64_t noise = 920 + static_cast<std::int64_t>(
                                         mix(tradeId ^ static_cast<std::uint64_t>(binStartSeconds) * 31) % 81);
    return capacityKbps * peakPerMille(tradeId, ordinal) / 1000 * daily / 1000 * noise / 1000;
}

} // namespace bwx::demo
