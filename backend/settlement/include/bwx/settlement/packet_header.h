#pragma once
// Parsing the start of a sampled packet (sFlow raw packet header records): Ethernet with up to
// two VLAN tags, then IPv4 or IPv6, then TCP/UDP ports when present. Pure function over bytes.
#include "bwx/net/address.h"
#include "bwx/settlement/flow_record.h"

#include <cstdint>
#include <span>

namespace bwx::settlement {

struct PacketHeader
{
    bool hasMacs = false;
    MacAddress dstMac{};
    MacAddress srcMac{};
    std::uint32_t l2Length = 0; // bytes before the IP header (Ethernet + VLAN tags)
    net::Address src;
    net::Address dst;
    std::uint8_t ipProtocol = 0;
    std::uint16_t srcPort = 0;
    std::uint16_t dstPort = 0;
    std::uint32_t ipLength = 0; // total IP length from the IP header (0 when not stated)
};

enum class HeaderKind : std::uint8_t { Ethernet, IPv4, IPv6 };

enum class HeaderError : std::uint8_t { None, Truncated, NotIp, BadIpHeader };

// Fills `out`; anything but None means no addresses could be read.
HeaderError parsePacketHeader(std::span<const std::uint8_t> header,
                              HeaderKind kind,
                              PacketHeader &out) noexcept;

} // namespace bwx::settlement
