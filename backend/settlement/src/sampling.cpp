#include "bwx/settlement/sampling.h"

#include <limits>

namespace bwx::settlement {

std::optional<SamplingRatio> ratioFromInterval(std::uint64_t interval) noexcept
{
    if (interval == 0 || interval > kMaxSamplingRate)
        return std::nullopt;
    return SamplingRatio{static_cast<std::uint32_t>(interval), 1};
}

std::optional<SamplingRatio> ratioFromPacketInterval(std::uint64_t interval,
                                                     std::uint64_t space) noexcept
{
    if (interval == 0 || interval > kMaxSamplingRate || space > kMaxSamplingRate)
        return std::nullopt;
    return SamplingRatio{static_cast<std::uint32_t>(interval + space),
                         static_cast<std::uint32_t>(interval)};
}

std::optional<SamplingRatio> ratioFromSizePopulation(std::uint64_t size,
                                                     std::uint64_t population) noexcept
{
    if (size == 0 || population < size || population > kMaxSamplingRate)
        return std::nullopt;
    return SamplingRatio{static_cast<std::uint32_t>(population), static_cast<std::uint32_t>(size)};
}

namespace {

__extension__ using u128 = unsigned __int128;

bool scale(std::uint64_t value, SamplingRatio ratio, std::uint64_t &out) noexcept
{
    // The usual case (1 in N, or unsampled) needs no 128-bit division.
    if (ratio.denominator == 1)
        return !__builtin_mul_overflow(value, std::uint64_t{ratio.numerator}, &out);
    const u128 product = static_cast<u128>(value) * ratio.numerator;
    const u128 q = product / ratio.denominator;
    if (q > std::numeric_limits<std::uint64_t>::max())
        return false;
    out = static_cast<std::uint64_t>(q);
    return true;
}

} // namespace

bool applySampling(FlowRecord &record, SamplingRatio ratio) noexcept
{
    if (ratio.denominator == 0 || ratio.numerator == 0)
        return false;
    std::uint64_t bytes = 0;
    std::uint64_t packets = 0;
    if (!scale(record.bytes, ratio, bytes) || !scale(record.packets, ratio, packets))
        return false;
    record.bytes = bytes;
    record.packets = packets;
    record.samplingNumerator = ratio.numerator;
    record.samplingDenominator = ratio.denominator;
    return true;
}

} // namespace bwx::settlement
