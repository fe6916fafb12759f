#pragma once
// Configuration of the speaker and of each peer.
#include "bwx/bgp/constants.h"
#include "bwx/domain/ids.h"
#include "bwx/net/address.h"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bwx::bgp {

using Seconds = std::chrono::seconds;
using Milliseconds = std::chrono::milliseconds;

struct PeerConfig
{
    std::string name;           // for logs and status
    MemberId member{0};         // the exchange member this router belongs to
    net::Address address;       // the peer's address; incoming connections are matched on it
    std::uint16_t port = kDefaultPort;        // where to connect (active peers)
    std::optional<net::Address> localAddress; // bind outgoing connections to it
    Asn remoteAs = 0;
    bool passive = false; // never connect, only accept
    // RFC 2385 TCP MD5 signature; empty = off. At most 80 bytes (TCP_MD5SIG_MAXKEYLEN).
    std::string md5Password;
    // RFC 5082 GTSM: send with TTL 255, accept only TTL >= 256 - gtsmHops.
    bool gtsm = false;
    std::uint8_t gtsmHops = 1;
    // Per address family; 0 = no limit. Exceeding it sends Cease 6/1 and closes the session,
    // which is retried after maxPrefixRestart.
    std::uint32_t maxPrefixes = 0;
    Seconds maxPrefixRestart{60};
    std::uint16_t holdTime = 90; // 0 (no keepalives) or >= 3
    Seconds connectRetryTime{10};
    // Back-off after a session failed: first wait, doubled per failure up to the maximum,
    // reset once a session has stayed up for stableTime.
    Milliseconds idleHoldTime{1000};
    Milliseconds idleHoldTimeMax{120'000};
    Seconds stableTime{60};
    bool ipv4Unicast = true;
    bool ipv6Unicast = true;
    // RFC 4724: restart time advertised (0: capability not sent) and the longest time stale
    // routes are kept after the peer came back without sending End-of-RIB.
    std::uint16_t gracefulRestartTime = 120;
    Seconds stalePathTime{360};
};

struct ListenEndpoint
{
    net::Address address;
    std::uint16_t port = kDefaultPort;
};

struct SpeakerConfig
{
    Asn localAs = 0;
    std::uint32_t routerId = 0; // BGP identifier, host order, non-zero
    std::vector<ListenEndpoint> listen;
    std::vector<PeerConfig> peers;
    // Outbound bytes buffered per session before it stops encoding more; what remains to be
    // sent stays as queued prefixes, not as bytes.
    std::size_t outboundHighWater = 1 << 20;
    // Status snapshots are republished at this period (and on every state change).
    Milliseconds statusPeriod{250};
};

} // namespace bwx::bgp
