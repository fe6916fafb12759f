#pragma once
// Loss accounting from export sequence numbers, per (exporter, protocol, observation domain).
//
// The protocols count different things: NetFlow v9 counts export packets, sFlow counts
// datagrams (per agent and sub-agent), IPFIX and NetFlow v5 count flow records. A collector that
// treats them alike reports false gaps, so each stream is told what one datagram is worth.
//
// IPFIX says the sequence is the count of data records sent *before* this message; softflowd
// 1.1 sends the count *including* it, and exporters differ on whether options records count.
// Each IPFIX stream therefore keeps the set of conventions its datagrams have agreed with so far
// and settles on one as soon as the datagrams tell them apart.
//
// An exporter restart (sysUptime going back, or a sequence jump backwards larger than the late
// window) starts the stream afresh and is not loss. A datagram behind the expected sequence but
// within the window is late (reordered): it was counted as lost when the jump over it was seen,
// so it is taken back from the loss.
#include "bwx/net/address.h"
#include "bwx/settlement/decode_result.h"

#include <cstddef>
#include <cstdint>
#include <unordered_map>

namespace bwx::settlement {

struct SequenceLimits
{
    std::uint32_t lateWindow = 1u << 16;    // units behind expected still counted as late
    std::uint32_t maxGap = 1u << 24;        // a jump forward beyond this is a restart
    std::uint32_t restartUptimeMs = 10'000; // uptime going back further than this: restart
    std::size_t maxStreams = 4096;
    std::size_t maxStreamsPerExporter = 64;
};

enum class SequenceOutcome : std::uint8_t { First, InOrder, Gap, Late, Restart, Untracked };

const char *toString(SequenceOutcome outcome) noexcept;

struct SequenceEvent
{
    SequenceOutcome outcome = SequenceOutcome::First;
    std::uint64_t lost = 0;      // units newly counted as lost (Gap)
    std::uint64_t recovered = 0; // units taken back from the loss (Late)
};

struct StreamTotals
{
    std::uint64_t datagrams = 0;
    std::uint64_t lost = 0; // net: gaps minus late arrivals
    std::uint64_t late = 0;
    std::uint64_t restarts = 0;
};

class SequenceTracker
{
public:
    explicit SequenceTracker(SequenceLimits limits = {});

    SequenceEvent observe(const net::Address &exporter, const DatagramInfo &info);

    // Totals of one stream (zero when unknown), and the number of streams tracked.
    StreamTotals
    totals(const net::Address &exporter, FlowProtocol protocol, std::uint32_t domain) const;
    std::size_t streamCount() const noexcept { return m_streams.size(); }

private:
    struct Key
    {
        net::Address exporter;
        FlowProtocol protocol;
        std::uint32_t domain;
        friend bool operator==(const Key &, const Key &) = default;
    };
    struct KeyHash
    {
        std::size_t operator()(const Key &key) const noexcept;
    };
    struct AddressHash
    {
        std::size_t operator()(const net::Address &a) const noexcept;
    };
    struct Stream
    {
        std::uint32_t lastSequence = 0;
        std::uint32_t lastUnits = 0;     // units of the last datagram (each convention's own)
        std::uint32_t lastUnitsData = 0; // IPFIX: data records without options records
        std::uint32_t lastUptime = 0;
        std::uint8_t conventions = 0;  // IPFIX conventions still consistent (bit set)
        std::uint64_t outstanding = 0; // lost units a late datagram may still take back
        StreamTotals totals;
    };

    static std::uint32_t unitsOf(const DatagramInfo &info, bool withOptions) noexcept;
    void reset(Stream &s, const DatagramInfo &info) const noexcept;

    SequenceLimits m_limits;
    std::unordered_map<Key, Stream, KeyHash> m_streams;
    std::unordered_map<net::Address, std::size_t, AddressHash> m_perExporter;
};

} // namespace bwx::settlement
