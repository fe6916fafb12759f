#pragma once
// Sampling-rate correction with integers only.
//
// A ratio rather than a plain "1 in N": IPFIX systematic count-based sampling selects
// samplingPacketInterval packets out of every interval + space, so the factor is
// (interval + space) / interval and need not be whole. Counts are multiplied in 128-bit and
// divided with truncation, so the result is deterministic on every platform.
#include "bwx/settlement/flow_record.h"

#include <cstdint>
#include <optional>

namespace bwx::settlement {

struct SamplingRatio
{
    std::uint32_t numerator = 1;
    std::uint32_t denominator = 1;

    bool isUnsampled() const noexcept { return numerator == denominator; }
    friend bool operator==(const SamplingRatio &, const SamplingRatio &) = default;
};

// The largest 1-in-N the collector believes; anything above is treated as a corrupt field
// rather than multiplied into the bill.
inline constexpr std::uint32_t kMaxSamplingRate = 1u << 24;

// 1 in `interval` packets (v9/IPFIX samplingInterval, samplerRandomInterval, sFlow
// sampling_rate, v5 header). nullopt for 0 or above kMaxSamplingRate.
std::optional<SamplingRatio> ratioFromInterval(std::uint64_t interval) noexcept;
// IPFIX samplingPacketInterval / samplingPacketSpace (RFC 5476): interval of every
// interval + space packets are selected.
std::optional<SamplingRatio> ratioFromPacketInterval(std::uint64_t interval,
                                                     std::uint64_t space) noexcept;
// IPFIX samplingSize out of samplingPopulation (random n-out-of-N, RFC 5476).
std::optional<SamplingRatio> ratioFromSizePopulation(std::uint64_t size,
                                                     std::uint64_t population) noexcept;

// Multiplies bytes and packets by the ratio and records it in the flow. Returns false, leaving
// the record unchanged, when a result would not fit in 64 bits.
bool applySampling(FlowRecord &record, SamplingRatio ratio) noexcept;

} // namespace bwx::settlement
