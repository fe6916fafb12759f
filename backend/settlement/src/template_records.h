#pragma once
// Shared by the NetFlow v9 and IPFIX decoders: turning field specifiers into a validated
// template, reading one data record through a template, and the per-datagram staging that makes
// a rejected datagram leave the template cache untouched.
#include "bwx/settlement/decode_result.h"
#include "bwx/settlement/template_cache.h"
#include "byte_reader.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace bwx::settlement::detail {

// The role of an information element, or Skip for one the collector does not use.
FieldRole roleOf(std::uint16_t id, std::uint32_t enterprise) noexcept;

// Validates a field against its role and the protocol's rules; nullptr when fine, else why not.
const char *checkField(const TemplateField &field, bool ipfix) noexcept;

// Computes the derived members and checks the whole template; nullptr when fine.
const char *finishTemplate(FlowTemplate &tmpl, const TemplateLimits &limits) noexcept;

// The values of one data record, as far as the template carries them. The flow fields are
// written straight into their final place (usually the output vector) to save a copy per record.
struct RecordValues
{
    explicit RecordValues(FlowRecord &target) noexcept
        : flow(target)
    {}
    FlowRecord &flow;
    bool hasSrc = false;
    bool hasDst = false;
    bool hasOctets = false;
    bool hasPackets = false;
    std::uint64_t octetsTotal = 0;
    std::uint64_t packetsTotal = 0;
    bool hasOctetsTotal = false;
    bool hasPacketsTotal = false;
    bool hasBgpNextHop = false;
    net::Address bgpNextHop;
    // Times as sent; which form is present is in the flags.
    std::uint64_t startUptime = 0, endUptime = 0;
    std::uint64_t startMs = 0, endMs = 0; // from seconds/millis/NTP forms, epoch ms
    std::int64_t startNs = 0, endNs = 0;  // from micro/nano NTP forms, epoch ns
    bool hasStartUptime = false, hasEndUptime = false;
    bool hasStartMs = false, hasEndMs = false;
    bool hasStartNs = false, hasEndNs = false;
    // Sampling as stated in this record (options records, or data records that carry it).
    std::uint64_t samplingInterval = 0, samplerRandomInterval = 0;
    std::uint64_t packetInterval = 0, packetSpace = 0;
    std::uint64_t samplingSize = 0, samplingPopulation = 0;
    bool hasPacketSpace = false;
    bool hasSamplerId = false;
    std::uint64_t samplerId = 0;
    bool hasSystemInit = false;
    std::uint64_t systemInitMillis = 0;

    std::optional<SamplingRatio> statedSampling() const noexcept;
};

// Reads one record; `consumed` is set to its length. False when a variable-length field runs
// past the end of the set.
bool readRecord(const FlowTemplate &tmpl,
                std::span<const std::uint8_t> data,
                std::size_t &consumed,
                RecordValues &out) noexcept;

// The hot fields of one record, straight-line: each test has the same outcome for every record
// of a data set, so the branches are predicted, unlike a jump per field through a switch. The
// caller has checked that a whole record (the template's minRecordLength) is there.
inline void readHot(const HotLayout &hot, const std::uint8_t *p, RecordValues &out) noexcept
{
    constexpr std::uint16_t absent = HotLayout::kAbsent;
    FlowRecord &flow = out.flow;
    if (hot.srcV4 != absent) {
        flow.src = net::Address::v4(loadU32(p + hot.srcV4));
        out.hasSrc = true;
    }
    if (hot.dstV4 != absent) {
        flow.dst = net::Address::v4(loadU32(p + hot.dstV4));
        out.hasDst = true;
    }
    if (hot.startUptime != absent) {
        out.startUptime = loadU32(p + hot.startUptime);
        out.hasStartUptime = true;
    }
    if (hot.endUptime != absent) {
        out.endUptime = loadU32(p + hot.endUptime);
        out.hasEndUptime = true;
    }
    if (hot.octets != absent) {
        flow.bytes = loadUnsigned(p + hot.octets, hot.octetsLength);
        out.hasOctets = true;
    }
    if (hot.packets != absent) {
        flow.packets = loadUnsigned(p + hot.packets, hot.packetsLength);
        out.hasPackets = true;
    }
    if (hot.inputInterface != absent)
        flow.inputInterface = static_cast<std::uint32_t>(
            loadUnsigned(p + hot.inputInterface, hot.inputInterfaceLength));
    if (hot.outputInterface != absent)
        flow.outputInterface = static_cast<std::uint32_t>(
            loadUnsigned(p + hot.outputInterface, hot.outputInterfaceLength));
    if (hot.srcPort != absent)
        flow.srcPort = static_cast<std::uint16_t>(loadUnsigned(p + hot.srcPort, hot.srcPortLength));
    if (hot.dstPort != absent)
        flow.dstPort = static_cast<std::uint16_t>(loadUnsigned(p + hot.dstPort, hot.dstPortLength));
    if (hot.protocol != absent)
        flow.ipProtocol = p[hot.protocol];
}

// Template changes made by one datagram, applied to the cache only when the whole datagram
// decoded. Lookups see the pending changes first.
class PendingTemplates
{
public:
    PendingTemplates(TemplateCache &cache, Timestamp now) noexcept
        : m_cache(cache)
        , m_now(now)
    {}

    const FlowTemplate *find(const TemplateCache::Key &key) const;
    void add(const TemplateCache::Key &key, FlowTemplate tmpl);
    void withdraw(const TemplateCache::Key &key);
    void withdrawAll(const TemplateCache::Key &domainKey, bool options);
    void commit(DatagramInfo &info);

private:
    enum class Kind : std::uint8_t { Add, Withdraw, WithdrawAll };
    struct Op
    {
        Kind kind;
        TemplateCache::Key key;
        FlowTemplate tmpl;
        bool options;
    };
    TemplateCache &m_cache;
    Timestamp m_now;
    std::vector<Op> m_ops;
};

// Domain state (sampling, system init time) as changed by one datagram.
class PendingDomain
{
public:
    PendingDomain(TemplateCache &cache,
                  const net::Address &exporter,
                  std::uint32_t domain,
                  FlowProtocol protocol);
    const DomainState &state() const noexcept { return m_state; }
    // Applies what an options record states.
    void learn(const RecordValues &values, std::size_t maxSamplers, Timestamp now);
    void commit();

private:
    TemplateCache &m_cache;
    net::Address m_exporter;
    std::uint32_t m_domain;
    FlowProtocol m_protocol;
    DomainState m_state;
    bool m_changed = false;
};

// The sampling to apply to a flow record: configured override, else stated in the record, else
// the sampler it names, else the domain's default, else none.
SamplingRatio samplingFor(const RecordValues &values,
                          const DomainState &domain,
                          const DecodeOptions &options) noexcept;

// Converts NTP-format 64-bit timestamps (RFC 7011 dateTimeMicroseconds/Nanoseconds) to epoch ns.
std::int64_t ntpToEpochNanos(std::uint64_t ntp) noexcept;

} // namespace bwx::settlement::detail
