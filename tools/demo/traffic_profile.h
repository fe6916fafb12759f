#pragma once
// How hard a demo buyer uses a trade: a rate for every 5-minute bin, deterministic in the trade
// and the bin so a restarted demo continues the same curve. A buyer's trades, in the order it
// bought them, run under, near, over, near, under their capacity, and so on: every buyer with
// three trades or more has one over its commitment. Each curve has a daily peak in the evening
// (UTC) and some noise, so the 95th percentile and the usage flags differ from trade to trade.
#include <cstddef>
#include <cstdint>

namespace bwx::demo {

enum class UsageClass { Under, Near, Over };

// `ordinal`: the trade's place among its buyer's trades, oldest first, from 0.
UsageClass usageClassOf(std::size_t ordinal);

// kbit/s in the bin starting at `binStartSeconds` (a multiple of 300) for a trade of `capacityKbps`.
std::int64_t rateKbps(std::uint64_t tradeId, std::size_t ordinal, std::int64_t capacityKbps,
                      std::int64_t binStartSeconds);

} // namespace bwx::demo
