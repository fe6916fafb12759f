#pragma once
// Per-peer socket protections: RFC 2385 TCP MD5 signatures and RFC 5082 GTSM.
#include "bwx/expected.h"
#include "bwx/net/address.h"

#include <cstdint>
#include <string>

namespace bwx::bgp::detail {

// Installs (or with an empty key removes) the MD5 key used with `peer` on socket `fd`. On a
// listening socket the kernel copies it to connections accepted from that peer.
Expected<bool> setTcpMd5(int fd, const net::Address &peer, const std::string &key);

// Outgoing packets carry TTL / hop limit 255.
Expected<bool> setOutgoingTtl255(int fd, net::Family family);
// Back to the system default TTL / hop limit (a socket accepted on a listener set to 255).
Expected<bool> setDefaultTtl(int fd, net::Family family);
// Incoming packets with a TTL / hop limit below 256 - hops are dropped by the kernel.
Expected<bool> setMinimumTtl(int fd, net::Family family, std::uint8_t hops);

} // namespace bwx::bgp::detail
