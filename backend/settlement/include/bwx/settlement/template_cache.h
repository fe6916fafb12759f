#pragma once
// Templates (NetFlow v9, IPFIX) learned from exporters, and what options records told us about
// each observation domain (sampling, IPFIX system init time).
//
// Everything here is bounded, because templates come from the network: a cap per exporter, a
// total cap and an age after which a template that was not refreshed is forgotten. A new
// template over a cap is refused (and counted) rather than evicting someone else's: a template
// flood from one exporter must not make the others' data undecodable.
#include "bwx/domain/units.h"
#include "bwx/net/address.h"
#include "bwx/settlement/flow_record.h"
#include "bwx/settlement/sampling.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <unordered_map>
#include <vector>

namespace bwx::settlement {

// What the decoders do with a field; computed once when a template is learned.
enum class FieldRole : std::uint8_t {
    Skip,
    Octets,
    Packets,
    OctetsTotal,
    PacketsTotal,
    Protocol,
    SrcPort,
    DstPort,
    SrcV4,
    DstV4,
    SrcV6,
    DstV6,
    NextHopV4,
    NextHopV6,
    BgpNextHopV4,
    BgpNextHopV6,
    InputInterface,
    OutputInterface,
    SrcMac,
    DstMac,
    StartUptime,
    EndUptime,
    StartSeconds,
    EndSeconds,
    StartMillis,
    EndMillis,
    StartMicrosNtp,
    EndMicrosNtp,
    StartNanosNtp,
    EndNanosNtp,
    SamplingInterval,
    SamplerRandomInterval,
    PacketInterval,
    PacketSpace,
    SamplingSize,
    SamplingPopulation,
    SamplerId,
    SystemInitMillis,
};

inline constexpr std::uint16_t kVariableLength = 0xFFFF; // IPFIX only

struct TemplateField
{
    std::uint16_t id = 0;         // information element id (enterprise bit removed)
    std::uint16_t length = 0;     // kVariableLength for IPFIX variable-length fields
    std::uint32_t enterprise = 0; // 0 = IANA
    FieldRole role = FieldRole::Skip;
    friend bool operator==(const TemplateField &, const TemplateField &) = default;
};

// A field the collector uses, at its offset inside a record of a fixed-length template.
struct PlannedField
{
    std::uint16_t offset = 0;
    std::uint16_t length = 0;
    FieldRole role = FieldRole::Skip;
    friend bool operator==(const PlannedField &, const PlannedField &) = default;
};

// Where a fixed-length template puts the fields nearly every flow record carries, so a record is
// read by straight-line code instead of one indirect jump per field (which the branch predictor
// gets wrong often enough to have been the largest item in decoding a record). `kAbsent` marks a
// field the template lacks; the other used fields stay in FlowTemplate::plan.
struct HotLayout
{
    static constexpr std::uint16_t kAbsent = 0xFFFF;
    std::uint16_t srcV4 = kAbsent;
    std::uint16_t dstV4 = kAbsent;
    std::uint16_t srcPort = kAbsent;
    std::uint16_t dstPort = kAbsent;
    std::uint16_t protocol = kAbsent;
    std::uint16_t octets = kAbsent;
    std::uint16_t packets = kAbsent;
    std::uint16_t startUptime = kAbsent;
    std::uint16_t endUptime = kAbsent;
    std::uint16_t inputInterface = kAbsent;
    std::uint16_t outputInterface = kAbsent;
    std::uint8_t srcPortLength = 0;
    std::uint8_t dstPortLength = 0;
    std::uint8_t octetsLength = 0;
    std::uint8_t packetsLength = 0;
    std::uint8_t inputInterfaceLength = 0;
    std::uint8_t outputInterfaceLength = 0;
    friend bool operator==(const HotLayout &, const HotLayout &) = default;
};

struct FlowTemplate
{
    std::uint16_t id = 0;
    bool options = false;
    std::uint16_t scopeFieldCount = 0; // options templates: the first fields are the scope
    std::vector<TemplateField> fields;
    std::uint32_t minRecordLength = 0; // fixed lengths + 1 per variable-length field
    bool variableLength = false;
    bool isFlow = false; // carries a source and a destination address
    // Derived when the template is learned. Records of a fixed-length template are read through
    // `plan` (only the fields used, at known offsets) instead of walking every field; a template
    // whose records never state sampling gets one sampling ratio per data set, not per record.
    std::vector<PlannedField> plan;
    // Set when the fixed-length template names each hot field at most once and no other field
    // writes the same value, so reading those first and `plan` after keeps the field order's
    // meaning; `plan` then holds only the remaining fields.
    bool useHotLayout = false;
    HotLayout hot;
    bool recordsStateSampling = false;
    friend bool operator==(const FlowTemplate &, const FlowTemplate &) = default;
};

struct TemplateLimits
{
    std::size_t maxPerExporter = 512; // templates of one exporter over all its domains
    std::size_t maxTotal = 16384;     // templates of all exporters
    std::size_t maxFieldsPerTemplate = 128;
    std::size_t maxDomainsPerExporter = 64;
    std::size_t maxDomainsTotal = 4096;
    std::size_t maxSamplersPerDomain = 64;
    Duration maxAge = seconds(1800); // not refreshed for this long: forgotten
};

// In-band state of one (exporter, protocol, observation domain).
struct DomainState
{
    bool hasSystemInit = false;
    std::uint64_t systemInitMillis = 0; // IPFIX systemInitTimeMilliseconds (epoch ms)
    bool hasDefaultSampling = false;
    SamplingRatio defaultSampling;                   // from an options record that names no sampler
    std::map<std::uint64_t, SamplingRatio> samplers; // by sampler / selector id
    Timestamp updated;
    friend bool operator==(const DomainState &, const DomainState &) = default;
};

class TemplateCache
{
public:
    struct Key
    {
        net::Address exporter;
        std::uint32_t domain = 0;
        std::uint16_t templateId = 0;
        FlowProtocol protocol = FlowProtocol::NetflowV9;
        friend bool operator==(const Key &, const Key &) = default;
    };

