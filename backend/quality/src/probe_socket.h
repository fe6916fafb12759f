#pragma once
// Opening a probe socket: a datagram ICMP socket ("ping socket": no raw-socket privilege, the
// kernel sets identifier and checksum and hands this socket only its own replies; needs the
// process's group in net.ipv4.ping_group_range) or a UDP socket connected to the target. Both
// report ICMP errors through the error queue (IP_RECVERR) and stamp arrivals (SO_TIMESTAMPNS).
#include "bwx/expected.h"
#include "bwx/net/address.h"
#include "bwx/quality/probe_config.h"

#include <cstdint>
#include <optional>
#include <sys/socket.h>

namespace bwx::quality::detail {

struct SocketSpec
{
    ProbeProtocol protocol = ProbeProtocol::Icmp;
    net::Address target;
    std::uint16_t udpPort = 0;
    std::optional<std::uint32_t> fwmark;
    std::optional<net::Address> source;
};

// A non-blocking, close-on-exec descriptor the caller owns, or why it could not be opened.
Expected<int> openProbeSocket(const SocketSpec &spec);

// socket address <-> Address (port in network order through `port`).
socklen_t toSockaddr(const net::Address &address, std::uint16_t port, sockaddr_storage &out);
std::optional<net::Address> fromSockaddr(const sockaddr *address, socklen_t length);

} // namespace bwx::quality::detail
