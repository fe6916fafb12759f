#include "bwx/settlement/packet_header.h"

#include "byte_reader.h"

#include <algorithm>

namespace bwx::settlement {

namespace {

constexpr std::uint16_t kEtherIPv4 = 0x0800;
constexpr std::uint16_t kEtherIPv6 = 0x86dd;
constexpr std::uint16_t kEtherVlan = 0x8100;
constexpr std::uint16_t kEtherQinQ = 0x88a8;

void readPorts(std::span<const std::uint8_t> l4, PacketHeader &out) noexcept
{
    // TCP, UDP, SCTP and UDP-Lite all start with the two ports.
    if ((out.ipProtocol == 6 || out.ipProtocol == 17 || out.ipProtocol == 132
         || out.ipProtocol == 136)
        && l4.size() >= 4) {
        out.srcPort = detail::loadU16(l4.data());
        out.dstPort = detail::loadU16(l4.data() + 2);
    }
}

HeaderError parseIPv4(std::span<const std::uint8_t> ip, PacketHeader &out) noexcept
{
    if (ip.size() < 20)
        return HeaderError::Truncated;
    if ((ip[0] >> 4) != 4)
        return HeaderError::BadIpHeader;
    const std::size_t ihl = std::size_t{ip[0] & 0x0fu} * 4;
    if (ihl < 20)
        return HeaderError::BadIpHeader;
    out.ipLength = detail::loadU16(ip.data() + 2);
    out.ipProtocol = ip[9];
    out.src = net::Address::v4(detail::loadU32(ip.data() + 12));
    out.dst = net::Address::v4(detail::loadU32(ip.data() + 16));
    const bool firstFragment = (detail::loadU16(ip.data() + 6) & 0x1fffu) == 0;
    if (firstFragment && ip.size() > ihl)
        readPorts(ip.subspan(ihl), out);
    return HeaderError::None;
}

HeaderError parseIPv6(std::span<const std::uint8_t> ip, PacketHeader &out) noexcept
{
    if (ip.size() < 40)
        return HeaderError::Truncated;
    if ((ip[0] >> 4) != 6)
        return HeaderError::BadIpHeader;
    const std::uint16_t payload = detail::loadU16(ip.data() + 4);
    // Payload length 0 is a jumbogram (RFC 2675): the real length is elsewhere, so leave it
    // unstated and let the caller fall back to the frame length.
    out.ipLength = payload == 0 ? 0 : std::uint32_t{payload} + 40;
    out.ipProtocol = ip[6];
    out.src = net::Address::fromBytes(net::Family::V6, ip.subspan(8, 16));
    out.dst = net::Address::fromBytes(net::Family::V6, ip.subspan(24, 16));
    readPorts(ip.subspan(40), out);
    return HeaderError::None;
}

} // namespace

HeaderError
parsePacketHeader(std::span<const std::uint8_t> header, HeaderKind kind, PacketHeader &out) noexcept
{
    out = PacketHeader{};
    if (kind == HeaderKind::IPv4)
        return parseIPv4(header, out);
    if (kind == HeaderKind::IPv6)
        return parseIPv6(header, out);
    if (header.size() < 14)
        return HeaderError::Truncated;
    std::copy_n(header.data(), 6, out.dstMac.begin());
    std::copy_n(header.data() + 6, 6, out.srcMac.begin());
    out.hasMacs = true;
    std::size_t at = 12;
    std::uint16_t type = detail::loadU16(header.data() + at);
    at += 2;
    for (int tags = 0; (type == kEtherVlan || type == kEtherQinQ) && tags < 2; ++tags) {
        if (header.size() < at + 4)
            return HeaderError::Truncated;
        type = detail::loadU16(header.data() + at + 2);
        at += 4;
    }
    out.l2Length = static_cast<std::uint32_t>(at);
    if (type == kEtherIPv4)
        return parseIPv4(header.subspan(at), out);
    if (type == kEtherIPv6)
        return parseIPv6(header.subspan(at), out);
    return HeaderError::NotIp;
}

} // namespace bwx::settlement
