// sFlow version 5 (sflow.org, sflow_version_5.txt): XDR-encoded datagrams of samples.
#include "bwx/settlement/decoders.h"
#include "bwx/settlement/packet_header.h"
#include "byte_reader.h"
#include "decode_support.h"

namespace bwx::settlement {

namespace {

constexpr std::uint32_t kFlowSample = 1;
constexpr std::uint32_t kExpandedFlowSample = 3;
constexpr std::uint32_t kRawHeader = 1;
constexpr std::uint32_t kExtendedRouter = 1002;
constexpr std::uint32_t kEthernetFcs = 4;

bool readAddress(detail::ByteReader &r, net::Address &out, bool &supported)
{
    std::uint32_t type = 0;
    if (!r.u32(type))
        return false;
    std::span<const std::uint8_t> bytes;
    supported = true;
    if (type == 1) {
        if (!r.take(4, bytes))
            return false;
        out = net::Address::fromBytes(net::Family::V4, bytes);
    } else if (type == 2) {
        if (!r.take(16, bytes))
            return false;
        out = net::Address::fromBytes(net::Family::V6, bytes);
    } else {
        supported = false;
    }
    return true;
}

struct SampleContext
{
    net::Address exporter;
    std::uint32_t subAgent = 0;
    Timestamp now;
    DecodeOptions options;
};

// The IP bytes of a sampled frame. NetFlow and IPFIX count IP bytes and so do we: the IP header's
// own length when the sampled header reaches it and it fits in the frame, else the frame length
// less the link-layer header and the Ethernet FCS that sFlow's frame_length includes.
std::uint64_t ipBytesOf(const PacketHeader &h, std::uint32_t frameLength, bool ethernet)
{
    const std::uint64_t overhead = std::uint64_t{h.l2Length} + (ethernet ? kEthernetFcs : 0);
    const std::uint64_t fromFrame = frameLength > overhead ? frameLength - overhead : 0;
    const std::uint64_t maxIp = frameLength > h.l2Length ? frameLength - h.l2Length : 0;
    if (h.ipLength != 0 && h.ipLength <= maxIp)
        return h.ipLength;
    return fromFrame;
}

// Returns false with `result` set on a malformed sample.
bool decodeFlowSample(std::span<const std::uint8_t> body,
                      std::size_t base,
                      bool expanded,
                      const SampleContext &c,
                      DecodeResult &result,
                      std::vector<FlowRecord> &out)
{
    detail::ByteReader r(body);
    std::uint32_t sequence = 0, sourceId = 0, sourceIndex = 0, rate = 0, pool = 0, drops = 0;
    std::uint32_t input = 0, output = 0, inputFormat = 0, outputFormat = 0, records = 0;
    bool ok = r.u32(sequence) && r.u32(sourceId);
    if (expanded)
        ok = ok && r.u32(sourceIndex);
    ok = ok && r.u32(rate) && r.u32(pool) && r.u32(drops);
    if (expanded) {
        ok = ok && r.u32(inputFormat) && r.u32(input) && r.u32(outputFormat) && r.u32(output);
    } else if (ok) {
        ok = r.u32(input) && r.u32(output);
        // Compact form: the top two bits say what the low 30 are; 0 = an ifIndex.
        inputFormat = input >> 30;
        outputFormat = output >> 30;
        input &= 0x3fffffffu;
        output &= 0x3fffffffu;
    }
    ok = ok && r.u32(records);
    if (!ok) {
        detail::fail(result, DecodeError::BadSample, base, "flow sample truncated");
        return false;
    }
    if (std::size_t{records} * 8 > r.remaining()) {
        detail::fail(result, DecodeError::BadSample, base + r.offset() - 4,
                     "flow sample record count beyond its length");
        return false;
    }
    bool haveHeader = false;
    PacketHeader header;
    std::uint32_t frameLength = 0;
    bool ethernet = false;
    net::Address nextHop;
    bool haveNextHop = false;
    for (std::uint32_t i = 0; i < records; ++i) {
        const std::size_t at = base + r.offset();
        std::uint32_t tag = 0, length = 0;
        std::span<const std::uint8_t> record;
        if (!r.u32(tag) || !r.u32(length) || !r.take(length, record)) {
            detail::fail(result, DecodeError::BadSample, at, "flow record longer than its sample");
            return false;
        }
        if ((tag >> 12) != 0) {
            ++result.info.samplesSkipped;
            continue;
        }
        const std::uint32_t format = tag & 0xfffu;
        detail::ByteReader rr(record);
        if (format == kRawHeader && !haveHeader) {
            std::uint32_t protocol = 0, stripped = 0, headerLength = 0;
            std::span<const std::uint8_t> bytes;
            if (!rr.u32(protocol) || !rr.u32(frameLength) || !rr.u32(stripped)
                || !rr.u32(headerLength) || !rr.take(headerLength, bytes)) {
                detail::fail(result, DecodeError::BadSample, at,
                             "raw packet header longer than its record");
                return false;
            }
            HeaderKind kind;
            if (protocol == 1)
                kind = HeaderKind::Ethernet;
            else if (protocol == 11)
                kind = HeaderKind::IPv4;
            else if (protocol == 12)
                kind = HeaderKind::IPv6;
            else
                continue; // a link type we do not bill: the sample is counted as skipped below
            if (parsePacketHeader(bytes, kind, header) == HeaderError::None) {
                haveHeader = true;
                ethernet = kind == HeaderKind::Ethernet;
            }
        } else if (format == kExtendedRouter) {
            bool supported = false;
            if (!readAddress(rr, nextHop, supported)) {
                detail::fail(result, DecodeError::BadSample, at, "extended router data truncated");
                return false;
            }
            haveNextHop = supported;
        }
    }
    if (!haveHeader) {
        ++result.info.samplesSkipped;
        return true;
    }
    FlowRecord flow;
    flow.exporter = c.exporter;
    flow.observationDomain = c.subAgent;
    flow.protocol = FlowProtocol::Sflow5;
    flow.src = header.src;
    flow.dst = header.dst;
    flow.srcPort = header.srcPort;
    flow.dstPort = header.dstPort;
    flow.ipProtocol = header.ipProtocol;
    flow.hasSrcMac = flow.hasDstMac = header.hasMacs;
    flow.srcMac = header.srcMac;
    flow.dstMac = header.dstMac;
    flow.hasNextHop = haveNextHop;
    flow.nextHop = nextHop;
    flow.inputInterface = inputFormat == 0 ? input : 0;
    flow.outputInterface = outputFormat == 0 ? output : 0;
    flow.bytes = ipBytesOf(header, frameLength, ethernet);
    flow.packets = 1;
    flow.start = flow.end = c.now;
    std::optional<SamplingRatio> ratio
        = ratioFromInterval(c.options.samplingOverride != 0 ? c.options.samplingOverride : rate);
    if (!ratio) {
        // sampling_rate 0 or absurd: the sample cannot be scaled into a bill.
        ++result.info.samplesSkipped;
        return true;
    }
    if (!applySampling(flow, *ratio)) {
        ++result.info.recordsOverflowed;
        return true;
    }
    out.push_back(flow);
    ++result.info.flowRecords;
    return true;
}

} // namespace

DecodeResult decodeSflow(std::span<const std::uint8_t> datagram,
                         const net::Address &exporter,
                         Timestamp now,
                         const DecodeOptions &options,
                         std::vector<FlowRecord> &out)
{
    DecodeResult result;
    DatagramInfo &info = result.info;
    info.protocol = FlowProtocol::Sflow5;
    detail::OutputGuard guard(out);
    detail::ByteReader r(datagram);
    std::uint32_t version = 0;
    if (!r.u32(version))
        return detail::fail(result, DecodeError::Truncated, 0, "shorter than the sFlow header");
    if (version != 5)
        return detail::fail(result, DecodeError::BadVersion, 0,
                            "version " + std::to_string(version) + ", expected 5");
    bool supported = false;
    if (!readAddress(r, info.agent, supported))
        return detail::fail(result, DecodeError::Truncated, 4, "shorter than the sFlow header");
    if (!supported)
        return detail::fail(result, DecodeError::UnsupportedAddress, 4,
                            "agent address type is neither IPv4 nor IPv6");
    std::uint32_t samples = 0;
    if (!r.u32(info.observationDomain) || !r.u32(info.sequence) || !r.u32(info.sysUptimeMs)
        || !r.u32(samples))
        return detail::fail(result, DecodeError::Truncated, r.offset(),
                            "shorter than the sFlow header");
    if (std::size_t{samples} * 8 > r.remaining())
        return detail::fail(result, DecodeError::BadLength, r.offset() - 4,
                            "sample count " + std::to_string(samples) + " beyond the datagram");
    const SampleContext context{exporter, info.observationDomain, now, options};
    for (std::uint32_t i = 0; i < samples; ++i) {
        const std::size_t at = r.offset();
        std::uint32_t tag = 0, length = 0;
        std::span<const std::uint8_t> body;
        if (!r.u32(tag) || !r.u32(length))
            return detail::fail(result, DecodeError::Truncated, at, "truncated sample header");
        if (!r.take(length, body))
            return detail::fail(result, DecodeError::BadSample, at,
                                "sample longer than the datagram");
        const std::uint32_t format = tag & 0xfffu;
        if ((tag >> 12) != 0 || (format != kFlowSample && format != kExpandedFlowSample)) {
            ++info.samplesSkipped; // counter samples and vendor formats
            continue;
        }
        ++info.dataRecords;
        if (!decodeFlowSample(body, at + 8, format == kExpandedFlowSample, context, result, out))
            return result;
    }
    if (r.remaining() != 0)
        return detail::fail(result, DecodeError::BadLength, r.offset(),
                            "bytes after the last sample");
    guard.release();
    return result;
}

SniffedProtocol sniffProtocol(std::span<const std::uint8_t> d) noexcept
{
    if (d.size() >= 4 && detail::loadU32(d.data()) == 5)
        return SniffedProtocol::Sflow5;
    if (d.size() < 2)
        return SniffedProtocol::Unknown;
    switch (detail::loadU16(d.data())) {
    case 5:
        return SniffedProtocol::NetflowV5;
    case 9:
        return SniffedProtocol::NetflowV9;
    case 10:
        return SniffedProtocol::Ipfix;
    default:
        return SniffedProtocol::Unknown;
    }
}

} // namespace bwx::settlement
