#include "probe_packet.h"

#include <cstring>

namespace bwx::quality::detail {

namespace {

constexpr std::uint8_t kMagic[4] = {'B', 'W', 'X', 'Q'};

void putBig(std::uint8_t *out, std::uint64_t value, int bytes)
{
    for (int i = 0; i < bytes; ++i)
        out[i] = static_cast<std::uint8_t>(value >> (8 * (bytes - 1 - i)));
}

std::uint64_t getBig(const std::uint8_t *in, int bytes)
{
    std::uint64_t value = 0;
    for (int i = 0; i < bytes; ++i)
        value = (value << 8) | in[i];
    return value;
}

} // namespace

void writeTag(std::span<std::uint8_t> payload, std::uint64_t nonce, std::uint32_t sequence)
{
    std::memcpy(payload.data(), kMagic, sizeof kMagic);
    putBig(payload.data() + 4, nonce, 8);
    putBig(payload.data() + 12, sequence, 4);
    // A fixed, recognisable filler rather than zeros, which some links compress.
    for (std::size_t i = kTagBytes; i < payload.size(); ++i)
        payload[i] = static_cast<std::uint8_t>(0x40 + i % 26);
}

std::optional<std::uint32_t> readTag(std::span<const std::uint8_t> payload, std::uint64_t nonce)
{
    if (payload.size() < kTagBytes || std::memcmp(payload.data(), kMagic, sizeof kMagic) != 0
        || getBig(payload.data() + 4, 8) != nonce)
        return std::nullopt;
    return static_cast<std::uint32_t>(getBig(payload.data() + 12, 4));
}

std::vector<std::uint8_t> echoRequest(net::Family family,
                                      std::uint64_t nonce,
                                      std::uint32_t sequence,
                                      std::size_t payloadBytes)
{
    std::vector<std::uint8_t> packet(8 + payloadBytes, 0);
    packet[0] = family == net::Family::V4 ? 8 : 128; // echo request
    packet[1] = 0;
    // Checksum (bytes 2-3) and identifier (4-5) are the kernel's.
    putBig(packet.data() + 6, sequence & 0xffffu, 2);
    writeTag(std::span(packet).subspan(8), nonce, sequence);
    return packet;
}

std::optional<std::uint32_t>
echoReplySequence(net::Family family, std::span<const std::uint8_t> datagram, std::uint64_t nonce)
{
    const std::uint8_t reply = family == net::Family::V4 ? 0 : 129;
    if (datagram.size() < 8 + kTagBytes || datagram[0] != reply || datagram[1] != 0)
        return std::nullopt;
    const auto sequence = readTag(datagram.subspan(8), nonce);
    if (!sequence || (*sequence & 0xffffu) != getBig(datagram.data() + 6, 2))
        return std::nullopt;
    return sequence;
}

std::vector<std::uint8_t>
udpPayload(std::uint64_t nonce, std::uint32_t sequence, std::size_t payloadBytes)
{
    std::vector<std::uint8_t> payload(payloadBytes, 0);
    writeTag(payload, nonce, sequence);
    return payload;
}

bool isPortUnreachableFrom(const ErrorReport &report, const net::Address &target)
{
    const bool port
        = (report.origin == ErrorReport::Origin::Icmp && report.type == 3 && report.code == 3)
          || (report.origin == ErrorReport::Origin::Icmp6 && report.type == 1 && report.code == 4);
    return port && report.offender && *report.offender == target;
}

namespace {

std::string icmpName(std::uint8_t type, std::uint8_t code)
{
    if (type == 3) {
        switch (code) {
        case 0:
            return "ICMP net unreachable";
        case 1:
            return "ICMP host unreachable";
        case 2:
            return "ICMP protocol unreachable";
        case 3:
            return "ICMP port unreachable";
        case 4:
            return "ICMP fragmentation needed";
        case 9:
        case 10:
        case 13:
            return "ICMP administratively prohibited";
        default:
            return "ICMP destination unreachable (code " + std::to_string(code) + ")";
        }
    }
    if (type == 11)
        return "ICMP time exceeded";
    return "ICMP type " + std::to_string(type) + " code " + std::to_string(code);
}

std::string icmp6Name(std::uint8_t type, std::uint8_t code)
{
    if (type == 1) {
        switch (code) {
        case 0:
            return "ICMPv6 no route";
        case 1:
            return "ICMPv6 administratively prohibited";
        case 3:
            return "ICMPv6 address unreachable";
        case 4:
            return "ICMPv6 port unreachable";
        default:
            return "ICMPv6 destination unreachable (code " + std::to_string(code) + ")";
        }
    }
    if (type == 2)
        return "ICMPv6 packet too big";
    if (type == 3)
        return "ICMPv6 time exceeded";
    return "ICMPv6 type " + std::to_string(type) + " code " + std::to_string(code);
}

} // namespace

std::string describe(const ErrorReport &report)
{
    std::string text;
    switch (report.origin) {
    case ErrorReport::Origin::Icmp:
        text = icmpName(report.type, report.code);
        break;
    case ErrorReport::Origin::Icmp6:
        text = icmp6Name(report.type, report.code);
        break;
    case ErrorReport::Origin::Local:
        text = std::string("local error: ") + std::strerror(report.error);
        break;
    case ErrorReport::Origin::Other:
        text = std::string("error: ") + std::strerror(report.error);
        break;
    }
    if (report.offender && report.origin != ErrorReport::Origin::Local)
        text += " from " + report.offender->toString();
    return text;
}

} // namespace bwx::quality::detail