    enum class InsertResult : std::uint8_t {
        Added,
        Refreshed, // same definition again: only its age is reset
        Replaced,  // same id, new definition
        RefusedExporterLimit,
        RefusedTotalLimit,
    };

    explicit TemplateCache(TemplateLimits limits = {});

    const TemplateLimits &limits() const noexcept { return m_limits; }

    // nullptr when unknown or older than maxAge.
    const FlowTemplate *find(const Key &key, Timestamp now) const;
    InsertResult insert(const Key &key, FlowTemplate tmpl, Timestamp now);
    bool withdraw(const Key &key);
    // IPFIX "withdraw all": every (options) template of the exporter's domain.
    std::size_t withdrawAll(const net::Address &exporter,
                            std::uint32_t domain,
                            FlowProtocol protocol,
                            bool options);
    // Forgets templates and domain states not refreshed within maxAge.
    std::size_t expire(Timestamp now);

    // nullptr when never learned.
    const DomainState *
    domain(const net::Address &exporter, std::uint32_t domain, FlowProtocol protocol) const;
    // Stores a domain's state; false (nothing stored) over a domain cap.
    bool setDomain(const net::Address &exporter,
                   std::uint32_t domain,
                   FlowProtocol protocol,
                   DomainState state);

    std::size_t size() const noexcept { return m_templates.size(); }
    std::size_t sizeFor(const net::Address &exporter) const;
    std::size_t domainCount() const noexcept { return m_domains.size(); }

private:
    struct KeyHash
    {
        std::size_t operator()(const Key &key) const noexcept;
    };
    struct DomainKey
    {
        net::Address exporter;
        std::uint32_t domain = 0;
        FlowProtocol protocol = FlowProtocol::NetflowV9;
        friend bool operator==(const DomainKey &, const DomainKey &) = default;
    };
    struct DomainKeyHash
    {
        std::size_t operator()(const DomainKey &key) const noexcept;
    };
    struct AddressHash
    {
        std::size_t operator()(const net::Address &a) const noexcept;
    };
    struct Entry
    {
        FlowTemplate tmpl;
        Timestamp learned;
    };
    struct PerExporter
    {
        std::size_t templates = 0;
        std::size_t domains = 0;
    };

    bool isExpired(Timestamp learned, Timestamp now) const noexcept;
    void release(const net::Address &exporter, bool templateEntry);

    TemplateLimits m_limits;
    std::unordered_map<Key, Entry, KeyHash> m_templates;
    std::unordered_map<DomainKey, DomainState, DomainKeyHash> m_domains;
    std::unordered_map<net::Address, PerExporter, AddressHash> m_perExporter;
    Timestamp m_lastSweep;
};

const char *toString(TemplateCache::InsertResult result) noexcept;

} // namespace bwx::settlement
