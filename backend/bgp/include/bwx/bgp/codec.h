#pragma once
// The BGP-4 codec: pure functions over bytes, no sockets, no state beyond what is passed in.
// Decoders never read outside their input and report errors as the NOTIFICATION that RFC 4271,
// RFC 7606 and RFC 5492 prescribe; encoders append whole messages (header included).
#include "bwx/bgp/messages.h"

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace bwx::bgp {

struct Decoration;

// What the two OPENs negotiated; decoding and encoding UPDATEs depend on it.
struct SessionParameters
{
    bool fourOctetAs = true;
    bool external = true; // eBGP: LOCAL_PREF, ORIGINATOR_ID, CLUSTER_LIST are discarded
    bool ipv4Unicast = true;
    bool ipv6Unicast = false;
    std::uint32_t maxMessageSize = kMaxMessageSize; // 65535 with RFC 8654 on both sides
};

// ---- Framing ---------------------------------------------------------------------------------

enum class FrameStatus { Complete, Incomplete, Error };

struct FrameCheck
{
    FrameStatus status = FrameStatus::Incomplete;
    MessageType type = MessageType::Keepalive;
    std::uint16_t length = 0; // whole message, header included
    Notification error;       // when status == Error
};

// Looks at the start of a receive buffer: Incomplete until a whole message is there. Checks the
// marker (1/1), the length against the limit and the type's own minimum/exact size (1/2, data =
// the length field) and the type (1/3, data = the type).
FrameCheck checkFrame(std::span<const std::uint8_t> buffer, std::uint32_t maxMessageSize);

// ---- OPEN ------------------------------------------------------------------------------------

struct OpenResult
{
    std::optional<Open> open;
    Notification error; // when !open
};

// `body` is the message after the 19-byte header. Checks what can be checked without knowing
// the peer: version (2/1), hold time 1 or 2 (2/6), BGP identifier 0 (2/3), AS 0 (2/2),
// optional parameters (2/4 unknown, 2/0 malformed), capability layouts (2/0).
OpenResult decodeOpen(std::span<const std::uint8_t> body);
void encodeOpen(const Open &open, std::vector<std::uint8_t> &out);

// ---- UPDATE ----------------------------------------------------------------------------------

// Decodes into `out` (cleared first; its buffers are reused across calls). Attribute errors are
// resolved through the RFC 7606 table (error_handling.h): out.action says what to do with the
// whole UPDATE, out.problems lists each error. AS_PATH/AS4_PATH and AGGREGATOR/AS4_AGGREGATOR
// are reconciled (RFC 6793 4.2.3) on 2-octet sessions, so attributes always hold 4-octet ASNs.
void decodeUpdate(std::span<const std::uint8_t> body,
                  const SessionParameters &session,
                  Update &out);

// RFC 6793 4.2.3 on its own: the path a NEW speaker uses given an OLD speaker's AS_PATH and
// AS4_PATH (the AS4_PATH is ignored when it is longer than the AS_PATH).
AsPath reconcileAsPath(const AsPath &asPath, const AsPath &as4Path);

// Appends UPDATE messages announcing `prefixes` (one family, not mixed) with `attributes`,
// packing as many prefixes per message as fit in session.maxMessageSize. IPv4 routes use
// NEXT_HOP, IPv6 routes MP_REACH_NLRI (placed first, RFC 7606 5.1). Unrecognised transitive
// attributes go out with the Partial bit set. On 2-octet sessions 4-octet ASNs become AS_TRANS
// with AS4_PATH / AS4_AGGREGATOR. Returns the number of messages appended.
std::size_t encodeAnnouncements(const PathAttributes &attributes,
                                std::span<const net::Prefix> prefixes,
                                const SessionParameters &session,
                                std::vector<std::uint8_t> &out);
// The same for routes passed on with a decoration (bwx/bgp/decoration.h; null: none).
std::size_t encodeAnnouncements(const PathAttributes &attributes,
                                const Decoration *decoration,
                                std::span<const net::Prefix> prefixes,
                                const SessionParameters &session,
                                std::vector<std::uint8_t> &out);

// Appends UPDATE messages withdrawing `prefixes` (IPv4 in the withdrawn field, IPv6 in
// MP_UNREACH_NLRI; the two may be mixed). Returns the number of messages appended.
std::size_t encodeWithdrawals(std::span<const net::Prefix> prefixes,
                              const SessionParameters &session,
                              std::vector<std::uint8_t> &out);

// RFC 4724 End-of-RIB: an empty UPDATE for IPv4, an empty MP_UNREACH_NLRI otherwise.
void encodeEndOfRib(AfiSafi family, std::vector<std::uint8_t> &out);

// ---- NOTIFICATION, KEEPALIVE, ROUTE-REFRESH --------------------------------------------------

Notification decodeNotification(std::span<const std::uint8_t> body);
void encodeNotification(const Notification &n, std::vector<std::uint8_t> &out);
void encodeKeepalive(std::vector<std::uint8_t> &out);
std::optional<RouteRefresh> decodeRouteRefresh(std::span<const std::uint8_t> body);
void encodeRouteRefresh(const RouteRefresh &r, std::vector<std::uint8_t> &out);

// Bytes a prefix takes in an NLRI field (length octet + significant octets).
inline std::size_t nlriSize(const net::Prefix &p) noexcept
{
    return 1 + static_cast<std::size_t>((p.length() + 7) / 8);
}

} // namespace bwx::bgp
