#include "bwx/quality/latency_histogram.h"

#include "bwx/quality/percentile.h"

#include <bit>
#include <limits>
#include <string>

namespace bwx::quality {

namespace {

constexpr std::uint32_t kSubBits = 7;                 // 128 bins per power of two
constexpr std::uint32_t kExactBelow = 2u << kSubBits; // 256: one bin per microsecond below
constexpr std::uint32_t kMaxBin = kExactBelow + (31 - kSubBits - 1) * (1u << kSubBits) + 127;

} // namespace

std::uint32_t LatencyHistogram::binOf(std::uint32_t valueUs) noexcept
{
    if (valueUs < kExactBelow)
        return valueUs;
    const auto exponent = static_cast<std::uint32_t>(std::bit_width(valueUs)) - 1; // 8..31
    const std::uint32_t shift = exponent - kSubBits;
    const std::uint32_t sub = (valueUs >> shift) & ((1u << kSubBits) - 1);
    return kExactBelow + (exponent - kSubBits - 1) * (1u << kSubBits) + sub;
}

std::uint32_t LatencyHistogram::lowerBound(std::uint32_t bin) noexcept
{
    if (bin < kExactBelow)
        return bin;
    const std::uint32_t rest = bin - kExactBelow;
    const std::uint32_t exponent = rest / (1u << kSubBits) + kSubBits + 1;
    const std::uint32_t sub = rest % (1u << kSubBits);
    return ((1u << kSubBits) + sub) << (exponent - kSubBits);
}

void LatencyHistogram::add(std::uint32_t valueUs, std::uint64_t count)
{
    if (count == 0)
        return;
    m_bins[binOf(valueUs)] += count;
    m_count += count;
}

void LatencyHistogram::merge(const LatencyHistogram &other)
{
    for (const auto &[bin, count] : other.m_bins)
        m_bins[bin] += count;
    m_count += other.m_count;
}

std::optional<std::uint32_t> LatencyHistogram::percentile(unsigned percent) const
{
    if (m_count == 0)
        return std::nullopt;
    const std::uint64_t rank = nearestRank(m_count, percent);
    std::uint64_t seen = 0;
    for (const auto &[bin, count] : m_bins) {
        seen += count;
        if (seen >= rank)
            return lowerBound(bin);
    }
    return lowerBound(m_bins.rbegin()->first);
}

namespace {

void putVarint(std::vector<std::uint8_t> &out, std::uint64_t value)
{
    while (value >= 0x80) {
        out.push_back(static_cast<std::uint8_t>(value | 0x80));
        value >>= 7;
    }
    out.push_back(static_cast<std::uint8_t>(value));
}

bool getVarint(std::span<const std::uint8_t> bytes, std::size_t &pos, std::uint64_t &value)
{
    value = 0;
    for (unsigned shift = 0; shift < 64; shift += 7) {
        if (pos >= bytes.size())
            return false;
        const std::uint8_t byte = bytes[pos++];
        if (shift == 63 && (byte & 0x7e) != 0)
            return false;
        value |= std::uint64_t{byte & 0x7fu} << shift;
        if ((byte & 0x80) == 0)
            return true;
    }
    return false;
}

} // namespace

std::vector<std::uint8_t> LatencyHistogram::encode() const
{
    std::vector<std::uint8_t> out;
    std::uint32_t previous = 0;
    for (const auto &[bin, count] : m_bins) {
        putVarint(out, bin - previous);
        putVarint(out, count);
        previous = bin;
    }
    return out;
}

Expected<LatencyHistogram> LatencyHistogram::decode(std::span<const std::uint8_t> bytes)
{
    LatencyHistogram h;
    std::size_t pos = 0;
    std::uint64_t bin = 0;
    bool first = true;
    while (pos < bytes.size()) {
        std::uint64_t delta = 0;
        std::uint64_t count = 0;
        if (!getVarint(bytes, pos, delta) || !getVarint(bytes, pos, count))
            return makeError("histogram truncated at byte " + std::to_string(pos));
        if (!first && delta == 0)
            return makeError("histogram bins out of order at byte " + std::to_string(pos));
        if (count == 0)
            return makeError("histogram bin with a zero count at byte " + std::to_string(pos));
        bin += delta;
        if (bin > kMaxBin)
            return makeError("histogram bin " + std::to_string(bin) + " out of range");
        if (h.m_count > std::numeric_limits<std::uint64_t>::max() - count)
            return makeError("histogram count overflows");
        h.m_bins[static_cast<std::uint32_t>(bin)] = count;
        h.m_count += count;
        first = false;
    }
    return h;
}

} // namespace bwx::quality
