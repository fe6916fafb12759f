#pragma once
// One decoded flow, the common currency of every decoder, the collector and attribution.
//
// Counts are already corrected for sampling (multiplied by samplingRate) and bytes are always IP
// bytes (IP header + payload, the unit NetFlow and IPFIX count): the sFlow decoder converts frame
// lengths before a record leaves it, so nothing downstream needs to know the protocol.
#include "bwx/domain/units.h"
#include "bwx/net/address.h"

#include <array>
#include <cstdint>

namespace bwx::settlement {

enum class FlowProtocol : std::uint8_t { NetflowV5 = 5, NetflowV9 = 9, Ipfix = 10, Sflow5 = 50 };

const char *toString(FlowProtocol protocol) noexcept;

using MacAddress = std::array<std::uint8_t, 6>;

struct FlowRecord
{
    net::Address exporter; // the datagram's source address (the exporter or sFlow agent)
    std::uint32_t observationDomain = 0; // v9 source id, IPFIX observation domain, sFlow sub-agent
    FlowProtocol protocol = FlowProtocol::NetflowV9;
    net::Address src;
    net::Address dst;
    net::Address nextHop; // 0.0.0.0 / :: when the exporter did not send one
    std::uint16_t srcPort = 0;
    std::uint16_t dstPort = 0;
    std::uint8_t ipProtocol = 0;
    bool hasNextHop = false;
    bool hasSrcMac = false;
    bool hasDstMac = false;
    MacAddress srcMac{};
    MacAddress dstMac{};
    std::uint64_t bytes = 0;   // IP bytes, sampling applied
    std::uint64_t packets = 0; // sampling applied
    Timestamp start;           // first packet, UTC
    Timestamp end;             // last packet, UTC (== start for an sFlow sample)
    std::uint32_t inputInterface = 0;
    std::uint32_t outputInterface = 0;
    // The sampling ratio applied to bytes and packets: counts were multiplied by
    // samplingNumerator / samplingDenominator (1/1 when unsampled, N/1 for 1-in-N sampling).
    std::uint32_t samplingNumerator = 1;
    std::uint32_t samplingDenominator = 1;
    std::uint64_t samplerId = 0; // the in-band sampler/selector the record named (0 = none)
};

} // namespace bwx::settlement
