#pragma once
// Counters per exporter, written by the collector's thread and readable from any thread while it
// runs (relaxed atomics: each counter is exact, a snapshot is not one instant across counters).
#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace bwx::settlement {

enum class Counter : std::uint8_t {
    Datagrams, // accepted for decoding (after allow-list and duplicate check)
    DatagramBytes,
    Records,     // flow records delivered
    RecordBytes, // IP bytes delivered (sampling applied)
    RecordPackets,
    Duplicates,    // dropped: the same datagram was seen before
    WrongProtocol, // dropped: not a protocol this port accepts
    Truncated,     // dropped, by reason of the decoder's DecodeError ...
    BadVersion,
    BadLength,
    BadFlowset,
    BadTemplate,
    BadOptionsScope,
    BadRecord,
    BadSample,
    UnsupportedAddress,
    SetsWithoutTemplate, // data sets skipped: template unknown (not yet sent, expired, refused)
    TemplatesAdded,
    TemplatesWithdrawn,
    TemplatesRefused,  // over a template cache limit
    RecordsOverflowed, // count × sampling rate beyond 64 bits: record dropped
    RecordsNotFlows,   // data records without addresses
    SamplesSkipped,    // sFlow counter samples, unknown formats, headers without IP
    SequenceLost,      // units (packets/records/datagrams per protocol) lost, net of late ones
    SequenceLate,      // datagrams that arrived behind the sequence
    Restarts,          // exporter restarts (not counted as loss)
    kCount
};

inline constexpr std::size_t kCounterCount = static_cast<std::size_t>(Counter::kCount);

std::string_view counterName(Counter counter) noexcept;

using CounterSnapshot = std::array<std::uint64_t, kCounterCount>;

class ExporterCounters
{
public:
    // Only the collector's thread adds: a relaxed load and store is exact for a single writer and
    // spares the locked read-modify-write of fetch_add, several of which a datagram costs.
    void add(Counter c, std::uint64_t n = 1) noexcept
    {
        std::atomic<std::uint64_t> &v = m_values[static_cast<std::size_t>(c)];
        v.store(v.load(std::memory_order_relaxed) + n, std::memory_order_relaxed);
    }
    std::uint64_t get(Counter c) const noexcept
    {
        return m_values[static_cast<std::size_t>(c)].load(std::memory_order_relaxed);
    }
    CounterSnapshot snapshot() const noexcept
    {
        CounterSnapshot s{};
        for (std::size_t i = 0; i < kCounterCount; ++i)
            s[i] = m_values[i].load(std::memory_order_relaxed);
        return s;
    }

private:
    std::array<std::atomic<std::uint64_t>, kCounterCount> m_values{};
};

inline std::uint64_t valueOf(const CounterSnapshot &s, Counter c) noexcept
{
    return s[static_cast<std::size_t>(c)];
}

} // namespace bwx::settlement
