#pragma once
// Arguments people write for quality limits, ranking weights and member limits, turned into
// the protocol's integers. Pure and exact: decimals are parsed as digits, never through
// floating point, and more digits than the unit resolves are refused instead of rounded.
#include "bwx/domain/units.h"
#include "bwx/expected.h"
#include "bwx/proto/messages.h"

#include <cstdint>
#include <string_view>

namespace bwx::ctl {

// "25" or "12.5" milliseconds → microseconds (at most 3 decimals, at most 4294967 ms).
Expected<std::uint32_t> parseLatencyMs(std::string_view text);
// "0.5" percent → parts per million (at most 4 decimals, at most 100).
Expected<std::uint32_t> parseLossPercent(std::string_view text);
// "p,l,loss,d": four whole numbers 0-65535 for price, latency, loss and distance; at least one
// must be above 0.
Expected<proto::RankingWeights> parseWeights(std::string_view text);
// A number of messages per second for a member limit: 1-100000000.
Expected<std::uint32_t> parseMessageRate(std::string_view text);

// "12500 µs" → "12.5 ms"; "5000 ppm" → "0.5 %": the forms people typed.
std::string latencyMsText(std::uint32_t microseconds);
std::string lossPercentText(std::uint32_t ppm);

} // namespace bwx::ctl
