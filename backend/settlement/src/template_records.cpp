#include "template_records.h"

#include "byte_reader.h"

namespace bwx::settlement::detail {

FieldRole roleOf(std::uint16_t id, std::uint32_t enterprise) noexcept
{
    if (enterprise != 0)
        return FieldRole::Skip;
    switch (id) {
    case 1:
        return FieldRole::Octets;
    case 2:
        return FieldRole::Packets;
    case 85:
        return FieldRole::OctetsTotal;
    case 86:
        return FieldRole::PacketsTotal;
    case 4:
        return FieldRole::Protocol;
    case 7:
        return FieldRole::SrcPort;
    case 11:
        return FieldRole::DstPort;
    case 8:
        return FieldRole::SrcV4;
    case 12:
        return FieldRole::DstV4;
    case 27:
        return FieldRole::SrcV6;
    case 28:
        return FieldRole::DstV6;
    case 15:
        return FieldRole::NextHopV4;
    case 62:
        return FieldRole::NextHopV6;
    case 18:
        return FieldRole::BgpNextHopV4;
    case 63:
        return FieldRole::BgpNextHopV6;
    case 10:
        return FieldRole::InputInterface;
    case 14:
        return FieldRole::OutputInterface;
    case 56: // sourceMacAddress (v9 IN_SRC_MAC)
    case 81: // postSourceMacAddress (v9 OUT_SRC_MAC)
        return FieldRole::SrcMac;
    case 80: // destinationMacAddress (v9 IN_DST_MAC)
    case 57: // postDestinationMacAddress (v9 OUT_DST_MAC; softflowd sends this one)
        return FieldRole::DstMac;
    case 22:
        return FieldRole::StartUptime;
    case 21:
        return FieldRole::EndUptime;
    case 150:
        return FieldRole::StartSeconds;
    case 151:
        return FieldRole::EndSeconds;
    case 152:
        return FieldRole::StartMillis;
    case 153:
        return FieldRole::EndMillis;
    case 154:
        return FieldRole::StartMicrosNtp;
    case 155:
        return FieldRole::EndMicrosNtp;
    case 156:
        return FieldRole::StartNanosNtp;
    case 157:
        return FieldRole::EndNanosNtp;
    case 34:
        return FieldRole::SamplingInterval;
    case 50:
        return FieldRole::SamplerRandomInterval;
    case 305:
        return FieldRole::PacketInterval;
    case 306:
        return FieldRole::PacketSpace;
    case 309:
        return FieldRole::SamplingSize;
    case 310:
        return FieldRole::SamplingPopulation;
    case 48:  // samplerId (v9 FLOW_SAMPLER_ID)
    case 302: // selectorId
        return FieldRole::SamplerId;
    case 160:
        return FieldRole::SystemInitMillis;
    default:
        return FieldRole::Skip;
    }
}

const char *checkField(const TemplateField &field, bool ipfix) noexcept
{
    const std::uint16_t n = field.length;
    if (n == 0)
        return "field length 0";
    if (n == kVariableLength) {
        if (!ipfix)
            return "field length 0xFFFF (NetFlow v9 has no variable-length fields)";
        return field.role == FieldRole::Skip ? nullptr : "variable length for a fixed-size element";
    }
    const auto range = [n](std::uint16_t lo, std::uint16_t hi) {
        return n >= lo && n <= hi;
    };
    bool fine = true;
    switch (field.role) {
    case FieldRole::Skip:
        break;
    case FieldRole::Octets:
    case FieldRole::Packets:
    case FieldRole::OctetsTotal:
    case FieldRole::PacketsTotal:
    case FieldRole::SamplerId:
    case FieldRole::SamplingPopulation:
        fine = range(1, 8);
        break;
    case FieldRole::Protocol:
        fine = n == 1;
        break;
    case FieldRole::SrcPort:
    case FieldRole::DstPort:
        fine = range(1, 2);
        break;
    case FieldRole::SrcV4:
    case FieldRole::DstV4:
    case FieldRole::NextHopV4:
    case FieldRole::BgpNextHopV4:
        fine = n == 4;
        break;
    case FieldRole::SrcV6:
    case FieldRole::DstV6:
    case FieldRole::NextHopV6:
    case FieldRole::BgpNextHopV6:
        fine = n == 16;
        break;
    case FieldRole::InputInterface:
    case FieldRole::OutputInterface:
    case FieldRole::SamplingInterval:
    case FieldRole::SamplerRandomInterval:
    case FieldRole::PacketInterval:
    case FieldRole::PacketSpace:
    case FieldRole::SamplingSize:
        fine = range(1, 4);
        break;
    case FieldRole::SrcMac:
    case FieldRole::DstMac:
        fine = n == 6;
        break;
    case FieldRole::StartUptime:
    case FieldRole::EndUptime:
    case FieldRole::StartSeconds:
    case FieldRole::EndSeconds:
        fine = n == 4;
        break;
    case FieldRole::StartMillis:
    case FieldRole::EndMillis:
    case FieldRole::StartMicrosNtp:
    case FieldRole::EndMicrosNtp:
    case FieldRole::StartNanosNtp:
    case FieldRole::EndNanosNtp:
    case FieldRole::SystemInitMillis:
        fine = n == 8;
        break;
    }
    return fine ? nullptr : "field length does not fit the information element";
}

namespace {

bool isHot(FieldRole role) noexcept
{
    switch (role) {
    case FieldRole::SrcV4:
    case FieldRole::DstV4:
    case FieldRole::SrcPort:
    case FieldRole::DstPort:
    case FieldRole::Protocol:
    case FieldRole::Octets:
    case FieldRole::Packets:
    case FieldRole::StartUptime:
    case FieldRole::EndUptime:
    case FieldRole::InputInterface:
    case FieldRole::OutputInterface:
        return true;
    default:
        return false;
    }
}

// Reading the hot fields apart from the rest changes the order fields are applied in; that is
// only the same record when no value is written twice: each hot role at most once, and no IPv6
// address where the IPv4 one of the same end is hot.
bool hotLayoutFits(const std::vector<TemplateField> &fields) noexcept
{
    static_assert(static_cast<unsigned>(FieldRole::SystemInitMillis) < 64);
    std::uint64_t seen = 0;
    for (const TemplateField &f : fields) {
        if (!isHot(f.role) && f.role != FieldRole::SrcV6 && f.role != FieldRole::DstV6)
            continue;
        const std::uint64_t bit = std::uint64_t{1} << static_cast<unsigned>(f.role);
        if ((seen & bit) != 0)
            return false;
        seen |= bit;
    }
    const auto has = [seen](FieldRole r) {
        return (seen & (std::uint64_t{1} << static_cast<unsigned>(r))) != 0;
    };
    return !(has(FieldRole::SrcV4) && has(FieldRole::SrcV6))
           && !(has(FieldRole::DstV4) && has(FieldRole::DstV6));
}

// Records a hot field's place; false for a field that stays in the plan.
bool placeHot(HotLayout &hot, const TemplateField &f, std::uint16_t offset) noexcept
{
    const auto length = static_cast<std::uint8_t>(f.length);
    switch (f.role) {
    case FieldRole::SrcV4:
        hot.srcV4 = offset;
        return true;
    case FieldRole::DstV4:
        hot.dstV4 = offset;
        return true;
    case FieldRole::SrcPort:
        hot.srcPort = offset;
        hot.srcPortLength = length;
        return true;
    case FieldRole::DstPort:
        hot.dstPort = offset;
        hot.dstPortLength = length;
        return true;
    case FieldRole::Protocol:
        hot.protocol = offset;
        return true;
    case FieldRole::Octets:
        hot.octets = offset;
        hot.octetsLength = length;
        return true;
    case FieldRole::Packets:
        hot.packets = offset;
        hot.packetsLength = length;
        return true;
    case FieldRole::StartUptime:
        hot.startUptime = offset;
        return true;
    case FieldRole::EndUptime:
        hot.endUptime = offset;
        return true;
    case FieldRole::InputInterface:
        hot.inputInterface = offset;
        hot.inputInterfaceLength = length;
        return true;
    case FieldRole::OutputInterface:
        hot.outputInterface = offset;
        hot.outputInterfaceLength = length;
        return true;
    default:
        return false;
    }
}

} // namespace

const char *finishTemplate(FlowTemplate &tmpl, const TemplateLimits &limits) noexcept
{
    if (tmpl.fields.empty())
        return "template without fields";
    if (tmpl.fields.size() > limits.maxFieldsPerTemplate)
        return "template has more fields than the limit";
    std::uint32_t length = 0;
    bool src = false;
    bool dst = false;
    tmpl.variableLength = false;
    for (const TemplateField &f : tmpl.fields) {
        if (f.length == kVariableLength) {
            tmpl.variableLength = true;
            length += 1;
        } else {
            length += f.length;
        }
        src = src || f.role == FieldRole::SrcV4 || f.role == FieldRole::SrcV6;
        dst = dst || f.role == FieldRole::DstV4 || f.role == FieldRole::DstV6;
    }
    // No record can be longer than a UDP datagram; a template claiming so is hostile.
    if (length > 65'507)
        return "template record length exceeds a datagram";
    tmpl.minRecordLength = length;
    tmpl.isFlow = !tmpl.options && src && dst;
    tmpl.plan.clear();
    tmpl.recordsStateSampling = false;
    tmpl.hot = HotLayout{};
    tmpl.useHotLayout = !tmpl.variableLength && hotLayoutFits(tmpl.fields);
    std::uint32_t offset = 0;
    for (const TemplateField &f : tmpl.fields) {
        const bool planned
            = !tmpl.variableLength && f.role != FieldRole::Skip
              && !(tmpl.useHotLayout && placeHot(tmpl.hot, f, static_cast<std::uint16_t>(offset)));
        if (planned)
            tmpl.plan.push_back(PlannedField{static_cast<std::uint16_t>(offset), f.length, f.role});
        offset += f.length == kVariableLength ? 0u : f.length;
        switch (f.role) {
        case FieldRole::SamplingInterval:
        case FieldRole::SamplerRandomInterval:
        case FieldRole::PacketInterval:
        case FieldRole::PacketSpace:
        case FieldRole::SamplingSize:
        case FieldRole::SamplingPopulation:
        case FieldRole::SamplerId:
            tmpl.recordsStateSampling = true;
            break;
        default:
            break;
        }
    }
    return nullptr;
}

std::int64_t ntpToEpochNanos(std::uint64_t ntp) noexcept
{
    constexpr std::int64_t kNtpToUnix = 2'208'988'800; // seconds from 1900 to 1970
    const auto secs = static_cast<std::int64_t>(ntp >> 32) - kNtpToUnix;
    const auto frac = static_cast<std::int64_t>(((ntp & 0xffffffffu) * 1'000'000'000u) >> 32);
    return secs * 1'000'000'000 + frac;
}

std::optional<SamplingRatio> RecordValues::statedSampling() const noexcept
{
    if (samplingInterval != 0)
        return ratioFromInterval(samplingInterval);
    if (samplerRandomInterval != 0)
        return ratioFromInterval(samplerRandomInterval);
    if (packetInterval != 0 && hasPacketSpace)
        return ratioFromPacketInterval(packetInterval, packetSpace);
    if (samplingSize != 0)
        return ratioFromSizePopulation(samplingSize, samplingPopulation);
    return std::nullopt;
}

namespace {

// One field's value into the record; `n` is the field's length in this record.
inline void
applyField(FieldRole role, const std::uint8_t *p, std::size_t n, RecordValues &out) noexcept
{
    switch (role) {
    case FieldRole::Skip:
        break;
    case FieldRole::Octets:
        out.flow.bytes = loadUnsigned(p, n);
        out.hasOctets = true;
        break;
    case FieldRole::Packets:
        out.flow.packets = loadUnsigned(p, n);
        out.hasPackets = true;
        break;
    case FieldRole::OctetsTotal:
        out.octetsTotal = loadUnsigned(p, n);
        out.hasOctetsTotal = true;
        break;
    case FieldRole::PacketsTotal:
        out.packetsTotal = loadUnsigned(p, n);
        out.hasPacketsTotal = true;
        break;
    case FieldRole::Protocol:
        out.flow.ipProtocol = p[0];
        break;
    case FieldRole::SrcPort:
        out.flow.srcPort = static_cast<std::uint16_t>(loadUnsigned(p, n));
        break;
    case FieldRole::DstPort:
        out.flow.dstPort = static_cast<std::uint16_t>(loadUnsigned(p, n));
        break;
    case FieldRole::SrcV4:
        out.flow.src = net::Address::v4(loadU32(p));
        out.hasSrc = true;
        break;
    case FieldRole::DstV4:
        out.flow.dst = net::Address::v4(loadU32(p));
        out.hasDst = true;
        break;
    case FieldRole::SrcV6:
        out.flow.src = net::Address::fromBytes(net::Family::V6, {p, 16});
        out.hasSrc = true;
        break;
    case FieldRole::DstV6:
        out.flow.dst = net::Address::fromBytes(net::Family::V6, {p, 16});
        out.hasDst = true;
        break;
    case FieldRole::NextHopV4:
        out.flow.nextHop = net::Address::v4(loadU32(p));
        out.flow.hasNextHop = loadU32(p) != 0;
        break;
    case FieldRole::NextHopV6:
        out.flow.nextHop = net::Address::fromBytes(net::Family::V6, {p, 16});
        out.flow.hasNextHop
            = out.flow.nextHop != net::Address::fromWords(net::Family::V6, 0, 0);
        break;
    case FieldRole::BgpNextHopV4:
        out.bgpNextHop = net::Address::v4(loadU32(p));
        out.hasBgpNextHop = loadU32(p) != 0;
        break;
    case FieldRole::BgpNextHopV6:
        out.bgpNextHop = net::Address::fromBytes(net::Family::V6, {p, 16});
        out.hasBgpNextHop = out.bgpNextHop != net::Address::fromWords(net::Family::V6, 0, 0);
        break;
    case FieldRole::InputInterface:
        out.flow.inputInterface = static_cast<std::uint32_t>(loadUnsigned(p, n));
        break;
    case FieldRole::OutputInterface:
        out.flow.outputInterface = static_cast<std::uint32_t>(loadUnsigned(p, n));
        break;
    case FieldRole::SrcMac:
        std::copy(p, p + 6, out.flow.srcMac.begin());
        out.flow.hasSrcMac = true;
        break;
    case FieldRole::DstMac:
        std::copy(p, p + 6, out.flow.dstMac.begin());
        out.flow.hasDstMac = true;
        break;
    case FieldRole::StartUptime:
        out.startUptime = loadU32(p);
        out.hasStartUptime = true;
        break;
    case FieldRole::EndUptime:
        out.endUptime = loadU32(p);
        out.hasEndUptime = true;
        break;
    case FieldRole::StartSeconds:
        out.startMs = std::uint64_t{loadU32(p)} * 1000;
        out.hasStartMs = true;
        break;
    case FieldRole::EndSeconds:
        out.endMs = std::uint64_t{loadU32(p)} * 1000;
        out.hasEndMs = true;
        break;
    case FieldRole::StartMillis:
        out.startMs = loadU64(p);
        out.hasStartMs = true;
        break;
    case FieldRole::EndMillis:
        out.endMs = loadU64(p);
        out.hasEndMs = true;
        break;
    case FieldRole::StartMicrosNtp:
    case FieldRole::StartNanosNtp:
        out.startNs = ntpToEpochNanos(loadU64(p));
        out.hasStartNs = true;
        break;
    case FieldRole::EndMicrosNtp:
    case FieldRole::EndNanosNtp:
        out.endNs = ntpToEpochNanos(loadU64(p));
        out.hasEndNs = true;
        break;
    case FieldRole::SamplingInterval:
        out.samplingInterval = loadUnsigned(p, n);
        break;
    case FieldRole::SamplerRandomInterval:
        out.samplerRandomInterval = loadUnsigned(p, n);
        break;
    case FieldRole::PacketInterval:
        out.packetInterval = loadUnsigned(p, n);
        break;
    case FieldRole::PacketSpace:
        out.packetSpace = loadUnsigned(p, n);
        out.hasPacketSpace = true;
        break;
    case FieldRole::SamplingSize:
        out.samplingSize = loadUnsigned(p, n);
        break;
    case FieldRole::SamplingPopulation:
        out.samplingPopulation = loadUnsigned(p, n);
        break;
    case FieldRole::SamplerId:
        out.samplerId = loadUnsigned(p, n);
        out.hasSamplerId = true;
        break;
    case FieldRole::SystemInitMillis:
        out.systemInitMillis = loadU64(p);
        out.hasSystemInit = true;
        break;
    }
}

} // namespace

bool readRecord(const FlowTemplate &tmpl,
                std::span<const std::uint8_t> data,
                std::size_t &consumed,
                RecordValues &out) noexcept
{
    std::size_t at = 0;
    if (!tmpl.variableLength) {
        if (tmpl.minRecordLength > data.size())
            return false;
        if (tmpl.useHotLayout)
            readHot(tmpl.hot, data.data(), out);
        for (const PlannedField &f : tmpl.plan)
            applyField(f.role, data.data() + f.offset, f.length, out);
        at = tmpl.minRecordLength;
    } else {
        for (const TemplateField &f : tmpl.fields) {
            std::size_t n = f.length;
            if (n == kVariableLength) {
                // RFC 7011 7: one length byte, or 255 followed by a 16-bit length.
                if (at + 1 > data.size())
                    return false;
                n = data[at++];
                if (n == 255) {
                    if (at + 2 > data.size())
                        return false;
                    n = loadU16(data.data() + at);
                    at += 2;
                }
            }
            if (n > data.size() - at)
                return false;
            applyField(f.role, data.data() + at, n, out);
            at += n;
        }
    }
    if (!out.hasOctets && out.hasOctetsTotal)
        out.flow.bytes = out.octetsTotal;
    if (!out.hasPackets && out.hasPacketsTotal)
        out.flow.packets = out.packetsTotal;
    // The IP next hop names the neighbour the flow left through; the BGP next hop is only a
    // stand-in when the exporter sends nothing better (on an IXP LAN they are the same router).
    if (!out.flow.hasNextHop && out.hasBgpNextHop) {
        out.flow.nextHop = out.bgpNextHop;
        out.flow.hasNextHop = true;
    }
    out.flow.samplerId = out.samplerId;
    consumed = at;
    return true;
}

const FlowTemplate *PendingTemplates::find(const TemplateCache::Key &key) const
{
    bool blockOptions = false;
    bool blockFlows = false;
    const auto blocked = [&](const FlowTemplate *t) {
        return t != nullptr && (t->options ? blockOptions : blockFlows);
    };
    for (auto it = m_ops.rbegin(); it != m_ops.rend(); ++it) {
        switch (it->kind) {
        case Kind::Add:
            if (it->key == key)
                return blocked(&it->tmpl) ? nullptr : &it->tmpl;
            break;
        case Kind::Withdraw:
            if (it->key == key)
                return nullptr;
            break;
        case Kind::WithdrawAll:
            if (it->key.exporter == key.exporter && it->key.domain == key.domain
                && it->key.protocol == key.protocol)
                (it->options ? blockOptions : blockFlows) = true;
            break;
        }
    }
    const FlowTemplate *cached = m_cache.find(key, m_now);
    return blocked(cached) ? nullptr : cached;
}

void PendingTemplates::add(const TemplateCache::Key &key, FlowTemplate tmpl)
{
    m_ops.push_back(Op{Kind::Add, key, std::move(tmpl), false});
}

void PendingTemplates::withdraw(const TemplateCache::Key &key)
{
    m_ops.push_back(Op{Kind::Withdraw, key, {}, false});
}

void PendingTemplates::withdrawAll(const TemplateCache::Key &domainKey, bool options)
{
    m_ops.push_back(Op{Kind::WithdrawAll, domainKey, {}, options});
}

void PendingTemplates::commit(DatagramInfo &info)
{
    for (Op &op : m_ops) {
        switch (op.kind) {
        case Kind::Add:
            switch (m_cache.insert(op.key, std::move(op.tmpl), m_now)) {
            case TemplateCache::InsertResult::Added:
            case TemplateCache::InsertResult::Replaced:
                ++info.templatesAdded;
                break;
            case TemplateCache::InsertResult::Refreshed:
                ++info.templatesRefreshed;
                break;
            case TemplateCache::InsertResult::RefusedExporterLimit:
            case TemplateCache::InsertResult::RefusedTotalLimit:
                ++info.templatesRefused;
                break;
            }
            break;
        case Kind::Withdraw:
            if (m_cache.withdraw(op.key))
                ++info.templatesWithdrawn;
            break;
        case Kind::WithdrawAll:
            info.templatesWithdrawn += static_cast<std::uint32_t>(
                m_cache.withdrawAll(op.key.exporter, op.key.domain, op.key.protocol, op.options));
            break;
        }
    }
    m_ops.clear();
}

PendingDomain::PendingDomain(TemplateCache &cache,
                             const net::Address &exporter,
                             std::uint32_t domain,
                             FlowProtocol protocol)
    : m_cache(cache)
    , m_exporter(exporter)
    , m_domain(domain)
    , m_protocol(protocol)
{
    if (const DomainState *existing = cache.domain(exporter, domain, protocol))
        m_state = *existing;
}

void PendingDomain::learn(const RecordValues &values, std::size_t maxSamplers, Timestamp now)
{
    if (values.hasSystemInit) {
        m_state.hasSystemInit = true;
        m_state.systemInitMillis = values.systemInitMillis;
        m_changed = true;
    }
    if (const auto ratio = values.statedSampling()) {
        if (values.hasSamplerId && values.samplerId != 0) {
            const bool known = m_state.samplers.count(values.samplerId) != 0;
            if (known || m_state.samplers.size() < maxSamplers)
                m_state.samplers[values.samplerId] = *ratio;
        } else {
            m_state.hasDefaultSampling = true;
            m_state.defaultSampling = *ratio;
        }
        m_changed = true;
    }
    if (m_changed)
        m_state.updated = now;
}

void PendingDomain::commit()
{
    if (m_changed)
        m_cache.setDomain(m_exporter, m_domain, m_protocol, m_state);
}

SamplingRatio samplingFor(const RecordValues &values,
                          const DomainState &domain,
                          const DecodeOptions &options) noexcept
{
    if (options.samplingOverride != 0)
        if (const auto r = ratioFromInterval(options.samplingOverride))
            return *r;
    if (const auto r = values.statedSampling())
        return *r;
    if (values.hasSamplerId) {
        const auto it = domain.samplers.find(values.samplerId);
        if (it != domain.samplers.end())
            return it->second;
    }
    if (domain.hasDefaultSampling)
        return domain.defaultSampling;
    return {};
}

} // namespace bwx::settlement::detail
