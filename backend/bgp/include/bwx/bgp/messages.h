#pragma once
// BGP messages as typed values: what the decoders produce and the encoders consume.
#include "bwx/bgp/constants.h"
#include "bwx/bgp/error_handling.h"
#include "bwx/bgp/path_attributes.h"
#include "bwx/net/prefix.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bwx::bgp {

struct AfiSafi
{
    std::uint16_t afi = 0;
    std::uint8_t safi = 0;

    static constexpr AfiSafi ipv4Unicast() { return {1, 1}; }
    static constexpr AfiSafi ipv6Unicast() { return {2, 1}; }
    friend auto operator<=>(const AfiSafi &, const AfiSafi &) = default;
};

// RFC 4724. This speaker is a receiving speaker (helper): it advertises the capability with
// restart time and no preserved families, and keeps a restarting peer's routes as stale.
struct GracefulRestart
{
    bool restarting = false;       // R bit: the sender has just restarted
    bool notification = false;     // N bit (RFC 8538), carried but not acted upon
    std::uint16_t restartTime = 0; // seconds, 12 bits
    struct Family
    {
        AfiSafi family;
        bool forwardingPreserved = false;
        friend bool operator==(const Family &, const Family &) = default;
    };
    std::vector<Family> families;

    friend bool operator==(const GracefulRestart &, const GracefulRestart &) = default;
};

struct RawCapability
{
    std::uint8_t code = 0;
    std::vector<std::uint8_t> value;
    friend bool operator==(const RawCapability &, const RawCapability &) = default;
};

struct Capabilities
{
    std::vector<AfiSafi> multiprotocol; // RFC 4760, in the order advertised
    bool routeRefresh = false;           // RFC 2918
    bool extendedMessage = false;        // RFC 8654
    std::optional<Asn> fourOctetAs;      // RFC 6793: the sender's real AS
    std::optional<GracefulRestart> gracefulRestart;
    std::vector<RawCapability> unknown; // kept for diagnostics

    bool hasFamily(AfiSafi f) const noexcept;
    friend bool operator==(const Capabilities &, const Capabilities &) = default;
};

struct Open
{
    std::uint8_t version = kVersion;
    std::uint16_t myAs = 0; // AS_TRANS when the real AS needs 4 octets
    std::uint16_t holdTime = 0;
    std::uint32_t bgpId = 0; // host order
    Capabilities capabilities;

    // The sender's AS: from the 4-octet AS capability when present.
    Asn asn() const noexcept { return capabilities.fourOctetAs.value_or(myAs); }
    friend bool operator==(const Open &, const Open &) = default;
};

struct Notification
{
    std::uint8_t code = 0;
    std::uint8_t subcode = 0;
    std::vector<std::uint8_t> data;

    static Notification make(ErrorCode code, std::uint8_t subcode,
                             std::vector<std::uint8_t> data = {});
    // RFC 9003 shutdown communication for Cease 6/2 and 6/4.
    static Notification shutdown(std::uint8_t subcode, std::string_view message);
    // RFC 4486 6/1: AFI, SAFI and the configured maximum.
    static Notification maxPrefix(AfiSafi family, std::uint32_t limit);

    std::optional<std::string> shutdownMessage() const;
    // "6/1 (Cease: maximum number of prefixes reached)" and the data when short.
    std::string toString() const;
    friend bool operator==(const Notification &, const Notification &) = default;
};

struct RouteRefresh
{
    AfiSafi family;
    std::uint8_t subtype = 0; // RFC 7313; 0 for a plain RFC 2918 request
    friend bool operator==(const RouteRefresh &, const RouteRefresh &) = default;
};

// One attribute error found while decoding an UPDATE, and what was done about it.
struct AttributeProblem
{
    std::uint8_t type = 0;
    AttributeFault fault = AttributeFault::BadLength;
    ErrorAction action = ErrorAction::None;
    std::string detail;
};

// A decoded UPDATE. IPv4 routes come from the withdrawn and NLRI fields, IPv6 routes from
// MP_UNREACH_NLRI and MP_REACH_NLRI; `withdrawn` holds both families.
struct Update
{
    std::vector<net::Prefix> withdrawn;
    std::vector<net::Prefix> announced;   // IPv4 NLRI field; next hop: attributes.nextHop
    std::vector<net::Prefix> mpAnnounced; // MP_REACH_NLRI (IPv6 unicast)
    net::OptionalAddress mpNextHop;
    net::OptionalAddress mpLinkLocalNextHop;
    PathAttributes attributes;
    // The strongest action any problem asked for (RFC 7606 3).
    ErrorAction action = ErrorAction::None;
    // Set when action == SessionReset.
    std::optional<Notification> notification;
    std::vector<AttributeProblem> problems;
    // RFC 4724 End-of-RIB marker for this family.
    std::optional<AfiSafi> endOfRib;

    void clear();
    // The prefixes to treat as withdrawn when action == TreatAsWithdraw (RFC 7606 2).
    std::vector<net::Prefix> allAnnounced() const;
};

} // namespace bwx::bgp
