#include "bwx/settlement/sequence_tracker.h"

#include <array>

namespace bwx::settlement {

namespace {

// IPFIX conventions, in order of preference when the datagrams cannot tell them apart.
enum Convention : std::uint8_t {
    ExclusiveAll = 0,  // RFC 7011: records before this message, options records included
    ExclusiveData = 1, // ... options records not counted
    InclusiveAll = 2,  // records up to and including this message (softflowd 1.1)
    InclusiveData = 3,
};
constexpr std::uint8_t kAllConventions = 0x0f;

std::size_t mix(std::uint64_t z) noexcept
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return static_cast<std::size_t>(z ^ (z >> 31));
}

bool countsRecords(FlowProtocol p) noexcept
{
    return p == FlowProtocol::Ipfix || p == FlowProtocol::NetflowV5;
}

bool hasUptime(FlowProtocol p) noexcept
{
    return p != FlowProtocol::Ipfix;
}

} // namespace

const char *toString(SequenceOutcome outcome) noexcept
{
    switch (outcome) {
    case SequenceOutcome::First:
        return "first";
    case SequenceOutcome::InOrder:
        return "in-order";
    case SequenceOutcome::Gap:
        return "gap";
    case SequenceOutcome::Late:
        return "late";
    case SequenceOutcome::Restart:
        return "restart";
    case SequenceOutcome::Untracked:
        return "untracked";
    }
    return "?";
}

std::size_t SequenceTracker::KeyHash::operator()(const Key &key) const noexcept
{
    return mix(key.exporter.high() ^ (key.exporter.low() * 31) ^ (std::uint64_t{key.domain} << 8)
               ^ static_cast<std::uint64_t>(key.protocol));
}

std::size_t SequenceTracker::AddressHash::operator()(const net::Address &a) const noexcept
{
    return mix(a.high() ^ (a.low() * 31));
}

SequenceTracker::SequenceTracker(SequenceLimits limits)
    : m_limits(limits)
{}

std::uint32_t SequenceTracker::unitsOf(const DatagramInfo &info, bool withOptions) noexcept
{
    if (info.protocol == FlowProtocol::NetflowV5 || info.protocol == FlowProtocol::Ipfix)
        return withOptions ? info.dataRecords : info.dataRecords - info.optionsRecords;
    return 1; // v9 export packets, sFlow datagrams
}

void SequenceTracker::reset(Stream &s, const DatagramInfo &info) const noexcept
{
    s.lastSequence = info.sequence;
    s.lastUnits = unitsOf(info, true);
    s.lastUnitsData = unitsOf(info, false);
    s.lastUptime = info.sysUptimeMs;
    s.conventions = info.protocol == FlowProtocol::Ipfix ? kAllConventions : 0;
    s.outstanding = 0;
}

SequenceEvent SequenceTracker::observe(const net::Address &exporter, const DatagramInfo &info)
{
    const Key key{exporter, info.protocol, info.observationDomain};
    auto it = m_streams.find(key);
    if (it == m_streams.end()) {
        auto &count = m_perExporter[exporter];
        if (count >= m_limits.maxStreamsPerExporter || m_streams.size() >= m_limits.maxStreams) {
            if (count == 0)
                m_perExporter.erase(exporter);
            return {SequenceOutcome::Untracked, 0, 0};
        }
        ++count;
        Stream s;
        reset(s, info);
        s.totals.datagrams = 1;
        m_streams.emplace(key, s);
        return {SequenceOutcome::First, 0, 0};
    }
    Stream &s = it->second;
    ++s.totals.datagrams;

    // Signed distance of this datagram's sequence from what each convention expected.
    std::array<std::int64_t, 4> diff{};
    const std::uint32_t all = unitsOf(info, true);
    const std::uint32_t data = unitsOf(info, false);
    const auto distance = [&](std::uint32_t expected) {
        return std::int64_t{static_cast<std::int32_t>(info.sequence - expected)};
    };
    std::int64_t d = 0;
    if (info.protocol == FlowProtocol::Ipfix) {
        diff[ExclusiveAll] = distance(s.lastSequence + s.lastUnits);
        diff[ExclusiveData] = distance(s.lastSequence + s.lastUnitsData);
        diff[InclusiveAll] = distance(s.lastSequence + all);
        diff[InclusiveData] = distance(s.lastSequence + data);
        std::uint8_t agreeing = 0;
        for (std::uint8_t c = 0; c < 4; ++c)
            if ((s.conventions >> c & 1u) != 0 && diff[c] == 0)
                agreeing = static_cast<std::uint8_t>(agreeing | (1u << c));
        if (agreeing != 0)
            s.conventions = agreeing;
        std::uint8_t first = 0;
        while (first < 3 && (s.conventions >> first & 1u) == 0)
            ++first;
        d = diff[first];
    } else {
        const std::uint32_t units = countsRecords(info.protocol) ? s.lastUnits : 1;
        d = distance(s.lastSequence + units);
    }

    const bool uptimeWentBack
        = hasUptime(info.protocol)
          && info.sysUptimeMs + std::uint64_t{m_limits.restartUptimeMs} < s.lastUptime;
    SequenceEvent event;
    if (d == 0 && !uptimeWentBack) {
        event.outcome = SequenceOutcome::InOrder;
    } else if (d > 0 && d <= std::int64_t{m_limits.maxGap} && !uptimeWentBack) {
        event.outcome = SequenceOutcome::Gap;
        event.lost = static_cast<std::uint64_t>(d);
        s.totals.lost += event.lost;
        s.outstanding += event.lost;
    } else if (d < 0 && -d <= std::int64_t{m_limits.lateWindow} && !uptimeWentBack) {
        // Late: it does not move the expectation forward.
        event.outcome = SequenceOutcome::Late;
        const std::uint64_t units = countsRecords(info.protocol) ? all : 1;
        event.recovered = std::min(units, s.outstanding);
        s.outstanding -= event.recovered;
        s.totals.lost -= event.recovered;
        ++s.totals.late;
        return event;
    } else {
        event.outcome = SequenceOutcome::Restart;
        ++s.totals.restarts;
        const StreamTotals kept = s.totals;
        reset(s, info);
        s.totals = kept;
        return event;
    }
    s.lastSequence = info.sequence;
    s.lastUnits = all;
    s.lastUnitsData = data;
    s.lastUptime = info.sysUptimeMs;
    return event;
}

StreamTotals SequenceTracker::totals(const net::Address &exporter,
                                     FlowProtocol protocol,
                                     std::uint32_t domain) const
{
    const auto it = m_streams.find(Key{exporter, protocol, domain});
    return it == m_streams.end() ? StreamTotals{} : it->second.totals;
}

} // namespace bwx::settlement
