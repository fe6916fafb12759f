#pragma once
// What a probe carries and how an answer is recognised. Every probe's payload starts with a tag —
// "BWXQ", the train's random nonce, the probe's sequence number — so a reply (an ICMP echo reply,
// a reflector's echo, or the copy of the probe inside an ICMP error) is matched to its probe and
// nothing else: not a reply to an earlier train, not another program's packet.
#include "bwx/net/address.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace bwx::quality::detail {

inline constexpr std::size_t kTagBytes = 16;

void writeTag(std::span<std::uint8_t> payload, std::uint64_t nonce, std::uint32_t sequence);
std::optional<std::uint32_t> readTag(std::span<const std::uint8_t> payload, std::uint64_t nonce);

// An ICMP (or ICMPv6) echo request for a datagram ICMP socket: the kernel fills in the identifier
// and the checksum.
std::vector<std::uint8_t> echoRequest(net::Family family,
                                      std::uint64_t nonce,
                                      std::uint32_t sequence,
                                      std::size_t payloadBytes);
// The probe sequence number if `datagram` (ICMP header and data, as a datagram ICMP socket
// returns it) is an echo reply to this train.
std::optional<std::uint32_t>
echoReplySequence(net::Family family, std::span<const std::uint8_t> datagram, std::uint64_t nonce);
// A UDP probe's payload.
std::vector<std::uint8_t>
udpPayload(std::uint64_t nonce, std::uint32_t sequence, std::size_t payloadBytes);

// An error report from the socket's error queue (IP_RECVERR).
struct ErrorReport
{
    enum class Origin : std::uint8_t { Local, Icmp, Icmp6, Other };
    Origin origin = Origin::Other;
    std::uint8_t type = 0;
    std::uint8_t code = 0;
    int error = 0; // errno value
    std::optional<net::Address> offender;
};

// Port unreachable from the target itself: the target answered a UDP probe.
bool isPortUnreachableFrom(const ErrorReport &report, const net::Address &target);
// "ICMP host unreachable from 10.0.0.2", "local error: No route to host", ...
std::string describe(const ErrorReport &report);

} // namespace bwx::quality::detail
