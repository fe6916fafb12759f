// NetFlow v5: a fixed 24-byte header and up to 30 fixed 48-byte IPv4 records.
#include "bwx/settlement/decoders.h"
#include "byte_reader.h"
#include "decode_support.h"

namespace bwx::settlement {

namespace {
constexpr std::size_t kHeaderLength = 24;
constexpr std::size_t kRecordLength = 48;
constexpr std::uint16_t kMaxRecords = 30;
} // namespace

DecodeResult decodeNetflowV5(std::span<const std::uint8_t> datagram,
                             const net::Address &exporter,
                             const DecodeOptions &options,
                             std::vector<FlowRecord> &out)
{
    DecodeResult result;
    DatagramInfo &info = result.info;
    info.protocol = FlowProtocol::NetflowV5;
    detail::OutputGuard guard(out);
    if (datagram.size() < kHeaderLength)
        return detail::fail(result, DecodeError::Truncated, 0, "shorter than the v5 header");
    const std::uint8_t *h = datagram.data();
    const std::uint16_t version = detail::loadU16(h);
    if (version != 5)
        return detail::fail(result, DecodeError::BadVersion, 0,
                            "version " + std::to_string(version) + ", expected 5");
    const std::uint16_t count = detail::loadU16(h + 2);
    info.sysUptimeMs = detail::loadU32(h + 4);
    info.exportSeconds = detail::loadU32(h + 8);
    const std::uint32_t exportNanos = detail::loadU32(h + 12);
    info.sequence = detail::loadU32(h + 16);
    // Engine type and id identify the flow cache inside the router, like a v9 source id.
    info.observationDomain = (std::uint32_t{h[20]} << 8) | h[21];
    const std::uint16_t samplingField = detail::loadU16(h + 22);
    if (count == 0 || count > kMaxRecords)
        return detail::fail(result, DecodeError::BadLength, 2,
                            "record count " + std::to_string(count) + " outside 1..30");
    if (datagram.size() < kHeaderLength + std::size_t{count} * kRecordLength)
        return detail::fail(result, DecodeError::Truncated, kHeaderLength,
                            "datagram holds fewer records than its count");
    info.dataRecords = count;

    // The top two bits are the sampling mode, the low 14 the interval (0 = unsampled).
    SamplingRatio ratio;
    if (options.samplingOverride != 0) {
        if (const auto r = ratioFromInterval(options.samplingOverride))
            ratio = *r;
    } else if ((samplingField >> 14) != 0) {
        if (const auto r = ratioFromInterval(samplingField & 0x3fffu))
            ratio = *r;
    }
    const std::int64_t exportMs = std::int64_t{info.exportSeconds} * 1000 + exportNanos / 1'000'000;
    const auto toTime = [&](std::uint32_t uptime) {
        const auto delta = static_cast<std::int32_t>(uptime - info.sysUptimeMs);
        return detail::fromMillis(exportMs + delta);
    };
    for (std::size_t i = 0; i < count; ++i) {
        const std::uint8_t *p = h + kHeaderLength + i * kRecordLength;
        FlowRecord flow;
        flow.exporter = exporter;
        flow.observationDomain = info.observationDomain;
        flow.protocol = FlowProtocol::NetflowV5;
        flow.src = net::Address::v4(detail::loadU32(p));
        flow.dst = net::Address::v4(detail::loadU32(p + 4));
        flow.nextHop = net::Address::v4(detail::loadU32(p + 8));
        flow.hasNextHop = detail::loadU32(p + 8) != 0;
        flow.inputInterface = detail::loadU16(p + 12);
        flow.outputInterface = detail::loadU16(p + 14);
        flow.packets = detail::loadU32(p + 16);
        flow.bytes = detail::loadU32(p + 20);
        flow.start = toTime(detail::loadU32(p + 24));
        flow.end = toTime(detail::loadU32(p + 28));
        if (flow.end < flow.start)
            flow.end = flow.start;
        flow.srcPort = detail::loadU16(p + 32);
        flow.dstPort = detail::loadU16(p + 34);
        flow.ipProtocol = p[38];
        if (!applySampling(flow, ratio)) {
            ++info.recordsOverflowed;
            continue;
        }
        out.push_back(flow);
        ++info.flowRecords;
    }
    guard.release();
    return result;
}

} // namespace bwx::settlement
